//! `POST /partner/merchant/confirm/pay/verify`: confirm a card payment with the SMS
//! code the card holder received.

use serde::{Deserialize, Serialize};

use super::error::WireError;
use super::ViaConfig;
use crate::body::{key, ObjectWriter};
use crate::error::{Error, Result};
use crate::http::{HttpRequest, HttpResponse};
use crate::money::Tiyin;
use crate::operation::{operation, Effect};
use crate::request::post_json_bytes;
use crate::response::success_or_error;
use crate::validate;
use crate::wire::opt_string_or_number;
use crate::wire_enum::wire_enum;

const PATH: &str = "/partner/merchant/confirm/pay/verify";

/// The longest SMS code accepted.
const MAX_VERIFY_CODE: usize = 12;

/// What `confirm_pay_verify` takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ConfirmPayVerifyInput {
    /// The `verifyId` VIA returned when the payment was started.
    pub verify_id: String,
    /// The SMS code the card holder typed: digits only.
    pub verify_code: String,
}

wire_enum! {
    /// A VIA transaction's status.
    pub enum ViaTransactionStatus {
        /// Paid.
        Success = "SUCCESS",
        /// Failed on VIA's or the processing's side.
        Error = "ERROR",
        /// Refused (e.g. by the issuing bank).
        Reject = "REJECT",
        /// In progress.
        Pending = "PENDING",
        /// Created.
        New = "NEW",
        /// Not yet submitted.
        Draft = "DRAFT",
    }
}

/// The merchant's terminal at the processing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all(deserialize = "camelCase"))]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Epos {
    /// Processing merchant id.
    #[serde(default, deserialize_with = "opt_string_or_number")]
    pub merchant_id: Option<String>,
    /// Processing terminal id.
    #[serde(default, deserialize_with = "opt_string_or_number")]
    pub terminal_id: Option<String>,
}

/// A VIA transaction. A `REJECT` or `ERROR` status is a parsed transaction, not an
/// error: the call worked, the payment did not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all(deserialize = "camelCase"))]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ViaTransaction {
    /// VIA's transaction id.
    pub transaction_id: String,
    /// The processing's (UZCARD/HUMO) transaction id.
    #[serde(default, deserialize_with = "opt_string_or_number")]
    pub processing_transaction_id: Option<String>,
    /// VIA's merchant id.
    #[serde(default)]
    pub merchant_id: String,
    /// The amount in tiyin.
    pub amount: Tiyin,
    /// Creation time, epoch milliseconds.
    #[serde(default)]
    pub created_at: Option<i64>,
    /// Payment time, epoch milliseconds (absent until paid).
    #[serde(default)]
    pub payed_at: Option<i64>,
    /// The transaction's status.
    pub status: ViaTransactionStatus,
    /// VIA's fee in tiyin.
    #[serde(default)]
    pub fee: Tiyin,
    /// VIA's fee rate in percent (a rate, not money).
    #[serde(default)]
    pub fee_percent: f64,
    /// Currency code, e.g. `UZS`.
    #[serde(default)]
    pub currency: String,
    /// The processing terminal.
    #[serde(default)]
    pub epos: Option<Epos>,
    /// VIA's error code for a failed transaction (transaction lookups only).
    #[serde(default, deserialize_with = "opt_string_or_number")]
    pub error_code: Option<String>,
    /// VIA's error message for a failed transaction (transaction lookups only).
    #[serde(default)]
    pub error_message: Option<String>,
    /// How much was refunded, in tiyin (transaction lookups only).
    #[serde(default)]
    pub refunded_amount: Option<Tiyin>,
    /// The processing: `UZCARD` or `HUMO` (transaction lookups only).
    #[serde(default)]
    pub process: Option<String>,
}

impl ViaTransaction {
    /// True when the payment went through.
    pub fn is_paid(&self) -> bool {
        self.status == ViaTransactionStatus::Success
    }
}

operation!(
    /// Confirms a card payment with the SMS code (`POST /partner/merchant/confirm/pay/verify`).
    ConfirmPayVerify,
    "via.confirm_pay_verify",
    Effect::Once,
    ViaConfig,
    ConfirmPayVerifyInput,
    ViaTransaction,
    build_confirm_pay_verify,
    /// Parses a verify answer into the transaction, whatever its status.
    parse_confirm_pay_verify = read_confirm_pay_verify
);

/// Validates the input and builds `POST /partner/merchant/confirm/pay/verify`.
pub fn build_confirm_pay_verify(config: &ViaConfig, input: &ConfirmPayVerifyInput) -> Result<HttpRequest> {
    validate::id("verify_id", &input.verify_id)?;
    if input.verify_code.is_empty() {
        return Err(Error::invalid_input("verify_code", "is required: the code from the SMS"));
    }
    validate::digits("verify_code", &input.verify_code, MAX_VERIFY_CODE)?;
    let mut body = Vec::with_capacity(64 + input.verify_id.len());
    let mut o = ObjectWriter::start(&mut body);
    o.str(key!("verifyId"), &input.verify_id);
    o.digits(key!("verifyCode"), &input.verify_code);
    o.end();
    post_json_bytes(&config.base_url, PATH, config.auth_headers()?, body)
}

fn read_confirm_pay_verify(response: &HttpResponse) -> Result<ViaTransaction> {
    success_or_error::<_, WireError>(response)
}
