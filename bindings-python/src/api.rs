//! The calls into the core: a provider config checked once and kept typed, a build
//! by operation name, a parse into the operation's output record, and the
//! fiscal-domain functions. Every input is read here, one way (`convert::input`).

use pyo3::prelude::*;
use uzpay::dispatch::ProviderConfig;
use uzpay::function::Function;
use uzpay::{HttpResponse, Operation};

use crate::convert::{input, to_json, ToPy};
use crate::errors::{self, guard};
use crate::response;

/// A provider's config as the core checked it (`uzpay.PaylovConfig` and its siblings
/// keep one, made when they are). Opaque: its credentials stay in Rust.
#[pyclass(frozen, eq, module = "uzpay._uzpay")]
#[derive(PartialEq)]
pub(crate) struct Config(pub(crate) ProviderConfig);

#[pymethods]
impl Config {
    /// Checks the config of `provider`, given as a dict of its fields.
    #[new]
    fn new(py: Python<'_>, provider: &str, config: &Bound<'_, PyAny>) -> PyResult<Self> {
        guard(py, || {
            let text = to_json(config, "", 0).map(|value| value.to_string());
            let checked = text.and_then(|text| ProviderConfig::from_json(provider, &text));
            checked.map(Config).map_err(|e| errors::refused(py, e, config))
        })
    }

    fn __repr__(&self) -> String {
        // The core's `Debug` masks every credential.
        format!("{:?}", self.0)
    }
}

/// Each operation's build from its typed input, and its output made a record.
macro_rules! codec {
    ($($op:ty, $function:ident, $build:ident, $parse:ident;)+) => {
        /// The input read and the request built.
        fn read_and_build(op: &str, config: &ProviderConfig, data: &Bound<'_, PyAny>) -> uzpay::Result<uzpay::HttpRequest> {
            $(if op == <$op as Operation>::NAME {
                let config = typed::<$op>(config)?;
                return <$op as Operation>::build(config, &input(data)?);
            })+
            Err(unknown(op))
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

/// Validates the input (Python data or JSON text) and builds the request of `op`.
#[pyfunction]
pub(crate) fn build<'py>(
    py: Python<'py>,
    op: &str,
    config: &Config,
    data: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || read_and_build(op, &config.0, data).map_err(|e| errors::refused(py, e, data))?.to_py(py))
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

/// Each function's input read, and its output made a record.
macro_rules! functions {
    ($($f:ty, $function:ident;)+) => {
        /// Runs the function `name` on its input (Python data or JSON text).
        #[pyfunction]
        pub(crate) fn call<'py>(py: Python<'py>, name: &str, data: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
            guard(py, || {
                $(if name == <$f as Function>::NAME {
                    let output = input(data).and_then(|i| <$f as Function>::call(&i));
                    return output.map_err(|e| errors::refused(py, e, data))?.to_py(py);
                })+
                Err(errors::from_core(py, &unknown(name)))
            })
        }
    };
}

uzpay::for_each_function!(functions);
