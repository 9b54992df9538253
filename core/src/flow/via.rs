//! A VIA card payment: start it, wait for the SMS code, confirm it.
//!
//! `confirm_pay` -> [`Action::AwaitVerifyCode`] -> `provide_verify_code` ->
//! `confirm_pay_verify`. A wrong code asks again (a bounded number of times);
//! `resend_code` sends a new SMS. Starting and confirming are charges: neither is
//! repeated blind. When either's answer is lost (or is a 5xx or a page that says
//! nothing), the flow looks the payment up by your external id (`get_transaction`):
//! a payment that exists goes on from where it is, one that does not is started (or
//! confirmed) again. A resend whose answer is lost is not repeated (a second SMS would
//! void the code the card holder may already have): the flow asks for the code. A
//! `REJECT` or `ERROR` transaction is an outcome, not an error: the call worked, the
//! payment did not.
//!
//! A snapshot holds neither the card nor an SMS code: a restored payment that must
//! start again cannot (it ends with a retryable `transport` error: nothing was
//! charged, start a new flow with the card), and one that must send its code again
//! asks the card holder for it.

use serde::{Deserialize, Serialize};

use super::{
    ended, out_of_order, snapshot, transport_error, Action, AwaitVerifyCode, Flow, FlowKind, FlowOptions, FlowState,
    InFlight, RetryPolicy, TransportFailure,
};
use crate::error::{Error, ErrorKind, Result};
use crate::http::HttpResponse;
use crate::money::{Currency, Tiyin};
use crate::paymentsgate::AuthTokenInput;
use crate::via::{
    build_confirm_pay, build_confirm_pay_verify, build_get_transaction, build_resend_code, parse_confirm_pay,
    parse_confirm_pay_verify, parse_get_transaction, parse_resend_code, CardInput, ConfirmPayInput,
    ConfirmPayVerifyInput, GetTransactionInput, ResendCodeInput, ViaConfig, ViaTransaction, ViaTransactionStatus,
};

/// How many wrong SMS codes the flow accepts before it gives up.
const MAX_CODE_ATTEMPTS: u32 = 3;

/// Where a card payment ended.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ViaPaymentOutcome {
    /// The transaction, whatever its status.
    pub transaction: ViaTransaction,
    /// True when its status is `SUCCESS`.
    pub paid: bool,
}

/// The SMS-code step: which payment, how many wrong codes are left, and the code in
/// flight (never saved).
#[derive(Debug, Clone)]
struct Verify {
    verify_id: String,
    attempts_left: u32,
    code: Option<String>,
}

/// Why the flow looks the payment up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Lookup {
    /// `confirm_pay` got no answer (its try count is kept): is there a payment?
    Start { attempt: u32 },
    /// `confirm_pay_verify` got no answer (its try count is kept): did the code take?
    Verify { attempt: u32 },
}

#[derive(Debug, Clone)]
enum State {
    Ready,
    Starting(InFlight),
    AwaitingCode(Verify),
    Verifying(InFlight, Verify),
    Resending(InFlight, Verify),
    Checking(InFlight, Lookup, Option<Verify>),
    /// The outcome, and the answer it was read from (for a snapshot).
    Done(ViaPaymentOutcome, Answer),
    Failed,
}

/// The answer that ended the flow, kept as it came: the outcome is read from it again
/// after a restore.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Answer {
    operation: String,
    body: String,
}

/// What a snapshot holds: the payment without its card, and the step. Never the card
/// or an SMS code.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Saved {
    merchant_id: String,
    external_id: String,
    amount: Tiyin,
    currency: Currency,
    note: Option<String>,
    retry: RetryPolicy,
    state: SavedState,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
enum SavedState {
    Ready,
    Starting { attempt: u32 },
    AwaitingCode { verify_id: String, attempts_left: u32 },
    Verifying { verify_id: String, attempts_left: u32, attempt: u32 },
    Resending { verify_id: String, attempts_left: u32 },
    Checking { lookup: Lookup, attempt: u32, verify: Option<(String, u32)> },
    Done { answer: Answer },
    Failed,
}

/// A card payment with SMS confirmation. See the [flow module](crate::flow) for how flows are driven.
#[derive(Debug, Clone)]
pub struct ViaCardPaymentFlow {
    config: ViaConfig,
    input: ConfirmPayInput,
    /// False for a restored flow: the card is never saved.
    has_card: bool,
    policy: RetryPolicy,
    state: State,
}

/// An error that says nothing of whether the request was processed: a 5xx, a gateway's
/// page, an unreadable body.
fn maybe_processed(error: &Error) -> bool {
    error.kind() == ErrorKind::Decode || (!error.retryable() && error.status().is_some_and(|s| s >= 500))
}

impl ViaCardPaymentFlow {
    /// A flow for this payment; the input (card included) is validated now.
    pub fn new(config: ViaConfig, input: ConfirmPayInput, policy: RetryPolicy) -> Result<Self> {
        build_confirm_pay(&config, &input)?;
        Ok(ViaCardPaymentFlow { config, input, has_card: true, policy, state: State::Ready })
    }

    fn start_request(&self, attempt: u32) -> Result<InFlight> {
        let in_flight = InFlight::first("via.confirm_pay", build_confirm_pay(&self.config, &self.input)?);
        Ok(InFlight { attempt, ..in_flight })
    }

    fn verify_request(&self, verify: &Verify, attempt: u32) -> Result<InFlight> {
        let input = ConfirmPayVerifyInput {
            verify_id: verify.verify_id.clone(),
            verify_code: verify.code.clone().unwrap_or_default(),
        };
        let in_flight = InFlight::first("via.confirm_pay_verify", build_confirm_pay_verify(&self.config, &input)?);
        Ok(InFlight { attempt, ..in_flight })
    }

    fn lookup_request(&self, attempt: u32) -> Result<InFlight> {
        let input = GetTransactionInput { transaction_id: None, external_id: Some(self.input.external_id.clone()) };
        let in_flight = InFlight::first("via.get_transaction", build_get_transaction(&self.config, &input)?);
        Ok(InFlight { attempt, ..in_flight })
    }

    fn send(&mut self, state: State) -> Result<Action<ViaPaymentOutcome>> {
        let step = match &state {
            State::Starting(f) | State::Verifying(f, _) | State::Resending(f, _) | State::Checking(f, _, _) => {
                f.step(&self.policy, 0)
            }
            _ => return Err(out_of_order("a request")),
        };
        self.state = state;
        Ok(Action::Send(step))
    }

    /// The code the card holder typed, after [`Action::AwaitVerifyCode`].
    pub fn provide_verify_code(&mut self, code: &str) -> Result<Action<ViaPaymentOutcome>> {
        let State::AwaitingCode(verify) = self.state.clone() else {
            return Err(self.refusal("a verify code"));
        };
        let verify = Verify { code: Some(code.to_owned()), ..verify };
        // A malformed code (letters, empty) is refused here, named as the verb's `code`,
        // and the flow keeps waiting.
        let in_flight = self.verify_request(&verify, 1).map_err(|e| e.under("", &[("verify_code", "code")]))?;
        self.send(State::Verifying(in_flight, verify))
    }

    /// Sends the card holder a new code, after [`Action::AwaitVerifyCode`].
    pub fn resend_code(&mut self) -> Result<Action<ViaPaymentOutcome>> {
        let State::AwaitingCode(verify) = self.state.clone() else {
            return Err(self.refusal("a resend"));
        };
        let request = build_resend_code(&self.config, &ResendCodeInput { verify_id: verify.verify_id.clone() })?;
        self.send(State::Resending(InFlight::first("via.resend_code", request), verify))
    }

    fn refusal(&self, event: &str) -> Error {
        match self.state {
            State::Failed => ended(),
            _ => out_of_order(event),
        }
    }

    fn await_code(&mut self, verify: Verify) -> Result<Action<ViaPaymentOutcome>> {
        let ask = AwaitVerifyCode { verify_id: verify.verify_id.clone(), attempts_left: verify.attempts_left };
        self.state = State::AwaitingCode(Verify { code: None, ..verify });
        Ok(Action::AwaitVerifyCode(ask))
    }

    fn finish(&mut self, transaction: ViaTransaction, response: &HttpResponse) -> Result<Action<ViaPaymentOutcome>> {
        let operation = match &self.state {
            State::Checking(..) => "via.get_transaction",
            _ => "via.confirm_pay_verify",
        };
        let answer =
            Answer { operation: operation.to_owned(), body: String::from_utf8_lossy(&response.body).into_owned() };
        let outcome = ViaPaymentOutcome { paid: transaction.is_paid(), transaction };
        self.state = State::Done(outcome.clone(), answer);
        Ok(Action::Done(outcome))
    }

    fn fail(&mut self, error: Error) -> Result<Action<ViaPaymentOutcome>> {
        // Once the payment started (or may have), starting the same work again would
        // send `confirm_pay` twice; once a code was sent, the payment may be confirmed.
        let started = !matches!(self.state, State::Ready | State::Starting(_));
        self.state = State::Failed;
        Err(if started { error.not_retryable() } else { error })
    }

    fn retry_or(&mut self, error: Error) -> Result<Action<ViaPaymentOutcome>> {
        let step = match &mut self.state {
            State::Starting(f) | State::Verifying(f, _) | State::Resending(f, _) | State::Checking(f, _, _) => {
                f.retry(&self.policy)
            }
            _ => None,
        };
        match step {
            Some(step) => Ok(Action::Send(step)),
            None => self.fail(error),
        }
    }

    fn look_up(&mut self, lookup: Lookup, verify: Option<Verify>) -> Result<Action<ViaPaymentOutcome>> {
        let in_flight = self.lookup_request(1)?;
        self.send(State::Checking(in_flight, lookup, verify))
    }

    /// The lookup found no payment: `confirm_pay` did not take. Start again (as the
    /// next try of it), unless the tries are used up or the card is not here.
    fn start_again(&mut self, attempt: u32) -> Result<Action<ViaPaymentOutcome>> {
        let lost = Error::Transport {
            operation: "via.confirm_pay".to_owned(),
            failure: TransportFailure::MaybeSent,
            // No payment exists: starting a new one is safe.
            retryable: true,
        };
        if !self.has_card || attempt >= self.policy.max_attempts.max(1) {
            self.state = State::Failed;
            return Err(lost);
        }
        let in_flight = self.start_request(attempt + 1)?;
        self.send(State::Starting(in_flight))
    }

    fn on_lookup(
        &mut self,
        lookup: Lookup,
        verify: Option<Verify>,
        response: &HttpResponse,
    ) -> Result<Action<ViaPaymentOutcome>> {
        let transaction = match parse_get_transaction(response) {
            Ok(transaction) => transaction,
            // No such payment (VIA answers 404; a 401 or 403 says nothing of it).
            Err(e) if e.kind() == ErrorKind::Provider && e.status() == Some(404) => {
                return match lookup {
                    Lookup::Start { attempt } => self.start_again(attempt),
                    // The payment started (there was a verify id), so it exists.
                    Lookup::Verify { .. } => self.fail(e),
                };
            }
            // A lookup is a read: any answer that is not VIA's own (a gateway's page, a
            // bare status, a cut-short body) is asked for again.
            Err(e) if e.kind() != ErrorKind::Provider || e.retryable() => return self.retry_or(e),
            Err(e) => return self.fail(e),
        };
        let waiting = matches!(transaction.status, ViaTransactionStatus::New | ViaTransactionStatus::Draft);
        match (lookup, verify) {
            (Lookup::Start { .. }, _) if waiting || transaction.status == ViaTransactionStatus::Pending => {
                let verify =
                    Verify { verify_id: transaction.transaction_id, attempts_left: MAX_CODE_ATTEMPTS, code: None };
                self.await_code(verify)
            }
            // The code did not take: send it again if it is known, else ask for it.
            (Lookup::Verify { attempt }, Some(verify)) if waiting => match verify.code {
                Some(_) if attempt < self.policy.max_attempts.max(1) => {
                    let in_flight = self.verify_request(&verify, attempt + 1)?;
                    self.send(State::Verifying(in_flight, verify))
                }
                _ => self.await_code(verify),
            },
            _ => self.finish(transaction, response),
        }
    }

    fn restored_state(&self, state: SavedState) -> Result<State> {
        let verify = |verify_id: String, attempts_left: u32| Verify { verify_id, attempts_left, code: None };
        Ok(match state {
            SavedState::Ready => {
                return Err(Error::invalid_input(
                    "snapshot",
                    "holds a VIA card payment saved before it started; the card number is never saved, so start a \
                     new flow with the card",
                ))
            }
            // The start may have taken: look it up (the card is not here to repeat it).
            SavedState::Starting { attempt } => {
                State::Checking(self.lookup_request(0)?, Lookup::Start { attempt }, None)
            }
            SavedState::AwaitingCode { verify_id, attempts_left } => {
                State::AwaitingCode(verify(verify_id, attempts_left))
            }
            SavedState::Verifying { verify_id, attempts_left, attempt } => State::Checking(
                self.lookup_request(0)?,
                Lookup::Verify { attempt },
                Some(verify(verify_id, attempts_left)),
            ),
            // A resend is never repeated: ask for the code.
            SavedState::Resending { verify_id, attempts_left } => State::AwaitingCode(verify(verify_id, attempts_left)),
            SavedState::Checking { lookup, attempt, verify: v } => {
                State::Checking(self.lookup_request(attempt)?, lookup, v.map(|(id, left)| verify(id, left)))
            }
            SavedState::Done { answer } => {
                let response = HttpResponse::new(200, answer.body.clone().into_bytes());
                let read = match answer.operation.as_str() {
                    "via.get_transaction" => parse_get_transaction(&response),
                    _ => parse_confirm_pay_verify(&response),
                };
                let transaction = read.map_err(|e| {
                    Error::invalid_input("snapshot", format!("has a final answer that does not read: {e}"))
                })?;
                State::Done(ViaPaymentOutcome { paid: transaction.is_paid(), transaction }, answer)
            }
            SavedState::Failed => State::Failed,
        })
    }
}

impl Flow for ViaCardPaymentFlow {
    type Outcome = ViaPaymentOutcome;

    fn start(&mut self) -> Result<Action<ViaPaymentOutcome>> {
        if !matches!(self.state, State::Ready) {
            return Err(self.refusal("start"));
        }
        let in_flight = self.start_request(1)?;
        self.send(State::Starting(in_flight))
    }

    fn resume(&mut self) -> Result<Action<ViaPaymentOutcome>> {
        match self.state.clone() {
            State::Ready => self.start(),
            State::AwaitingCode(verify) => self.await_code(verify),
            // A restored flow's lookup was never sent (attempt 0): its first try.
            State::Checking(f, lookup, verify) if f.attempt == 0 => {
                let in_flight = InFlight { attempt: 1, ..f };
                self.send(State::Checking(in_flight, lookup, verify))
            }
            State::Starting(_) | State::Verifying(..) | State::Resending(..) | State::Checking(..) => {
                self.on_transport_failure(TransportFailure::MaybeSent)
            }
            State::Done(outcome, _) => Ok(Action::Done(outcome)),
            State::Failed => Err(ended()),
        }
    }

    fn on_response(&mut self, response: &HttpResponse) -> Result<Action<ViaPaymentOutcome>> {
        match self.state.clone() {
            State::Starting(f) => match parse_confirm_pay(response) {
                Ok(started) => self.await_code(Verify {
                    verify_id: started.verify_id,
                    attempts_left: MAX_CODE_ATTEMPTS,
                    code: None,
                }),
                // Certainly not processed (429): the core marks it retryable.
                Err(e) if e.retryable() => self.retry_or(e),
                Err(e) if maybe_processed(&e) => self.look_up(Lookup::Start { attempt: f.attempt }, None),
                Err(e) => self.fail(e),
            },
            State::Verifying(f, verify) => match parse_confirm_pay_verify(response) {
                Ok(transaction) => self.finish(transaction, response),
                Err(e) if e.retryable() => self.retry_or(e),
                // The payment may be confirmed: look it up rather than guess.
                Err(e) if maybe_processed(&e) => self.look_up(Lookup::Verify { attempt: f.attempt }, Some(verify)),
                // VIA refused the code: ask again while attempts are left.
                Err(e) if e.kind() == ErrorKind::Provider && verify.attempts_left > 1 => {
                    self.await_code(Verify { attempts_left: verify.attempts_left - 1, ..verify })
                }
                Err(e) => self.fail(e),
            },
            State::Resending(_, verify) => match parse_resend_code(response) {
                Ok(_) => self.await_code(verify),
                Err(e) if e.retryable() => self.retry_or(e),
                // Whether a new SMS went out is unknown: ask for a code, do not send another.
                Err(e) if maybe_processed(&e) => self.await_code(verify),
                // Refused (too many resends, say): the flow still waits for the code.
                Err(e) => {
                    self.state = State::AwaitingCode(verify);
                    Err(e)
                }
            },
            State::Checking(_, lookup, verify) => self.on_lookup(lookup, verify, response),
            State::Failed => Err(ended()),
            State::Ready | State::AwaitingCode(_) | State::Done(..) => Err(out_of_order("a response")),
        }
    }

    fn on_transport_failure(&mut self, failure: TransportFailure) -> Result<Action<ViaPaymentOutcome>> {
        use TransportFailure::{MaybeSent, NotSent};
        match (self.state.clone(), failure) {
            (State::Starting(f), MaybeSent) => self.look_up(Lookup::Start { attempt: f.attempt }, None),
            (State::Verifying(f, verify), MaybeSent) => {
                self.look_up(Lookup::Verify { attempt: f.attempt }, Some(verify))
            }
            (State::Resending(_, verify), MaybeSent) => self.await_code(verify),
            (State::Starting(f) | State::Verifying(f, _) | State::Resending(f, _), NotSent)
            | (State::Checking(f, _, _), _) => {
                let error = transport_error(f.operation, failure);
                self.retry_or(error)
            }
            (State::Failed, _) => Err(ended()),
            _ => Err(out_of_order("a transport failure")),
        }
    }

    fn provide_verify_code(&mut self, code: &str) -> Result<Action<ViaPaymentOutcome>> {
        ViaCardPaymentFlow::provide_verify_code(self, code)
    }

    fn resend_code(&mut self) -> Result<Action<ViaPaymentOutcome>> {
        ViaCardPaymentFlow::resend_code(self)
    }

    fn state(&self) -> FlowState {
        match self.state {
            State::Ready => FlowState::Ready,
            State::AwaitingCode(_) => FlowState::AwaitingCode,
            State::Starting(_) | State::Verifying(..) | State::Resending(..) | State::Checking(..) => {
                FlowState::Sending
            }
            State::Done(..) => FlowState::Done,
            State::Failed => FlowState::Failed,
        }
    }

    fn snapshot(&self) -> String {
        let state = match &self.state {
            State::Ready => SavedState::Ready,
            State::Starting(f) => SavedState::Starting { attempt: f.attempt },
            State::AwaitingCode(v) => {
                SavedState::AwaitingCode { verify_id: v.verify_id.clone(), attempts_left: v.attempts_left }
            }
            State::Verifying(f, v) => SavedState::Verifying {
                verify_id: v.verify_id.clone(),
                attempts_left: v.attempts_left,
                attempt: f.attempt,
            },
            State::Resending(_, v) => {
                SavedState::Resending { verify_id: v.verify_id.clone(), attempts_left: v.attempts_left }
            }
            State::Checking(f, lookup, v) => SavedState::Checking {
                lookup: *lookup,
                attempt: f.attempt,
                verify: v.as_ref().map(|v| (v.verify_id.clone(), v.attempts_left)),
            },
            State::Done(_, answer) => SavedState::Done { answer: answer.clone() },
            State::Failed => SavedState::Failed,
        };
        let input = &self.input;
        let saved = Saved {
            merchant_id: input.merchant_id.clone(),
            external_id: input.external_id.clone(),
            amount: input.amount,
            currency: input.currency,
            note: input.note.clone(),
            retry: self.policy,
            state,
        };
        snapshot::write(Self::NAME, &saved)
    }
}

impl FlowKind for ViaCardPaymentFlow {
    const NAME: &'static str = "via.card_payment";
    const ASKS_FOR_CODE: bool = true;
    const SUMMARY: &'static str = "Takes a VIA (UZCARD/HUMO) card payment with the card holder's SMS code: starts \
        it, asks for the code (or sends a new one), confirms it; a start or confirm whose answer is lost is looked \
        up by your external id, never repeated blind.";
    type Config = ViaConfig;
    type Input = ConfirmPayInput;

    fn create(config: ViaConfig, input: ConfirmPayInput, options: FlowOptions) -> Result<Self> {
        Self::new(config, input, options.retry)
    }

    fn restore(config: ViaConfig, text: &str, _credentials: Option<AuthTokenInput>) -> Result<Self> {
        let saved: Saved = snapshot::read(Self::NAME, text)?;
        let input = ConfirmPayInput {
            merchant_id: saved.merchant_id,
            // Never saved; a restored flow never sends `confirm_pay`.
            card: CardInput { pan: crate::card::Pan::new(""), expiry: String::new() },
            external_id: saved.external_id,
            amount: saved.amount,
            currency: saved.currency,
            note: saved.note,
        };
        let mut flow = ViaCardPaymentFlow { config, input, has_card: false, policy: saved.retry, state: State::Ready };
        flow.state = flow.restored_state(saved.state)?;
        Ok(flow)
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
        assert_eq!(f.state(), FlowState::Ready);
        let a = f.start();
        assert_eq!(f.state(), FlowState::Sending);
        let a = send(&mut f, a, (200, r#"{"verifyId":"v1"}"#)).unwrap();
        assert_eq!(a, Action::AwaitVerifyCode(AwaitVerifyCode { verify_id: "v1".into(), attempts_left: 3 }));
        assert_eq!(f.state(), FlowState::AwaitingCode);
        let a = f.provide_verify_code("123456");
        match send(&mut f, a, (200, TXN)).unwrap() {
            Action::Done(o) => assert!(o.paid),
            other => panic!("{other:?}"),
        }
        assert_eq!(f.state(), FlowState::Done);
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
                Action::AwaitVerifyCode(AwaitVerifyCode { verify_id: "v1".into(), attempts_left: left })
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
        assert_eq!(f.provide_verify_code("12ab").unwrap_err().field(), Some("code"));
        assert!(matches!(f.provide_verify_code("1234"), Ok(Action::Send(_))));
    }

    #[test]
    fn resend_then_verify() {
        let mut f = flow();
        let a = f.start();
        send(&mut f, a, (200, r#"{"verifyId":"v1"}"#)).unwrap();
        let a = f.resend_code();
        assert!(matches!(send(&mut f, a, (200, r#"{"verifyId":"v1"}"#)), Ok(Action::AwaitVerifyCode(_))));
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
