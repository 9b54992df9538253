//! Single arguments (an amount, a VAT rate, a receipt number, a URL, a status) decoded
//! straight from Python (`crate::de`) or, when that path does not take the value, by
//! the core's JSON decoder, so a wrong type gets the core's words and the argument's
//! name.

use pyo3::prelude::*;
use serde::de::DeserializeOwned;
use uzpay::Error;

use crate::errors::{self, Class};
use crate::{convert, de};

/// Decodes the argument `name` as a `T`.
pub(crate) fn arg<T: DeserializeOwned>(py: Python<'_>, name: &str, value: &Bound<'_, PyAny>) -> PyResult<T> {
    if let Ok(decoded) = de::decode(value) {
        return Ok(decoded);
    }
    let json = convert::to_json(value, name).map_err(|r| errors::from_refusal(py, r))?;
    uzpay::json::from_json_value::<T>(&json).map_err(|e| {
        // The core names fields inside the value; a bare value's path is empty, and
        // the argument's name says more.
        let e = match e {
            Error::InvalidInput { field, message } if field.is_empty() => Error::invalid_input(name, message),
            other => other,
        };
        let class = if json.is_boolean() { Class::InputType } else { Class::OfKind };
        errors::from_core(py, &e, class)
    })
}
