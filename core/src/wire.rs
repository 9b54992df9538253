//! Lenient readers for provider fields whose JSON type varies between the documented
//! and the observed shapes (an id sent as a number or as a string).

use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// A string, or a number kept as its decimal text; `null` and absence are `None`.
///
/// Read by a visitor, not through a `Value`: this runs for several fields of every
/// answer, and the visitor neither allocates a `Value` nor copies the string twice.
pub(crate) fn opt_string_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    d.deserialize_option(OptStringOrNumber)
}

struct OptStringOrNumber;

impl<'de> Visitor<'de> for OptStringOrNumber {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string or a number")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Some(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        // As serde_json writes the number (`1.0`, `1e100`), so the text does not
        // depend on how it was read.
        Ok(Some(serde_json::Number::from_f64(v).map_or_else(|| v.to_string(), |n| n.to_string())))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Err(E::custom("expected a string or a number, got a boolean"))
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(de::Error::custom("expected a string or a number, got an array"))
    }

    fn visit_map<A: de::MapAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(de::Error::custom("expected a string or a number, got an object"))
    }
}

/// An integer, or a string holding one.
pub(crate) fn int_or_numeric_string<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    d.deserialize_any(IntOrNumericString)
}

struct IntOrNumericString;

impl<'de> Visitor<'de> for IntOrNumericString {
    type Value = i64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an integer")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
        Ok(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
        i64::try_from(v).map_err(|_| E::custom(NOT_AN_I64))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<i64, E> {
        Err(E::custom(NOT_AN_I64))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<i64, E> {
        v.trim().parse::<i64>().map_err(|_| E::custom("expected an integer, got a non-numeric string"))
    }

    fn visit_unit<E: de::Error>(self) -> Result<i64, E> {
        Err(E::custom("expected an integer, got null"))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<i64, E> {
        Err(E::custom("expected an integer, got a boolean"))
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> Result<i64, A::Error> {
        Err(de::Error::custom("expected an integer, got an array"))
    }

    fn visit_map<A: de::MapAccess<'de>>(self, _: A) -> Result<i64, A::Error> {
        Err(de::Error::custom("expected an integer, got an object"))
    }
}

const NOT_AN_I64: &str = "expected an integer, got a fraction or an out-of-range number";

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
