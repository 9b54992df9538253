//! `POST /merchant/fiscalization/refund/`: refund (cancel) a fiscal receipt. For a
//! card payment, cancelling the payment cancels its fiscalization too.

use serde::{Deserialize, Serialize};

use super::envelope::open;
use super::PaylovConfig;
use crate::error::{Error, Result};
use crate::http::{HttpRequest, HttpResponse};
use crate::operation::{operation, Effect};
use crate::request::post_json;

const PATH: &str = "/merchant/fiscalization/refund/";

/// Which receipt to refund.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RefundReceiptInput {
    /// The receipt's number, from `register_receipt` or `receipt_status`.
    pub receipt_id: i64,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Body {
    receipt_id: i64,
}

/// The refund's outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RefundReceiptOutput {
    /// True when Paylov refunded the receipt.
    #[serde(default)]
    pub success: bool,
}

operation!(
    /// Refunds (cancels) a fiscal receipt (`POST /merchant/fiscalization/refund/`).
    RefundReceipt,
    "paylov.refund_receipt",
    Effect::Once,
    PaylovConfig,
    RefundReceiptInput,
    RefundReceiptOutput,
    build_refund_receipt,
    /// Parses a refund answer. `receipt_not_available_for_operation` means the receipt is
    /// unknown or already refunded.
    parse_refund_receipt = read_refund_receipt
);

/// Validates the input and builds `POST /merchant/fiscalization/refund/`.
pub fn build_refund_receipt(config: &PaylovConfig, input: &RefundReceiptInput) -> Result<HttpRequest> {
    if input.receipt_id <= 0 {
        return Err(Error::invalid_input("receipt_id", "must be a receipt number greater than zero"));
    }
    post_json(&config.base_url, PATH, config.auth_headers()?, &Body { receipt_id: input.receipt_id })
}

fn read_refund_receipt(response: &HttpResponse) -> Result<RefundReceiptOutput> {
    open(response)
}
