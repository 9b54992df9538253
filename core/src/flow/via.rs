//! A VIA card payment: start it, wait for the SMS code, confirm it.
//!
//! `confirm_pay` -> [`Action::AwaitVerifyCode`] -> `provide_verify_code` ->
//! `confirm_pay_verify`. A wrong code asks again (a bounded number of times);
//! `resend_code` sends a new SMS. When the verify's answer is lost, the flow looks the
//! payment up (`get_transaction` by your external id) before trying again, so a
//! payment is never confirmed blind. A `REJECT` or `ERROR` transaction is an outcome,
//! not an error: the call worked, the payment did not.

use serde::Serialize;

use super::{out_of_order, transport_error, Action, Flow, InFlight, RetryPolicy, TransportFailure};
use crate::error::{Error, ErrorKind, Result};
use crate::http::HttpResponse;
use crate::via::{
    build_confirm_pay, build_confirm_pay_verify, build_get_transaction, build_resend_code, parse_confirm_pay,
    parse_confirm_pay_verify, parse_get_transaction, parse_resend_code, ConfirmPayInput, ConfirmPayVerifyInput,
    GetTransactionInput, ResendCodeInput, ViaConfig, ViaTransaction,
};

/// How many wrong SMS codes the flow accepts before it gives up.
const MAX_CODE_ATTEMPTS: u32 = 3;

/// Where a card payment ended.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ViaPaymentOutcome {
    /// The transaction, whatever its status.
    pub transaction: ViaTransaction,
    /// True when its status is `SUCCESS`.
    pub paid: bool,
}

#[derive(Debug, Clone)]
enum State {
    Ready,
    Starting(InFlight),
    AwaitingCode {
        verify_id: String,
        attempts_left: u32,
    },
    Verifying {
        in_flight: InFlight,
        verify_id: String,
        code: String,
        attempts_left: u32,
    },
    Resending {
        in_flight: InFlight,
        verify_id: String,
        attempts_left: u32,
    },
    /// The verify's answer was lost: is there a transaction?
    Checking {
        in_flight: InFlight,
        verify_id: String,
        code: String,
        attempts_left: u32,
    },
    Done,
}

/// A card payment with SMS confirmation. See the [flow module](crate::flow) for how flows are driven.
#[derive(Debug, Clone)]
pub struct ViaCardPaymentFlow {
    config: ViaConfig,
    input: ConfirmPayInput,
    policy: RetryPolicy,
    state: State,
}

impl ViaCardPaymentFlow {
    /// A flow for this payment; the input (card included) is validated now.
    pub fn new(config: ViaConfig, input: ConfirmPayInput, policy: RetryPolicy) -> Result<Self> {
        build_confirm_pay(&config, &input)?;
        Ok(ViaCardPaymentFlow { config, input, policy, state: State::Ready })
    }

    /// The code the card holder typed, after [`Action::AwaitVerifyCode`].
    pub fn provide_verify_code(&mut self, code: &str) -> Result<Action<ViaPaymentOutcome>> {
        let State::AwaitingCode { verify_id, attempts_left } = self.state.clone() else {
            return Err(out_of_order("a verify code"));
        };
        let input = ConfirmPayVerifyInput { verify_id: verify_id.clone(), verify_code: code.to_owned() };
        // A malformed code (letters, empty) is refused here and the flow keeps waiting.
        let request = build_confirm_pay_verify(&self.config, &input)?;
        let in_flight = InFlight::first("via.confirm_pay_verify", request);
        let step = in_flight.step(&self.policy, 0);
        self.state = State::Verifying { in_flight, verify_id, code: code.to_owned(), attempts_left };
        Ok(Action::Send(step))
    }

    /// Sends the card holder a new code, after [`Action::AwaitVerifyCode`].
    pub fn resend_code(&mut self) -> Result<Action<ViaPaymentOutcome>> {
        let State::AwaitingCode { verify_id, attempts_left } = self.state.clone() else {
            return Err(out_of_order("a resend"));
        };
        let request = build_resend_code(&self.config, &ResendCodeInput { verify_id: verify_id.clone() })?;
        let in_flight = InFlight::first("via.resend_code", request);
        let step = in_flight.step(&self.policy, 0);
        self.state = State::Resending { in_flight, verify_id, attempts_left };
        Ok(Action::Send(step))
    }

    fn await_code(&mut self, verify_id: String, attempts_left: u32) -> Result<Action<ViaPaymentOutcome>> {
        self.state = State::AwaitingCode { verify_id: verify_id.clone(), attempts_left };
        Ok(Action::AwaitVerifyCode { verify_id, attempts_left })
    }

    fn finish(&mut self, transaction: ViaTransaction) -> Result<Action<ViaPaymentOutcome>> {
        self.state = State::Done;
        let paid = transaction.is_paid();
        Ok(Action::Done(ViaPaymentOutcome { transaction, paid }))
    }

    fn fail(&mut self, error: Error) -> Result<Action<ViaPaymentOutcome>> {
        self.state = State::Done;
        Err(error)
    }

    fn retry_or(&mut self, error: Error) -> Result<Action<ViaPaymentOutcome>> {
        let step = match &mut self.state {
            State::Starting(f)
            | State::Verifying { in_flight: f, .. }
            | State::Resending { in_flight: f, .. }
            | State::Checking { in_flight: f, .. } => f.retry(&self.policy),
            _ => None,
        };
        match step {
            Some(step) => Ok(Action::Send(step)),
            None => self.fail(error),
        }
    }

    fn check(&mut self, verify_id: String, code: String, attempts_left: u32) -> Result<Action<ViaPaymentOutcome>> {
        let input = GetTransactionInput { transaction_id: None, external_id: Some(self.input.external_id.clone()) };
        let in_flight = InFlight::first("via.get_transaction", build_get_transaction(&self.config, &input)?);
        let step = in_flight.step(&self.policy, 0);
        self.state = State::Checking { in_flight, verify_id, code, attempts_left };
        Ok(Action::Send(step))
    }
}

impl Flow for ViaCardPaymentFlow {
    type Outcome = ViaPaymentOutcome;

    fn start(&mut self) -> Result<Action<ViaPaymentOutcome>> {
        if !matches!(self.state, State::Ready) {
            return Err(out_of_order("start"));
        }
        let in_flight = InFlight::first("via.confirm_pay", build_confirm_pay(&self.config, &self.input)?);
        let step = in_flight.step(&self.policy, 0);
        self.state = State::Starting(in_flight);
        Ok(Action::Send(step))
    }

    fn on_response(&mut self, response: &HttpResponse) -> Result<Action<ViaPaymentOutcome>> {
        // An unreadable 2xx body (a Decode error) means the call may have worked.
        let unreadable = |e: &Error| e.kind() == ErrorKind::Decode;
        match self.state.clone() {
            State::Starting(_) => match parse_confirm_pay(response) {
                Ok(started) => self.await_code(started.verify_id, MAX_CODE_ATTEMPTS),
                // Starting again at worst sends a second SMS; it moves no money.
                Err(e) if e.retryable() || unreadable(&e) => self.retry_or(e),
                Err(e) => self.fail(e),
            },
            State::Verifying { verify_id, code, attempts_left, .. } => match parse_confirm_pay_verify(response) {
                Ok(transaction) => self.finish(transaction),
                // The payment may be confirmed: look it up rather than guess.
                Err(e) if unreadable(&e) => self.check(verify_id, code, attempts_left),
                Err(e) if e.retryable() => self.retry_or(e),
                // VIA refused the code: ask again while attempts are left.
                Err(e) if e.kind() == ErrorKind::Provider && attempts_left > 1 => {
                    self.await_code(verify_id, attempts_left - 1)
                }
                Err(e) => self.fail(e),
            },
            State::Resending { verify_id, attempts_left, .. } => match parse_resend_code(response) {
                Ok(_) => self.await_code(verify_id, attempts_left),
                Err(e) if e.retryable() || unreadable(&e) => self.retry_or(e),
                Err(e) => self.fail(e),
            },
            State::Checking { verify_id, code, attempts_left, .. } => match parse_get_transaction(response) {
                Ok(transaction) => self.finish(transaction),
                // No transaction: the lost verify did not take; send it again.
                Err(e) if e.kind() == ErrorKind::Provider && !e.retryable() => {
                    self.state = State::AwaitingCode { verify_id, attempts_left };
                    self.provide_verify_code(&code)
                }
                Err(e) if e.retryable() || unreadable(&e) => self.retry_or(e),
                Err(e) => self.fail(e),
            },
            State::Ready | State::AwaitingCode { .. } | State::Done => Err(out_of_order("a response")),
        }
    }

    fn on_transport_failure(&mut self, failure: TransportFailure) -> Result<Action<ViaPaymentOutcome>> {
        match (self.state.clone(), failure) {
            (State::Verifying { verify_id, code, attempts_left, .. }, TransportFailure::MaybeSent) => {
                self.check(verify_id, code, attempts_left)
            }
            (
                State::Starting(f)
                | State::Verifying { in_flight: f, .. }
                | State::Resending { in_flight: f, .. }
                | State::Checking { in_flight: f, .. },
                _,
            ) => {
                // Starting again at worst sends a second SMS; it moves no money.
                let error = transport_error(f.operation, failure);
                self.retry_or(error)
            }
            _ => Err(out_of_order("a transport failure")),
        }
    }

    fn provide_verify_code(&mut self, code: &str) -> Result<Action<ViaPaymentOutcome>> {
        ViaCardPaymentFlow::provide_verify_code(self, code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::card::Pan;
    use crate::via::CardInput;

    const TXN: &str = r#"{"transactionId":"trx_1","merchantId":"m","amount":100,"status":"SUCCESS","currency":"UZS"}"#;
    const WRONG: &str = r#"{"status":{"code":"3015","message":"e"},"error":{"path":"/x","message":{"en":"Invalid verification code"}}}"#;

    fn flow() -> ViaCardPaymentFlow {
        let input = ConfirmPayInput {
            merchant_id: "m".into(),
            card: CardInput { pan: Pan::new("8600000000000007"), expiry: "0127".into() },
            external_id: "order-1".into(),
            amount: 100,
            currency: Default::default(),
            note: None,
        };
        ViaCardPaymentFlow::new(ViaConfig::new("https://via.example", "c", "s"), input, RetryPolicy::default()).unwrap()
    }

    fn send(
        f: &mut ViaCardPaymentFlow,
        action: Result<Action<ViaPaymentOutcome>>,
        body: (u16, &str),
    ) -> Result<Action<ViaPaymentOutcome>> {
        assert!(matches!(action, Ok(Action::Send(_))), "{action:?}");
        f.on_response(&HttpResponse::new(body.0, body.1))
    }

    #[test]
    fn code_then_paid() {
        let mut f = flow();
        let a = f.start();
        let a = send(&mut f, a, (200, r#"{"verifyId":"v1"}"#)).unwrap();
        assert_eq!(a, Action::AwaitVerifyCode { verify_id: "v1".into(), attempts_left: 3 });
        let a = f.provide_verify_code("123456");
        match send(&mut f, a, (200, TXN)).unwrap() {
            Action::Done(o) => assert!(o.paid),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn wrong_codes_ask_again_then_give_up() {
        let mut f = flow();
        let a = f.start();
        send(&mut f, a, (200, r#"{"verifyId":"v1"}"#)).unwrap();
        for left in [2, 1] {
            let a = f.provide_verify_code("000000");
            assert_eq!(
                send(&mut f, a, (400, WRONG)).unwrap(),
                Action::AwaitVerifyCode { verify_id: "v1".into(), attempts_left: left }
            );
        }
        let a = f.provide_verify_code("000000");
        assert_eq!(send(&mut f, a, (400, WRONG)).unwrap_err().code(), Some("3015"));
    }

    #[test]
    fn a_malformed_code_is_refused_and_the_flow_keeps_waiting() {
        let mut f = flow();
        let a = f.start();
        send(&mut f, a, (200, r#"{"verifyId":"v1"}"#)).unwrap();
        assert_eq!(f.provide_verify_code("12ab").unwrap_err().field(), Some("verify_code"));
        assert!(matches!(f.provide_verify_code("1234"), Ok(Action::Send(_))));
    }

    #[test]
    fn resend_then_verify() {
        let mut f = flow();
        let a = f.start();
        send(&mut f, a, (200, r#"{"verifyId":"v1"}"#)).unwrap();
        let a = f.resend_code();
        assert!(matches!(send(&mut f, a, (200, r#"{"verifyId":"v1"}"#)), Ok(Action::AwaitVerifyCode { .. })));
    }

    #[test]
    fn a_lost_verify_is_looked_up_not_repeated_blindly() {
        let mut f = flow();
        let a = f.start();
        send(&mut f, a, (200, r#"{"verifyId":"v1"}"#)).unwrap();
        assert!(matches!(f.provide_verify_code("123456"), Ok(Action::Send(_))));
        match f.on_transport_failure(TransportFailure::MaybeSent).unwrap() {
            Action::Send(step) => assert_eq!(step.operation, "via.get_transaction"),
            other => panic!("{other:?}"),
        }
        let done = f.on_response(&HttpResponse::new(200, format!("{{\"data\":{TXN}}}"))).unwrap();
        assert!(matches!(done, Action::Done(ViaPaymentOutcome { paid: true, .. })));
    }

    #[test]
    fn a_rejected_payment_is_an_outcome() {
        let mut f = flow();
        let a = f.start();
        send(&mut f, a, (200, r#"{"verifyId":"v1"}"#)).unwrap();
        let a = f.provide_verify_code("123456");
        match send(&mut f, a, (200, &TXN.replace("SUCCESS", "REJECT"))).unwrap() {
            Action::Done(o) => assert!(!o.paid),
            other => panic!("{other:?}"),
        }
    }
}
