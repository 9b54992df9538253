//! Paylov's error envelope and codes.

use serde::Deserialize;
use serde_json::Value;

use crate::error::{Error, LocalizedMessages, Provider, ProviderError};
use crate::http::HttpResponse;
use crate::response::status_retryable;
use crate::wire::{code_text, details_text};
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
pub(crate) struct WireError {
    #[serde(default)]
    pub(crate) code: Value,
    #[serde(default)]
    pub(crate) message: Option<String>,
    #[serde(default)]
    pub(crate) data: Option<Value>,
}

impl WireError {
    pub(crate) fn into_error(self, response: &HttpResponse) -> Error {
        let code = code_text(&self.code);
        let retryable = PaylovErrorCode::from_wire(&code).retryable() || status_retryable(response);
        Error::Provider(Box::new(ProviderError {
            provider: Provider::Paylov,
            message: self.message.unwrap_or_else(|| code.clone()),
            code,
            messages: LocalizedMessages::default(),
            status: response.status,
            details: details_text(self.data.as_ref()),
            retryable,
        }))
    }
}
