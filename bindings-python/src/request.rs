//! `uzpay.HttpRequest`: a request built by the core, ready for any HTTP client.

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

use crate::errors;

/// A request built and validated by uzpay; nothing has been sent.
///
/// `repr()` and `str()` mask credential headers (the core's notion of a sensitive
/// header) and show the body only as its length, since a body may carry card data.
#[pyclass(frozen, eq, module = "uzpay", name = "HttpRequest")]
#[derive(PartialEq)]
pub(crate) struct HttpRequest(pub(crate) uzpay::HttpRequest);

#[pymethods]
impl HttpRequest {
    /// `"GET"` or `"POST"`.
    #[getter]
    fn method(&self) -> &'static str {
        self.0.method.as_str()
    }

    /// The absolute URL, query included.
    #[getter]
    fn url(&self) -> &str {
        &self.0.url
    }

    /// The headers as `(name, value)` pairs, in the order they should be sent.
    #[getter]
    fn headers(&self) -> Vec<(String, String)> {
        self.0.headers.iter().map(|h| (h.name.clone(), h.value.clone())).collect()
    }

    /// The body: UTF-8 JSON for a `POST`, empty for a `GET`.
    #[getter]
    fn body<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.0.body)
    }

    /// The first header with this name (case-insensitive), or `None`.
    fn header(&self, name: &str) -> Option<&str> {
        self.0.header(name)
    }

    /// The body parsed as JSON (`None` for an empty body). Amounts appear in the
    /// provider's wire unit here (PaymentsGate's som), not in tiyin.
    fn json<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        errors::guard(py, || {
            if self.0.body.is_empty() {
                return Ok(py.None().into_bound(py));
            }
            let value: serde_json::Value = serde_json::from_slice(&self.0.body)
                .map_err(|e| errors::internal(py, &format!("the body is not JSON: {e}")))?;
            errors::to_python(py, &value)
        })
    }

    /// A copy safe to log: credential headers read `***`, and in the body a card number
    /// is masked (`860012******1234`) and credential fields read `***`.
    fn redacted(&self, py: Python<'_>) -> PyResult<HttpRequest> {
        errors::guard(py, || Ok(HttpRequest(self.0.redacted())))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        errors::guard(py, || {
            let shown = self.0.redacted();
            let headers = shown
                .headers
                .iter()
                .map(|h| Ok(format!("({}, {})", repr(py, &h.name)?, repr(py, &h.value)?)))
                .collect::<PyResult<Vec<_>>>()?;
            Ok(format!(
                "HttpRequest(method={}, url={}, headers=[{}], body=<{} bytes>)",
                repr(py, shown.method.as_str())?,
                repr(py, &shown.url)?,
                headers.join(", "),
                shown.body.len()
            ))
        })
    }
}

fn repr(py: Python<'_>, s: &str) -> PyResult<String> {
    Ok(PyString::new(py, s).repr()?.to_cow()?.into_owned())
}
