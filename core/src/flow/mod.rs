//! Complete flows as sans-IO state machines.
//!
//! A merchant never calls one endpoint alone: a card payment is `confirm_pay`, an SMS
//! code, then `confirm_pay_verify`; a receipt is `register_receipt`, and on
//! `ofd_check_already_generated` or a lost answer, `receipt_status`. A flow holds that
//! logic once, for every binding: it says which request to send next, given the
//! last response, and never touches the network or a clock.
//!
//! ```text
//! let mut action = flow.start()?;
//! loop {
//!     match action {
//!         Action::Send(step) => {
//!             sleep(step.delay_ms);                       // backoff or polling pause
//!             action = match http_client.send(&step.request) {
//!                 Ok(response) => flow.on_response(&response)?,
//!                 Err(e) => flow.on_transport_failure(failure_of(e))?,
//!             };
//!         }
//!         Action::AwaitVerifyCode { .. } => action = flow.provide_verify_code(ask_the_customer())?,
//!         Action::Done(outcome) => break outcome,
//!     }
//! }
//! ```
//!
//! Retries follow one rule: a step is sent again only when that cannot double an
//! effect: the error is retryable (a 5xx, 429, a gateway page) and the step is
//! idempotent, or the request never left (`TransportFailure::NotSent`). When an
//! answer is lost after the request may have been processed, the flow asks the
//! provider what happened (Paylov `receipt_status`, VIA `get_transaction`) instead
//! of repeating it.

mod fiscalbox;
mod paylov;
mod paymentsgate;
mod via;

pub use fiscalbox::{FiscalBoxPaymentFlow, FiscalBoxPaymentOutcome, Wallet};
pub use paylov::{FiscalizedReceipt, PaylovFiscalizationFlow};
pub use paymentsgate::{PayinFlowOptions, PayinOutcome, PaymentsGatePayinFlow};
pub use via::{ViaCardPaymentFlow, ViaPaymentOutcome};

use crate::error::{Error, Result};
use crate::http::{HttpRequest, HttpResponse};

/// What a flow wants next.
#[derive(Debug, Clone, PartialEq)]
pub enum Action<T> {
    /// Send this request (after `delay_ms`), then report the answer with
    /// `on_response` or the failure with `on_transport_failure`.
    Send(Step),
    /// Ask the card holder for the SMS code VIA sent, then call
    /// `provide_verify_code` (or `resend_code`).
    AwaitVerifyCode {
        /// The payment waiting for its code.
        verify_id: String,
        /// How many wrong codes may still be tried.
        attempts_left: u32,
    },
    /// The flow is over.
    Done(T),
}

/// One request of a flow.
#[derive(Debug, Clone, PartialEq, Eq)]
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

/// How a request failed to produce a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TransportFailure {
    /// The request never left (DNS, connection refused, TLS handshake): safe to send
    /// again.
    NotSent,
    /// It may have reached the provider (timeout after sending, connection dropped
    /// mid-answer): the effect may have happened.
    MaybeSent,
}

/// How many times a step is tried and how long to wait between tries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Tries per step, the first included (at least 1).
    pub max_attempts: u32,
    /// The wait before the first retry; doubled for each later one.
    pub base_delay_ms: u64,
    /// The longest wait between tries.
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

/// The three events every flow takes. Drivers (the native transport, a binding's
/// helper) are written once against this trait.
pub trait Flow {
    /// What a finished flow returns.
    type Outcome;

    /// The first action.
    fn start(&mut self) -> Result<Action<Self::Outcome>>;

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
}

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

/// The error a flow returns when its last try failed in transport.
pub(crate) fn transport_error(operation: &str, failure: TransportFailure) -> Error {
    let what = match failure {
        TransportFailure::NotSent => "could not be sent",
        TransportFailure::MaybeSent => "got no answer",
    };
    Error::Decode { message: format!("{operation} {what} after every try"), retryable: true }
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
    fn backoff_doubles_and_caps() {
        let p = RetryPolicy { max_attempts: 10, base_delay_ms: 100, max_delay_ms: 1_000 };
        let delays: Vec<u64> = (1..=7).map(|a| p.delay_before(a)).collect();
        assert_eq!(delays, vec![0, 100, 200, 400, 800, 1_000, 1_000]);
        assert_eq!(p.delay_before(u32::MAX), 1_000);
    }
}
