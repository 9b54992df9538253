//! The comparisons FORMAT.md defines.

use serde_json::Value;
use uzpay::{Error, HttpRequest};

/// `request`: method and URL exact, listed headers present (names case-insensitive),
/// body JSON equal (numbers by value): exactly in a build case, as a subset in a flow
/// case's step (whose script leaves the card out of a payment's body).
pub fn check_request(expected: &Value, actual: &HttpRequest, json_subset: bool) -> Result<(), String> {
    if let Some(method) = expected.get("method").and_then(Value::as_str) {
        if method != actual.method.as_str() {
            return Err(format!("method: expected {method}, got {}", actual.method));
        }
    }
    if let Some(url) = expected.get("url").and_then(Value::as_str) {
        if url != actual.url {
            return Err(format!("url: expected {url}, got {}", actual.url));
        }
    }
    if let Some(Value::Object(headers)) = expected.get("headers") {
        for (name, value) in headers {
            let want = value.as_str().unwrap_or_default();
            match actual.header(name) {
                Some(got) if got == want => {}
                Some(_) => return Err(format!("header {name}: a different value")),
                None => return Err(format!("header {name}: missing")),
            }
        }
    }
    if let Some(json) = expected.get("json") {
        let body: Value = serde_json::from_slice(&actual.body).map_err(|e| format!("body is not JSON: {e}"))?;
        if json_subset {
            return subset(json, &body, "json");
        }
        if !equal(json, &body) {
            return Err(format!("json: expected {json}, got {body}"));
        }
    }
    Ok(())
}

/// `error`: only the keys given are checked.
pub fn check_error(expected: &Value, actual: &Error) -> Result<(), String> {
    let got = || {
        format!(
            "{} (field {:?}, code {:?}, retryable {}): {}",
            actual.kind(),
            actual.field(),
            actual.code(),
            actual.retryable(),
            actual.message()
        )
    };
    if let Some(kind) = expected.get("kind").and_then(Value::as_str) {
        if kind != actual.kind().as_str() {
            return Err(format!("error kind: expected {kind}, got {}", got()));
        }
    }
    if let Some(field) = expected.get("field").and_then(Value::as_str) {
        if !actual.field().is_some_and(|f| field_matches(field, f)) {
            return Err(format!("error field: expected {field}, got {}", got()));
        }
    }
    if let Some(code) = expected.get("code") {
        let code = match code {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        if actual.code() != Some(code.as_str()) {
            return Err(format!("error code: expected {code}, got {}", got()));
        }
    }
    if let Some(retryable) = expected.get("retryable").and_then(Value::as_bool) {
        if retryable != actual.retryable() {
            return Err(format!("error retryable: expected {retryable}, got {}", got()));
        }
    }
    // A `transport` error's operation and failure (`not_sent` / `maybe_sent`).
    let record = actual.to_record();
    for (key, value) in [("operation", record.operation.as_deref()), ("failure", record.failure)] {
        if let Some(want) = expected.get(key).and_then(Value::as_str) {
            if value != Some(want) {
                return Err(format!("error {key}: expected {want}, got {value:?}: {}", got()));
            }
        }
    }
    if let Some(status) = expected.get("status").and_then(Value::as_u64) {
        if actual.status().map(u64::from) != Some(status) {
            return Err(format!("error status: expected {status}, got {}", got()));
        }
    }
    Ok(())
}

/// The actual path equals the expected one or continues it (`items[0]` matches
/// `items[0].tin` and `items[0][1]`, not `items[01]`).
fn field_matches(expected: &str, actual: &str) -> bool {
    match actual.strip_prefix(expected) {
        Some(rest) => rest.is_empty() || expected.is_empty() || rest.starts_with('.') || rest.starts_with('['),
        None => false,
    }
}

/// Exact JSON equality, numbers by value.
pub fn equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => numbers_equal(x, y),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| equal(a, b)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| equal(v, w)))
        }
        _ => a == b,
    }
}

/// Subset match: every key given is present and equal (recursively); arrays have the
/// same length.
pub fn subset(expected: &Value, actual: &Value, path: &str) -> Result<(), String> {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, v) in e {
                let at = format!("{path}.{k}");
                match a.get(k) {
                    Some(w) => subset(v, w, &at)?,
                    None => return Err(format!("{at}: missing")),
                }
            }
            Ok(())
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                return Err(format!("{path}: expected {} elements, got {}", e.len(), a.len()));
            }
            for (i, (v, w)) in e.iter().zip(a).enumerate() {
                subset(v, w, &format!("{path}[{i}]"))?;
            }
            Ok(())
        }
        (Value::Number(x), Value::Number(y)) if numbers_equal(x, y) => Ok(()),
        _ if expected == actual => Ok(()),
        _ => Err(format!("{path}: expected {expected}, got {actual}")),
    }
}

fn numbers_equal(x: &serde_json::Number, y: &serde_json::Number) -> bool {
    match (x.as_i128(), y.as_i128()) {
        (Some(a), Some(b)) => a == b,
        _ => x.as_f64() == y.as_f64(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn numbers_compare_by_value() {
        assert!(equal(&json!({"a": 516}), &json!({"a": 516.0})));
        assert!(!equal(&json!({"a": 516}), &json!({"a": 516.5})));
        assert!(!equal(&json!({"a": 1}), &json!({"a": 1, "b": 2})));
    }

    #[test]
    fn subset_rules() {
        assert!(subset(&json!({"a": 1}), &json!({"a": 1, "b": 2}), "o").is_ok());
        assert!(subset(&json!({"a": [1]}), &json!({"a": [1, 2]}), "o").is_err());
        assert!(subset(&json!({"a": {"b": 1}}), &json!({"a": {"b": 1, "c": 3}}), "o").is_ok());
        assert!(subset(&json!({"a": null}), &json!({}), "o").is_err());
    }

    #[test]
    fn field_prefix_rules() {
        assert!(field_matches("items[0]", "items[0].tin"));
        assert!(field_matches("items[0]", "items[0]"));
        assert!(field_matches("qr_code", "qr_code.t"));
        assert!(!field_matches("items[0]", "items[01]"));
        assert!(!field_matches("qr", "qr_code"));
    }
}
