//! Inputs and configs from JSON, with errors that name the field.
//!
//! Bindings and tools that hold an input as JSON (a JavaScript object, a Python dict,
//! a conformance vector) turn it into the typed input here, so a wrong type or a
//! missing field is an [`Error::InvalidInput`] with the same field path and the same
//! plain message in every language.

use serde::de::DeserializeOwned;
use serde_path_to_error::Segment;

use crate::error::{Error, Result};

/// Decodes a typed input or config from a JSON value.
///
/// ```
/// use uzpay::fiscalbox::ClickConfirmInput;
/// let err = uzpay::json::from_json_value::<ClickConfirmInput>(&serde_json::json!({
///     "qr_code": "https://ofd.soliq.uz/check?t=UZ170703100597&r=2421&c=20230104121801&s=514343190161"
/// })).unwrap_err();
/// assert_eq!(err.field(), Some("payment_id"));
/// assert_eq!(err.message(), "is required");
/// ```
pub fn from_json_value<T: DeserializeOwned>(value: &serde_json::Value) -> Result<T> {
    // Untracked first (the common case, and faster); tracked only for the error's path.
    if let Ok(decoded) = T::deserialize(value) {
        return Ok(decoded);
    }
    serde_path_to_error::deserialize(value).map_err(to_invalid_input)
}

/// Decodes a typed input or config from JSON text.
///
/// The text is read straight into `T` first, with nothing tracked: the common case,
/// and several times faster than going through a `Value` with field paths. Only when
/// that fails is it read again the tracked way ([`from_json_value`]), for the error's
/// field path and plain words, so every failure reads exactly as it does from a
/// `Value`. (One text the direct way refuses is fine as a `Value`: a key given twice,
/// where the last one counts, as a JavaScript object or a Python dict would have it.)
pub fn from_json_str<T: DeserializeOwned>(text: &str) -> Result<T> {
    if let Ok(value) = serde_json::from_str::<T>(text) {
        return Ok(value);
    }
    let value = match serde_json::from_str::<serde_json::Value>(text) {
        Ok(value) => value,
        Err(e) => return Err(syntax_error(&e)),
    };
    from_json_value(&value)
}

/// The error for text that is not JSON: serde_json's words, with where it stops.
fn syntax_error(error: &serde_json::Error) -> Error {
    Error::invalid_input("", format!("is not valid JSON: {error}"))
}

fn to_invalid_input(err: serde_path_to_error::Error<serde_json::Error>) -> Error {
    let mut field = String::new();
    for segment in err.path().iter() {
        match segment {
            Segment::Seq { index } => field.push_str(&format!("[{index}]")),
            Segment::Map { key } => push_key(&mut field, key),
            Segment::Enum { variant } => push_key(&mut field, variant),
            Segment::Unknown => push_key(&mut field, "?"),
        }
    }
    let raw = err.inner().to_string();
    // serde_json appends " at line L column C"; the field path says where.
    let raw = raw.split(" at line ").next().unwrap_or(&raw);
    let message = if let Some(name) = quoted_after(raw, "missing field `") {
        push_key(&mut field, name);
        "is required".to_owned()
    } else if let Some(name) = quoted_after(raw, "unknown field `") {
        if !field.ends_with(name) {
            push_key(&mut field, name);
        }
        "is not a known field (check its spelling)".to_owned()
    } else {
        plain_words(raw)
    };
    Error::InvalidInput { field, message }
}

fn push_key(field: &mut String, key: &str) {
    if !field.is_empty() {
        field.push('.');
    }
    field.push_str(key);
}

/// The text between `prefix` and the next backtick.
fn quoted_after<'a>(message: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = message.strip_prefix(prefix)?;
    rest.split('`').next()
}

/// Rewrites serde's messages ("invalid type: string \"x\", expected u64") into plain
/// words, without echoing the value (it may be personal data).
fn plain_words(raw: &str) -> String {
    if let Some(rest) = raw.strip_prefix("invalid type: ") {
        let (got, expected) = rest.split_once(", expected ").unwrap_or((rest, "another type"));
        if is_integer(expected) && is_whole_beyond_64_bits(got) {
            // JSON reads a whole number beyond 64 bits as a float; it is no fraction.
            return "is out of range: whole numbers in uzpay fit in 64 bits".to_owned();
        }
        return format!("must be {}, not {}", expected_words(expected), got_words(got));
    }
    if let Some(rest) = raw.strip_prefix("invalid value: ") {
        let (got, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        if got.starts_with("integer `-") && is_unsigned(expected) {
            return "must not be negative".to_owned();
        }
        if got.starts_with("integer") {
            return format!("is out of range: must be {}", expected_words(expected));
        }
        return format!("must be {}", expected_words(expected));
    }
    if let Some(rest) = raw.strip_prefix("invalid length ") {
        // serde reads a struct from an array of its values; an array of the wrong
        // length is the only way that shows, and it is a mistake either way.
        if rest.contains("expected struct") {
            return "must be an object with named fields, not an array".to_owned();
        }
        return "has the wrong number of elements".to_owned();
    }
    if let Some(rest) = raw.strip_prefix("unknown variant `") {
        let expected = rest.split_once("expected ").map(|(_, e)| e).unwrap_or("");
        let options = expected.replace("one of ", "").replace('`', "");
        return format!("must be one of {options}");
    }
    raw.to_owned()
}

fn is_integer(expected: &str) -> bool {
    is_unsigned(expected) || matches!(expected, "i8" | "i16" | "i32" | "i64" | "isize")
}

/// serde's words for a float (`floating point `1.8446744073709552e19``) that is a
/// whole number no 64-bit integer holds.
fn is_whole_beyond_64_bits(got: &str) -> bool {
    let number = got.strip_prefix("floating point `").and_then(|rest| rest.strip_suffix('`'));
    number.and_then(|n| n.parse::<f64>().ok()).is_some_and(|f| f.fract() == 0.0 && f.abs() >= 9.223_372_036_854_776e18)
}

fn is_unsigned(expected: &str) -> bool {
    matches!(expected, "u8" | "u16" | "u32" | "u64" | "usize")
}

fn expected_words(expected: &str) -> String {
    match expected {
        "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number, zero or more".to_owned(),
        "i8" | "i16" | "i32" | "i64" | "isize" => "a whole number".to_owned(),
        "a boolean" => "true or false".to_owned(),
        "a string" => "a string".to_owned(),
        other if other.starts_with("struct ") => "an object".to_owned(),
        other => other.to_owned(),
    }
}

fn got_words(got: &str) -> &'static str {
    let kind = got.split([' ', '`', '"']).next().unwrap_or("");
    match kind {
        "string" => "a string",
        "integer" => "an integer",
        "floating" => "a number with a fraction",
        "boolean" => "a boolean",
        "null" => "null",
        "map" => "an object",
        "sequence" => "an array",
        "unit" => "null",
        _ => "a value of another type",
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::json;

    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        price: u64,
        title: String,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Input {
        items: Vec<Item>,
    }

    fn err(v: serde_json::Value) -> (String, String) {
        match from_json_value::<Input>(&v) {
            Err(Error::InvalidInput { field, message }) => (field, message),
            other => (format!("{other:?}"), String::new()),
        }
    }

    #[test]
    fn paths_and_plain_words() {
        assert_eq!(
            err(json!({"items": [{"price": "10", "title": "a"}]})),
            ("items[0].price".into(), "must be a whole number, zero or more, not a string".into())
        );
        assert_eq!(
            err(json!({"items": [{"price": 1, "title": "a"}, {"price": -5, "title": "b"}]})),
            ("items[1].price".into(), "must not be negative".into())
        );
        assert_eq!(
            err(json!({"items": [{"price": 1.5, "title": "a"}]})),
            ("items[0].price".into(), "must be a whole number, zero or more, not a number with a fraction".into())
        );
        assert_eq!(err(json!({"items": [{"price": 1}]})), ("items[0].title".into(), "is required".into()));
        assert_eq!(
            err(json!({"items": [{"price": 1, "title": "a", "titel": "b"}]})),
            ("items[0].titel".into(), "is not a known field (check its spelling)".into())
        );
        assert_eq!(err(json!({})), ("items".into(), "is required".into()));
        let huge: serde_json::Value =
            serde_json::from_str(r#"{"items": [{"price": 18446744073709551616, "title": "a"}]}"#).unwrap();
        assert_eq!(
            err(huge),
            ("items[0].price".into(), "is out of range: whole numbers in uzpay fit in 64 bits".into())
        );
    }

    #[test]
    fn an_array_for_an_object_is_named_plainly() {
        assert_eq!(
            err(json!({"items": [[]]})),
            ("items[0]".into(), "must be an object with named fields, not an array".into())
        );
    }

    #[test]
    fn values_are_not_echoed() {
        let (_, message) = err(json!({"items": [{"price": "secret-value", "title": "a"}]}));
        assert!(!message.contains("secret-value"));
    }

    #[test]
    fn text_input() {
        assert!(from_json_str::<Input>("{\"items\":[]}").is_ok());
        let e = from_json_str::<Input>("{\"items\":[").err();
        assert_eq!(e.as_ref().and_then(Error::field), Some(""));
        assert!(from_json_str::<Input>("{\"items\":[]} x").is_err());
    }
}
