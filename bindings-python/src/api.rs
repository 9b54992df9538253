//! The calls into the core: a provider config checked once and kept typed, a build
//! by operation name, a parse into the operation's output record, and the
//! fiscal-domain functions.
//!
//! A build reads its input straight from Python by the generated codec
//! (`generated.rs`); where the codec declines, the Python side sends the input as
//! JSON text instead (`build_json`), and the core's decoder names what is wrong.

use pyo3::prelude::*;
use serde::Deserialize;
use uzpay::dispatch::{self, JsonInput, ProviderConfig};
use uzpay::ofd::{OfdDateTime, OfdReceiptKind, OfdReceiptUrl};
use uzpay::receipt::ReceiptItem;
use uzpay::{HttpResponse, Operation};

use crate::convert::{FromPy, ToPy};
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

/// Each operation's input read by the generated codec, and its output made a record.
macro_rules! codec {
    ($($op:ty, $function:ident, $build:ident, $parse:ident;)+) => {
        /// The input read from Python and built; `None` where the codec declines it.
        fn read_and_build(op: &str, config: &ProviderConfig, input: &Bound<'_, PyAny>) -> Option<uzpay::Result<uzpay::HttpRequest>> {
            $(if op == <$op as Operation>::NAME {
                let input = <<$op as Operation>::Input as FromPy>::from_py(input)?;
                return Some(typed::<$op>(config).and_then(|config| <$op as Operation>::build(config, &input)));
            })+
            None
        }

        /// The response parsed into the output's record.
        fn parse_to_py<'py>(py: Python<'py>, op: &str, response: &HttpResponse) -> PyResult<Bound<'py, PyAny>> {
            $(if op == <$op as Operation>::NAME {
                let output = <$op as Operation>::parse(response).map_err(|e| errors::from_core(py, &e))?;
                return output.to_py(py);
            })+
            Err(errors::from_core(py, &unknown(op)))
        }
    };
}

uzpay::for_each_operation!(codec);

fn typed<O: Operation>(config: &ProviderConfig) -> uzpay::Result<&O::Config> {
    use uzpay::dispatch::Config as _;
    O::Config::from_provider_config(config).ok_or_else(|| {
        uzpay::Error::invalid_input("config", format!("{} needs a {} config", O::NAME, O::Config::PROVIDER))
    })
}

fn unknown(op: &str) -> uzpay::Error {
    uzpay::Error::invalid_input("op", format!("`{op}` is not an operation"))
}

/// Validates the input (Python data) and builds the request of `op`; `None` when the
/// input is not one the codec reads (then `build_json` is the way).
#[pyfunction]
pub(crate) fn build(
    py: Python<'_>,
    op: &str,
    config: &Config,
    input: &Bound<'_, PyAny>,
) -> PyResult<Option<HttpRequest>> {
    guard(py, || match read_and_build(op, &config.0, input) {
        None => Ok(None),
        Some(built) => built.map(|r| Some(HttpRequest(r))).map_err(|e| errors::from_core(py, &e)),
    })
}

/// Validates the input (JSON text) and builds the request of the operation `op`.
#[pyfunction]
pub(crate) fn build_json(py: Python<'_>, op: &str, config: &Config, input: &str) -> PyResult<HttpRequest> {
    guard(py, || {
        let built = dispatch::build_for(op, &config.0, JsonInput::Text(input));
        built.map(HttpRequest).map_err(|e| errors::from_core(py, &e))
    })
}

/// Parses a response to `op` into the output's record.
#[pyfunction]
pub(crate) fn parse<'py>(
    py: Python<'py>,
    op: &str,
    status: &Bound<'py, PyAny>,
    headers: &Bound<'py, PyAny>,
    body: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || parse_to_py(py, op, &response::from_python(status, headers, body)?))
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

/// `{"items": [...]}` -> the receipt's totals.
#[pyfunction]
pub(crate) fn receipt_totals<'py>(py: Python<'py>, input: &str) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let Items { items } = decode(py, input)?;
        uzpay::receipt::receipt_totals(&items).map_err(|e| errors::from_core(py, &e))?.to_py(py)
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

/// A receipt URL -> its record; errors name `url` (or `url.t`, ...).
#[pyfunction]
pub(crate) fn parse_receipt_url<'py>(py: Python<'py>, url: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let url = String::from_py(url)
            .ok_or_else(|| errors::from_core(py, &uzpay::Error::invalid_input("url", "must be a string")))?;
        OfdReceiptUrl::parse(&url).map_err(|e| errors::from_core(py, &e))?.to_py(py)
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

fn receipt(py: Python<'_>, input: &str) -> PyResult<OfdReceiptUrl> {
    let parts: Parts = decode(py, input)?;
    let kind = match parts.kind.as_deref() {
        None | Some("check") => OfdReceiptKind::Check,
        Some("epi") => OfdReceiptKind::Epi,
        Some(_) => return Err(errors::from_core(py, &uzpay::Error::invalid_input("kind", "must be check or epi"))),
    };
    let date_time = OfdDateTime::parse("date_time", &parts.date_time).map_err(|e| errors::from_core(py, &e))?;
    OfdReceiptUrl::new(kind, &parts.terminal_id, parts.receipt_number, date_time, &parts.fiscal_sign)
        .map_err(|e| errors::from_core(py, &e))
}

/// The parts of a receipt URL (JSON text) -> the checked receipt's record.
#[pyfunction]
pub(crate) fn build_receipt_url<'py>(py: Python<'py>, input: &str) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || receipt(py, input)?.to_py(py))
}

/// The parts of a receipt URL (JSON text) -> its canonical URL.
#[pyfunction]
pub(crate) fn receipt_url(py: Python<'_>, input: &str) -> PyResult<String> {
    guard(py, || Ok(receipt(py, input)?.to_string()))
}
