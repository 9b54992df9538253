//! Small validation rules shared by the providers. Each returns an
//! [`Error::InvalidInput`] naming the field and the reason in plain words.

use std::fmt::{self, Display};

use crate::error::{Error, Result};
use crate::limits::{MAX_ID_CHARS, MAX_TEXT_CHARS, MAX_URL_CHARS};

/// A field's path as the error names it (`items[3].code`), written out only when a
/// rule fails: checking a valid receipt of many lines allocates no paths at all.
/// Every rule takes its field as `impl Display`, so a plain `&str` works too.
#[derive(Clone, Copy)]
pub(crate) struct Sub<P>(pub(crate) P, pub(crate) &'static str);

impl<P: Display> Display for Sub<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Sub(parent, name) = self;
        write!(f, "{parent}.{name}")
    }
}

/// The element `index` of the list `parent`: `items[3]`.
#[derive(Clone, Copy)]
pub(crate) struct Index<P>(pub(crate) P, pub(crate) usize);

impl<P: Display> Display for Index<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Index(parent, index) = self;
        write!(f, "{parent}[{index}]")
    }
}

/// A non-empty text of at most [`MAX_TEXT_CHARS`] characters with no control
/// characters (a title, a note).
pub(crate) fn text(field: impl Display, value: &str) -> Result<()> {
    bounded_text(field, value, MAX_TEXT_CHARS)
}

/// An identifier: non-empty, at most [`MAX_ID_CHARS`] characters, no white space or
/// control characters.
pub(crate) fn id(field: impl Display, value: &str) -> Result<()> {
    bounded_text(&field, value, MAX_ID_CHARS)?;
    if value.chars().any(char::is_whitespace) {
        return Err(Error::invalid_at(field, "must not contain spaces"));
    }
    Ok(())
}

fn bounded_text(field: impl Display, value: &str, max_chars: usize) -> Result<()> {
    if value.trim().is_empty() {
        return Err(Error::invalid_at(field, "is required and must not be empty"));
    }
    // Most text is ASCII: one fast pass then, the full Unicode rules otherwise.
    let (chars, control) = if value.is_ascii() {
        (value.len(), value.bytes().any(|b| b.is_ascii_control()))
    } else {
        (value.chars().count(), value.chars().any(char::is_control))
    };
    if chars > max_chars {
        return Err(Error::invalid_at(field, format!("is too long: {chars} characters, at most {max_chars}")));
    }
    if control {
        return Err(Error::invalid_at(field, "must not contain control characters"));
    }
    Ok(())
}

/// Exactly `len` ASCII digits; `what` names the value in the message
/// (e.g. "the IKPU/MXIK code").
pub(crate) fn digits_exact(field: impl Display, value: &str, len: usize, what: &str) -> Result<()> {
    // All ASCII digits means as many characters as bytes.
    if value.len() != len || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::invalid_at(field, format!("must be {what}: exactly {len} digits, got {}", describe(value))));
    }
    Ok(())
}

/// One to `max_len` ASCII digits.
pub(crate) fn digits(field: impl Display, value: &str, max_len: usize) -> Result<()> {
    if value.is_empty() {
        return Err(Error::invalid_at(field, "is required and must not be empty"));
    }
    if value.len() > max_len || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::invalid_at(
            field,
            format!("must be digits only (at most {max_len}), got {}", describe(value)),
        ));
    }
    Ok(())
}

/// Describes a refused value without echoing it (it may be personal data): its
/// length and whether it had non-digits.
fn describe(value: &str) -> String {
    let n = value.chars().count();
    let non_digits = value.chars().filter(|c| !c.is_ascii_digit()).count();
    match (n, non_digits) {
        (0, _) => "an empty value".to_owned(),
        (n, 0) => format!("{n} digits"),
        (n, k) => format!("{n} characters, {k} of them not digits"),
    }
}

/// An absolute `http` or `https` URL with a host, no white space and at most
/// [`MAX_URL_CHARS`] characters. Returns the part after the scheme.
pub(crate) fn http_url<'a>(field: &str, value: &'a str) -> Result<&'a str> {
    if value.is_empty() {
        return Err(Error::invalid_input(field, "is required and must not be empty"));
    }
    // An ASCII URL (the usual one) is checked byte by byte; any other by its characters.
    let (chars, spaced) = if value.is_ascii() {
        (value.len(), value.bytes().any(|b| b.is_ascii_whitespace() || b.is_ascii_control()))
    } else {
        (value.chars().count(), value.chars().any(|c| c.is_whitespace() || c.is_control()))
    };
    if chars > MAX_URL_CHARS {
        return Err(Error::invalid_input(field, format!("is too long: at most {MAX_URL_CHARS} characters")));
    }
    if spaced {
        return Err(Error::invalid_input(field, "must not contain spaces or control characters"));
    }
    let rest = strip_prefix_ignore_case(value, "https://")
        .or_else(|| strip_prefix_ignore_case(value, "http://"))
        .ok_or_else(|| Error::invalid_input(field, "must be an absolute http:// or https:// URL"))?;
    let host_end = rest.bytes().position(|b| matches!(b, b'/' | b'?' | b'#')).unwrap_or(rest.len());
    let authority = rest.get(..host_end).unwrap_or_default();
    if authority.is_empty() || authority.starts_with(':') || authority.contains('@') {
        return Err(Error::invalid_input(field, "must name a host (and no user info)"));
    }
    Ok(rest)
}

pub(crate) fn strip_prefix_ignore_case<'a>(value: &'a str, prefix: &str) -> Option<&'a str> {
    let head = value.get(..prefix.len())?;
    if head.eq_ignore_ascii_case(prefix) {
        value.get(prefix.len()..)
    } else {
        None
    }
}

/// Joins a provider's base URL and an endpoint path. The base URL may carry a path
/// prefix and may end with `/` or not: both give the same URL. It must not carry a
/// query or a fragment.
pub(crate) fn endpoint_url(base_url: &str, path: &str) -> Result<String> {
    const FIELD: &str = "base_url";
    let rest = http_url(FIELD, base_url)?;
    if rest.bytes().any(|b| matches!(b, b'?' | b'#')) {
        return Err(Error::invalid_input(FIELD, "must not contain a query or a fragment"));
    }
    // Every provider call carries a credential: never over plain HTTP, except to this
    // machine (the sandbox, a test server).
    if strip_prefix_ignore_case(base_url, "https://").is_none() && !is_loopback(rest) {
        return Err(Error::invalid_input(
            FIELD,
            "must be an https:// URL: credentials never travel in clear text (http:// is for 127.0.0.1, localhost and [::1] only)",
        ));
    }
    let base = base_url.trim_end_matches('/');
    let path = path.trim_start_matches('/');
    let mut url = String::with_capacity(base.len() + 1 + path.len());
    url.push_str(base);
    url.push('/');
    url.push_str(path);
    Ok(url)
}

/// Whether the authority at the start of `rest` (a URL after its scheme) is this
/// machine: `localhost`, `127.0.0.0/8` or `[::1]`, with or without a port.
fn is_loopback(rest: &str) -> bool {
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.eq_ignore_ascii_case("[::1]") || authority.to_ascii_lowercase().starts_with("[::1]:") {
        return true;
    }
    let host = authority.rsplit_once(':').map_or(authority, |(host, port)| {
        if port.bytes().all(|b| b.is_ascii_digit()) {
            host
        } else {
            authority
        }
    });
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    let octets: Vec<&str> = host.split('.').collect();
    octets.len() == 4 && octets.first() == Some(&"127") && octets.iter().all(|o| o.parse::<u8>().is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_only_to_this_machine() {
        for ok in [
            "http://127.0.0.1:8099/paylov",
            "http://localhost",
            "HTTP://LOCALHOST:80/x",
            "http://[::1]:9/",
            "http://127.1.2.3",
        ] {
            assert!(endpoint_url(ok, "/p").is_ok(), "{ok}");
        }
        for bad in [
            "http://gw.paylov.uz",
            "http://127.0.0.1.example.uz",
            "http://128.0.0.1",
            "http://localhost.evil.uz",
            "http://[::2]",
        ] {
            let e = endpoint_url(bad, "/p").err();
            assert_eq!(e.as_ref().and_then(Error::field), Some("base_url"), "{bad}");
            assert!(e.map(|e| e.message()).unwrap_or_default().contains("https://"), "{bad}");
        }
    }

    #[test]
    fn endpoint_url_ignores_trailing_slash() {
        let a = endpoint_url("https://api.fiscalbox.uz", "/payment/click_confirm").ok();
        let b = endpoint_url("https://api.fiscalbox.uz/", "/payment/click_confirm").ok();
        assert_eq!(a.as_deref(), Some("https://api.fiscalbox.uz/payment/click_confirm"));
        assert_eq!(a, b);
        let c = endpoint_url("https://h.uz/api/v1/", "deals/payin").ok();
        assert_eq!(c.as_deref(), Some("https://h.uz/api/v1/deals/payin"));
    }

    #[test]
    fn endpoint_url_refuses_bad_bases() {
        for bad in
            ["", "api.fiscalbox.uz", "ftp://x.uz", "https://", "https://x.uz/?a=1", "https://x .uz", "https://u:p@x.uz"]
        {
            let e = endpoint_url(bad, "/p").err();
            assert_eq!(e.as_ref().and_then(Error::field), Some("base_url"), "{bad}");
        }
    }

    #[test]
    fn describe_never_echoes() {
        let e = digits_exact("tin", "12ab", 9, "a TIN").err().map(|e| e.to_string());
        assert_eq!(
            e.as_deref(),
            Some("invalid input: tin: must be a TIN: exactly 9 digits, got 4 characters, 2 of them not digits")
        );
    }
}
