//! An [`uzpay::Error`] as the JSON text the JavaScript layer turns into an
//! `UzpayError`: every accessor of the core's error, by its canonical name.

use serde::Serialize;
use uzpay::{Error, LocalizedMessages};

#[derive(Serialize)]
struct ErrorJson<'a> {
    kind: &'static str,
    /// The core's `Display`: what `Error.message` shows.
    message: String,
    /// The core's `message()`: the reason without the kind and field prefix.
    reason: String,
    retryable: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    provider: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    messages: Option<&'a LocalizedMessages>,
    #[serde(skip_serializing_if = "Option::is_none")]
    details: Option<&'a str>,
}

/// The error as JSON text: `kind`, `message`, `reason`, `retryable`, and where they
/// apply `field`, `provider`, `code`, `status`, `messages` and `details`.
pub fn to_json(error: &Error) -> String {
    let provider = error.provider_error();
    let json = ErrorJson {
        kind: error.kind().as_str(),
        message: error.to_string(),
        reason: error.message(),
        retryable: error.retryable(),
        field: error.field(),
        provider: provider.map(|p| p.provider.as_str()),
        code: error.code(),
        status: error.status(),
        messages: provider.map(|p| &p.messages).filter(|m| !m.is_empty()),
        details: provider.and_then(|p| p.details.as_deref()),
    };
    // Serializing strings, numbers and booleans cannot fail; the fallback still keeps
    // the answer an error the JavaScript layer understands.
    serde_json::to_string(&json).unwrap_or_else(|_| {
        r#"{"kind":"decode","message":"uzpay could not describe an error","reason":"uzpay could not describe an error","retryable":false}"#.to_owned()
    })
}

#[cfg(test)]
mod tests {
    use serde_json::Value;
    use uzpay::{HttpResponse, Provider, ProviderError};

    use super::*;

    fn json(e: &Error) -> Value {
        serde_json::from_str(&to_json(e)).unwrap()
    }

    #[test]
    fn invalid_input() {
        let v = json(&Error::invalid_input("items[0].tin", "must be a TIN"));
        assert_eq!(v["kind"], "invalid_input");
        assert_eq!(v["field"], "items[0].tin");
        assert_eq!(v["reason"], "must be a TIN");
        assert_eq!(v["message"], "invalid input: items[0].tin: must be a TIN");
        assert_eq!(v["retryable"], false);
        assert!(v.get("code").is_none() && v.get("status").is_none());
    }

    #[test]
    fn provider_with_messages() {
        let e = Error::Provider(Box::new(ProviderError {
            provider: Provider::Via,
            code: "7".into(),
            message: "Wrong code".into(),
            messages: LocalizedMessages { uz: Some("Xato".into()), ru: None, en: Some("Wrong code".into()) },
            status: 400,
            details: Some("path: verifyCode".into()),
            retryable: false,
        }));
        let v = json(&e);
        assert_eq!(v["provider"], "via");
        assert_eq!(v["code"], "7");
        assert_eq!(v["status"], 400);
        assert_eq!(v["messages"]["uz"], "Xato");
        assert_eq!(v["messages"]["ru"], Value::Null);
        assert_eq!(v["details"], "path: verifyCode");
    }

    #[test]
    fn http_and_decode() {
        let v = json(&Error::Http { status: 503 });
        assert_eq!(
            (v["kind"].as_str(), v["status"].as_u64(), v["retryable"].as_bool()),
            (Some("http"), Some(503), Some(true))
        );
        let e = uzpay::dispatch::parse("via.confirm_pay", &HttpResponse::new(200, "<html>")).unwrap_err();
        assert_eq!(json(&e)["kind"], "decode");
    }
}
