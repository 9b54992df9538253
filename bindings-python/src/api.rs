//! The calls into the core: a provider config checked once and kept typed, a build
//! by operation name, a parse into the operation's output record, and the
//! fiscal-domain functions.
//!
//! A build reads its input straight from Python by the generated codec
//! (`generated.rs`); where the codec declines, the Python side sends the input as
//! JSON text instead (`build_json`), and the core's decoder names what is wrong.

use pyo3::prelude::*;
use pyo3::types::PyString;
use uzpay::dispatch::{self, JsonInput, ProviderConfig};
use uzpay::function::Function;
use uzpay::{HttpResponse, Operation};

use crate::convert::{FromPy, ToPy};
use crate::errors::{self, guard};
use crate::response;

/// A provider's config as the core checked it (`uzpay.PaylovConfig` and its siblings
/// keep one, made when they are). Opaque: its credentials stay in Rust.
#[pyclass(frozen, eq, module = "uzpay._uzpay")]
#[derive(PartialEq)]
pub(crate) struct Config(pub(crate) ProviderConfig);

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

/// Validates the input and builds the request of `op`. The input is Python data, read
/// by the generated codec (`None` when it declines), or JSON text.
#[pyfunction]
pub(crate) fn build<'py>(
    py: Python<'py>,
    op: &str,
    config: &Config,
    input: &Bound<'py, PyAny>,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    guard(py, || {
        let built = match input.cast::<PyString>() {
            Ok(text) => Some(dispatch::build_for(op, &config.0, JsonInput::Text(&text.to_cow()?))),
            Err(_) => read_and_build(op, &config.0, input),
        };
        built.map(|b| b.map_err(|e| errors::from_core(py, &e))?.to_py(py)).transpose()
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
        /// Runs the function `name`. The input is Python data, read by the generated
        /// codec (`None` when it declines), or JSON text.
        #[pyfunction]
        pub(crate) fn call<'py>(py: Python<'py>, name: &str, input: &Bound<'py, PyAny>) -> PyResult<Option<Bound<'py, PyAny>>> {
            guard(py, || {
                $(if name == <$f as Function>::NAME {
                    let input = match input.cast::<PyString>() {
                        Ok(text) => uzpay::json::from_json_str(&text.to_cow()?).map_err(|e| errors::from_core(py, &e))?,
                        Err(_) => match <<$f as Function>::Input as FromPy>::from_py(input) {
                            Some(input) => input,
                            None => return Ok(None),
                        },
                    };
                    let output = <$f as Function>::call(&input).map_err(|e| errors::from_core(py, &e))?;
                    return output.to_py(py).map(Some);
                })+
                Err(errors::from_core(py, &unknown(name)))
            })
        }
    };
}

uzpay::for_each_function!(functions);
