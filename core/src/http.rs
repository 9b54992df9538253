//! Plain HTTP values: what the host application sends and what it got back.
//!
//! uzpay never opens a socket. A builder returns an [`HttpRequest`]; the host sends it
//! with its own client and hands the answer back as an [`HttpResponse`].

use std::fmt;

/// The HTTP methods the providers' APIs use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
}

impl Method {
    /// `"GET"` or `"POST"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One header. Requests and responses keep headers as an ordered list, not a map:
/// order is kept and a name may repeat.
#[derive(Clone, PartialEq, Eq)]
pub struct Header {
    /// The name as written (compare case-insensitively).
    pub name: String,
    /// The value.
    pub value: String,
}

impl Header {
    /// A header from a name and a value.
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> Self {
        Header { name: name.into(), value: value.into() }
    }

    /// True for headers that carry a credential (`Authorization`, `api-key`,
    /// `client-secret`, ...): their values are masked by `Debug` and
    /// [`HttpRequest::redacted`].
    pub fn is_sensitive(&self) -> bool {
        SENSITIVE_HEADERS.iter().any(|s| s.eq_ignore_ascii_case(&self.name))
    }
}

/// The mask that stands for a credential wherever uzpay shows a request.
pub const REDACTED: &str = "***";

/// Header names whose values are credentials.
const SENSITIVE_HEADERS: &[&str] =
    &["authorization", "proxy-authorization", "api-key", "x-api-key", "client-secret", "cookie", "set-cookie"];

impl fmt::Debug for Header {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value = if self.is_sensitive() { REDACTED } else { &self.value };
        write!(f, "{}: {}", self.name, value)
    }
}

fn find_header<'a>(headers: &'a [Header], name: &str) -> Option<&'a str> {
    headers.iter().find(|h| h.name.eq_ignore_ascii_case(name)).map(|h| h.value.as_str())
}

/// A request built by uzpay, ready for any HTTP client.
///
/// `Debug` masks credential headers and does not print the body (a body may carry a
/// card number); use [`HttpRequest::redacted`] to show a request to a person.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// The method.
    pub method: Method,
    /// The absolute URL, query included.
    pub url: String,
    /// Headers in the order they should be sent.
    pub headers: Vec<Header>,
    /// The body (UTF-8 JSON for `POST`, empty for `GET`).
    pub body: Vec<u8>,
}

impl HttpRequest {
    /// The first header with this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    /// The body as text. uzpay only builds UTF-8 JSON bodies, so this is `Some` for
    /// every request uzpay built.
    pub fn body_text(&self) -> Option<&str> {
        std::str::from_utf8(&self.body).ok()
    }

    /// A copy safe to show a person (logs, dry runs): credential headers read `***`,
    /// and in a JSON body a card number is masked (`860012******1234`) and credential
    /// fields (`public_key`, `refresh_token`, ...) read `***`.
    pub fn redacted(&self) -> HttpRequest {
        let headers = self
            .headers
            .iter()
            .map(|h| if h.is_sensitive() { Header::new(h.name.clone(), REDACTED) } else { h.clone() })
            .collect();
        HttpRequest { method: self.method, url: self.url.clone(), headers, body: redact_body(&self.body) }
    }
}

/// JSON body fields whose values are credentials or one-time codes.
const SENSITIVE_BODY_FIELDS: &[&str] = &[
    "public_key",
    "access_token",
    "refresh_token",
    "client_secret",
    "password",
    "api_key",
    "verifyCode",
    "verify_code",
    "otp",
];

fn redact_body(body: &[u8]) -> Vec<u8> {
    let Ok(mut value) = serde_json::from_slice::<serde_json::Value>(body) else {
        return body.to_vec();
    };
    redact_value(&mut value);
    serde_json::to_vec(&value).unwrap_or_default()
}

fn redact_value(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            for (key, field) in map.iter_mut() {
                match field {
                    Value::String(pan) if key == "pan" => *pan = crate::card::mask_pan(pan),
                    Value::String(secret) if SENSITIVE_BODY_FIELDS.contains(&key.as_str()) => {
                        *secret = REDACTED.to_owned()
                    }
                    other => redact_value(other),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact_value),
        // A card number typed into free text (a note) is masked too.
        Value::String(text) => {
            if let std::borrow::Cow::Owned(masked) = crate::card::mask_card_numbers(text) {
                *text = masked;
            }
        }
        _ => {}
    }
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &self.headers)
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .finish()
    }
}

/// What the host's HTTP client received.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpResponse {
    /// The HTTP status code.
    pub status: u16,
    /// Headers as received.
    pub headers: Vec<Header>,
    /// The raw body.
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// A response with a status and a body and no headers.
    pub fn new(status: u16, body: impl Into<Vec<u8>>) -> Self {
        HttpResponse { status, headers: Vec::new(), body: body.into() }
    }

    /// Adds a header (builder style).
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push(Header::new(name, value));
        self
    }

    /// The first header with this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    /// True for a 2xx status.
    pub fn is_success_status(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

impl fmt::Debug for HttpResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The body is not printed: a token endpoint's answer is a credential.
        f.debug_struct("HttpResponse")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request() -> HttpRequest {
        HttpRequest {
            method: Method::Post,
            url: "https://example.uz/x".into(),
            headers: vec![
                Header::new("Content-Type", "application/json"),
                Header::new("api-key", "sentinel"),
                Header::new("Authorization", "Bearer sentinel"),
            ],
            body: b"{}".to_vec(),
        }
    }

    #[test]
    fn debug_masks_credentials() {
        let text = format!("{:?}", request());
        assert!(!text.contains("sentinel"), "{text}");
        assert!(text.contains("application/json"));
    }

    #[test]
    fn redacted_masks_only_credentials() {
        let r = request().redacted();
        assert_eq!(r.header("API-KEY"), Some(REDACTED));
        assert_eq!(r.header("authorization"), Some(REDACTED));
        assert_eq!(r.header("content-type"), Some("application/json"));
        assert_eq!(r.body, b"{}");
    }

    #[test]
    fn redacted_masks_card_numbers_and_body_credentials() {
        let mut r = request();
        r.body = br#"{"card":{"pan":"8600123412341234","expiry":"0127"},"public_key":"sentinel","n":[{"refresh_token":"sentinel"}]}"#.to_vec();
        let text = String::from_utf8(r.redacted().body).unwrap();
        assert!(text.contains("860012******1234"), "{text}");
        assert!(!text.contains("sentinel") && !text.contains("8600123412341234"), "{text}");
        assert!(text.contains("0127"));
    }

    #[test]
    fn redacted_masks_codes_and_card_numbers_in_free_text() {
        let mut r = request();
        r.body = br#"{"verifyId":"trx_1","verifyCode":"716261","note":"card 8600000000000007 please"}"#.to_vec();
        let text = String::from_utf8(r.redacted().body).unwrap();
        assert!(!text.contains("716261") && !text.contains("8600000000000007"), "{text}");
        assert!(text.contains("trx_1") && text.contains("card 860000******0007 please"), "{text}");
    }
}
