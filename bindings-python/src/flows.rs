//! What the generated flow classes (`generated.rs`, one native class per flow of the
//! core) stand on: making a flow from Python data, and one event of it with its action
//! as the record of the core's `Step` or `AwaitVerifyCode`, or as `Done`.

use std::sync::Mutex;

use pyo3::prelude::*;
use uzpay::dispatch::{Config as _, ProviderConfig};
use uzpay::flow::{Action, FlowKind, FlowOptions, TransportFailure};
use uzpay::paymentsgate::AuthTokenInput;

use crate::convert::{input, record, FromPy, ToPy};
use crate::errors::{self, guard};

fn typed<F: FlowKind>(config: &ProviderConfig) -> uzpay::Result<F::Config> {
    F::Config::from_provider_config(config).cloned().ok_or_else(|| {
        uzpay::Error::invalid_input("config", format!("{} needs a {} config", F::NAME, F::Config::PROVIDER))
    })
}

/// A new flow of `config` and `data` (and `options`, `None` for the defaults).
pub(crate) fn create<F: FlowKind>(
    py: Python<'_>,
    config: &ProviderConfig,
    data: &Bound<'_, PyAny>,
    options: &Bound<'_, PyAny>,
) -> PyResult<Mutex<F>>
where
    F::Input: FromPy,
{
    guard(py, || {
        let settings = if options.is_none() { Ok(FlowOptions::default()) } else { input::<FlowOptions>(options) };
        let settings = settings.map_err(|e| errors::refused(py, e, options))?;
        let created = input::<F::Input>(data).and_then(|data| F::create(typed::<F>(config)?, data, settings));
        created.map(Mutex::new).map_err(|e| errors::refused(py, e, data))
    })
}

/// The flow saved in `snapshot`, with the config (and, for a payin, the account's
/// credentials) given again.
pub(crate) fn restore<F: FlowKind>(
    py: Python<'_>,
    config: &ProviderConfig,
    snapshot: &str,
    credentials: &Bound<'_, PyAny>,
) -> PyResult<Mutex<F>> {
    guard(py, || {
        let restored = (|| {
            let credentials = match credentials.is_none() {
                true => None,
                false => Some(input::<AuthTokenInput>(credentials)?),
            };
            F::restore(typed::<F>(config)?, snapshot, credentials)
        })();
        restored.map(Mutex::new).map_err(|e| errors::from_core(py, &e))
    })
}

/// One event of the flow, and the action it leads to.
pub(crate) fn event<'py, F: FlowKind>(
    py: Python<'py>,
    flow: &Mutex<F>,
    event: impl FnOnce(&mut F) -> uzpay::Result<Action<F::Outcome>>,
) -> PyResult<Bound<'py, PyAny>>
where
    F::Outcome: ToPy,
{
    guard(py, || {
        let mut flow = flow.lock().map_err(|_| errors::internal(py, "a flow failed mid-event"))?;
        match event(&mut flow).map_err(|e| errors::from_core(py, &e))? {
            Action::Send(step) => step.to_py(py),
            Action::AwaitVerifyCode(ask) => ask.to_py(py),
            Action::Done(outcome) => record(py, "Done", [outcome.to_py(py)?]),
        }
    })
}

/// The flow's snapshot.
pub(crate) fn snapshot<F: FlowKind>(py: Python<'_>, flow: &Mutex<F>) -> PyResult<String> {
    guard(py, || Ok(flow.lock().map_err(|_| errors::internal(py, "a flow failed mid-event"))?.snapshot()))
}

/// Where the flow stands: `ready`, `sending`, `awaiting_code`, `done` or `failed`.
pub(crate) fn state<F: FlowKind>(py: Python<'_>, flow: &Mutex<F>) -> PyResult<&'static str> {
    guard(py, || Ok(flow.lock().map_err(|_| errors::internal(py, "a flow failed mid-event"))?.state().as_str()))
}

/// `not_sent` or `maybe_sent`.
pub(crate) fn failure(py: Python<'_>, name: &str) -> PyResult<TransportFailure> {
    TransportFailure::from_name(name).ok_or_else(|| {
        errors::from_core(py, &uzpay::Error::invalid_input("failure", "must be \"not_sent\" or \"maybe_sent\""))
    })
}
