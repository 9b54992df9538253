//! Lenient readers for provider fields whose JSON type varies between the documented
//! and the observed shapes (an id sent as a number or as a string).

use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// A string, or a number kept as its decimal text; `null` and absence are `None`.
pub(crate) fn opt_string_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s),
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(other) => {
            return Err(serde::de::Error::custom(format!("expected a string or a number, got {}", type_name(&other))))
        }
    })
}

/// An integer, or a string holding one.
pub(crate) fn int_or_numeric_string<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    match Value::deserialize(d)? {
        Value::Number(n) => n
            .as_i64()
            .ok_or_else(|| serde::de::Error::custom("expected an integer, got a fraction or an out-of-range number")),
        Value::String(s) => s
            .trim()
            .parse::<i64>()
            .map_err(|_| serde::de::Error::custom("expected an integer, got a non-numeric string")),
        other => Err(serde::de::Error::custom(format!("expected an integer, got {}", type_name(&other)))),
    }
}

/// Any JSON value as text: a string as itself, anything else as compact JSON;
/// `null` and absence are `None`.
pub(crate) fn opt_any_as_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s),
        Some(other) => Some(other.to_string()),
    })
}

/// The error object FiscalBox and Paylov share: `{"code", "message", "data"}`, where
/// `code` is an integer (FiscalBox) or a string (Paylov).
#[derive(serde::Deserialize)]
pub(crate) struct CodeMessageData {
    #[serde(default)]
    pub(crate) code: Value,
    #[serde(default)]
    pub(crate) message: Option<String>,
    #[serde(default)]
    pub(crate) data: Option<Value>,
}

/// Error codes come as integers or strings; both become the code's text.
pub(crate) fn code_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// `details` of a provider error: the JSON text of a non-null value.
pub(crate) fn details_text(value: Option<&Value>) -> Option<String> {
    match value {
        None | Some(Value::Null) => None,
        Some(v) => Some(v.to_string()),
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
