//! Complete flows as sans-IO state machines.
//!
//! A merchant never calls one endpoint alone: a card payment is `confirm_pay`, an SMS
//! code, then `confirm_pay_verify`; a receipt is `register_receipt`, and on
//! `ofd_check_already_generated` or a lost answer, `receipt_status`. A flow holds that
//! logic once, for every binding: it says which request to send next, given the
//! last response, and never touches the network or a clock.
//!
//! ```text
//! let mut action = flow.start()?;          // or, for a restored flow, flow.resume()?
//! loop {
//!     match action {
//!         Action::Send(step) => {
//!             sleep(step.delay_ms);                       // backoff or polling pause
//!             action = match http_client.send(&step.request) {
//!                 Ok(response) => flow.on_response(&response)?,
//!                 Err(e) => flow.on_transport_failure(failure_of(e))?,
//!             };
//!         }
//!         Action::AwaitVerifyCode(ask) => action = flow.provide_verify_code(&ask_the_customer(ask))?,
//!         Action::Done(outcome) => break outcome,
//!     }
//!     save(flow.snapshot());                               // optional: survive a restart
//! }
//! ```
//!
//! Retries follow one rule: a step is sent again only when that cannot double an
//! effect: the error is retryable (the core decides it per operation, see
//! [`Effect`](crate::operation::Effect)), or the request never left
//! (`TransportFailure::NotSent`). When an answer is lost after the request may have
//! been processed (`MaybeSent`), the flow asks the provider what happened (Paylov
//! `receipt_status`, VIA `get_transaction`) instead of repeating it, and where no
//! lookup exists (a FiscalBox charge) it stops with a [`Error::Transport`] that is
//! not retryable.
//!
//! Every flow can be saved as text between two events ([`Flow::snapshot`]) and
//! restored in another process ([`FlowKind::restore`]); see [`snapshot`] for what a
//! snapshot holds and never holds.

mod fiscalbox;
mod paylov;
mod paymentsgate;
pub mod snapshot;
mod via;

pub use fiscalbox::{FiscalBoxPaymentFlow, FiscalBoxPaymentInput, FiscalBoxPaymentOutcome, Wallet};
pub use paylov::{FiscalizedReceipt, PaylovFiscalizationFlow};
pub use paymentsgate::{PayinFlowInput, PayinFlowOptions, PayinOutcome, PaymentsGatePayinFlow};
pub use via::{ViaCardPaymentFlow, ViaPaymentOutcome};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::http::{HttpRequest, HttpResponse};
use crate::paymentsgate::AuthTokenInput;

/// What a flow wants next.
#[derive(Debug, Clone, PartialEq)]
pub enum Action<T> {
    /// Send this request (after `delay_ms`), then report the answer with
    /// `on_response` or the failure with `on_transport_failure`.
    Send(Step),
    /// Ask the card holder for the SMS code VIA sent, then call
    /// `provide_verify_code` (or `resend_code`).
    AwaitVerifyCode(AwaitVerifyCode),
    /// The flow is over.
    Done(T),
}

/// One request of a flow.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
pub struct Step {
    /// The operation, e.g. `paylov.register_receipt`.
    pub operation: &'static str,
    /// The request to send.
    pub request: HttpRequest,
    /// Wait this long before sending: a retry's backoff or a polling pause. uzpay has
    /// no clock; the driver sleeps.
    pub delay_ms: u64,
    /// 1 for the first try of this step, 2 for the first retry, ...
    pub attempt: u32,
}

/// The canonical form of a step leaves the request out: each binding gives it as its
/// own request type (the wasm binding as the parts its `HttpRequest` is made of).
impl Serialize for Step {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut step = serializer.serialize_struct("Step", 3)?;
        step.serialize_field("operation", self.operation)?;
        step.serialize_field("delay_ms", &self.delay_ms)?;
        step.serialize_field("attempt", &self.attempt)?;
        step.end()
    }
}

/// The flow waits for the SMS code the card holder received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AwaitVerifyCode {
    /// The payment waiting for its code.
    pub verify_id: String,
    /// How many wrong codes may still be tried.
    pub attempts_left: u32,
}

/// Where a flow stands, for a host deciding what to do with a saved one (resume it,
/// wait for the card holder's code, show its end).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum FlowState {
    /// Not started: `start()` (or `resume()`) sends its first request.
    Ready,
    /// A request is out (or, after a restore, may have been): `resume()` goes on.
    Sending,
    /// It waits for the card holder's SMS code.
    AwaitingCode,
    /// It ended with an outcome (`resume()` gives it again).
    Done,
    /// It ended with an error.
    Failed,
}

impl FlowState {
    /// The canonical name: `ready`, `sending`, `awaiting_code`, `done` or `failed`.
    pub fn as_str(self) -> &'static str {
        match self {
            FlowState::Ready => "ready",
            FlowState::Sending => "sending",
            FlowState::AwaitingCode => "awaiting_code",
            FlowState::Done => "done",
            FlowState::Failed => "failed",
        }
    }
}

/// How a request failed to produce a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum TransportFailure {
    /// The request never left (DNS, connection refused, TLS handshake): safe to send
    /// again.
    NotSent,
    /// It may have reached the provider (timeout after sending, connection dropped
    /// mid-answer): the effect may have happened.
    MaybeSent,
}

impl TransportFailure {
    /// The canonical name: `not_sent` or `maybe_sent`.
    pub fn as_str(self) -> &'static str {
        match self {
            TransportFailure::NotSent => "not_sent",
            TransportFailure::MaybeSent => "maybe_sent",
        }
    }

    /// From its canonical name.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "not_sent" => Some(TransportFailure::NotSent),
            "maybe_sent" => Some(TransportFailure::MaybeSent),
            _ => None,
        }
    }

    /// What happened, in words.
    pub fn describe(self) -> &'static str {
        match self {
            TransportFailure::NotSent => "could not be sent",
            TransportFailure::MaybeSent => "got no answer; it may have reached the provider",
        }
    }
}

/// How many times a step is tried and how long to wait between tries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RetryPolicy {
    /// Tries per step, the first included (at least 1).
    #[cfg_attr(feature = "uniffi", uniffi(default = 4))]
    pub max_attempts: u32,
    /// The wait before the first retry, in milliseconds; doubled for each later one.
    #[cfg_attr(feature = "uniffi", uniffi(default = 200))]
    pub base_delay_ms: u64,
    /// The longest wait between tries, in milliseconds.
    #[cfg_attr(feature = "uniffi", uniffi(default = 5000))]
    pub max_delay_ms: u64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy { max_attempts: 4, base_delay_ms: 200, max_delay_ms: 5_000 }
    }
}

impl RetryPolicy {
    /// The wait before try number `attempt` (2 = the first retry).
    pub fn delay_before(&self, attempt: u32) -> u64 {
        if attempt <= 1 {
            return 0;
        }
        let doublings = (attempt - 2).min(30);
        self.base_delay_ms.saturating_mul(1u64 << doublings).min(self.max_delay_ms)
    }
}

/// A flow's settings: retries for every flow, polling for a PaymentsGate payin. Every
/// field has a default; `{}` is the defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FlowOptions {
    /// Tries per step and the pauses between them.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub retry: RetryPolicy,
    /// A PaymentsGate payin's pause between two polls, in milliseconds.
    #[cfg_attr(feature = "uniffi", uniffi(default = 2000))]
    pub poll_interval_ms: u64,
    /// How many times a payin asks for the payment credentials before giving up.
    #[cfg_attr(feature = "uniffi", uniffi(default = 30))]
    pub max_credential_polls: u32,
    /// How many times a payin reads the deal's status before returning it unfinished.
    #[cfg_attr(feature = "uniffi", uniffi(default = 90))]
    pub max_status_polls: u32,
}

impl Default for FlowOptions {
    fn default() -> Self {
        let payin = PayinFlowOptions::default();
        FlowOptions {
            retry: RetryPolicy::default(),
            poll_interval_ms: payin.poll_interval_ms,
            max_credential_polls: payin.max_credential_polls,
            max_status_polls: payin.max_status_polls,
        }
    }
}

impl FlowOptions {
    /// The payin's polling settings.
    pub fn payin(&self) -> PayinFlowOptions {
        PayinFlowOptions {
            poll_interval_ms: self.poll_interval_ms,
            max_credential_polls: self.max_credential_polls,
            max_status_polls: self.max_status_polls,
        }
    }
}

/// The events every flow takes. Drivers (the native transport, each binding's helper)
/// are written once against this trait.
pub trait Flow {
    /// What a finished flow returns (its canonical form is what every binding gives).
    type Outcome: Serialize;

    /// The first action.
    fn start(&mut self) -> Result<Action<Self::Outcome>>;

    /// The next action after a [restore](FlowKind::restore): what the flow was doing
    /// when it was saved. A request that was in flight then is treated as
    /// [`TransportFailure::MaybeSent`]: sent again only where that cannot double an
    /// effect, looked up otherwise. A flow saved before it started starts; one saved
    /// waiting for an SMS code asks for it again; one saved finished gives its
    /// outcome again.
    fn resume(&mut self) -> Result<Action<Self::Outcome>>;

    /// The answer to the last [`Action::Send`].
    fn on_response(&mut self, response: &HttpResponse) -> Result<Action<Self::Outcome>>;

    /// The last [`Action::Send`] produced no response.
    fn on_transport_failure(&mut self, failure: TransportFailure) -> Result<Action<Self::Outcome>>;

    /// The SMS code asked for by [`Action::AwaitVerifyCode`]. Only flows that ask
    /// for one accept it.
    fn provide_verify_code(&mut self, code: &str) -> Result<Action<Self::Outcome>> {
        let _ = code;
        Err(out_of_order("a verify code"))
    }

    /// A new SMS code instead of the one asked for by [`Action::AwaitVerifyCode`].
    /// Only flows that ask for one accept it.
    fn resend_code(&mut self) -> Result<Action<Self::Outcome>> {
        Err(out_of_order("a resend"))
    }

    /// The flow as text to store between two events (see [`snapshot`]); restore it
    /// with [`FlowKind::restore`].
    fn snapshot(&self) -> String;

    /// Where the flow stands.
    fn state(&self) -> FlowState;
}

/// A flow as the bindings and the conformance runner know it: a name, a config, an
/// input and options, and a way back from a snapshot. [`for_each_flow!`](crate::for_each_flow) lists them.
pub trait FlowKind: Flow + Sized + Send + 'static {
    /// `<provider>.<flow>`, e.g. `paylov.fiscalization`.
    const NAME: &'static str;
    /// What the flow does, in a sentence (every binding's docs repeat it).
    const SUMMARY: &'static str;
    /// Whether [`FlowKind::restore`] needs the account's credentials (a PaymentsGate
    /// payin signs in again: no snapshot holds a credential).
    const RESTORE_NEEDS_CREDENTIALS: bool = false;
    /// Whether the flow asks for an SMS code ([`Action::AwaitVerifyCode`]), so takes
    /// [`Flow::provide_verify_code`] and [`Flow::resend_code`].
    const ASKS_FOR_CODE: bool = false;
    /// The provider's config.
    type Config: serde::de::DeserializeOwned + std::fmt::Debug + Clone + crate::dispatch::Config;
    /// What the flow is started with.
    type Input: serde::de::DeserializeOwned;

    /// A flow, its input validated now: a bad input fails here, before anything is
    /// sent.
    fn create(config: Self::Config, input: Self::Input, options: FlowOptions) -> Result<Self>;

    /// The flow saved in `snapshot`, with what a snapshot never holds given again: the
    /// config (with its credentials) and, where [`FlowKind::RESTORE_NEEDS_CREDENTIALS`],
    /// the account's credentials. Call [`Flow::resume`] next. A snapshot that is not
    /// one, was changed, is of another flow or of a newer uzpay is refused (kind
    /// `invalid_input`, field `snapshot`).
    fn restore(config: Self::Config, snapshot: &str, credentials: Option<AuthTokenInput>) -> Result<Self>;
}

/// Calls `$m!` with every flow of uzpay, as `Flow, name, Config, Input, Outcome;`
/// entries (`Flow` an ident in [`crate::flow`], the rest types): the one list the
/// bindings, the describe layer and the conformance runner read.
#[macro_export]
macro_rules! for_each_flow {
    ($m:ident) => {
        $m! {
            PaylovFiscalizationFlow, "paylov.fiscalization", $crate::paylov::PaylovConfig,
                $crate::paylov::RegisterReceiptInput, $crate::flow::FiscalizedReceipt;
            FiscalBoxPaymentFlow, "fiscalbox.payment", $crate::fiscalbox::FiscalBoxConfig,
                $crate::flow::FiscalBoxPaymentInput, $crate::flow::FiscalBoxPaymentOutcome;
            PaymentsGatePayinFlow, "paymentsgate.payin", $crate::paymentsgate::PaymentsGateConfig,
                $crate::flow::PayinFlowInput, $crate::flow::PayinOutcome;
            ViaCardPaymentFlow, "via.card_payment", $crate::via::ViaConfig,
                $crate::via::ConfirmPayInput, $crate::flow::ViaPaymentOutcome;
        }
    };
}

/// Something done with a flow type chosen by name at run time (a binding, the
/// conformance runner): [`visit`] calls `visit::<F>()` with the flow of that name.
pub trait FlowVisitor {
    /// What the visit gives.
    type Output;
    /// Called with the flow's type.
    fn visit<F: FlowKind>(self) -> Self::Output;
}

/// Calls `visitor` with the flow named `name`; `None` if no flow has that name.
pub fn visit<V: FlowVisitor>(name: &str, visitor: V) -> Option<V::Output> {
    macro_rules! by_name {
        ($($flow:ident, $name:literal, $config:ty, $input:ty, $outcome:ty;)+) => {
            match name {
                $($name => Some(visitor.visit::<$flow>()),)+
                _ => None,
            }
        };
    }
    crate::for_each_flow!(by_name)
}

/// Every flow's name, in the order of [`for_each_flow!`](crate::for_each_flow).
pub const FLOWS: [&str; 4] = ["paylov.fiscalization", "fiscalbox.payment", "paymentsgate.payin", "via.card_payment"];

/// The request in flight and its try count; shared bookkeeping of every flow.
#[derive(Debug, Clone)]
pub(crate) struct InFlight {
    pub(crate) operation: &'static str,
    pub(crate) request: HttpRequest,
    pub(crate) attempt: u32,
}

impl InFlight {
    pub(crate) fn first(operation: &'static str, request: HttpRequest) -> Self {
        InFlight { operation, request, attempt: 1 }
    }

    /// The step for the current try.
    pub(crate) fn step(&self, policy: &RetryPolicy, extra_delay_ms: u64) -> Step {
        Step {
            operation: self.operation,
            request: self.request.clone(),
            delay_ms: policy.delay_before(self.attempt).max(extra_delay_ms),
            attempt: self.attempt,
        }
    }

    /// The next try of the same request, or `None` when the policy is used up.
    pub(crate) fn retry(&mut self, policy: &RetryPolicy) -> Option<Step> {
        if self.attempt >= policy.max_attempts.max(1) {
            return None;
        }
        self.attempt += 1;
        Some(self.step(policy, 0))
    }
}

/// The error a flow gives up with when a request got no answer: retryable (starting the
/// same work again is safe) when the request never left, or when sending it again
/// cannot double its effect.
pub(crate) fn transport_error(operation: &str, failure: TransportFailure) -> Error {
    let repeatable = crate::dispatch::effect(operation) != Some(crate::operation::Effect::Once);
    Error::Transport {
        operation: operation.to_owned(),
        failure,
        retryable: failure == TransportFailure::NotSent || repeatable,
    }
}

/// What a flow that ended with an error says to any later event.
pub(crate) fn ended() -> Error {
    Error::invalid_input("flow", "the flow already ended with an error; start a new one")
}

/// Called on an event that does not fit the flow's state (a response after `Done`).
pub(crate) fn out_of_order(event: &str) -> Error {
    Error::invalid_input("flow", format!("{event} does not fit the flow's current state"))
}

#[cfg(test)]
pub(crate) mod testing {
    //! Scripted drivers for the flow tests.
    use super::*;

    /// Drives a flow with scripted answers, returning the operations it sent.
    pub(crate) fn drive<F: Flow>(
        flow: &mut F,
        mut answer: impl FnMut(&Step) -> std::result::Result<HttpResponse, TransportFailure>,
    ) -> (Vec<&'static str>, Result<F::Outcome>) {
        let mut sent = Vec::new();
        let mut action = flow.start();
        for _ in 0..100 {
            match action {
                Ok(Action::Send(step)) => {
                    sent.push(step.operation);
                    action = match answer(&step) {
                        Ok(r) => flow.on_response(&r),
                        Err(f) => flow.on_transport_failure(f),
                    };
                }
                Ok(Action::AwaitVerifyCode { .. }) => return (sent, Err(out_of_order("a code request"))),
                Ok(Action::Done(outcome)) => return (sent, Ok(outcome)),
                Err(e) => return (sent, Err(e)),
            }
        }
        (sent, Err(out_of_order("too many steps")))
    }

    #[test]
    fn every_flow_is_listed_once_by_its_name() {
        struct Name;
        impl FlowVisitor for Name {
            type Output = &'static str;
            fn visit<F: FlowKind>(self) -> &'static str {
                F::NAME
            }
        }
        for name in FLOWS {
            assert_eq!(visit(name, Name), Some(name));
        }
        assert_eq!(visit("paylov.nothing", Name), None);
    }

    #[test]
    fn backoff_doubles_and_caps() {
        let p = RetryPolicy { max_attempts: 10, base_delay_ms: 100, max_delay_ms: 1_000 };
        let delays: Vec<u64> = (1..=7).map(|a| p.delay_before(a)).collect();
        assert_eq!(delays, vec![0, 100, 200, 400, 800, 1_000, 1_000]);
        assert_eq!(p.delay_before(u32::MAX), 1_000);
    }
}
