//! `GET /merchant/fiscalization/status/`: read back the receipt of a payment. This is
//! how a register that answered `ofd_check_already_generated` (or whose answer was
//! lost) finds the receipt that exists, instead of creating a second one.

use serde::{Deserialize, Serialize};

use super::envelope::open;
use super::PaylovConfig;
use crate::error::{Error, Result};
use crate::http::{HttpRequest, HttpResponse};
use crate::operation::{operation, Effect};
use crate::request::get_with_query;
use crate::validate;
use crate::wire::opt_string_or_number;

const PATH: &str = "/merchant/fiscalization/status/";

/// Which payment's receipt to read: exactly one of the two ids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ReceiptStatusInput {
    /// Card payment: Paylov's transaction id.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_id: Option<String>,
    /// Cash payment: the merchant's id for the payment.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
}

/// A payment's receipt as Paylov has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all(deserialize = "camelCase"))]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ReceiptStatusOutput {
    /// Whether the receipt was generated.
    #[serde(default)]
    pub success: bool,
    /// Whether it has been refunded.
    #[serde(default)]
    pub is_refund: bool,
    /// The receipt's URL at the OFD.
    #[serde(default)]
    pub receipt_url: Option<String>,
    /// The terminal (fiscal module) id.
    #[serde(default, deserialize_with = "opt_string_or_number")]
    pub terminal_id: Option<String>,
    /// The receipt's number.
    #[serde(default)]
    pub receipt_id: Option<i64>,
    /// The fiscal sign.
    #[serde(default, deserialize_with = "opt_string_or_number")]
    pub fiscal_sign: Option<String>,
}

operation!(
    /// Reads back the receipt of a payment (`GET /merchant/fiscalization/status/`).
    ReceiptStatus,
    "paylov.receipt_status",
    Effect::Read,
    PaylovConfig,
    ReceiptStatusInput,
    ReceiptStatusOutput,
    build_receipt_status,
    /// Parses a status answer. `fiscal_receipt_not_generated` means there is no receipt
    /// for the payment (yet).
    parse_receipt_status = read_receipt_status
);

/// Validates the input and builds `GET /merchant/fiscalization/status/?...`.
pub fn build_receipt_status(config: &PaylovConfig, input: &ReceiptStatusInput) -> Result<HttpRequest> {
    let (key, value) = match (&input.transaction_id, &input.external_id) {
        (Some(id), None) => ("transactionId", validated("transaction_id", id)?),
        (None, Some(id)) => ("externalId", validated("external_id", id)?),
        (Some(_), Some(_)) => {
            return Err(Error::invalid_input("transaction_id", "give either transaction_id or external_id, not both"))
        }
        (None, None) => {
            return Err(Error::invalid_input("transaction_id", "is required (or external_id for a cash payment)"))
        }
    };
    get_with_query(&config.base_url, PATH, &[(key, value)], config.auth_headers()?)
}

fn validated<'a>(field: &str, id: &'a str) -> Result<&'a str> {
    validate::id(field, id).map(|()| id)
}

fn read_receipt_status(response: &HttpResponse) -> Result<ReceiptStatusOutput> {
    open(response)
}
