//! VIA's error body.

use serde::Deserialize;
use serde_json::Value;

use crate::error::{Error, LocalizedMessages, Provider, ProviderError};
use crate::http::HttpResponse;
use crate::response::{status_retryable, ErrorBody};
use crate::wire::{code_text, opt_any_as_text};

/// `{"status": {"code", "message"}, "error": {"path", "message": {"uz", "ru", "en"}}}`.
#[derive(Deserialize)]
pub(crate) struct WireError {
    status: WireStatus,
    #[serde(default)]
    error: Option<WireDetail>,
}

#[derive(Deserialize)]
struct WireStatus {
    code: Value,
    #[serde(default)]
    message: Option<String>,
}

#[derive(Deserialize)]
struct WireDetail {
    #[serde(default, deserialize_with = "opt_any_as_text")]
    path: Option<String>,
    #[serde(default)]
    message: Option<WireMessages>,
}

#[derive(Deserialize)]
struct WireMessages {
    #[serde(default)]
    uz: Option<String>,
    #[serde(default)]
    ru: Option<String>,
    #[serde(default)]
    en: Option<String>,
}

impl ErrorBody for WireError {
    fn into_error(self, response: &HttpResponse) -> Error {
        let code = code_text(&self.status.code);
        let (path, messages) = match self.error {
            Some(detail) => {
                let m = detail.message.map(|m| LocalizedMessages { uz: m.uz, ru: m.ru, en: m.en });
                (detail.path, m.unwrap_or_default())
            }
            None => (None, LocalizedMessages::default()),
        };
        let message = messages
            .en
            .clone()
            .or(self.status.message)
            .unwrap_or_else(|| format!("VIA refused the request (code {code})"));
        ProviderError {
            provider: Provider::Via,
            code,
            message,
            messages,
            status: response.status,
            details: path.map(|p| serde_json::json!({ "path": p }).to_string()),
            retryable: status_retryable(response),
        }
        .into_error()
    }
}
