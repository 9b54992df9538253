//! `POST /payment/anor_confirm`: attach the OFD receipt to an Anor payment.

use serde::{Deserialize, Serialize};

use super::envelope::{open, provider_error};
use super::FiscalBoxConfig;
use crate::error::Result;
use crate::http::{HttpRequest, HttpResponse};
use crate::ofd::OfdReceiptUrl;
use crate::operation::{operation, Effect};
use crate::request::post_json;
use crate::response::unexpected;
use crate::validate;
use crate::wire::int_or_numeric_string;

const PATH: &str = "/payment/anor_confirm";

/// What `anor_confirm` takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AnorConfirmInput {
    /// The Anor transaction's id, from `/payment/anor`.
    pub transaction_id: String,
    /// The OFD receipt URL of the fiscal receipt issued for the payment.
    pub qr_code: String,
}

/// What a successful `anor_confirm` returns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AnorConfirmOutput {
    /// FiscalBox's message.
    #[serde(default)]
    pub message: String,
    /// Always 0 in an output (a non-zero code is returned as an error).
    #[serde(deserialize_with = "int_or_numeric_string")]
    pub error_code: i64,
    /// The payment's id at Anor.
    #[serde(deserialize_with = "int_or_numeric_string")]
    pub payment_id: i64,
    /// The transaction id.
    pub transaction_id: String,
}

operation!(
    /// Attaches the OFD receipt to an Anor payment (`POST /payment/anor_confirm`).
    AnorConfirm,
    "fiscalbox.anor_confirm",
    Effect::Idempotent,
    FiscalBoxConfig,
    AnorConfirmInput,
    AnorConfirmOutput,
    build_anor_confirm,
    /// Parses an `anor_confirm` answer. An error envelope (with any status) or a non-zero
    /// `data.error_code` (even with `is_success: true`) is an
    /// [`Error::Provider`](crate::Error::Provider) whose code is that number.
    parse_anor_confirm = read_anor_confirm
);

/// Validates the input and builds `POST /payment/anor_confirm`.
pub fn build_anor_confirm(config: &FiscalBoxConfig, input: &AnorConfirmInput) -> Result<HttpRequest> {
    validate::id("transaction_id", &input.transaction_id)?;
    OfdReceiptUrl::parse_field("qr_code", &input.qr_code)?;
    post_json(&config.base_url, PATH, Vec::new(), input)
}

/// Anor's verdict, read before the rest: a refusal comes with `transaction_id: null`
/// (documented `string | null`), which the output of a success never has.
#[derive(Deserialize)]
struct Verdict {
    #[serde(default, deserialize_with = "int_or_numeric_string")]
    error_code: i64,
    #[serde(default)]
    message: Option<String>,
}

fn read_anor_confirm(response: &HttpResponse) -> Result<AnorConfirmOutput> {
    let data: serde_json::Value = open(response)?;
    let verdict: Verdict =
        Verdict::deserialize(&data).map_err(|e| unexpected(response, &format!("data is not Anor's answer: {e}")))?;
    if verdict.error_code != 0 {
        let message = match verdict.message.filter(|m| !m.is_empty()) {
            Some(message) => message,
            None => format!("Anor refused the fiscalization (error_code {})", verdict.error_code),
        };
        return Err(provider_error(response, verdict.error_code.to_string(), message, None));
    }
    AnorConfirmOutput::deserialize(&data).map_err(|e| unexpected(response, &format!("data: {e}")))
}
