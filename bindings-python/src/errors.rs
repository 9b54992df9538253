//! The core's `uzpay::Error` as the Python exceptions of `uzpay.errors`, and the
//! guard that keeps a Rust panic from surfacing as `pyo3_runtime.PanicException`.
//!
//! The exception classes are written in Python (`uzpay/errors.py`) so that they are
//! plain, documented, picklable classes; this module only fills them in.

use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyModule, PyString};
use serde_json::Value;
use uzpay::{Error, ErrorKind};

use crate::convert::{self, Refusal};

/// The Python class an error is raised as, when it is not the one its kind implies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// The class of the error's kind (`InvalidInput`, `ProviderError`, ...).
    OfKind,
    /// `InputTypeError`: an `InvalidInput` that is also a `TypeError`, for a value of
    /// a Python type the input cannot take (a float for money, a bool for a count).
    InputType,
}

/// The exception for a core error.
pub(crate) fn from_core(py: Python<'_>, error: &Error, class: Class) -> PyErr {
    exception(py, error, class).unwrap_or_else(|e| e)
}

/// The exception for a core error about an input (`inputs` are the JSON the core was
/// given). A bool the core refused becomes an `InputTypeError`: in Python `True` is
/// an int, so `amount=True` passes for one unless it is called out as a wrong type.
/// No uzpay bool field has rules beyond its type, so a refused bool is always a type
/// error.
pub(crate) fn from_core_input(py: Python<'_>, error: &Error, inputs: &[&Value]) -> PyErr {
    let refused_a_bool = error
        .field()
        .is_some_and(|field| inputs.iter().any(|root| matches!(convert::at_path(root, field), Some(Value::Bool(_)))));
    let class = if refused_a_bool { Class::InputType } else { Class::OfKind };
    from_core(py, error, class)
}

/// The exception for an input the binding could not turn into JSON.
pub(crate) fn from_refusal(py: Python<'_>, refusal: Refusal) -> PyErr {
    match refusal {
        // The same error value as the core's, so the text reads the same.
        Refusal::Type { field, message } => from_core(py, &Error::invalid_input(field, message), Class::InputType),
        Refusal::Value { field, message } => from_core(py, &Error::invalid_input(field, message), Class::OfKind),
        Refusal::Python(err) => err,
    }
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

/// [`internal`], with the Python error that revealed the bug as its `__cause__`.
pub(crate) fn internal_from(py: Python<'_>, what: &str, cause: PyErr) -> PyErr {
    let err = internal(py, &format!("{what}: {cause}"));
    err.set_cause(py, Some(cause));
    err
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

fn exception(py: Python<'_>, error: &Error, class: Class) -> PyResult<PyErr> {
    let kwargs = PyDict::new(py);
    kwargs.set_item("message", error.message())?;
    kwargs.set_item("retryable", error.retryable())?;
    let name = match error.kind() {
        ErrorKind::InvalidInput => {
            kwargs.set_item("field", error.field().unwrap_or_default())?;
            match class {
                Class::OfKind => "InvalidInput",
                Class::InputType => "InputTypeError",
            }
        }
        ErrorKind::Provider => {
            if let Some(p) = error.provider_error() {
                kwargs.set_item("provider", p.provider.as_str())?;
                kwargs.set_item("code", &p.code)?;
                kwargs.set_item("status", p.status)?;
                let messages = PyDict::new(py);
                for (lang, text) in [("uz", &p.messages.uz), ("ru", &p.messages.ru), ("en", &p.messages.en)] {
                    if let Some(text) = text {
                        messages.set_item(lang, text)?;
                    }
                }
                kwargs.set_item("messages", messages)?;
                kwargs.set_item("details", details(py, p.details.as_deref())?)?;
            }
            "ProviderError"
        }
        ErrorKind::Http => {
            kwargs.set_item("status", error.status().unwrap_or_default())?;
            "HttpError"
        }
        ErrorKind::Decode => "DecodeError",
    };
    let instance = errors_module(py)?.getattr(name)?.call((error.to_string(),), Some(&kwargs))?;
    Ok(PyErr::from_value(instance))
}

/// The provider's extra data: the core keeps it as JSON text, Python gets the value.
/// Text that is not JSON (VIA's `path: ...`) stays text.
fn details<'py>(py: Python<'py>, text: Option<&str>) -> PyResult<Bound<'py, PyAny>> {
    let Some(text) = text else {
        return Ok(py.None().into_bound(py));
    };
    match serde_json::from_str::<Value>(text) {
        Ok(value) => convert::to_python(py, &value),
        Err(_) => Ok(PyString::new(py, text).into_any()),
    }
}

fn errors_module(py: Python<'_>) -> PyResult<&Bound<'_, PyModule>> {
    static ERRORS: PyOnceLock<Py<PyModule>> = PyOnceLock::new();
    ERRORS.get_or_try_init(py, || py.import("uzpay.errors").map(Bound::unbind)).map(|m| m.bind(py))
}
