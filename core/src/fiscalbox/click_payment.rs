//! `POST /payment/click`: charge the customer's Click payment QR. The first step of
//! the Click flow; `click_confirm` then attaches the fiscal receipt.

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

const PATH: &str = "/payment/click";

/// What `click_payment` takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ClickPaymentInput {
    /// The amount in tiyin. FiscalBox takes whole som, so it must be a multiple of 100.
    pub amount: Tiyin,
    /// The content of the customer's Click payment QR, as scanned.
    pub qr_code: String,
}

/// The Click payment FiscalBox created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ClickPaymentOutput {
    /// The payment's id: give it to `click_confirm`.
    pub payment_id: String,
    /// FiscalBox's transaction id (a UUID).
    pub transaction_id: Option<String>,
    /// FiscalBox's status text.
    pub status: Option<String>,
    /// FiscalBox's message.
    pub message: Option<String>,
    /// The amount charged, in tiyin.
    pub amount: Option<Tiyin>,
    /// The customer's phone, as FiscalBox sends it (often without `+`).
    pub client_phone_number: Option<String>,
}

#[derive(Deserialize)]
struct Wire {
    #[serde(default, deserialize_with = "int_or_numeric_string")]
    status_code: i64,
    #[serde(default, deserialize_with = "opt_any_as_text")]
    status: Option<String>,
    #[serde(default, deserialize_with = "opt_any_as_text")]
    message: Option<String>,
    #[serde(default)]
    amount: Option<u64>,
    #[serde(default, deserialize_with = "opt_string_or_number")]
    payment_id: Option<String>,
    #[serde(default, deserialize_with = "opt_string_or_number")]
    transaction_id: Option<String>,
    #[serde(default, deserialize_with = "opt_string_or_number")]
    client_phone_number: Option<String>,
}

operation!(
    /// Charges the customer's Click payment QR (`POST /payment/click`).
    ClickPayment,
    "fiscalbox.click_payment",
    Effect::Once,
    FiscalBoxConfig,
    ClickPaymentInput,
    ClickPaymentOutput,
    build_click_payment,
    /// Parses a `/payment/click` answer. A non-zero `status_code` is a provider error
    /// with that code.
    parse_click_payment = read_click_payment
);

/// Validates the input and builds `POST /payment/click`.
pub fn build_click_payment(config: &FiscalBoxConfig, input: &ClickPaymentInput) -> Result<HttpRequest> {
    let som = charge_som(input.amount)?;
    validate::text("qr_code", &input.qr_code)?;
    post_json(&config.base_url, PATH, Vec::new(), &ChargeBody { amount: som, qr_code: &input.qr_code })
}

fn read_click_payment(response: &HttpResponse) -> Result<ClickPaymentOutput> {
    let wire: Wire = open(response)?;
    if wire.status_code != 0 {
        let message =
            wire.message.clone().unwrap_or_else(|| format!("Click refused the payment ({})", wire.status_code));
        return Err(provider_error(response, wire.status_code.to_string(), message, None));
    }
    let payment_id = wire.payment_id.ok_or_else(|| unexpected(response, "data has no payment_id"))?;
    let amount = match wire.amount {
        Some(som) => Some(crate::money::som_to_tiyin(som).ok_or_else(|| unexpected(response, "amount is too large"))?),
        None => None,
    };
    Ok(ClickPaymentOutput {
        payment_id,
        transaction_id: wire.transaction_id,
        status: wire.status,
        message: wire.message,
        amount,
        client_phone_number: wire.client_phone_number,
    })
}
