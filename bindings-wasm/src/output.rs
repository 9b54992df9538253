//! An output as JSON text for `JSON.parse`, with keys in camelCase and integers
//! beyond 2^53 kept exact.
//!
//! JavaScript's `JSON.parse` rounds every integer above `Number.MAX_SAFE_INTEGER`,
//! and the core's outputs carry `u64` amounts and `i64` ids. So such integers are
//! written as decimal strings and their paths listed, for the JavaScript layer to
//! turn into `bigint`s: the text is then `[output, [path, ...]]`, each path an array
//! of keys and indexes. Every output is an object, so a leading `[` marks this rare
//! form and the common one costs nothing extra.

use serde_json::Value;

/// JavaScript's `Number.MAX_SAFE_INTEGER`, 2^53 - 1: a fact of JavaScript, not a
/// money rule of the core.
const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// The core's canonical output text (snake_case keys) in the form described in the
/// [module docs](self): keys renamed in one pass over the text; only an output with
/// a long integer then goes through a `Value`, to find and mark it.
pub fn from_canonical(text: String) -> String {
    let text = match crate::names::camel_keys(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(renamed) => renamed,
    };
    if !has_long_integer(text.as_bytes()) {
        return text;
    }
    let Ok(mut output) = serde_json::from_str::<Value>(&text) else { return text };
    let mut unsafe_paths = Vec::new();
    mark_unsafe_integers(&mut output, &mut Vec::new(), &mut unsafe_paths);
    if unsafe_paths.is_empty() {
        return text;
    }
    // A `Value` always serializes (its keys are strings).
    serde_json::to_string(&Value::Array(vec![output, Value::Array(unsafe_paths)])).unwrap_or(text)
}

/// Whether the text has, outside its strings, a run of 16 or more digits: the
/// smallest unsafe integer, 2^53, has 16.
fn has_long_integer(bytes: &[u8]) -> bool {
    let mut run = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'"' {
            run = 0;
            i = crate::names::string_end(bytes, i);
            continue;
        }
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        if run >= 16 {
            return true;
        }
        i += 1;
    }
    false
}

/// An output the binding built as a `Value`, in the form described in the
/// [module docs](self).
pub fn to_json(output: Value) -> String {
    from_canonical(output.to_string())
}

/// Replaces each integer JavaScript cannot hold exactly by its decimal string and
/// records its path.
fn mark_unsafe_integers(value: &mut Value, path: &mut Vec<Value>, found: &mut Vec<Value>) {
    match value {
        Value::Number(n) if !is_safe(n) => {
            *value = Value::String(n.to_string());
            found.push(Value::Array(path.clone()));
        }
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                path.push(Value::from(i));
                mark_unsafe_integers(item, path, found);
                path.pop();
            }
        }
        Value::Object(map) => {
            for (key, item) in map.iter_mut() {
                path.push(Value::String(key.clone()));
                mark_unsafe_integers(item, path, found);
                path.pop();
            }
        }
        _ => {}
    }
}

/// True for every number `JSON.parse` reads exactly: floats (a rate, never money) and
/// integers within +-(2^53 - 1).
fn is_safe(n: &serde_json::Number) -> bool {
    match (n.as_u64(), n.as_i64()) {
        (Some(u), _) => u <= MAX_SAFE_INTEGER,
        (None, Some(i)) => i.unsigned_abs() <= MAX_SAFE_INTEGER,
        (None, None) => true,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn safe_outputs_are_plain() {
        let v = json!({"amount": 9_007_199_254_740_991u64, "rate": 1.5, "n": -9_007_199_254_740_991i64});
        assert_eq!(serde_json::from_str::<Value>(&to_json(v.clone())).unwrap(), v);
    }

    #[test]
    fn canonical_text() {
        let text = r#"{"line_total":9007199254740991,"note":"12345678901234567890","rate":1.5}"#;
        assert_eq!(
            from_canonical(text.into()),
            r#"{"lineTotal":9007199254740991,"note":"12345678901234567890","rate":1.5}"#
        );
        let text = r#"{"lines":[{"line_total":18446744073709551615}]}"#;
        let out: Value = serde_json::from_str(&from_canonical(text.into())).unwrap();
        assert_eq!(out, json!([{"lines": [{"lineTotal": "18446744073709551615"}]}, [["lines", 0, "lineTotal"]]]));
    }

    #[test]
    fn unsafe_integers_are_strings_with_paths() {
        let v = json!({"lines": [{"total": 1}, {"line_total": u64::MAX}], "id": -9_007_199_254_740_992i64});
        let text = to_json(v);
        assert!(text.starts_with('['));
        let out: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(out[0]["lines"][1]["lineTotal"], "18446744073709551615");
        assert_eq!(out[0]["id"], "-9007199254740992");
        assert_eq!(out[1], json!([["id"], ["lines", 1, "lineTotal"]]));
    }
}
