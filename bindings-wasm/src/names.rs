//! JavaScript's camelCase names and the core's snake_case ones, converted here, in
//! the one pass the text takes anyway, instead of by a walk over every object in
//! JavaScript. The rules are the ones `js/names.js` states (and uses for error
//! paths): `vatPercent` <-> `vat_percent`, ASCII letters only.

use std::borrow::Cow;

/// JSON text with every object key in snake_case (`vatPercent` -> `vat_percent`);
/// string values are left alone. Text whose keys are all snake_case already (the
/// canonical form) is returned as it is. Text that is not JSON is returned with the
/// keys converted as far as they could be told apart; the core reports it.
pub fn snake_keys(text: &str) -> Cow<'_, str> {
    map_keys(text, snake_key)
}

/// JSON text with every object key in camelCase (`vat_percent` -> `vatPercent`, as
/// `js/names.js`'s `camelName`); string values are left alone.
pub fn camel_keys(text: &str) -> Cow<'_, str> {
    map_keys(text, camel_key)
}

/// Writes the snake_case form of a quoted key; false (nothing written) when it has no
/// upper-case letter.
fn snake_key(key: &[u8], out: &mut Vec<u8>) -> bool {
    if !key.iter().any(u8::is_ascii_uppercase) {
        return false;
    }
    for &c in key {
        if c.is_ascii_uppercase() {
            out.push(b'_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    true
}

/// Writes the camelCase form of a quoted key: an `_` followed by a lower-case letter
/// or a digit becomes that character in upper case. False when it has no `_`. The
/// bytes changed are ASCII, so escapes and other characters pass through.
fn camel_key(key: &[u8], out: &mut Vec<u8>) -> bool {
    if !key.contains(&b'_') {
        return false;
    }
    let mut i = 0;
    while let Some(&b) = key.get(i) {
        match key.get(i + 1) {
            Some(&next) if b == b'_' && (next.is_ascii_lowercase() || next.is_ascii_digit()) => {
                out.push(next.to_ascii_uppercase());
                i += 2;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    true
}

/// Rewrites every object key of the JSON text with `rewrite`, which gets the key,
/// quotes included, and writes its replacement, or returns false to keep it.
fn map_keys(text: &str, rewrite: fn(&[u8], &mut Vec<u8>) -> bool) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let keys = if text.contains('\\') { structural_keys(bytes) } else { plain_keys(text) };
    let mut out = Vec::new();
    let mut copied = 0;
    for (start, end) in keys {
        let mark = out.len();
        out.extend_from_slice(bytes.get(copied..start).unwrap_or_default());
        if rewrite(bytes.get(start..end).unwrap_or_default(), &mut out) {
            copied = end;
        } else {
            out.truncate(mark);
        }
    }
    if copied == 0 {
        return Cow::Borrowed(text);
    }
    out.extend_from_slice(bytes.get(copied..).unwrap_or_default());
    // Only ASCII bytes were changed, into ASCII bytes.
    String::from_utf8(out).map_or(Cow::Borrowed(text), Cow::Owned)
}

/// The byte ranges of the object keys (quotes included) of compact text without a
/// backslash (what `JSON.stringify` and serde_json write for the usual value): there
/// no string holds a quote, so quotes alternate opening and closing a string, and a
/// string whose closing quote is followed by `:` is a key. The quotes are found by a
/// search instead of a walk over every byte. (A `":` alone does not mark a key: a
/// value string may start with a colon.)
fn plain_keys(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut keys = Vec::new();
    let mut open = None;
    let mut from = 0;
    while let Some(found) = text.get(from..).and_then(|rest| rest.find('"')) {
        let at = from + found;
        match open.take() {
            None => open = Some(at),
            Some(start) if bytes.get(at + 1) == Some(&b':') => keys.push((start, at + 1)),
            Some(_) => {}
        }
        from = at + 1;
    }
    keys
}

/// The byte ranges of the object keys (quotes included), found by following the
/// text's structure.
fn structural_keys(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut keys = Vec::new();
    // Which containers are open (true: an object), and whether the next string in
    // the innermost object is a key.
    let mut objects: Vec<bool> = Vec::new();
    let mut expect_key = false;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => {
                let end = string_end(bytes, i);
                if expect_key {
                    keys.push((i, end));
                    expect_key = false;
                }
                i = end;
                continue;
            }
            b'{' => {
                objects.push(true);
                expect_key = true;
            }
            b'[' => {
                objects.push(false);
                expect_key = false;
            }
            b'}' | b']' => {
                objects.pop();
                expect_key = false;
            }
            b',' => expect_key = objects.last() == Some(&true),
            _ => {}
        }
        i += 1;
    }
    keys
}

/// The index just past the string that starts at `start` (its closing quote, or the
/// end of the text).
pub(crate) fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_only() {
        let text = r#"{"transactionId":"ABC","items":[{"vatPercent":12,"title":"Say \"Hi\", {A:B}"}],"x":{"aB":["Cc",{"dE":1}]}}"#;
        assert_eq!(
            snake_keys(text),
            r#"{"transaction_id":"ABC","items":[{"vat_percent":12,"title":"Say \"Hi\", {A:B}"}],"x":{"a_b":["Cc",{"d_e":1}]}}"#
        );
        assert!(matches!(snake_keys(r#"{"vat_percent":1}"#), Cow::Borrowed(_)));
        assert_eq!(snake_keys(r#"{"Ключ":"A","éB":1}"#), r#"{"Ключ":"A","é_b":1}"#);
    }

    #[test]
    fn plain_and_structural_agree() {
        for text in [
            r#"{"transactionId":"ABC","items":[{"vatPercent":12,"title":"Say Hi, {A:B}"}],"x":{"aB":["Cc",{"dE":1}]}}"#,
            r#"{"":1,"A":{"":"B:"},"b":[":",":"]}"#,
            r#"{"n":[1E5,":x"],"t":":Ab","u":[",",":Cd"],"Key":{}}"#,
            r#"{"a":"x","Bc":1}"#,
            "",
        ] {
            assert_eq!(plain_keys(text), structural_keys(text.as_bytes()), "{text}");
        }
    }

    #[test]
    fn a_value_starting_with_a_colon_is_not_a_key() {
        let text = r#"{"n":[1E5,":x"],"titleText":":Ab","u":[",",":Cd"]}"#;
        assert_eq!(snake_keys(text), r#"{"n":[1E5,":x"],"title_text":":Ab","u":[",",":Cd"]}"#);
    }

    #[test]
    fn camel_text() {
        let text = r#"{"vat_percent":"a_b","lines":[{"line_total":1,"x":{"deep_key":[]}}],"plain":2}"#;
        assert_eq!(camel_keys(text), r#"{"vatPercent":"a_b","lines":[{"lineTotal":1,"x":{"deepKey":[]}}],"plain":2}"#);
        assert!(matches!(camel_keys(r#"{"plain":"a_b"}"#), Cow::Borrowed(_)));
        // As js/names.js's camelName, key by key, with or without a backslash in the text.
        for (key, camel) in
            [("a__b", "a_B"), ("line_2_total", "line2Total"), ("tail_", "tail_"), ("é_x", "éX"), ("type", "type")]
        {
            assert_eq!(camel_keys(&format!("{{\"{key}\":1}}")), format!("{{\"{camel}\":1}}"), "{key}");
            assert_eq!(camel_keys(&format!("{{\"{key}\":\"\\n\"}}")), format!("{{\"{camel}\":\"\\n\"}}"), "{key}");
        }
    }
}
