//! How every parser reads a response: bounded, single-pass, and in one order:
//! a provider error in the body first, then the HTTP status, then the shape.

use serde::de::DeserializeOwned;

use crate::error::{status_is_retryable, Error, Result};
use crate::http::HttpResponse;
use crate::limits::MAX_BODY_BYTES;

/// Decodes the body into the provider's wire struct (which covers both the success
/// and the error shape). A body that does not decode is classified by
/// [`unexpected`].
pub(crate) fn decode<W: DeserializeOwned>(response: &HttpResponse) -> Result<W> {
    if response.body.len() > MAX_BODY_BYTES {
        return Err(unexpected(
            response,
            &format!("the body is {} bytes, more than the {MAX_BODY_BYTES} uzpay reads", response.body.len()),
        ));
    }
    // Every provider answers with a JSON object. serde would read a struct from an
    // array of its values (`["trx_1"]` as a verifyId), so an array is refused here.
    if response.body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[') {
        return Err(unexpected(response, "the body is a JSON array, not an object"));
    }
    serde_json::from_slice(&response.body).map_err(|e| unexpected(response, &describe_json_error(&e)))
}

/// The error for a body that is not what the operation expects and holds no provider
/// error: an [`Error::Http`] when the status is not 2xx, else an [`Error::Decode`].
pub(crate) fn unexpected(response: &HttpResponse, problem: &str) -> Error {
    if !response.is_success_status() {
        return Error::http(response.status);
    }
    let html = looks_like_html(&response.body);
    let message = if html {
        format!("the body is an HTML page, not JSON (a gateway or proxy answered): {problem}")
    } else {
        problem.to_owned()
    };
    Error::Decode { message, retryable: html || status_is_retryable(response.status) }
}

/// A provider's error body, for providers whose success and error bodies share no
/// envelope (PaymentsGate, VIA).
pub(crate) trait ErrorBody: DeserializeOwned {
    /// The provider error this body stands for.
    fn into_error(self, response: &HttpResponse) -> Error;
}

/// Reads the success shape `T` (which must come with a 2xx status), else the error
/// body `E` (whatever the status), else an HTTP or decode error.
///
/// The success shape is tried first because it is the common case and costs one
/// pass; that order is only sound when `T` has a required field no error body has.
/// For a `T` whose fields are all optional, use [`error_or_success`].
pub(crate) fn success_or_error<T: DeserializeOwned, E: ErrorBody>(response: &HttpResponse) -> Result<T> {
    match decode::<T>(response) {
        Ok(output) if response.is_success_status() => Ok(output),
        Ok(_) => Err(error_body::<E>(response).unwrap_or(Error::http(response.status))),
        Err(shape_error) => Err(error_body::<E>(response).unwrap_or(shape_error)),
    }
}

/// Like [`success_or_error`], but the error shape is tried first: for outputs whose
/// fields are all optional, which an error body would also match.
pub(crate) fn error_or_success<T: DeserializeOwned, E: ErrorBody>(response: &HttpResponse) -> Result<T> {
    if let Some(error) = error_body::<E>(response) {
        return Err(error);
    }
    let output = decode::<T>(response)?;
    if !response.is_success_status() {
        return Err(Error::http(response.status));
    }
    Ok(output)
}

fn error_body<E: ErrorBody>(response: &HttpResponse) -> Option<Error> {
    if response.body.len() > MAX_BODY_BYTES {
        return None;
    }
    serde_json::from_slice::<E>(&response.body).ok().map(|body| body.into_error(response))
}

/// True when the provider's answer is not final: a 5xx or 429 that still carried a
/// provider error.
pub(crate) fn status_retryable(response: &HttpResponse) -> bool {
    status_is_retryable(response.status)
}

fn looks_like_html(body: &[u8]) -> bool {
    let start = body.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(body.len());
    let head: Vec<u8> = body.iter().skip(start).take(14).map(u8::to_ascii_lowercase).collect();
    head.starts_with(b"<!doctype html") || head.starts_with(b"<html") || head.starts_with(b"<")
}

/// serde_json's message, without echoing a string value from the body.
fn describe_json_error(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let text = match text.split_once(" at line ") {
        Some((head, tail)) => format!("{} (at line {tail})", strip_quoted(head)),
        None => strip_quoted(&text),
    };
    format!("the body is not the expected JSON: {text}")
}

/// Drops the quoted value from "invalid type: string \"...\"", keeping the rest.
fn strip_quoted(message: &str) -> String {
    match (message.find('"'), message.rfind('"')) {
        (Some(a), Some(b)) if b > a => {
            format!("{}\u{2026}{}", message.get(..a).unwrap_or(""), message.get(b + 1..).unwrap_or(""))
        }
        _ => message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Wire {
        a: u32,
    }

    #[test]
    fn html_gateway_page() {
        let r = HttpResponse::new(502, "<html><body>Bad Gateway</body></html>");
        assert_eq!(decode::<Wire>(&r).err(), Some(Error::http(502)));
        let r = HttpResponse::new(200, "<!DOCTYPE html><p>maintenance</p>");
        let e = decode::<Wire>(&r).err();
        assert!(matches!(e, Some(Error::Decode { retryable: true, .. })), "{e:?}");
    }

    #[test]
    fn wrong_shape_with_200_is_decode_and_final() {
        let r = HttpResponse::new(200, "{\"a\":\"card 8600123412341234\"}");
        let e = decode::<Wire>(&r).err();
        assert!(matches!(&e, Some(Error::Decode { retryable: false, .. })), "{e:?}");
        assert!(!format!("{e:?}").contains("8600"));
    }

    #[test]
    fn oversized_body() {
        let r = HttpResponse::new(200, vec![b' '; MAX_BODY_BYTES + 1]);
        assert!(matches!(decode::<Wire>(&r), Err(Error::Decode { .. })));
    }
}
