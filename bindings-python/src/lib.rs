//! `uzpay._uzpay`, the native half of the pip package `uzpay`.
//!
//! The binding converts and never decides: every rule and type lives once, in the
//! core. Inputs (keyword arguments, dicts, `Item`s) are decoded into the core's typed
//! inputs (`de`), or, for any input that path does not take or the core refuses,
//! become JSON for `uzpay::dispatch::build`, which names the field of every error
//! (`convert`); responses become an `uzpay::HttpResponse` for the core's parser, whose
//! typed output becomes a typed, frozen Python class (`record`). Core errors become
//! the exceptions of `uzpay.errors`, and every entry point is guarded so that a panic
//! is an `UzpayError`, never a `PanicException`.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing))]

mod args;
mod config;
mod convert;
mod de;
mod errors;
mod ofd;
mod operations;
mod receipt;
mod record;
mod request;
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
    m.add_class::<config::FiscalBoxConfig>()?;
    m.add_class::<config::PaylovConfig>()?;
    m.add_class::<config::PaymentsGateConfig>()?;
    m.add_class::<config::ViaConfig>()?;
    m.add_class::<request::HttpRequest>()?;
    m.add_class::<ofd::OfdReceiptUrl>()?;
    m.add_function(wrap_pyfunction!(receipt::receipt_totals, m)?)?;
    m.add_function(wrap_pyfunction!(receipt::vat_included, m)?)?;
    operations::register(m)?;
    // PyO3 lists every name added above in `__all__`. Without it, `from uzpay._uzpay
    // import *` (in `uzpay/__init__.py`) takes exactly the public names, and the stub
    // needs no list to keep in step with the operation table.
    m.delattr("__all__")?;
    m.setattr("_panic_for_tests", wrap_pyfunction!(_panic_for_tests, m)?)
}
