//! Paylov's envelope `{"result": ..., "error": {"code", "message", "data"} | null}`
//! and its error codes.

use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::error::{Error, LocalizedMessages, Provider, ProviderError, Result};
use crate::http::HttpResponse;
use crate::response::{decode, status_retryable, unexpected};
use crate::wire::{code_text, details_text, CodeMessageData};
use crate::wire_enum::wire_enum;

wire_enum! {
    /// The error codes of Paylov's fiscalization calls.
    pub enum PaylovErrorCode {
        /// The payment cannot be fiscalized (wrong state or type).
        ReceiptNotAvailableForOperation = "receipt_not_available_for_operation",
        /// A required field is missing.
        FieldRequired = "field_required",
        /// A receipt was already generated for this payment: do not register again,
        /// read it back with the status call.
        OfdCheckAlreadyGenerated = "ofd_check_already_generated",
        /// The amounts do not match the payment.
        InvalidAmount = "invalid_amount",
        /// The OFD (tax committee) side failed; the same request may be retried.
        OfdError = "ofd_error",
        /// No fiscal receipt was generated.
        FiscalReceiptNotGenerated = "fiscal_receipt_not_generated",
    }
}

impl PaylovErrorCode {
    /// Whether the same request may be sent again after this code: only for failures
    /// on the OFD or server side, never for a refusal of the request itself.
    pub fn retryable(&self) -> bool {
        matches!(self, PaylovErrorCode::OfdError) || self.as_str() == "server_error"
    }
}

#[derive(Deserialize)]
struct Envelope<T> {
    #[serde(default = "none")]
    result: Option<T>,
    #[serde(default)]
    error: Option<CodeMessageData>,
}

fn none<T>() -> Option<T> {
    None
}

/// Opens the envelope: a provider error if `error` is set (whatever the status), an
/// HTTP error for a status that is not 2xx, otherwise `result` decoded as `T`.
pub(crate) fn open<T: DeserializeOwned>(response: &HttpResponse) -> Result<T> {
    let envelope: Envelope<T> = decode(response)?;
    if let Some(error) = envelope.error {
        return Err(provider_error(error, response));
    }
    if !response.is_success_status() {
        return Err(Error::http(response.status));
    }
    envelope.result.ok_or_else(|| unexpected(response, "the body has no result"))
}

/// A Paylov error: retryable for the OFD-side codes and on a 5xx or 429.
fn provider_error(error: CodeMessageData, response: &HttpResponse) -> Error {
    let code = code_text(&error.code);
    let retryable = PaylovErrorCode::from_wire(&code).retryable() || status_retryable(response);
    ProviderError {
        provider: Provider::Paylov,
        message: error.message.unwrap_or_else(|| code.clone()),
        code,
        messages: LocalizedMessages::default(),
        status: response.status,
        details: details_text(error.data.as_ref()),
        retryable,
    }
    .into_error()
}
