//! A response as Python hands it over (`status, headers, body`) to the core's
//! `uzpay::HttpResponse`.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyList, PyMapping, PyMemoryView, PyString, PyTuple};
use uzpay::{Header, HttpResponse};

use crate::convert::FromPy;

/// Reads `status` (an int), `headers` (a mapping, `(name, value)` pairs or `None`) and
/// `body` (bytes, or text sent as UTF-8).
pub(crate) fn from_python(
    status: &Bound<'_, PyAny>,
    headers: &Bound<'_, PyAny>,
    body: &Bound<'_, PyAny>,
) -> PyResult<HttpResponse> {
    let status = u16::from_py(status).ok_or_else(|| {
        let refused =
            uzpay::Error::invalid_input("status", "must be the HTTP status code: a whole number from 0 to 65535");
        crate::errors::from_core(status.py(), &refused)
    })?;
    let mut response = HttpResponse::new(status, body_bytes(body)?);
    response.headers = header_list(headers)?;
    Ok(response)
}

fn body_bytes(body: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    if body.is_none() {
        return Ok(Vec::new());
    }
    if let Ok(bytes) = body.cast::<PyBytes>() {
        return Ok(bytes.as_bytes().to_vec());
    }
    if let Ok(text) = body.cast::<PyString>() {
        return Ok(text.to_cow()?.as_bytes().to_vec());
    }
    if body.is_instance_of::<PyByteArray>() || body.is_instance_of::<PyMemoryView>() {
        let bytes = body.py().get_type::<PyBytes>().call1((body,))?;
        return Ok(bytes.cast::<PyBytes>()?.as_bytes().to_vec());
    }
    Err(PyTypeError::new_err(format!("body must be bytes or str, not {}", body.get_type().name()?)))
}

fn header_list(headers: &Bound<'_, PyAny>) -> PyResult<Vec<Header>> {
    if headers.is_none() {
        return Ok(Vec::new());
    }
    // A dict, `requests`' CaseInsensitiveDict, or anything else with `items()` (as
    // `http.client.HTTPMessage`, which keeps repeated headers); otherwise pairs. A
    // list, a tuple and a dict are known without the (slow) `Mapping` check.
    let pairs = if headers.is_exact_instance_of::<PyList>() || headers.is_exact_instance_of::<PyTuple>() {
        headers.clone()
    } else if headers.is_exact_instance_of::<PyDict>()
        || headers.is_instance_of::<PyMapping>()
        || headers.hasattr("items")?
    {
        headers.call_method0("items")?
    } else {
        headers.clone()
    };
    let mut list = Vec::new();
    for (index, pair) in pairs.try_iter()?.enumerate() {
        let (name, value): (String, String) = pair?
            .extract()
            .map_err(|_| PyTypeError::new_err(format!("headers[{index}] must be a (name, value) pair of str")))?;
        list.push(Header::new(name, value));
    }
    Ok(list)
}
