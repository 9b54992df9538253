//! Take a Click or Anor payment through FiscalBox and attach its fiscal receipt.
//!
//! `click_payment` (or `anor_payment`) charges the customer's QR; then
//! `click_confirm` (or `anor_confirm`) attaches the OFD receipt URL. Charging is not
//! idempotent, so the charge is repeated only when it certainly did not reach
//! FiscalBox (not sent, or an error the core marks retryable for a charge: 429);
//! attaching the receipt is, so it is retried on any retryable error. FiscalBox has
//! no lookup for a charge: when a charge's answer is lost, the flow stops with a
//! `transport` error that is not retryable (check the payment before charging again).

use serde::{Deserialize, Serialize};

use super::{
    ended, out_of_order, snapshot, transport_error, Action, Flow, FlowKind, FlowOptions, FlowState, InFlight,
    RetryPolicy, TransportFailure,
};
use crate::error::{Error, ErrorKind, Result};
use crate::fiscalbox::{
    build_anor_confirm, build_anor_payment, build_click_confirm, build_click_payment, parse_anor_confirm,
    parse_anor_payment, parse_click_confirm, parse_click_payment, AnorConfirmInput, AnorPaymentInput,
    ClickConfirmInput, ClickPaymentInput, FiscalBoxConfig,
};
use crate::http::HttpResponse;
use crate::money::Tiyin;
use crate::ofd::OfdReceiptUrl;
use crate::paymentsgate::AuthTokenInput;

/// Which wallet the customer pays with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Wallet {
    /// Click.
    Click,
    /// Anor.
    Anor,
}

/// What a FiscalBox payment flow takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record), uniffi::export(Debug))]
pub struct FiscalBoxPaymentInput {
    /// The wallet the customer pays with.
    pub wallet: Wallet,
    /// The amount in tiyin, in whole som (FiscalBox charges som).
    pub amount: Tiyin,
    /// The payment QR code from the customer's wallet app (a one-time payment token:
    /// never saved in a snapshot).
    pub payment_qr: String,
    /// The OFD receipt URL to attach to the payment.
    pub receipt_url: String,
}

/// A charged payment with its receipt attached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FiscalBoxPaymentOutcome {
    /// The wallet.
    pub wallet: Wallet,
    /// Click's `payment_id` or Anor's `transaction_id`.
    pub payment_id: String,
    /// The amount charged, in tiyin.
    pub amount: Tiyin,
    /// The receipt URL attached to it.
    pub receipt_url: String,
}

#[derive(Debug, Clone)]
enum State {
    Ready,
    Paying(InFlight),
    /// Restored while a charge was in flight: whether it happened is unknown, and the
    /// payment QR is not in the snapshot to repeat it.
    ChargeUnknown {
        operation: &'static str,
        attempt: u32,
    },
    Confirming {
        in_flight: InFlight,
        payment_id: String,
    },
    Done(FiscalBoxPaymentOutcome),
    Failed,
}

/// What a snapshot holds: no payment QR (a one-time payment token).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Saved {
    wallet: Wallet,
    amount: Tiyin,
    receipt_url: String,
    retry: RetryPolicy,
    state: SavedState,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
enum SavedState {
    Ready,
    Paying { attempt: u32 },
    Confirming { attempt: u32, payment_id: String },
    Done { outcome: FiscalBoxPaymentOutcome },
    Failed,
}

/// Charges a wallet QR and attaches the fiscal receipt. See the [flow module](crate::flow) for how flows are driven.
#[derive(Debug, Clone)]
pub struct FiscalBoxPaymentFlow {
    config: FiscalBoxConfig,
    wallet: Wallet,
    amount: Tiyin,
    payment_qr: String,
    receipt_url: String,
    policy: RetryPolicy,
    state: State,
}

impl FiscalBoxPaymentFlow {
    /// A flow charging `amount` tiyin (whole som) from `payment_qr` and attaching
    /// `receipt_url` (an OFD receipt URL). Everything is validated now.
    pub fn new(
        config: FiscalBoxConfig,
        wallet: Wallet,
        amount: Tiyin,
        payment_qr: String,
        receipt_url: String,
        policy: RetryPolicy,
    ) -> Result<Self> {
        let flow =
            FiscalBoxPaymentFlow { config, wallet, amount, payment_qr, receipt_url, policy, state: State::Ready };
        // Errors name the flow's fields (`payment_qr`), not the charge's (`qr_code`).
        flow.pay_request().map_err(|e| e.under("", &[("qr_code", "payment_qr")]))?;
        OfdReceiptUrl::parse_field("receipt_url", &flow.receipt_url)?;
        Ok(flow)
    }

    fn pay_operation(&self) -> &'static str {
        match self.wallet {
            Wallet::Click => "fiscalbox.click_payment",
            Wallet::Anor => "fiscalbox.anor_payment",
        }
    }

    fn pay_request(&self) -> Result<InFlight> {
        let (amount, qr_code) = (self.amount, self.payment_qr.clone());
        let request = match self.wallet {
            Wallet::Click => build_click_payment(&self.config, &ClickPaymentInput { amount, qr_code })?,
            Wallet::Anor => build_anor_payment(&self.config, &AnorPaymentInput { amount, qr_code })?,
        };
        Ok(InFlight::first(self.pay_operation(), request))
    }

    fn confirm_request(&self, payment_id: &str, attempt: u32) -> Result<InFlight> {
        let (payment_id, qr_code) = (payment_id.to_owned(), self.receipt_url.clone());
        let in_flight = match self.wallet {
            Wallet::Click => InFlight::first(
                "fiscalbox.click_confirm",
                build_click_confirm(&self.config, &ClickConfirmInput { payment_id, qr_code })?,
            ),
            Wallet::Anor => InFlight::first(
                "fiscalbox.anor_confirm",
                build_anor_confirm(&self.config, &AnorConfirmInput { transaction_id: payment_id, qr_code })?,
            ),
        };
        Ok(InFlight { attempt, ..in_flight })
    }

    fn confirm(&mut self, payment_id: String) -> Result<Action<FiscalBoxPaymentOutcome>> {
        let in_flight = self.confirm_request(&payment_id, 1)?;
        let step = in_flight.step(&self.policy, 0);
        self.state = State::Confirming { in_flight, payment_id };
        Ok(Action::Send(step))
    }

    fn retry_or(&mut self, error: Error) -> Result<Action<FiscalBoxPaymentOutcome>> {
        let step = match &mut self.state {
            State::Paying(f) | State::Confirming { in_flight: f, .. } => f.retry(&self.policy),
            _ => None,
        };
        match step {
            Some(step) => Ok(Action::Send(step)),
            None => self.fail(error),
        }
    }

    fn fail(&mut self, error: Error) -> Result<Action<FiscalBoxPaymentOutcome>> {
        // Once the charge went through, starting again would charge twice (a failed
        // charge's error already says whether it may be repeated).
        let charged = matches!(self.state, State::Confirming { .. });
        self.state = State::Failed;
        Err(if charged { error.not_retryable() } else { error })
    }
}

impl Flow for FiscalBoxPaymentFlow {
    type Outcome = FiscalBoxPaymentOutcome;

    fn start(&mut self) -> Result<Action<FiscalBoxPaymentOutcome>> {
        if !matches!(self.state, State::Ready) {
            return Err(out_of_order("start"));
        }
        let in_flight = self.pay_request()?;
        let step = in_flight.step(&self.policy, 0);
        self.state = State::Paying(in_flight);
        Ok(Action::Send(step))
    }

    fn resume(&mut self) -> Result<Action<FiscalBoxPaymentOutcome>> {
        match &self.state {
            State::Ready => self.start(),
            State::Paying(_) | State::Confirming { .. } => self.on_transport_failure(TransportFailure::MaybeSent),
            State::ChargeUnknown { operation, .. } => {
                let error = transport_error(operation, TransportFailure::MaybeSent);
                self.fail(error)
            }
            State::Done(outcome) => Ok(Action::Done(outcome.clone())),
            State::Failed => Err(ended()),
        }
    }

    fn on_response(&mut self, response: &HttpResponse) -> Result<Action<FiscalBoxPaymentOutcome>> {
        match self.state.clone() {
            State::Paying(_) => {
                let paid = match self.wallet {
                    Wallet::Click => parse_click_payment(response).map(|p| p.payment_id),
                    Wallet::Anor => parse_anor_payment(response).map(|p| p.transaction_id),
                };
                match paid {
                    Ok(payment_id) => self.confirm(payment_id),
                    // The core marks a charge's error retryable only when the charge
                    // certainly did not happen (429).
                    Err(e) if e.retryable() => self.retry_or(e),
                    Err(e) => self.fail(e),
                }
            }
            State::Confirming { payment_id, .. } => {
                let confirmed = match self.wallet {
                    Wallet::Click => parse_click_confirm(response).map(|_| ()),
                    Wallet::Anor => parse_anor_confirm(response).map(|_| ()),
                };
                match confirmed {
                    Ok(()) => {
                        let outcome = FiscalBoxPaymentOutcome {
                            wallet: self.wallet,
                            payment_id,
                            amount: self.amount,
                            receipt_url: self.receipt_url.clone(),
                        };
                        self.state = State::Done(outcome.clone());
                        Ok(Action::Done(outcome))
                    }
                    // Attaching is idempotent: an unreadable answer is asked for again.
                    Err(e) if e.retryable() || e.kind() == ErrorKind::Decode => self.retry_or(e),
                    Err(e) => self.fail(e),
                }
            }
            State::Failed => Err(ended()),
            State::Ready | State::ChargeUnknown { .. } | State::Done(_) => Err(out_of_order("a response")),
        }
    }

    fn on_transport_failure(&mut self, failure: TransportFailure) -> Result<Action<FiscalBoxPaymentOutcome>> {
        match (&self.state, failure) {
            (State::Paying(f), TransportFailure::MaybeSent) => {
                // The customer may have been charged: repeating could charge twice, and
                // FiscalBox has no lookup, so the flow ends (not retryable).
                let error = transport_error(f.operation, failure);
                self.fail(error)
            }
            (State::Paying(f), TransportFailure::NotSent) | (State::Confirming { in_flight: f, .. }, _) => {
                let error = transport_error(f.operation, failure);
                self.retry_or(error)
            }
            (State::Failed, _) => Err(ended()),
            _ => Err(out_of_order("a transport failure")),
        }
    }

    fn state(&self) -> FlowState {
        match self.state {
            State::Ready => FlowState::Ready,
            State::Paying(_) | State::ChargeUnknown { .. } | State::Confirming { .. } => FlowState::Sending,
            State::Done(_) => FlowState::Done,
            State::Failed => FlowState::Failed,
        }
    }

    fn snapshot(&self) -> String {
        let state = match &self.state {
            State::Ready => SavedState::Ready,
            State::Paying(f) => SavedState::Paying { attempt: f.attempt },
            State::ChargeUnknown { attempt, .. } => SavedState::Paying { attempt: *attempt },
            State::Confirming { in_flight, payment_id } => {
                SavedState::Confirming { attempt: in_flight.attempt, payment_id: payment_id.clone() }
            }
            State::Done(outcome) => SavedState::Done { outcome: outcome.clone() },
            State::Failed => SavedState::Failed,
        };
        let saved = Saved {
            wallet: self.wallet,
            amount: self.amount,
            receipt_url: self.receipt_url.clone(),
            retry: self.policy,
            state,
        };
        snapshot::write(Self::NAME, &saved)
    }
}

impl FlowKind for FiscalBoxPaymentFlow {
    const NAME: &'static str = "fiscalbox.payment";
    const SUMMARY: &'static str = "Charges a Click or Anor payment QR through FiscalBox and attaches the payment's \
        fiscal receipt; a charge whose answer is lost is never repeated.";
    type Config = FiscalBoxConfig;
    type Input = FiscalBoxPaymentInput;

    fn create(config: FiscalBoxConfig, input: FiscalBoxPaymentInput, options: FlowOptions) -> Result<Self> {
        let FiscalBoxPaymentInput { wallet, amount, payment_qr, receipt_url } = input;
        Self::new(config, wallet, amount, payment_qr, receipt_url, options.retry)
    }

    fn restore(config: FiscalBoxConfig, text: &str, _credentials: Option<AuthTokenInput>) -> Result<Self> {
        let saved: Saved = snapshot::read(Self::NAME, text)?;
        OfdReceiptUrl::parse_field("snapshot.state.receipt_url", &saved.receipt_url)?;
        let mut flow = FiscalBoxPaymentFlow {
            config,
            wallet: saved.wallet,
            amount: saved.amount,
            payment_qr: String::new(),
            receipt_url: saved.receipt_url,
            policy: saved.retry,
            state: State::Ready,
        };
        flow.state = match saved.state {
            SavedState::Ready => {
                return Err(Error::invalid_input(
                    "snapshot",
                    "holds a FiscalBox payment saved before it started; the customer's payment QR is never saved, \
                     so start a new flow with it",
                ))
            }
            SavedState::Paying { attempt } => State::ChargeUnknown { operation: flow.pay_operation(), attempt },
            SavedState::Confirming { attempt, payment_id } => {
                State::Confirming { in_flight: flow.confirm_request(&payment_id, attempt)?, payment_id }
            }
            SavedState::Done { outcome } => State::Done(outcome),
            SavedState::Failed => State::Failed,
        };
        Ok(flow)
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::drive;
    use super::*;

    const QR: &str = "https://ofd.soliq.uz/check?t=UZ170703100597&r=2421&c=20230104121801&s=514343190161";
    const PAID: &str = r#"{"data":{"status_code":0,"payment_id":"47"},"error":null,"is_success":true}"#;
    const CONFIRMED: &str = r#"{"data":{"status":"successfully"},"error":null,"is_success":true}"#;

    fn flow(wallet: Wallet) -> FiscalBoxPaymentFlow {
        let qr = if wallet == Wallet::Anor { "12345678901234567890" } else { "click-qr" };
        FiscalBoxPaymentFlow::new(
            FiscalBoxConfig::default(),
            wallet,
            150_000,
            qr.into(),
            QR.into(),
            RetryPolicy::default(),
        )
        .unwrap()
    }

    #[test]
    fn click_pays_then_confirms() {
        let (sent, outcome) = drive(&mut flow(Wallet::Click), |s| {
            Ok(HttpResponse::new(200, if s.operation.ends_with("payment") { PAID } else { CONFIRMED }))
        });
        assert_eq!(sent, vec!["fiscalbox.click_payment", "fiscalbox.click_confirm"]);
        assert_eq!(outcome.unwrap().payment_id, "47");
    }

    #[test]
    fn anor_pays_then_confirms() {
        let (sent, outcome) = drive(&mut flow(Wallet::Anor), |s| {
            Ok(HttpResponse::new(
                200,
                if s.operation.ends_with("payment") {
                    r#"{"data":{"error_code":0,"transaction_id":"tx-9"},"error":null,"is_success":true}"#
                } else {
                    r#"{"data":{"error_code":0,"payment_id":1,"transaction_id":"tx-9","message":"ok"},"error":null,"is_success":true}"#
                },
            ))
        });
        assert_eq!(sent, vec!["fiscalbox.anor_payment", "fiscalbox.anor_confirm"]);
        assert_eq!(outcome.unwrap().payment_id, "tx-9");
    }

    #[test]
    fn a_lost_charge_is_never_repeated() {
        let (sent, outcome) = drive(&mut flow(Wallet::Click), |_| Err(TransportFailure::MaybeSent));
        assert_eq!(sent.len(), 1);
        assert!(!outcome.unwrap_err().retryable());
    }

    #[test]
    fn a_502_on_the_charge_is_not_repeated_but_on_the_confirm_it_is() {
        let (sent, outcome) = drive(&mut flow(Wallet::Click), |_| Ok(HttpResponse::new(502, "<html/>")));
        assert_eq!(sent.len(), 1);
        assert!(outcome.is_err());
        let mut confirms = 0;
        let (sent, outcome) = drive(&mut flow(Wallet::Click), |s| {
            if s.operation.ends_with("payment") {
                return Ok(HttpResponse::new(200, PAID));
            }
            confirms += 1;
            Ok(if confirms < 3 { HttpResponse::new(502, "<html/>") } else { HttpResponse::new(200, CONFIRMED) })
        });
        assert_eq!(sent.len(), 4);
        assert!(outcome.is_ok());
    }

    #[test]
    fn validated_up_front() {
        let e = FiscalBoxPaymentFlow::new(
            FiscalBoxConfig::default(),
            Wallet::Click,
            150_050,
            "q".into(),
            QR.into(),
            RetryPolicy::default(),
        );
        assert_eq!(e.unwrap_err().field(), Some("amount"));
        let e = FiscalBoxPaymentFlow::new(
            FiscalBoxConfig::default(),
            Wallet::Click,
            100,
            "q".into(),
            "x".into(),
            RetryPolicy::default(),
        );
        assert_eq!(e.unwrap_err().field(), Some("receipt_url"));
    }
}
