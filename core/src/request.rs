//! How every builder assembles a request: the endpoint URL, the JSON body and the
//! headers, in one place.

use serde::Serialize;

use crate::error::{Error, Result};
use crate::http::{Header, HttpRequest, Method};
use crate::validate::endpoint_url;

/// A `POST` with a JSON body and the given credential headers (after the content
/// headers).
pub(crate) fn post_json<B: Serialize>(
    base_url: &str,
    path: &str,
    auth: Vec<Header>,
    body: &B,
) -> Result<HttpRequest> {
    let url = endpoint_url(base_url, path)?;
    // Serializing uzpay's own body structs cannot fail (no maps with non-string keys,
    // no fallible Serialize impls); the error is still a value, never a panic.
    let body = serde_json::to_vec(body)
        .map_err(|e| Error::invalid_input("", format!("could not be encoded as JSON: {e}")))?;
    let mut headers = Vec::with_capacity(auth.len() + 2);
    headers.push(Header::new("Content-Type", "application/json"));
    headers.push(Header::new("Accept", "application/json"));
    headers.extend(auth);
    Ok(HttpRequest {
        method: Method::Post,
        url,
        headers,
        body,
    })
}

/// A `GET` (no body) with the given credential headers.
pub(crate) fn get(base_url: &str, path: &str, auth: Vec<Header>) -> Result<HttpRequest> {
    let url = endpoint_url(base_url, path)?;
    let mut headers = Vec::with_capacity(auth.len() + 1);
    headers.push(Header::new("Accept", "application/json"));
    headers.extend(auth);
    Ok(HttpRequest {
        method: Method::Get,
        url,
        headers,
        body: Vec::new(),
    })
}

/// Refuses an empty credential before it reaches the wire.
pub(crate) fn credential(field: &str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(Error::invalid_input(
            field,
            "is required: set it in the provider config",
        ));
    }
    if value
        .chars()
        .any(|c| c.is_control() || c == '\r' || c == '\n')
    {
        // A header value with a line break would split the header.
        return Err(Error::invalid_input(
            field,
            "must not contain control characters",
        ));
    }
    Ok(())
}
