//! An output as JSON text for `JSON.parse`, keeping integers beyond 2^53 exact.
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

/// The output's JSON text, in the form described in the [module docs](self).
pub fn to_json(mut output: Value) -> String {
    let mut unsafe_paths = Vec::new();
    mark_unsafe_integers(&mut output, &mut Vec::new(), &mut unsafe_paths);
    let text = if unsafe_paths.is_empty() {
        serde_json::to_string(&output)
    } else {
        serde_json::to_string(&Value::Array(vec![output, Value::Array(unsafe_paths)]))
    };
    // A `Value` always serializes (its keys are strings).
    text.unwrap_or_default()
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
    fn unsafe_integers_are_strings_with_paths() {
        let v = json!({"lines": [{"total": 1}, {"total": u64::MAX}], "id": -9_007_199_254_740_992i64});
        let text = to_json(v);
        assert!(text.starts_with('['));
        let out: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(out[0]["lines"][1]["total"], "18446744073709551615");
        assert_eq!(out[0]["id"], "-9007199254740992");
        assert_eq!(out[1], json!([["id"], ["lines", 1, "total"]]));
    }
}
