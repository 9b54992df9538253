//! The calls into the core: a provider config checked once and kept typed, a build
//! by operation name from JSON text, a parse into the canonical output, and the
//! fiscal-domain functions. Each takes JSON text where it takes an input, so the core
//! decodes every input with its own field paths and words.

use pyo3::prelude::*;
use serde::{Deserialize, Serialize};
use uzpay::dispatch::{self, ProviderConfig};
use uzpay::ofd::{OfdDateTime, OfdReceiptKind, OfdReceiptUrl};
use uzpay::receipt::ReceiptItem;

use crate::errors::{self, guard};
use crate::request::HttpRequest;
use crate::response;

/// A provider's config as the core checked it (`uzpay.PaylovConfig` and its siblings
/// keep one, made when they are). Opaque: its credentials stay in Rust.
#[pyclass(frozen, eq, module = "uzpay._uzpay")]
#[derive(PartialEq)]
pub(crate) struct Config(ProviderConfig);

#[pymethods]
impl Config {
    /// Checks the config of `provider` given as JSON text.
    #[new]
    fn new(py: Python<'_>, provider: &str, config: &str) -> PyResult<Self> {
        guard(py, || ProviderConfig::from_json(provider, config).map(Config).map_err(|e| errors::from_core(py, &e)))
    }

    fn __repr__(&self) -> String {
        // The core's `Debug` masks every credential.
        format!("{:?}", self.0)
    }
}

/// Validates the input (JSON text) and builds the request of the operation `op`.
#[pyfunction]
pub(crate) fn build(py: Python<'_>, op: &str, config: &Config, input: &str) -> PyResult<HttpRequest> {
    guard(py, || dispatch::build_json_for(op, &config.0, input).map(HttpRequest).map_err(|e| errors::from_core(py, &e)))
}

/// Parses a response to `op` into its canonical output, as plain Python values.
#[pyfunction]
pub(crate) fn parse<'py>(
    py: Python<'py>,
    op: &str,
    status: &Bound<'py, PyAny>,
    headers: &Bound<'py, PyAny>,
    body: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    struct Parse<'a, 'py>(Python<'py>, &'a uzpay::HttpResponse);
    impl<'py> dispatch::OperationVisitor for Parse<'_, 'py> {
        type Output = PyResult<Bound<'py, PyAny>>;
        fn visit<O: uzpay::Operation>(self) -> Self::Output {
            let output = O::parse(self.1).map_err(|e| errors::from_core(self.0, &e))?;
            errors::to_python(self.0, &output)
        }
    }
    guard(py, || {
        let response = response::from_python(status, headers, body)?;
        dispatch::visit(op, Parse(py, &response)).unwrap_or_else(|| {
            Err(errors::from_core(py, &uzpay::Error::invalid_input("op", format!("`{op}` is not an operation"))))
        })
    })
}

/// Decodes JSON text into `T` with the core's field-named errors.
fn decode<T: serde::de::DeserializeOwned>(py: Python<'_>, text: &str) -> PyResult<T> {
    uzpay::json::from_json_str(text).map_err(|e| errors::from_core(py, &e))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Items {
    items: Vec<ReceiptItem>,
}

/// `{"items": [...]}` -> the receipt's totals (canonical form).
#[pyfunction]
pub(crate) fn receipt_totals<'py>(py: Python<'py>, input: &str) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let Items { items } = decode(py, input)?;
        let totals = uzpay::receipt::receipt_totals(&items).map_err(|e| errors::from_core(py, &e))?;
        errors::to_python(py, &totals)
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Vat {
    gross: u64,
    rate_percent: u32,
}

/// `{"gross", "rate_percent"}` -> the VAT included in `gross`, in tiyin.
#[pyfunction]
pub(crate) fn vat_included(py: Python<'_>, input: &str) -> PyResult<u64> {
    guard(py, || {
        let Vat { gross, rate_percent } = decode(py, input)?;
        Ok(uzpay::receipt::vat_included(gross, rate_percent))
    })
}

/// A receipt URL and its canonical rebuild.
#[derive(Serialize)]
struct Receipt {
    #[serde(flatten)]
    receipt: OfdReceiptUrl,
    url: String,
}

impl Receipt {
    fn of(receipt: OfdReceiptUrl) -> Self {
        Receipt { url: receipt.to_string(), receipt }
    }
}

/// `"url"` (JSON text) -> the parsed receipt URL (canonical form, with `url`).
#[pyfunction]
pub(crate) fn parse_receipt_url<'py>(py: Python<'py>, url: &str) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let url: String = decode(py, url).map_err(|_| errors::from_core(py, &must_be_text("url")))?;
        let receipt = OfdReceiptUrl::parse(&url).map_err(|e| errors::from_core(py, &e))?;
        errors::to_python(py, &Receipt::of(receipt))
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Parts {
    #[serde(default)]
    kind: Option<String>,
    terminal_id: String,
    receipt_number: u64,
    date_time: String,
    fiscal_sign: String,
}

/// The parts of a receipt URL (JSON text) -> the checked receipt (canonical form, with
/// `url`).
#[pyfunction]
pub(crate) fn build_receipt_url<'py>(py: Python<'py>, input: &str) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let parts: Parts = decode(py, input)?;
        let kind = match parts.kind.as_deref() {
            None | Some("check") => OfdReceiptKind::Check,
            Some("epi") => OfdReceiptKind::Epi,
            Some(_) => return Err(errors::from_core(py, &uzpay::Error::invalid_input("kind", "must be check or epi"))),
        };
        let date_time = OfdDateTime::parse("date_time", &parts.date_time).map_err(|e| errors::from_core(py, &e))?;
        let receipt =
            OfdReceiptUrl::new(kind, &parts.terminal_id, parts.receipt_number, date_time, &parts.fiscal_sign)
                .map_err(|e| errors::from_core(py, &e))?;
        errors::to_python(py, &Receipt::of(receipt))
    })
}

fn must_be_text(field: &str) -> uzpay::Error {
    uzpay::Error::invalid_input(field, "must be a string")
}
