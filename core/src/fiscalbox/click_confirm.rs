//! `POST /payment/click_confirm`: attach the OFD receipt to a Click payment.

use serde::{Deserialize, Serialize};

use super::envelope::{open, provider_error};
use super::FiscalBoxConfig;
use crate::error::Result;
use crate::http::{HttpRequest, HttpResponse};
use crate::ofd::OfdReceiptUrl;
use crate::operation::{operation, Effect};
use crate::request::post_json;
use crate::validate;
use crate::wire::{opt_any_as_text, opt_string_or_number};
use crate::wire_enum::wire_enum;

const PATH: &str = "/payment/click_confirm";

/// What `click_confirm` takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ClickConfirmInput {
    /// The Click payment's id, from `/payment/click`.
    pub payment_id: String,
    /// The OFD receipt URL of the fiscal receipt issued for the payment.
    pub qr_code: String,
}

wire_enum! {
    /// `data.status` of a `click_confirm` answer.
    pub enum ClickConfirmStatus {
        /// The receipt was attached.
        Successfully = "successfully",
        /// FiscalBox could not attach it (the parser turns this into an error).
        Failed = "failed",
    }
}

/// What a successful `click_confirm` returns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ClickConfirmOutput {
    /// The merchant's INN, when FiscalBox sends it.
    #[serde(default, deserialize_with = "opt_string_or_number")]
    pub inn: Option<String>,
    /// The payment id, when FiscalBox sends it.
    #[serde(default, deserialize_with = "opt_string_or_number")]
    pub payment_id: Option<String>,
    /// The receipt URL, when FiscalBox sends it.
    #[serde(default, deserialize_with = "opt_any_as_text")]
    pub qr_code: Option<String>,
    /// `successfully` (a `failed` status is returned as an error).
    pub status: ClickConfirmStatus,
    /// FiscalBox's error text, when it sends one with a success.
    #[serde(default, deserialize_with = "opt_any_as_text")]
    pub error: Option<String>,
}

operation!(
    /// Attaches the OFD receipt to a Click payment (`POST /payment/click_confirm`).
    ClickConfirm,
    "fiscalbox.click_confirm",
    Effect::Idempotent,
    FiscalBoxConfig,
    ClickConfirmInput,
    ClickConfirmOutput,
    build_click_confirm,
    /// Parses a `click_confirm` answer. An error envelope (with any status) or
    /// `data.status = "failed"` (even with `is_success: true`) is an
    /// [`Error::Provider`](crate::Error::Provider); `failed` carries the code `failed`.
    parse_click_confirm = read_click_confirm
);

/// Validates the input and builds `POST /payment/click_confirm`.
///
/// `qr_code` must be an OFD receipt URL (see [`OfdReceiptUrl`]); it is sent as given.
pub fn build_click_confirm(config: &FiscalBoxConfig, input: &ClickConfirmInput) -> Result<HttpRequest> {
    validate::id("payment_id", &input.payment_id)?;
    OfdReceiptUrl::parse_field("qr_code", &input.qr_code)?;
    post_json(&config.base_url, PATH, Vec::new(), input)
}

fn read_click_confirm(response: &HttpResponse) -> Result<ClickConfirmOutput> {
    let output: ClickConfirmOutput = open(response)?;
    if output.status == ClickConfirmStatus::Failed {
        let message =
            output.error.clone().unwrap_or_else(|| "FiscalBox could not attach the receipt (status failed)".to_owned());
        return Err(provider_error(response, "failed".to_owned(), message, None));
    }
    Ok(output)
}
