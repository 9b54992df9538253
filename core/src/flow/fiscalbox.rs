//! Take a Click or Anor payment through FiscalBox and attach its fiscal receipt.
//!
//! `click_payment` (or `anor_payment`) charges the customer's QR; then
//! `click_confirm` (or `anor_confirm`) attaches the OFD receipt URL. Charging is not
//! idempotent, so the charge is repeated only when it certainly did not reach
//! FiscalBox (not sent, or 429); attaching the receipt is, so it is retried on any
//! retryable error.

use serde::Serialize;

use super::{out_of_order, transport_error, Action, Flow, InFlight, RetryPolicy, TransportFailure};
use crate::error::{Error, ErrorKind, Result};
use crate::fiscalbox::{
    build_anor_confirm, build_anor_payment, build_click_confirm, build_click_payment, parse_anor_confirm,
    parse_anor_payment, parse_click_confirm, parse_click_payment, AnorConfirmInput, AnorPaymentInput,
    ClickConfirmInput, ClickPaymentInput, FiscalBoxConfig,
};
use crate::http::HttpResponse;
use crate::money::Tiyin;
use crate::ofd::OfdReceiptUrl;

/// Which wallet the customer pays with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Wallet {
    /// Click.
    Click,
    /// Anor.
    Anor,
}

/// A charged payment with its receipt attached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
    Confirming { in_flight: InFlight, payment_id: String },
    Done,
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
        flow.pay_request()?;
        OfdReceiptUrl::parse_field("receipt_url", &flow.receipt_url)?;
        Ok(flow)
    }

    fn pay_request(&self) -> Result<InFlight> {
        Ok(match self.wallet {
            Wallet::Click => InFlight::first(
                "fiscalbox.click_payment",
                build_click_payment(
                    &self.config,
                    &ClickPaymentInput { amount: self.amount, qr_code: self.payment_qr.clone() },
                )?,
            ),
            Wallet::Anor => InFlight::first(
                "fiscalbox.anor_payment",
                build_anor_payment(
                    &self.config,
                    &AnorPaymentInput { amount: self.amount, qr_code: self.payment_qr.clone() },
                )?,
            ),
        })
    }

    fn confirm(&mut self, payment_id: String) -> Result<Action<FiscalBoxPaymentOutcome>> {
        let in_flight = match self.wallet {
            Wallet::Click => InFlight::first(
                "fiscalbox.click_confirm",
                build_click_confirm(
                    &self.config,
                    &ClickConfirmInput { payment_id: payment_id.clone(), qr_code: self.receipt_url.clone() },
                )?,
            ),
            Wallet::Anor => InFlight::first(
                "fiscalbox.anor_confirm",
                build_anor_confirm(
                    &self.config,
                    &AnorConfirmInput { transaction_id: payment_id.clone(), qr_code: self.receipt_url.clone() },
                )?,
            ),
        };
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
        self.state = State::Done;
        Err(error)
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

    fn on_response(&mut self, response: &HttpResponse) -> Result<Action<FiscalBoxPaymentOutcome>> {
        match self.state.clone() {
            State::Paying(_) => {
                let paid = match self.wallet {
                    Wallet::Click => parse_click_payment(response).map(|p| p.payment_id),
                    Wallet::Anor => parse_anor_payment(response).map(|p| p.transaction_id),
                };
                match paid {
                    Ok(payment_id) => self.confirm(payment_id),
                    // Only "too many requests" certainly left the charge undone.
                    Err(e @ Error::Http { status: 429 }) => self.retry_or(e),
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
                        self.state = State::Done;
                        Ok(Action::Done(FiscalBoxPaymentOutcome {
                            wallet: self.wallet,
                            payment_id,
                            amount: self.amount,
                            receipt_url: self.receipt_url.clone(),
                        }))
                    }
                    // Attaching is idempotent: an unreadable answer is asked for again.
                    Err(e) if e.retryable() || e.kind() == ErrorKind::Decode => self.retry_or(e),
                    Err(e) => self.fail(e),
                }
            }
            State::Ready | State::Done => Err(out_of_order("a response")),
        }
    }

    fn on_transport_failure(&mut self, failure: TransportFailure) -> Result<Action<FiscalBoxPaymentOutcome>> {
        match (&self.state, failure) {
            (State::Paying(f), TransportFailure::MaybeSent) => {
                // The customer may have been charged: repeating could charge twice.
                let error = Error::Decode {
                    message: format!(
                        "{} got no answer; the payment may have gone through, so it is not repeated: check it before charging again",
                        f.operation
                    ),
                    retryable: false,
                };
                self.fail(error)
            }
            (State::Paying(f), TransportFailure::NotSent) | (State::Confirming { in_flight: f, .. }, _) => {
                let error = transport_error(f.operation, failure);
                self.retry_or(error)
            }
            _ => Err(out_of_order("a transport failure")),
        }
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
