//! The HTTP values Kotlin sends and receives: `HttpRequest`, `HttpResponse`, `Header`,
//! `HttpMethod`.
//!
//! They are records of this crate rather than the core's types: a uniffi record is a
//! Kotlin data class, whose generated `toString()` would print every header and
//! whose `equals()` would compare the `ByteArray` body by reference. Here `toString()`,
//! `equals()` and `hashCode()` are Rust's (exported traits), and `toString()` is the
//! core's `Debug`: credential headers masked by [`uzpay::Header::is_sensitive`], the
//! body left out. The status is an `Int`, as every JVM HTTP client has it.

use std::fmt;

use crate::error::UzpayError;

/// The HTTP methods the providers use. Kotlin: `HttpMethod.GET`, `HttpMethod.POST`
/// (`method.name` is the method's token for any HTTP client).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum HttpMethod {
    /// `GET`
    Get,
    /// `POST`
    Post,
}

impl From<uzpay::Method> for HttpMethod {
    fn from(method: uzpay::Method) -> Self {
        match method {
            uzpay::Method::Get => HttpMethod::Get,
            uzpay::Method::Post => HttpMethod::Post,
        }
    }
}

impl From<HttpMethod> for uzpay::Method {
    fn from(method: HttpMethod) -> Self {
        match method {
            HttpMethod::Get => uzpay::Method::Get,
            HttpMethod::Post => uzpay::Method::Post,
        }
    }
}

/// One header. Requests and responses keep headers as an ordered list (a name may
/// repeat); names compare case-insensitively.
#[derive(Clone, PartialEq, Eq, Hash, uniffi::Record)]
#[uniffi::export(Debug, Eq, Hash)]
pub struct Header {
    /// The name as written.
    pub name: String,
    /// The value.
    pub value: String,
}

#[uniffi::export]
impl Header {
    /// True for headers that carry a credential (`Authorization`, `api-key`,
    /// `client-secret`, ...): `toString()` shows them as `***`.
    pub fn is_sensitive(&self) -> bool {
        self.to_core().is_sensitive()
    }
}

impl Header {
    fn to_core(&self) -> uzpay::Header {
        uzpay::Header::new(self.name.as_str(), self.value.as_str())
    }
}

impl From<uzpay::Header> for Header {
    fn from(header: uzpay::Header) -> Self {
        Header { name: header.name, value: header.value }
    }
}

/// `name: value`, or `name: ***` for a credential header.
impl fmt::Debug for Header {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.to_core(), f)
    }
}

/// A request built by uzpay, ready for any HTTP client: send `method` to `url` with
/// `headers` in order and `body` (UTF-8 JSON for `POST`, empty for `GET`).
///
/// `toString()` masks credential headers and leaves the body out (it may carry a card
/// number); [`HttpRequest::redacted`] gives a copy safe to log.
#[derive(Clone, PartialEq, Eq, Hash, uniffi::Record)]
#[uniffi::export(Debug, Eq, Hash)]
pub struct HttpRequest {
    /// The method.
    pub method: HttpMethod,
    /// The absolute URL, query included.
    pub url: String,
    /// Headers in the order they should be sent.
    pub headers: Vec<Header>,
    /// The body.
    pub body: Vec<u8>,
}

#[uniffi::export]
impl HttpRequest {
    /// The first header with this name (case-insensitive), or null.
    pub fn header(&self, name: String) -> Option<String> {
        find_header(&self.headers, &name)
    }

    /// The body as text (every body uzpay builds is UTF-8 JSON; empty for `GET`).
    pub fn body_text(&self) -> Option<String> {
        String::from_utf8(self.body.clone()).ok()
    }

    /// A copy safe to show a person (logs, dry runs): credential headers read `***`, a
    /// card number in the body reads `860012******1234`, credential fields `***`.
    pub fn redacted(&self) -> HttpRequest {
        HttpRequest::from(self.to_core().redacted())
    }
}

impl HttpRequest {
    fn to_core(&self) -> uzpay::HttpRequest {
        uzpay::HttpRequest {
            method: self.method.into(),
            url: self.url.clone(),
            headers: self.headers.iter().map(Header::to_core).collect(),
            body: self.body.clone(),
        }
    }
}

impl From<uzpay::HttpRequest> for HttpRequest {
    fn from(request: uzpay::HttpRequest) -> Self {
        HttpRequest {
            method: request.method.into(),
            url: request.url,
            headers: request.headers.into_iter().map(Header::from).collect(),
            body: request.body,
        }
    }
}

/// The core's `Debug`: credential headers masked, the body as its length.
impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.to_core(), f)
    }
}

/// What the host's HTTP client received: give it to the operation's `parse_*`.
#[derive(Clone, PartialEq, Eq, Hash, uniffi::Record)]
#[uniffi::export(Debug, Eq, Hash)]
pub struct HttpResponse {
    /// The HTTP status code (outside 0..=65535 it is refused as invalid input).
    pub status: i32,
    /// Headers as received.
    #[uniffi(default)]
    pub headers: Vec<Header>,
    /// The raw body.
    #[uniffi(default)]
    pub body: Vec<u8>,
}

#[uniffi::export]
impl HttpResponse {
    /// The first header with this name (case-insensitive), or null.
    pub fn header(&self, name: String) -> Option<String> {
        find_header(&self.headers, &name)
    }
}

impl TryFrom<HttpResponse> for uzpay::HttpResponse {
    type Error = UzpayError;

    fn try_from(response: HttpResponse) -> Result<Self, UzpayError> {
        // The core takes any u16, as HTTP allows; only what does not fit is refused.
        let status = u16::try_from(response.status)
            .map_err(|_| UzpayError::invalid_input("status", "must be an HTTP status code (0 to 65535)"))?;
        Ok(uzpay::HttpResponse {
            status,
            headers: response.headers.iter().map(Header::to_core).collect(),
            body: response.body,
        })
    }
}

/// Like the core's: the body is not printed (a token endpoint's answer is a credential).
impl fmt::Debug for HttpResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpResponse")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .finish()
    }
}

fn find_header(headers: &[Header], name: &str) -> Option<String> {
    headers.iter().find(|h| h.name.eq_ignore_ascii_case(name)).map(|h| h.value.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request() -> HttpRequest {
        HttpRequest {
            method: HttpMethod::Post,
            url: "https://example.uz/x".into(),
            headers: vec![
                Header { name: "Content-Type".into(), value: "application/json".into() },
                Header { name: "Authorization".into(), value: "Bearer sentinel".into() },
            ],
            body: br#"{"card":{"pan":"8600123412341234"},"public_key":"sentinel"}"#.to_vec(),
        }
    }

    #[test]
    fn debug_masks_credentials_and_omits_the_body() {
        let text = format!("{:?}", request());
        assert!(!text.contains("sentinel") && !text.contains("8600"), "{text}");
        assert!(text.contains("application/json") && text.contains("bytes"), "{text}");
    }

    #[test]
    fn redacted_is_the_cores() {
        let redacted = request().redacted();
        assert_eq!(redacted.header("authorization".into()).as_deref(), Some("***"));
        let body = redacted.body_text().unwrap();
        assert!(body.contains("860012******1234") && !body.contains("sentinel"), "{body}");
    }

    #[test]
    fn status_out_of_range_is_invalid_input() {
        for status in [-1, 65_536, i32::MAX] {
            let e = uzpay::HttpResponse::try_from(HttpResponse { status, headers: vec![], body: vec![] }).unwrap_err();
            assert!(matches!(e, UzpayError::InvalidInput { ref field, .. } if field == "status"), "{status}");
        }
        let ok = uzpay::HttpResponse::try_from(HttpResponse { status: 200, headers: vec![], body: vec![] });
        assert_eq!(ok.map(|r| r.status).ok(), Some(200));
    }
}
