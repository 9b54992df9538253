//! The calls into the core: a provider config checked once and kept typed, a build
//! by operation name, a parse into the operation's output record, and the
//! fiscal-domain functions.
//!
//! A build reads its input straight from Python by the generated codec
//! (`generated.rs`); where the codec declines, the Python side sends the input as
//! JSON text instead (`build_json`), and the core's decoder names what is wrong.

use pyo3::prelude::*;
use uzpay::dispatch::{self, JsonInput, ProviderConfig};
use uzpay::function::Function;
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

/// Each function's input read by the generated codec, and its output made a record.
macro_rules! functions {
    ($($f:ty, $function:ident;)+) => {
        /// Runs the function `name` on its input read from Python; `None` where the
        /// codec declines the input (then `call_json` is the way).
        #[pyfunction]
        pub(crate) fn call<'py>(py: Python<'py>, name: &str, input: &Bound<'py, PyAny>) -> PyResult<Option<Bound<'py, PyAny>>> {
            guard(py, || {
                $(if name == <$f as Function>::NAME {
                    let Some(input) = <<$f as Function>::Input as FromPy>::from_py(input) else { return Ok(None) };
                    let output = <$f as Function>::call(&input).map_err(|e| errors::from_core(py, &e))?;
                    return output.to_py(py).map(Some);
                })+
                Err(errors::from_core(py, &unknown(name)))
            })
        }

        /// Runs the function `name` on its input given as JSON text.
        #[pyfunction]
        pub(crate) fn call_json<'py>(py: Python<'py>, name: &str, input: &str) -> PyResult<Bound<'py, PyAny>> {
            guard(py, || {
                $(if name == <$f as Function>::NAME {
                    let input = uzpay::json::from_json_str(input).map_err(|e| errors::from_core(py, &e))?;
                    let output = <$f as Function>::call(&input).map_err(|e| errors::from_core(py, &e))?;
                    return output.to_py(py);
                })+
                Err(errors::from_core(py, &unknown(name)))
            })
        }
    };
}

uzpay::for_each_function!(functions);
