//! FiscalBox's response envelope `{data, error, is_success}`.

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::error::{Error, LocalizedMessages, Provider, ProviderError, Result};
use crate::http::HttpResponse;
use crate::response::{decode, status_retryable, unexpected};
use crate::wire::{code_text, details_text, CodeMessageData};

#[derive(Deserialize)]
struct Envelope {
    // Kept raw: `data` is decoded only once we know there is no error, so a
    // surprising `data` never hides the provider's error.
    #[serde(default)]
    data: Option<Box<RawValue>>,
    #[serde(default)]
    error: Option<CodeMessageData>,
    #[serde(default)]
    is_success: Option<bool>,
}

/// Opens the envelope: a provider error if `error` is set, an HTTP error for a
/// status that is not 2xx, otherwise `data` decoded as `T`.
pub(crate) fn open<T: DeserializeOwned>(response: &HttpResponse) -> Result<T> {
    let envelope: Envelope = decode(response)?;
    if let Some(error) = envelope.error {
        let code = code_text(&error.code);
        return Err(provider_error(
            response,
            code.clone(),
            error.message.unwrap_or(code),
            details_text(error.data.as_ref()),
        ));
    }
    if !response.is_success_status() {
        return Err(Error::http(response.status));
    }
    if envelope.is_success == Some(false) {
        return Err(unexpected(response, "is_success is false but the envelope carries no error"));
    }
    let data = match envelope.data {
        Some(raw) if raw.get() != "null" => raw,
        _ => return Err(unexpected(response, "the envelope has no data")),
    };
    serde_json::from_str(data.get())
        .map_err(|e| unexpected(response, &format!("data is not the expected shape: {}", short(&e))))
}

/// A FiscalBox business error. FiscalBox's codes are final: only a 5xx or 429 status
/// makes one retryable.
pub(crate) fn provider_error(response: &HttpResponse, code: String, message: String, details: Option<String>) -> Error {
    ProviderError {
        provider: Provider::FiscalBox,
        code,
        message,
        messages: LocalizedMessages::default(),
        status: response.status,
        details,
        retryable: status_retryable(response),
    }
    .into_error()
}

fn short(e: &serde_json::Error) -> String {
    let text = e.to_string();
    text.split(" at line ").next().unwrap_or(&text).to_owned()
}
