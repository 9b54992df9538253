//! `POST /partner/merchant/pay/resend`: send the card holder a new SMS code (the old
//! one stops working).

use serde::{Deserialize, Serialize};

use super::error::WireError;
use super::ViaConfig;
use crate::error::Result;
use crate::http::{HttpRequest, HttpResponse};
use crate::operation::{operation, Effect};
use crate::request::post_json;
use crate::response::error_or_success;
use crate::validate;

const PATH: &str = "/partner/merchant/pay/resend";

/// Which payment's code to resend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ResendCodeInput {
    /// The `verifyId` from `confirm_pay`.
    pub verify_id: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Body<'a> {
    verify_id: &'a str,
}

/// The resend's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ResendCodeOutput {
    /// The payment's `verifyId`, when VIA echoes it.
    #[serde(default, rename(deserialize = "verifyId"))]
    pub verify_id: Option<String>,
}

operation!(
    /// Sends the card holder a new SMS code; the old one stops working (`POST /partner/merchant/pay/resend`).
    ResendCode,
    "via.resend_code",
    Effect::Once,
    ViaConfig,
    ResendCodeInput,
    ResendCodeOutput,
    build_resend_code,
    /// Parses the resend answer.
    parse_resend_code = read_resend_code
);

/// Validates the input and builds `POST /partner/merchant/pay/resend`.
pub fn build_resend_code(config: &ViaConfig, input: &ResendCodeInput) -> Result<HttpRequest> {
    validate::id("verify_id", &input.verify_id)?;
    post_json(&config.base_url, PATH, config.auth_headers()?, &Body { verify_id: &input.verify_id })
}

fn read_resend_code(response: &HttpResponse) -> Result<ResendCodeOutput> {
    // Every output field is optional, so the error shape must be ruled out first.
    error_or_success::<_, WireError>(response)
}
