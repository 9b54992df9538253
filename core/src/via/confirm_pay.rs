//! `POST /partner/merchant/confirm/pay`: start a card payment. VIA sends an SMS code
//! to the card holder and answers with a `verifyId`; `confirm_pay_verify` completes
//! the payment with the code.
//!
//! The card number is a [`Pan`]: `Debug` shows it masked, errors never echo it, and
//! [`HttpRequest::redacted`] masks it in the body.

use serde::{Deserialize, Serialize};

use super::error::WireError;
use super::ViaConfig;
use crate::card::{validate_expiry, Pan};
use crate::error::Result;
use crate::http::{HttpRequest, HttpResponse};
use crate::money::{positive, Currency, Tiyin};
use crate::operation::{operation, Effect};
use crate::request::post_json;
use crate::response::success_or_error;
use crate::validate;

const PATH: &str = "/partner/merchant/confirm/pay";

/// The card to charge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record), uniffi::export(Debug))]
pub struct CardInput {
    /// The card number: 16 digits passing the Luhn check.
    pub pan: Pan,
    /// The expiry as `MMYY`.
    pub expiry: String,
}

/// What `confirm_pay` takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record), uniffi::export(Debug))]
pub struct ConfirmPayInput {
    /// Your merchant id at VIA.
    pub merchant_id: String,
    /// The card.
    pub card: CardInput,
    /// Your id for this payment (find it later with `get_transaction`).
    pub external_id: String,
    /// The amount in tiyin.
    pub amount: Tiyin,
    /// `UZS`.
    #[serde(default)]
    pub currency: Currency,
    /// A note shown with the payment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub note: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Body<'a> {
    merchant_id: &'a str,
    card: &'a CardInput,
    external_id: &'a str,
    amount: Tiyin,
    currency: Currency,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

/// The started payment, waiting for the SMS code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ConfirmPayOutput {
    /// Give it with the SMS code to `confirm_pay_verify`.
    #[serde(rename(deserialize = "verifyId"))]
    pub verify_id: String,
}

operation!(
    /// Starts a card payment; VIA sends the card holder an SMS code (`POST /partner/merchant/confirm/pay`).
    ConfirmPay,
    "via.confirm_pay",
    Effect::Once,
    ViaConfig,
    ConfirmPayInput,
    ConfirmPayOutput,
    build_confirm_pay,
    /// Parses the answer: the `verifyId` to confirm with the SMS code.
    parse_confirm_pay = read_confirm_pay
);

/// Validates the input (the card by Luhn and a real expiry month) and builds
/// `POST /partner/merchant/confirm/pay`.
pub fn build_confirm_pay(config: &ViaConfig, input: &ConfirmPayInput) -> Result<HttpRequest> {
    validate::id("merchant_id", &input.merchant_id)?;
    input.card.pan.validate("card.pan")?;
    validate_expiry("card.expiry", &input.card.expiry)?;
    validate::id("external_id", &input.external_id)?;
    positive("amount", input.amount)?;
    if let Some(note) = &input.note {
        validate::text("note", note)?;
    }
    let body = Body {
        merchant_id: &input.merchant_id,
        card: &input.card,
        external_id: &input.external_id,
        amount: input.amount,
        currency: input.currency,
        note: input.note.as_deref(),
    };
    post_json(&config.base_url, PATH, config.auth_headers()?, &body)
}

fn read_confirm_pay(response: &HttpResponse) -> Result<ConfirmPayOutput> {
    success_or_error::<_, WireError>(response)
}
