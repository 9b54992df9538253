//! `uzpay._uzpay`, the native half of the pip package `uzpay`: it converts and never
//! decides. Inputs are read by the codec generated from the core's description
//! (`generated.rs`), outputs become the generated record classes, core errors the
//! exceptions of `uzpay.errors`; every entry point is guarded so that a panic is an
//! `UzpayError`, never a `PanicException`.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing))]

mod api;
mod convert;
mod errors;
mod flows;
mod generated;
mod response;

use pyo3::prelude::*;
use pyo3::types::PyTuple;

/// Test hook: panics inside the guard, to show that a panic surfaces as
/// `UzpayError(kind="internal")` and not as `PanicException`.
#[pyfunction]
#[allow(clippy::panic, reason = "the one deliberate panic, to test the guard")]
fn _panic_for_tests(py: Python<'_>) -> PyResult<()> {
    errors::guard(py, || panic!("deliberate test panic"))
}

/// The native half of uzpay; import `uzpay`, not this module.
#[pymodule]
fn _uzpay(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("OPERATIONS", PyTuple::new(py, uzpay::OPERATIONS)?)?;
    m.add("MAX_BODY_BYTES", uzpay::limits::MAX_BODY_BYTES)?;
    m.add("REDACTED", uzpay::http::REDACTED)?;
    m.add_class::<api::Config>()?;
    generated::add_flows(m)?;
    m.add_function(wrap_pyfunction!(api::build, m)?)?;
    m.add_function(wrap_pyfunction!(api::parse, m)?)?;
    m.add_function(wrap_pyfunction!(api::call, m)?)?;
    m.add_function(wrap_pyfunction!(convert::_register, m)?)?;
    m.add_function(wrap_pyfunction!(convert::redacted, m)?)?;
    // PyO3 lists every name added above in `__all__`; the public names are `uzpay`'s.
    m.delattr("__all__")?;
    m.setattr("_panic_for_tests", wrap_pyfunction!(_panic_for_tests, m)?)
}
