//! The core's `uzpay::Error` as the Python exceptions of `uzpay.errors`, and the
//! guard that keeps a Rust panic from surfacing as `pyo3_runtime.PanicException`.
//!
//! The exception classes are written in Python (`uzpay/errors.py`); the core hands
//! over its error as plain data (`uzpay::ErrorRecord`) and `errors._from_core` picks
//! the class by kind.

use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyModule;
use serde::Serialize;
use uzpay::Error;

/// The exception for a core error.
pub(crate) fn from_core(py: Python<'_>, error: &Error) -> PyErr {
    raise(py, error, false)
}

/// The exception for the core's refusal of `input` (an `InputTypeError` where it
/// refuses a value's Python type).
pub(crate) fn refused(py: Python<'_>, error: Error, input: &Bound<'_, PyAny>) -> PyErr {
    let (error, type_error) = crate::convert::refusal(error, input);
    raise(py, &error, type_error)
}

fn raise(py: Python<'_>, error: &Error, type_error: bool) -> PyErr {
    let raised = to_python(py, &error.to_record())
        .and_then(|record| errors_module(py)?.getattr("_from_core")?.call1((record, type_error)));
    match raised {
        Ok(instance) => PyErr::from_value(instance),
        Err(e) => e,
    }
}

/// A value of the core as plain Python (dicts, lists, str, int, float, bool, None).
pub(crate) fn to_python<'py, T: Serialize>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    pythonize::pythonize(py, value).map_err(|e| internal(py, &format!("a value of the core as Python: {e}")))
}

/// An error that is uzpay's own bug: `UzpayError` with kind `internal`.
pub(crate) fn internal(py: Python<'_>, what: &str) -> PyErr {
    let text = format!("internal error in uzpay (a bug; please report it): {what}");
    let raised =
        errors_module(py).and_then(|m| m.getattr("UzpayError")).and_then(|class| class.call1((text.as_str(),)));
    match raised {
        Ok(instance) => PyErr::from_value(instance),
        Err(_) => PyRuntimeError::new_err(text),
    }
}

/// Runs one entry point of the module, turning a panic into `UzpayError` (kind
/// `internal`). The core forbids panics by lint; this is the belt to those braces,
/// because `PanicException` derives from `BaseException` and escapes `except
/// Exception` handlers in a web server.
pub(crate) fn guard<T>(py: Python<'_>, f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(result) => result,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic".to_owned());
            Err(internal(py, &format!("panicked: {what}")))
        }
    }
}

fn errors_module(py: Python<'_>) -> PyResult<&Bound<'_, PyModule>> {
    static ERRORS: PyOnceLock<Py<PyModule>> = PyOnceLock::new();
    ERRORS.get_or_try_init(py, || py.import("uzpay.errors").map(Bound::unbind)).map(|m| m.bind(py))
}
