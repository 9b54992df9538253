//! `POST /merchant/fiscalization/register/`: register the fiscal receipt of a card or
//! a cash payment.

use serde::{Deserialize, Serialize};

use super::envelope::open;
use super::PaylovConfig;
use crate::body::{key, receipt_item, ObjectWriter};
use crate::error::{Error, Result};
use crate::http::{HttpRequest, HttpResponse};
use crate::operation::{operation, Effect};
use crate::receipt::{validate_items, ReceiptItem};
use crate::request::post_json_bytes;
use crate::response::unexpected;
use crate::validate;
use crate::wire::{int_or_numeric_string, opt_string_or_number};

/// The register path.
pub const REGISTER_PATH: &str = "/merchant/fiscalization/register/";
/// The deprecated register path, used only with
/// [`PaylovConfig::use_deprecated_register_path`].
pub const DEPRECATED_REGISTER_PATH: &str = "/merchant/registerFiscalReceipt/";

/// What `register_receipt` takes: a card payment (`transaction_id`) or a cash payment
/// (`external_id` and `phone_number`), exactly one of the two, and the receipt lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RegisterReceiptInput {
    /// Card payment: Paylov's transaction id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub transaction_id: Option<String>,
    /// Cash payment: the merchant's own id for the payment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub external_id: Option<String>,
    /// Cash payment: the buyer's phone, `+998` and 9 digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub phone_number: Option<String>,
    /// The receipt lines: 1 to 1000.
    pub items: Vec<ReceiptItem>,
}

/// The registered receipt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RegisterReceiptOutput {
    /// The receipt's URL at the OFD.
    #[serde(rename(deserialize = "receiptUrl"))]
    pub receipt_url: String,
    /// The terminal (fiscal module) id.
    #[serde(rename(deserialize = "terminalId"), deserialize_with = "string_or_number")]
    pub terminal_id: String,
    /// The receipt's number.
    #[serde(rename(deserialize = "receiptId"), deserialize_with = "int_or_numeric_string")]
    pub receipt_id: i64,
    /// The fiscal sign.
    #[serde(rename(deserialize = "fiscalSign"), deserialize_with = "string_or_number")]
    pub fiscal_sign: String,
}

fn string_or_number<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<String, D::Error> {
    opt_string_or_number(d)?.ok_or_else(|| serde::de::Error::custom("expected a string, got null"))
}

#[derive(Deserialize)]
struct WireResult {
    #[serde(default)]
    ofd: Option<RegisterReceiptOutput>,
}

operation!(
    /// Registers the fiscal receipt of a card or a cash payment (`POST /merchant/fiscalization/register/`).
    RegisterReceipt,
    "paylov.register_receipt",
    Effect::Idempotent,
    PaylovConfig,
    RegisterReceiptInput,
    RegisterReceiptOutput,
    build_register_receipt,
    /// Parses a register answer: the receipt, or a provider error whatever the status.
    /// `ofd_check_already_generated` is final (not retryable): the receipt exists.
    parse_register_receipt = read_register_receipt
);

/// Validates the payment form and every item, then builds the register request.
pub fn build_register_receipt(config: &PaylovConfig, input: &RegisterReceiptInput) -> Result<HttpRequest> {
    validate_payment(input)?;
    validate_items("items", &input.items)?;
    let path = if config.use_deprecated_register_path { DEPRECATED_REGISTER_PATH } else { REGISTER_PATH };
    post_json_bytes(&config.base_url, path, config.auth_headers()?, body(input))
}

/// The request body: top-level names in camelCase, item names in snake_case, as
/// Paylov documents them.
fn body(input: &RegisterReceiptInput) -> Vec<u8> {
    // A line is about 200 bytes of JSON.
    let mut out = Vec::with_capacity(128 + 256 * input.items.len());
    let mut o = ObjectWriter::start(&mut out);
    o.opt_str(key!("transactionId"), input.transaction_id.as_deref());
    o.opt_str(key!("externalId"), input.external_id.as_deref());
    o.opt_str(key!("phoneNumber"), input.phone_number.as_deref());
    o.objects(key!("items"), &input.items, receipt_item);
    o.end();
    out
}

fn validate_payment(input: &RegisterReceiptInput) -> Result<()> {
    let cash = input.external_id.is_some() || input.phone_number.is_some();
    match (&input.transaction_id, cash) {
        (Some(_), true) => Err(Error::invalid_input(
            "transaction_id",
            "give either transaction_id (a card payment) or external_id with phone_number (a cash payment), not both",
        )),
        (Some(id), false) => validate::id("transaction_id", id),
        (None, false) => Err(Error::invalid_input(
            "transaction_id",
            "is required for a card payment; for a cash payment give external_id and phone_number",
        )),
        (None, true) => {
            let external_id = input.external_id.as_deref().ok_or_else(|| {
                Error::invalid_input("external_id", "is required for a cash payment (with phone_number)")
            })?;
            validate::id("external_id", external_id)?;
            let phone = input.phone_number.as_deref().ok_or_else(|| {
                Error::invalid_input("phone_number", "is required for a cash payment (with external_id)")
            })?;
            validate_phone("phone_number", phone)
        }
    }
}

/// `+998` followed by 9 digits.
fn validate_phone(field: &str, phone: &str) -> Result<()> {
    let ok = phone.strip_prefix("+998").is_some_and(|rest| rest.len() == 9 && rest.bytes().all(|b| b.is_ascii_digit()));
    if !ok {
        return Err(Error::invalid_input(
            field,
            "must be an Uzbek phone number: +998 followed by 9 digits, e.g. +998901234567",
        ));
    }
    Ok(())
}

fn read_register_receipt(response: &HttpResponse) -> Result<RegisterReceiptOutput> {
    let result: WireResult = open(response)?;
    result.ofd.ok_or_else(|| unexpected(response, "the body has no result.ofd"))
}
