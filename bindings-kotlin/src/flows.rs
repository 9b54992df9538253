//! The core's flows as uniffi objects, one per flow of [`uzpay::for_each_flow!`]:
//! Kotlin `PaylovFiscalizationFlow(config, input, options)` and its siblings, with the
//! core's verbs (`start`, `resume`, `onResponse`, `onTransportFailure`,
//! `provideVerifyCode`, `resendCode`, `snapshot`, `restore`). Each event gives a
//! [`FlowAction`]; a `Done` flow's outcome is `outcome()`, typed per flow. The Kotlin
//! driver over `java.net.http` (`Flows.kt`) runs any of them.

use std::sync::{Arc, Mutex};

use uzpay::flow::{Action, AwaitVerifyCode, Flow as _, FlowKind, FlowOptions, FlowState, TransportFailure};
use uzpay::paymentsgate::AuthTokenInput;

use crate::error::UzpayError;
use crate::http::{HttpRequest, HttpResponse};

/// One request of a flow: send it after `delayMs`, then give the flow its answer.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FlowStep {
    /// The operation, e.g. `paylov.register_receipt`.
    pub operation: String,
    /// The request to send.
    pub request: HttpRequest,
    /// Wait this long first (a retry's backoff, a polling pause), in milliseconds.
    pub delay_ms: u64,
    /// 1 for the first try of this step, 2 for the first retry, ...
    pub attempt: u32,
}

/// What a flow wants next. Kotlin: `FlowAction.Send`, `FlowAction.AwaitVerifyCode`,
/// `FlowAction.Done` (then `flow.outcome()`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum FlowAction {
    /// Send `step.request`, then `onResponse` with its answer or `onTransportFailure`.
    Send {
        /// The request and its pause.
        step: FlowStep,
    },
    /// Ask the card holder for the SMS code, then `provideVerifyCode` (or `resendCode`).
    AwaitVerifyCode {
        /// Which payment, and how many wrong codes may still be tried.
        ask: AwaitVerifyCode,
    },
    /// The flow is over: its outcome is `outcome()`.
    Done,
}

/// The flow behind a lock (uniffi objects are shared), its outcome kept once done.
pub(crate) struct Held<F: FlowKind> {
    flow: Mutex<F>,
    outcome: Mutex<Option<F::Outcome>>,
}

impl<F: FlowKind> Held<F>
where
    F::Outcome: Clone,
{
    pub(crate) fn new(flow: F) -> Self {
        Held { flow: Mutex::new(flow), outcome: Mutex::new(None) }
    }

    pub(crate) fn create(config: F::Config, input: F::Input, options: FlowOptions) -> Result<Self, UzpayError> {
        Ok(Self::new(F::create(config, input, options)?))
    }

    pub(crate) fn restore(
        config: F::Config,
        snapshot: &str,
        credentials: Option<AuthTokenInput>,
    ) -> Result<Self, UzpayError> {
        Ok(Self::new(F::restore(config, snapshot, credentials)?))
    }

    /// One event of the flow, and the action it gives.
    pub(crate) fn event(
        &self,
        event: impl FnOnce(&mut F) -> uzpay::Result<Action<F::Outcome>>,
    ) -> Result<FlowAction, UzpayError> {
        let mut flow = self.flow.lock().map_err(|_| poisoned())?;
        Ok(match event(&mut flow)? {
            Action::Send(step) => FlowAction::Send {
                step: FlowStep {
                    operation: step.operation.to_owned(),
                    request: step.request.into(),
                    delay_ms: step.delay_ms,
                    attempt: step.attempt,
                },
            },
            Action::AwaitVerifyCode(ask) => FlowAction::AwaitVerifyCode { ask },
            Action::Done(outcome) => {
                *self.outcome.lock().map_err(|_| poisoned())? = Some(outcome);
                FlowAction::Done
            }
        })
    }

    pub(crate) fn outcome(&self) -> Option<F::Outcome> {
        self.outcome.lock().ok().and_then(|o| o.clone())
    }

    pub(crate) fn snapshot(&self) -> Result<String, UzpayError> {
        Ok(self.flow.lock().map_err(|_| poisoned())?.snapshot())
    }

    pub(crate) fn state(&self) -> Result<FlowState, UzpayError> {
        Ok(self.flow.lock().map_err(|_| poisoned())?.state())
    }
}

fn poisoned() -> UzpayError {
    UzpayError::Decode {
        reason: "internal error in uzpay: a flow failed mid-event (a bug; please report it)".into(),
        retryable: false,
    }
}

macro_rules! flow_objects {
    ($($flow:ident, $name:literal, $config:ty, $input:ty, $outcome:ty;)+) => {$(
        /// One of the core's flows (see the module docs); its name is `flowName()`.
        #[derive(uniffi::Object)]
        pub struct $flow(Held<uzpay::flow::$flow>);

        #[uniffi::export]
        impl $flow {
            /// The flow of this config and input, checked now.
            #[uniffi::constructor(default(options))]
            pub fn new(config: $config, input: $input, options: FlowOptions) -> Result<Arc<Self>, UzpayError> {
                Ok(Arc::new(Self(Held::create(config, input, options)?)))
            }

            /// The flow saved in `snapshot`, with the config (and a payin's account
            /// credentials) given again; call `resume()` next.
            #[uniffi::constructor(default(credentials = None))]
            pub fn restore(config: $config, snapshot: String, credentials: Option<AuthTokenInput>) -> Result<Arc<Self>, UzpayError> {
                Ok(Arc::new(Self(Held::restore(config, &snapshot, credentials)?)))
            }

            /// The first action.
            pub fn start(&self) -> Result<FlowAction, UzpayError> {
                self.0.event(|f| f.start())
            }

            /// The next action after `restore`: a request in flight when saved counts as `MAYBE_SENT`.
            pub fn resume(&self) -> Result<FlowAction, UzpayError> {
                self.0.event(|f| f.resume())
            }

            /// The answer to the last `Send`.
            pub fn on_response(&self, response: HttpResponse) -> Result<FlowAction, UzpayError> {
                let response = response.try_into()?;
                self.0.event(|f| f.on_response(&response))
            }

            /// The last `Send` got no answer: it never left, or it may have arrived.
            pub fn on_transport_failure(&self, failure: TransportFailure) -> Result<FlowAction, UzpayError> {
                self.0.event(|f| f.on_transport_failure(failure))
            }

            /// The card holder's SMS code, after `AwaitVerifyCode` (VIA).
            pub fn provide_verify_code(&self, code: String) -> Result<FlowAction, UzpayError> {
                self.0.event(|f| f.provide_verify_code(&code))
            }

            /// A new SMS code for the card holder, after `AwaitVerifyCode` (VIA).
            pub fn resend_code(&self) -> Result<FlowAction, UzpayError> {
                self.0.event(|f| f.resend_code())
            }

            /// The outcome, once an event gave `Done`.
            pub fn outcome(&self) -> Option<$outcome> {
                self.0.outcome()
            }

            /// Where the flow stands (`SENDING`: a request is out, or may have been).
            pub fn state(&self) -> Result<FlowState, UzpayError> {
                self.0.state()
            }

            /// The core's name of the flow, e.g. `paylov.fiscalization` (to store beside a snapshot).
            pub fn flow_name(&self) -> String {
                $name.to_owned()
            }

            /// The flow as text to store (versioned JSON; no credential, card number or code).
            pub fn snapshot(&self) -> Result<String, UzpayError> {
                self.0.snapshot()
            }
        }
    )+};
}

uzpay::for_each_flow!(flow_objects);
