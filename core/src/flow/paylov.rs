//! Register a fiscal receipt with Paylov, exactly once.
//!
//! `register_receipt`; on `ofd_check_already_generated`, or when the answer was lost
//! after the request may have been processed, `receipt_status` reads back the
//! receipt that exists. Registering the same payment twice never produces two
//! receipts (Paylov refuses the second), so a retried register is safe, and the flow
//! never reports a receipt it has not seen.

use serde::{Deserialize, Serialize};

use super::{
    ended, out_of_order, snapshot, transport_error, Action, Flow, FlowKind, FlowOptions, FlowState, InFlight,
    RetryPolicy, TransportFailure,
};
use crate::error::{Error, Result};
use crate::http::HttpResponse;
use crate::paylov::{
    build_receipt_status, build_register_receipt, parse_receipt_status, parse_register_receipt, PaylovConfig,
    PaylovErrorCode, ReceiptStatusInput, RegisterReceiptInput,
};
use crate::paymentsgate::AuthTokenInput;

/// The payment's receipt, registered by this flow or found already registered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FiscalizedReceipt {
    /// The receipt's URL at the OFD.
    pub receipt_url: String,
    /// The terminal (fiscal module) id.
    pub terminal_id: String,
    /// The receipt's number.
    pub receipt_id: i64,
    /// The fiscal sign.
    pub fiscal_sign: String,
    /// True when the receipt existed before this flow's register (an earlier attempt
    /// or another process registered it).
    pub already_existed: bool,
}

#[derive(Debug, Clone)]
enum State {
    Ready,
    Registering(InFlight),
    /// Reading the receipt back; `lost_answer` when a register's outcome is unknown
    /// (then "no receipt" means: register again).
    CheckingStatus {
        in_flight: InFlight,
        lost_answer: bool,
    },
    Done(FiscalizedReceipt),
    Failed,
}

/// What a snapshot holds: the input (a receipt has no secret), the settings, the
/// step and its try count. The requests are built again from them.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Saved {
    input: RegisterReceiptInput,
    retry: RetryPolicy,
    reregisters: u32,
    state: SavedState,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
enum SavedState {
    Ready,
    Registering { attempt: u32 },
    CheckingStatus { attempt: u32, lost_answer: bool },
    Done { receipt: FiscalizedReceipt },
    Failed,
}

/// Registers a receipt and returns it, never twice. See the [flow module](crate::flow) for how flows are driven.
#[derive(Debug, Clone)]
pub struct PaylovFiscalizationFlow {
    config: PaylovConfig,
    input: RegisterReceiptInput,
    policy: RetryPolicy,
    state: State,
    /// Registers started after a lost answer; bounded so a flaky provider cannot loop.
    reregisters: u32,
}

/// The most times a register is repeated after its answer was lost and the status
/// call showed no receipt.
const MAX_REREGISTERS: u32 = 2;

impl PaylovFiscalizationFlow {
    /// A flow for this receipt. The input is validated now: a bad item fails here,
    /// before anything is sent.
    pub fn new(config: PaylovConfig, input: RegisterReceiptInput, policy: RetryPolicy) -> Result<Self> {
        build_register_receipt(&config, &input)?;
        Ok(PaylovFiscalizationFlow { config, input, policy, state: State::Ready, reregisters: 0 })
    }

    fn register_request(&self, attempt: u32) -> Result<InFlight> {
        let request = build_register_receipt(&self.config, &self.input)?;
        Ok(InFlight { attempt, ..InFlight::first("paylov.register_receipt", request) })
    }

    fn status_request(&self, attempt: u32) -> Result<InFlight> {
        let input = ReceiptStatusInput {
            transaction_id: self.input.transaction_id.clone(),
            external_id: self.input.external_id.clone(),
        };
        let request = build_receipt_status(&self.config, &input)?;
        Ok(InFlight { attempt, ..InFlight::first("paylov.receipt_status", request) })
    }

    fn register(&mut self) -> Result<Action<FiscalizedReceipt>> {
        let in_flight = self.register_request(1)?;
        let step = in_flight.step(&self.policy, 0);
        self.state = State::Registering(in_flight);
        Ok(Action::Send(step))
    }

    fn check_status(&mut self, lost_answer: bool) -> Result<Action<FiscalizedReceipt>> {
        let in_flight = self.status_request(1)?;
        let step = in_flight.step(&self.policy, 0);
        self.state = State::CheckingStatus { in_flight, lost_answer };
        Ok(Action::Send(step))
    }

    fn finish(&mut self, receipt: FiscalizedReceipt) -> Result<Action<FiscalizedReceipt>> {
        self.state = State::Done(receipt.clone());
        Ok(Action::Done(receipt))
    }

    fn fail(&mut self, error: Error) -> Result<Action<FiscalizedReceipt>> {
        self.state = State::Failed;
        Err(error)
    }

    fn retry_or(&mut self, error: Error) -> Result<Action<FiscalizedReceipt>> {
        let step = match &mut self.state {
            State::Registering(f) | State::CheckingStatus { in_flight: f, .. } => f.retry(&self.policy),
            _ => None,
        };
        match step {
            Some(step) => Ok(Action::Send(step)),
            None => self.fail(error),
        }
    }
}

fn is_code(error: &Error, code: PaylovErrorCode) -> bool {
    error.code() == Some(code.as_str())
}

impl Flow for PaylovFiscalizationFlow {
    type Outcome = FiscalizedReceipt;

    fn start(&mut self) -> Result<Action<FiscalizedReceipt>> {
        match self.state {
            State::Ready => self.register(),
            _ => Err(out_of_order("start")),
        }
    }

    fn resume(&mut self) -> Result<Action<FiscalizedReceipt>> {
        match &self.state {
            State::Ready => self.register(),
            // Both requests are safe to send again (see `on_transport_failure`).
            State::Registering(_) | State::CheckingStatus { .. } => {
                self.on_transport_failure(TransportFailure::MaybeSent)
            }
            State::Done(receipt) => Ok(Action::Done(receipt.clone())),
            State::Failed => Err(ended()),
        }
    }

    fn on_response(&mut self, response: &HttpResponse) -> Result<Action<FiscalizedReceipt>> {
        match self.state.clone() {
            State::Registering(_) => match parse_register_receipt(response) {
                Ok(r) => self.finish(FiscalizedReceipt {
                    receipt_url: r.receipt_url,
                    terminal_id: r.terminal_id,
                    receipt_id: r.receipt_id,
                    fiscal_sign: r.fiscal_sign,
                    already_existed: false,
                }),
                Err(e) if is_code(&e, PaylovErrorCode::OfdCheckAlreadyGenerated) => self.check_status(false),
                // A retried register is safe: a second one is refused, not doubled.
                Err(e) if e.retryable() => self.retry_or(e),
                // A 2xx whose body we could not read: the receipt may exist.
                Err(Error::Decode { .. }) if response.is_success_status() => self.check_status(true),
                Err(e) => self.fail(e),
            },
            State::CheckingStatus { lost_answer, .. } => match parse_receipt_status(response) {
                Ok(s) if s.success => match (s.receipt_url, s.terminal_id, s.receipt_id, s.fiscal_sign) {
                    (Some(receipt_url), Some(terminal_id), Some(receipt_id), Some(fiscal_sign)) => {
                        self.finish(FiscalizedReceipt {
                            receipt_url,
                            terminal_id,
                            receipt_id,
                            fiscal_sign,
                            already_existed: true,
                        })
                    }
                    _ => self.fail(Error::Decode {
                        message: "receipt_status reports a receipt but not all of its fields".to_owned(),
                        retryable: false,
                    }),
                },
                Ok(_) => self.retry_or(Error::Decode {
                    message: "receipt_status reports the receipt as not generated".to_owned(),
                    retryable: true,
                }),
                Err(e) if is_code(&e, PaylovErrorCode::FiscalReceiptNotGenerated) && lost_answer => {
                    if self.reregisters >= MAX_REREGISTERS {
                        return self.fail(e);
                    }
                    // The lost register did not take: register again.
                    self.reregisters += 1;
                    self.register()
                }
                Err(e) if e.retryable() || is_code(&e, PaylovErrorCode::FiscalReceiptNotGenerated) => self.retry_or(e),
                Err(e) => self.fail(e),
            },
            State::Ready | State::Done(_) => Err(out_of_order("a response")),
            State::Failed => Err(ended()),
        }
    }

    fn on_transport_failure(&mut self, failure: TransportFailure) -> Result<Action<FiscalizedReceipt>> {
        let operation = match &self.state {
            State::Registering(f) | State::CheckingStatus { in_flight: f, .. } => f.operation,
            State::Failed => return Err(ended()),
            _ => return Err(out_of_order("a transport failure")),
        };
        // A register whose last try may have arrived: read the receipt back before
        // giving up (it may exist).
        if let State::Registering(f) = &self.state {
            if failure == TransportFailure::MaybeSent && f.attempt >= self.policy.max_attempts.max(1) {
                return self.check_status(true);
            }
        }
        // Both are safe to repeat: a repeated register is refused by Paylov, and a
        // status read changes nothing.
        self.retry_or(transport_error(operation, failure))
    }

    fn state(&self) -> FlowState {
        match self.state {
            State::Ready => FlowState::Ready,
            State::Registering(_) | State::CheckingStatus { .. } => FlowState::Sending,
            State::Done(_) => FlowState::Done,
            State::Failed => FlowState::Failed,
        }
    }

    fn snapshot(&self) -> String {
        let state = match &self.state {
            State::Ready => SavedState::Ready,
            State::Registering(f) => SavedState::Registering { attempt: f.attempt },
            State::CheckingStatus { in_flight, lost_answer } => {
                SavedState::CheckingStatus { attempt: in_flight.attempt, lost_answer: *lost_answer }
            }
            State::Done(receipt) => SavedState::Done { receipt: receipt.clone() },
            State::Failed => SavedState::Failed,
        };
        let saved = Saved { input: self.input.clone(), retry: self.policy, reregisters: self.reregisters, state };
        snapshot::write(Self::NAME, &saved)
    }
}

impl FlowKind for PaylovFiscalizationFlow {
    const NAME: &'static str = "paylov.fiscalization";
    const SUMMARY: &'static str = "Registers a payment's fiscal receipt with Paylov exactly once: a receipt that \
        already exists, or whose register got no answer, is read back with receipt_status, never registered twice.";
    type Config = PaylovConfig;
    type Input = RegisterReceiptInput;

    fn create(config: PaylovConfig, input: RegisterReceiptInput, options: FlowOptions) -> Result<Self> {
        Self::new(config, input, options.retry)
    }

    fn restore(config: PaylovConfig, text: &str, _credentials: Option<AuthTokenInput>) -> Result<Self> {
        let saved: Saved = snapshot::read(Self::NAME, text)?;
        let mut flow = Self::new(config, saved.input, saved.retry)?;
        flow.reregisters = saved.reregisters;
        flow.state = match saved.state {
            SavedState::Ready => State::Ready,
            SavedState::Registering { attempt } => State::Registering(flow.register_request(attempt)?),
            SavedState::CheckingStatus { attempt, lost_answer } => {
                State::CheckingStatus { in_flight: flow.status_request(attempt)?, lost_answer }
            }
            SavedState::Done { receipt } => State::Done(receipt),
            SavedState::Failed => State::Failed,
        };
        Ok(flow)
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::drive;
    use super::*;
    use crate::receipt::ReceiptItem;

    const RECEIPT: &str = r#"{"result":{"ofd":{"receiptUrl":"https://ofd.soliq.uz/check?t=UZ1&r=7&c=20230104121801&s=1","terminalId":"UZ1","receiptId":7,"fiscalSign":"1"}}}"#;
    const STATUS: &str = r#"{"result":{"success":true,"isRefund":false,"receiptUrl":"https://ofd.soliq.uz/check?t=UZ1&r=7&c=20230104121801&s=1","terminalId":"UZ1","receiptId":7,"fiscalSign":"1"}}"#;
    const ALREADY: &str = r#"{"result":null,"error":{"code":"ofd_check_already_generated","message":"x"}}"#;
    const NOT_GENERATED: &str = r#"{"result":null,"error":{"code":"fiscal_receipt_not_generated","message":"x"}}"#;

    fn flow() -> PaylovFiscalizationFlow {
        let item = ReceiptItem {
            title: "Tea".into(),
            price: 10_000,
            discount: 0,
            count: 1,
            code: "01902001001000000".into(),
            vat_percent: 12,
            package_code: "1437667".into(),
            pinfl: None,
            tin: Some("310100000".into()),
        };
        let input = RegisterReceiptInput {
            transaction_id: Some("t-1".into()),
            external_id: None,
            phone_number: None,
            items: vec![item],
        };
        PaylovFiscalizationFlow::new(PaylovConfig::new("k"), input, RetryPolicy::default()).unwrap()
    }

    #[test]
    fn registers_once() {
        let (sent, outcome) = drive(&mut flow(), |_| Ok(HttpResponse::new(200, RECEIPT)));
        assert_eq!(sent, vec!["paylov.register_receipt"]);
        assert_eq!(outcome.unwrap().receipt_id, 7);
    }

    #[test]
    fn already_generated_reads_the_receipt_back() {
        let (sent, outcome) = drive(&mut flow(), |s| match s.operation {
            "paylov.register_receipt" => Ok(HttpResponse::new(400, ALREADY)),
            _ => Ok(HttpResponse::new(200, STATUS)),
        });
        assert_eq!(sent, vec!["paylov.register_receipt", "paylov.receipt_status"]);
        let r = outcome.unwrap();
        assert!(r.already_existed);
        assert_eq!(r.receipt_id, 7);
    }

    #[test]
    fn a_truncated_answer_is_checked_not_repeated_blindly() {
        let (sent, outcome) = drive(&mut flow(), |s| match s.operation {
            "paylov.register_receipt" => Ok(HttpResponse::new(200, &RECEIPT[..40])),
            _ => Ok(HttpResponse::new(200, STATUS)),
        });
        assert_eq!(sent, vec!["paylov.register_receipt", "paylov.receipt_status"]);
        assert_eq!(outcome.unwrap().receipt_id, 7);
    }

    #[test]
    fn a_lost_register_that_did_not_take_is_registered_again() {
        let mut registers = 0;
        let (sent, outcome) = drive(&mut flow(), |s| match s.operation {
            "paylov.register_receipt" => {
                registers += 1;
                if registers == 1 {
                    Ok(HttpResponse::new(200, "{\"res"))
                } else {
                    Ok(HttpResponse::new(200, RECEIPT))
                }
            }
            _ => Ok(HttpResponse::new(400, NOT_GENERATED)),
        });
        assert_eq!(sent, vec!["paylov.register_receipt", "paylov.receipt_status", "paylov.register_receipt"]);
        assert_eq!(outcome.unwrap().receipt_id, 7);
    }

    #[test]
    fn gateway_errors_are_retried_with_backoff_then_given_up() {
        let mut delays = Vec::new();
        let (sent, outcome) = drive(&mut flow(), |s| {
            delays.push(s.delay_ms);
            Ok(HttpResponse::new(502, "<html>bad gateway</html>"))
        });
        assert_eq!(sent.len(), 4);
        assert_eq!(delays, vec![0, 200, 400, 800]);
        assert_eq!(outcome.unwrap_err(), Error::http(502));
    }

    #[test]
    fn transport_failures_retry_then_succeed() {
        let mut n = 0;
        let (sent, outcome) = drive(&mut flow(), |_| {
            n += 1;
            if n < 3 {
                Err(TransportFailure::MaybeSent)
            } else {
                Ok(HttpResponse::new(200, RECEIPT))
            }
        });
        assert_eq!(sent, vec!["paylov.register_receipt"; 3]);
        assert_eq!(outcome.unwrap().receipt_id, 7);
    }

    #[test]
    fn transport_failures_give_up_after_the_policy() {
        let (sent, outcome) = drive(&mut flow(), |_| Err(TransportFailure::NotSent));
        assert_eq!(sent.len(), 4);
        assert!(outcome.unwrap_err().retryable());
    }

    #[test]
    fn a_refusal_is_final() {
        let (sent, outcome) = drive(&mut flow(), |_| {
            Ok(HttpResponse::new(400, r#"{"result":null,"error":{"code":"invalid_amount","message":"x"}}"#))
        });
        assert_eq!(sent.len(), 1);
        assert_eq!(outcome.unwrap_err().code(), Some("invalid_amount"));
    }

    #[test]
    fn bad_input_fails_before_any_step() {
        let mut input = flow().input;
        input.items.clear();
        assert!(PaylovFiscalizationFlow::new(PaylovConfig::new("k"), input, RetryPolicy::default()).is_err());
    }
}
