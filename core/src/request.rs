//! How every builder assembles a request: the endpoint URL, the JSON body and the
//! headers, in one place.

use serde::Serialize;

use crate::error::{Error, Result};
use crate::http::{Header, HttpRequest, Method};
use crate::validate::endpoint_url;

/// A `POST` with a JSON body and the given credential headers (after the content
/// headers).
pub(crate) fn post_json<B: Serialize>(base_url: &str, path: &str, auth: Vec<Header>, body: &B) -> Result<HttpRequest> {
    // Serializing uzpay's own body structs cannot fail (no maps with non-string keys,
    // no fallible Serialize impls); the error is still a value, never a panic.
    let body =
        serde_json::to_vec(body).map_err(|e| Error::invalid_input("", format!("could not be encoded as JSON: {e}")))?;
    post_json_bytes(base_url, path, auth, body)
}

/// A `POST` of a JSON body already written (see `crate::body`).
pub(crate) fn post_json_bytes(base_url: &str, path: &str, auth: Vec<Header>, body: Vec<u8>) -> Result<HttpRequest> {
    let url = endpoint_url(base_url, path)?;
    let mut headers = Vec::with_capacity(auth.len() + 2);
    headers.push(Header::new("Content-Type", "application/json"));
    headers.push(Header::new("Accept", "application/json"));
    headers.extend(auth);
    Ok(HttpRequest { method: Method::Post, url, headers, body })
}

/// A `GET` (no body) with the given credential headers.
pub(crate) fn get(base_url: &str, path: &str, auth: Vec<Header>) -> Result<HttpRequest> {
    let url = endpoint_url(base_url, path)?;
    let mut headers = Vec::with_capacity(auth.len() + 1);
    headers.push(Header::new("Accept", "application/json"));
    headers.extend(auth);
    Ok(HttpRequest { method: Method::Get, url, headers, body: Vec::new() })
}

/// A `GET` with query parameters (percent-encoded) and the given credential headers.
pub(crate) fn get_with_query(
    base_url: &str,
    path: &str,
    query: &[(&str, &str)],
    auth: Vec<Header>,
) -> Result<HttpRequest> {
    let mut request = get(base_url, path, auth)?;
    for (i, (key, value)) in query.iter().enumerate() {
        request.url.push(if i == 0 { '?' } else { '&' });
        request.url.push_str(key);
        request.url.push('=');
        percent_encode_into(&mut request.url, value);
    }
    Ok(request)
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
fn percent_encode_into(out: &mut String, value: &str) {
    use std::fmt::Write;
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            // Writing to a String cannot fail.
            let _ = write!(out, "%{b:02X}");
        }
    }
}

/// Refuses an empty credential before it reaches the wire.
pub(crate) fn credential(field: &str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(Error::invalid_input(field, "is required: set it in the provider config"));
    }
    // Characters are never more than bytes: only a long text needs counting.
    if value.len() > crate::limits::MAX_CREDENTIAL_CHARS && value.chars().count() > crate::limits::MAX_CREDENTIAL_CHARS
    {
        return Err(Error::invalid_input(
            field,
            format!("is too long: at most {} characters", crate::limits::MAX_CREDENTIAL_CHARS),
        ));
    }
    // Credentials go into HTTP header values: printable ASCII only. A line break
    // would split the header; other characters (U+2028, accented letters) make HTTP
    // clients refuse the header with a message that quotes the credential.
    // By bytes: a character outside ASCII is made of bytes that are not ASCII either.
    if !value.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Error::invalid_input(
            field,
            "must be printable ASCII (letters, digits, punctuation; no spaces or line breaks)",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_are_encoded() {
        let r = get_with_query("https://h.uz/", "/s/", &[("transactionId", "a b+c/é"), ("x", "1")], vec![]).unwrap();
        assert_eq!(r.url, "https://h.uz/s/?transactionId=a%20b%2Bc%2F%C3%A9&x=1");
    }
}
