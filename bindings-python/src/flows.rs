//! The core's flows as one native class, `_uzpay.Flow`: each generated flow class
//! (`uzpay/_generated.py`) holds one and gives its verbs their types. An action comes
//! back as the record of the core's `Step` or `AwaitVerifyCode`, or as `Done`.

use std::sync::Mutex;

use pyo3::prelude::*;
use pyo3::types::PyString;
use uzpay::dispatch::{Config as _, ProviderConfig};
use uzpay::flow::{Action, FlowKind, FlowOptions, TransportFailure};
use uzpay::paymentsgate::AuthTokenInput;
use uzpay::HttpResponse;

use crate::api::Config;
use crate::convert::{record, FromPy, ToPy};
use crate::errors::{self, guard};
use crate::response;

/// One event of a flow.
enum Event<'a> {
    Start,
    Resume,
    Response(HttpResponse),
    Lost(TransportFailure),
    Code(&'a str),
    Resend,
}

/// A flow of any kind, one event at a time.
trait Driven: Send {
    fn event<'py>(&mut self, py: Python<'py>, event: Event<'_>) -> PyResult<Bound<'py, PyAny>>;
    fn snapshot(&self) -> String;
}

impl<F: FlowKind + Send> Driven for F
where
    F::Outcome: ToPy,
{
    fn event<'py>(&mut self, py: Python<'py>, event: Event<'_>) -> PyResult<Bound<'py, PyAny>> {
        let action = match event {
            Event::Start => self.start(),
            Event::Resume => self.resume(),
            Event::Response(response) => self.on_response(&response),
            Event::Lost(failure) => self.on_transport_failure(failure),
            Event::Code(code) => self.provide_verify_code(code),
            Event::Resend => self.resend_code(),
        };
        match action.map_err(|e| errors::from_core(py, &e))? {
            Action::Send(step) => step.to_py(py),
            Action::AwaitVerifyCode(ask) => ask.to_py(py),
            Action::Done(outcome) => record(py, "Done", [outcome.to_py(py)?]),
        }
    }

    fn snapshot(&self) -> String {
        uzpay::flow::Flow::snapshot(self)
    }
}

/// A flow the generated classes drive.
#[pyclass(frozen, module = "uzpay._uzpay")]
pub(crate) struct Flow(Mutex<Box<dyn Driven>>);

impl Flow {
    fn event<'py>(&self, py: Python<'py>, event: Event<'_>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            let mut flow = self.0.lock().map_err(|_| errors::internal(py, "a flow failed mid-event"))?;
            flow.event(py, event)
        })
    }
}

/// A core value read from Python data (the generated codec), or from JSON text.
/// `None` when the codec declines: the caller sends JSON text instead.
fn read<T: FromPy + serde::de::DeserializeOwned>(value: &Bound<'_, PyAny>) -> Option<uzpay::Result<T>> {
    match value.cast::<PyString>() {
        Ok(text) => Some(text.to_cow().map_err(|_| unicode()).and_then(|t| uzpay::json::from_json_str(&t))),
        Err(_) => T::from_py(value).map(Ok),
    }
}

fn unicode() -> uzpay::Error {
    uzpay::Error::invalid_input("", "is not valid Unicode text")
}

fn typed<F: FlowKind>(config: &ProviderConfig) -> uzpay::Result<F::Config> {
    F::Config::from_provider_config(config).cloned().ok_or_else(|| {
        uzpay::Error::invalid_input("config", format!("{} needs a {} config", F::NAME, F::Config::PROVIDER))
    })
}

fn started<F: FlowKind + Send + 'static>(
    config: &ProviderConfig,
    input: &Bound<'_, PyAny>,
    options: &Bound<'_, PyAny>,
) -> Option<uzpay::Result<Box<dyn Driven>>>
where
    F::Input: FromPy,
    F::Outcome: ToPy,
{
    let options = if options.is_none() { Ok(FlowOptions::default()) } else { read::<FlowOptions>(options)? };
    let input = read::<F::Input>(input)?;
    Some((|| Ok(Box::new(F::create(typed::<F>(config)?, input?, options?)?) as Box<dyn Driven>))())
}

fn restored<F: FlowKind + Send + 'static>(
    config: &ProviderConfig,
    snapshot: &str,
    credentials: &Bound<'_, PyAny>,
) -> uzpay::Result<Box<dyn Driven>>
where
    F::Outcome: ToPy,
{
    let credentials = match credentials.is_none() {
        true => None,
        false => Some(read::<AuthTokenInput>(credentials).unwrap_or_else(|| {
            Err(uzpay::Error::invalid_input("credentials", "must be the account's {account_id, public_key}"))
        })?),
    };
    Ok(Box::new(F::restore(typed::<F>(config)?, snapshot, credentials)?))
}

fn unknown(name: &str) -> uzpay::Error {
    uzpay::Error::invalid_input("flow", format!("`{name}` is not a flow"))
}

macro_rules! by_name {
    ($($flow:ident, $name:literal, $config:ty, $input:ty, $outcome:ty;)+) => {
        fn start(name: &str, config: &ProviderConfig, input: &Bound<'_, PyAny>, options: &Bound<'_, PyAny>) -> Option<uzpay::Result<Box<dyn Driven>>> {
            $(if name == $name {
                return started::<uzpay::flow::$flow>(config, input, options);
            })+
            Some(Err(unknown(name)))
        }

        fn restore(name: &str, config: &ProviderConfig, snapshot: &str, credentials: &Bound<'_, PyAny>) -> uzpay::Result<Box<dyn Driven>> {
            $(if name == $name {
                return restored::<uzpay::flow::$flow>(config, snapshot, credentials);
            })+
            Err(unknown(name))
        }
    };
}

uzpay::for_each_flow!(by_name);

#[pymethods]
impl Flow {
    /// The flow `name`, its input (and options) read by the generated codec or from
    /// JSON text; `None` when the codec declines (then the caller sends JSON text).
    #[staticmethod]
    #[pyo3(name = "new")]
    fn start_flow(
        py: Python<'_>,
        name: &str,
        config: &Config,
        input: &Bound<'_, PyAny>,
        options: &Bound<'_, PyAny>,
    ) -> PyResult<Option<Flow>> {
        guard(py, || match start(name, &config.0, input, options) {
            None => Ok(None),
            Some(flow) => flow.map(|f| Some(Flow(Mutex::new(f)))).map_err(|e| errors::from_core(py, &e)),
        })
    }

    /// The flow `name` saved in `snapshot`.
    #[staticmethod]
    #[pyo3(name = "restore")]
    fn restore_flow(
        py: Python<'_>,
        name: &str,
        config: &Config,
        snapshot: &str,
        credentials: &Bound<'_, PyAny>,
    ) -> PyResult<Flow> {
        guard(py, || {
            restore(name, &config.0, snapshot, credentials)
                .map(|f| Flow(Mutex::new(f)))
                .map_err(|e| errors::from_core(py, &e))
        })
    }

    fn start<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.event(py, Event::Start)
    }

    fn resume<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.event(py, Event::Resume)
    }

    fn on_response<'py>(
        &self,
        py: Python<'py>,
        status: &Bound<'py, PyAny>,
        headers: &Bound<'py, PyAny>,
        body: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let response = response::from_python(status, headers, body)?;
        self.event(py, Event::Response(response))
    }

    fn on_transport_failure<'py>(&self, py: Python<'py>, failure: &str) -> PyResult<Bound<'py, PyAny>> {
        let Some(failure) = TransportFailure::from_name(failure) else {
            let refused = uzpay::Error::invalid_input("failure", "must be \"not_sent\" or \"maybe_sent\"");
            return Err(errors::from_core(py, &refused));
        };
        self.event(py, Event::Lost(failure))
    }

    fn provide_verify_code<'py>(&self, py: Python<'py>, code: &str) -> PyResult<Bound<'py, PyAny>> {
        self.event(py, Event::Code(code))
    }

    fn resend_code<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.event(py, Event::Resend)
    }

    fn snapshot(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            let flow = self.0.lock().map_err(|_| errors::internal(py, "a flow failed mid-event"))?;
            Ok(flow.snapshot())
        })
    }
}
