//! PaymentsGate's error body and codes.

use serde::Deserialize;
use serde_json::Value;

use crate::error::{Error, LocalizedMessages, Provider, ProviderError};
use crate::http::HttpResponse;
use crate::response::{status_retryable, ErrorBody};
use crate::wire::details_text;
use crate::wire_enum::wire_enum;

wire_enum! {
    /// PaymentsGate error codes uzpay treats specially.
    pub enum PaymentsGateErrorCode {
        /// The deal's credentials are not assigned yet: ask again later.
        CredentialsNotFound = "ERROR_CREDENTIALS_NOT_FOUND",
        /// The deal was cancelled: final.
        DealCanceled = "DEAL_CANCELED",
    }
}

impl PaymentsGateErrorCode {
    /// True when the same request may be sent again: credentials still being searched
    /// for. Everything else is final unless the status says otherwise.
    pub fn retryable(&self) -> bool {
        matches!(self, PaymentsGateErrorCode::CredentialsNotFound)
    }
}

/// `{error, message, details, statusCode}`.
#[derive(Deserialize)]
pub(crate) struct WireError {
    error: String,
    #[serde(default)]
    message: Value,
    #[serde(default)]
    details: Option<Value>,
}

impl ErrorBody for WireError {
    fn into_error(self, response: &HttpResponse) -> Error {
        let message = match self.message {
            Value::String(s) => s,
            // Validation failures send a list of messages.
            Value::Array(items) => items
                .iter()
                .map(|v| v.as_str().map(str::to_owned).unwrap_or_else(|| v.to_string()))
                .collect::<Vec<_>>()
                .join("; "),
            Value::Null => self.error.clone(),
            other => other.to_string(),
        };
        let retryable = PaymentsGateErrorCode::from_wire(&self.error).retryable() || status_retryable(response);
        ProviderError {
            provider: Provider::PaymentsGate,
            code: self.error,
            message,
            messages: LocalizedMessages::default(),
            status: response.status,
            details: details_text(self.details.as_ref()),
            retryable,
        }
        .into_error()
    }
}
