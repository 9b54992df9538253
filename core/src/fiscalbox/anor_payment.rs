//! `POST /payment/anor`: charge the customer's Anor payment QR. The first step of the
//! Anor flow; `anor_confirm` then attaches the fiscal receipt.

use serde::{Deserialize, Serialize};

use super::charge::{charge_som, ChargeBody};
use super::envelope::{open, provider_error};
use super::FiscalBoxConfig;
use crate::error::Result;
use crate::http::{HttpRequest, HttpResponse};
use crate::money::Tiyin;
use crate::operation::{operation, Effect};
use crate::request::post_json;
use crate::response::unexpected;
use crate::validate;
use crate::wire::{int_or_numeric_string, opt_any_as_text, opt_string_or_number};

const PATH: &str = "/payment/anor";

/// What `anor_payment` takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AnorPaymentInput {
    /// The amount in tiyin. FiscalBox takes whole som, so it must be a multiple of 100.
    pub amount: Tiyin,
    /// The customer's Anor payment QR: 20 digits.
    pub qr_code: String,
}

/// The Anor payment FiscalBox created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AnorPaymentOutput {
    /// The transaction's id: give it to `anor_confirm`.
    pub transaction_id: String,
    /// The payment's id at Anor (a string here, an integer in `anor_confirm`).
    pub payment_id: Option<String>,
    /// Anor's status text.
    pub status: Option<String>,
    /// Anor's message.
    pub message: Option<String>,
    /// Anor's payment status code.
    pub payment_status: Option<i64>,
    /// The customer's phone, as sent.
    pub phone_number: Option<String>,
    /// The card, masked by Anor.
    pub card_number: Option<String>,
}

#[derive(Deserialize)]
struct Wire {
    #[serde(default, deserialize_with = "int_or_numeric_string")]
    error_code: i64,
    #[serde(default, deserialize_with = "opt_any_as_text")]
    error_note: Option<String>,
    #[serde(default, deserialize_with = "opt_string_or_number")]
    transaction_id: Option<String>,
    #[serde(default, deserialize_with = "opt_string_or_number")]
    payment_id: Option<String>,
    #[serde(default, deserialize_with = "opt_any_as_text")]
    status: Option<String>,
    #[serde(default, deserialize_with = "opt_any_as_text")]
    message: Option<String>,
    #[serde(default)]
    payment_status: Option<i64>,
    #[serde(default, deserialize_with = "opt_string_or_number")]
    phone_number: Option<String>,
    #[serde(default, deserialize_with = "opt_string_or_number")]
    card_number: Option<String>,
}

operation!(
    /// Charges the customer's Anor payment QR (`POST /payment/anor`).
    AnorPayment,
    "fiscalbox.anor_payment",
    Effect::Once,
    FiscalBoxConfig,
    AnorPaymentInput,
    AnorPaymentOutput,
    build_anor_payment,
    /// Parses a `/payment/anor` answer. A non-zero `error_code` is a provider error with
    /// that code (its `error_note` or `message` as the message).
    parse_anor_payment = read_anor_payment
);

/// Validates the input and builds `POST /payment/anor`.
pub fn build_anor_payment(config: &FiscalBoxConfig, input: &AnorPaymentInput) -> Result<HttpRequest> {
    let som = charge_som(input.amount)?;
    validate::digits_exact("qr_code", &input.qr_code, 20, "the Anor payment QR")?;
    post_json(&config.base_url, PATH, Vec::new(), &ChargeBody { amount: som, qr_code: &input.qr_code })
}

fn read_anor_payment(response: &HttpResponse) -> Result<AnorPaymentOutput> {
    let wire: Wire = open(response)?;
    if wire.error_code != 0 {
        let message = wire
            .error_note
            .clone()
            .or_else(|| wire.message.clone())
            .unwrap_or_else(|| format!("Anor refused the payment ({})", wire.error_code));
        return Err(provider_error(response, wire.error_code.to_string(), message, None));
    }
    let transaction_id = wire.transaction_id.ok_or_else(|| unexpected(response, "data has no transaction_id"))?;
    Ok(AnorPaymentOutput {
        transaction_id,
        payment_id: wire.payment_id,
        status: wire.status,
        message: wire.message,
        payment_status: wire.payment_status,
        phone_number: wire.phone_number,
        card_number: wire.card_number,
    })
}
