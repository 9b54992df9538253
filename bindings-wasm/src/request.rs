//! Requests and headers as JSON text.
//!
//! A request crosses as `{"method", "url", "headers": [[name, value], ...], "body"}`:
//! headers stay an ordered list of pairs (a name may repeat), which is also what
//! `fetch` accepts, and the body is text (the core builds UTF-8 JSON bodies).

use serde::{Deserialize, Serialize};
use uzpay::{Error, Header, HttpRequest, Method};

use crate::Outcome;

#[derive(Serialize)]
struct RequestOut<'a> {
    method: &'static str,
    url: &'a str,
    headers: Vec<[&'a str; 2]>,
    body: std::borrow::Cow<'a, str>,
}

/// The request as the text [`crate::build`] returns: its parts joined by NUL
/// (`method`, `url`, each header's name and value, then the body), which JavaScript
/// takes apart with one `split` instead of parsing JSON with the body escaped inside.
/// No part can hold a NUL (the core's URLs and header values refuse control
/// characters; a JSON body writes it as `\u0000`); if one ever did, the request is
/// returned as [`to_json`] writes it, which starts with `{` and so is told apart.
pub fn to_frames(request: &HttpRequest) -> String {
    let body = match request.body_text() {
        Some(text) => std::borrow::Cow::Borrowed(text),
        None => String::from_utf8_lossy(&request.body),
    };
    let mut parts = vec![request.method.as_str(), &request.url];
    parts.extend(request.headers.iter().flat_map(|h| [h.name.as_str(), h.value.as_str()]));
    parts.push(&body);
    if parts.iter().any(|part| part.contains('\0')) {
        return to_json(request);
    }
    parts.join("\0")
}

/// The request as JSON text.
pub fn to_json(request: &HttpRequest) -> String {
    let out = RequestOut {
        method: request.method.as_str(),
        url: &request.url,
        headers: request.headers.iter().map(|h| [h.name.as_str(), h.value.as_str()]).collect(),
        // The core builds UTF-8 bodies; the lossy path is only a guard.
        body: match request.body_text() {
            Some(text) => std::borrow::Cow::Borrowed(text),
            None => String::from_utf8_lossy(&request.body),
        },
    };
    // Only strings: serializing cannot fail.
    serde_json::to_string(&out).unwrap_or_default()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RequestIn {
    method: MethodIn,
    url: String,
    #[serde(default)]
    headers: Vec<(String, String)>,
    #[serde(default)]
    body: String,
}

#[derive(Deserialize)]
enum MethodIn {
    #[serde(rename = "GET")]
    Get,
    #[serde(rename = "POST")]
    Post,
}

/// Reads a request as [`to_json`] wrote it (the caller may have changed it) and
/// returns the core's redacted copy, as JSON text.
pub fn redact(text: &str) -> Outcome<String, Error> {
    let input: RequestIn = crate::from_json(text)?;
    let request = HttpRequest {
        method: match input.method {
            MethodIn::Get => Method::Get,
            MethodIn::Post => Method::Post,
        },
        url: input.url,
        headers: input.headers.into_iter().map(|(name, value)| Header::new(name, value)).collect(),
        body: input.body.into_bytes(),
    };
    Ok(to_json(&request.redacted()))
}

/// Response headers from their names and values joined by NUL (`name\0value\0...`),
/// or from a JSON array of `[name, value]` pairs (text starting with `[`).
pub fn headers_from_text(text: &str) -> uzpay::Result<Vec<Header>> {
    if text.starts_with('[') {
        return headers_from_json(text);
    }
    let parts: Vec<&str> = text.split('\0').collect();
    Ok(parts
        .chunks(2)
        .map(|pair| Header::new(pair.first().copied().unwrap_or(""), pair.get(1).copied().unwrap_or("")))
        .collect())
}

/// Response headers from a JSON array of `[name, value]` pairs.
pub fn headers_from_json(text: &str) -> uzpay::Result<Vec<Header>> {
    let pairs: Vec<(String, String)> = crate::from_json(text)?;
    Ok(pairs.into_iter().map(|(name, value)| Header::new(name, value)).collect())
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::*;

    #[test]
    fn redacts_credentials_only() {
        let request = json!({
            "method": "POST",
            "url": "https://gw.paylov.uz/x",
            "headers": [["Content-Type", "application/json"], ["api-key", "sentinel"]],
            "body": "{\"card\":{\"pan\":\"8600123412341234\"}}"
        });
        let out: Value = serde_json::from_str(&redact(&request.to_string()).unwrap()).unwrap();
        assert_eq!(out["headers"], json!([["Content-Type", "application/json"], ["api-key", "***"]]));
        assert!(!out.to_string().contains("sentinel") && !out.to_string().contains("8600123412341234"));
        assert_eq!(out["url"], "https://gw.paylov.uz/x");
    }

    #[test]
    fn frames() {
        let mut request = HttpRequest {
            method: Method::Post,
            url: "https://h.uz/p".into(),
            headers: vec![Header::new("A", "1"), Header::new("B", "")],
            body: b"{\"x\":\"a\\u0000b\"}".to_vec(),
        };
        assert_eq!(to_frames(&request), "POST\0https://h.uz/p\0A\u{0}1\0B\0\0{\"x\":\"a\\u0000b\"}");
        request.headers.push(Header::new("C", "\0"));
        assert!(to_frames(&request).starts_with('{'));
    }

    #[test]
    fn header_text() {
        let h = headers_from_text("A\u{0}1\u{0}B\u{0}").unwrap();
        assert_eq!(h, vec![Header::new("A", "1"), Header::new("B", "")]);
        let h = headers_from_text(r#"[["[x","a\u0000b"]]"#).unwrap();
        assert_eq!(h, vec![Header::new("[x", "a\0b")]);
    }

    #[test]
    fn refuses_what_is_not_a_request() {
        let e = redact(r#"{"method":"PUT","url":"x"}"#).unwrap_err();
        assert_eq!(e.field(), Some("method"));
    }
}
