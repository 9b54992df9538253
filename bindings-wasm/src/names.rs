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
    if !text.contains('\\') {
        return snake_keys_plain(text);
    }
    rewrite_keys(text, &mut |key, out| {
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
    })
}

/// [`snake_keys`] for compact text without a backslash (what JSON.stringify writes
/// for the usual input): there no string can hold a quote, so `":` ends a key and
/// nothing else, and the key starts at the quote before it. Keys are found by
/// searching for `":` instead of following the text's structure byte by byte.
fn snake_keys_plain(text: &str) -> Cow<'_, str> {
    rewrite_keys_plain(text, &mut |key, out| {
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
    })
}

/// [`rewrite_keys`] for text without a backslash (see [`snake_keys_plain`]); the key
/// given to `rewrite` is without its quotes.
fn rewrite_keys_plain<'a>(text: &'a str, rewrite: &mut dyn FnMut(&[u8], &mut Vec<u8>) -> bool) -> Cow<'a, str> {
    let bytes = text.as_bytes();
    let mut out: Vec<u8> = Vec::new();
    let mut copied = 0;
    let mut from = 0;
    while let Some(found) = text.get(from..).and_then(|rest| rest.find("\":")) {
        let end = from + found; // the key's closing quote
        let start = bytes.get(..end).and_then(|head| head.iter().rposition(|&b| b == b'"')).map_or(end, |q| q + 1);
        let mark = out.len();
        out.extend_from_slice(bytes.get(copied..start).unwrap_or_default());
        if rewrite(bytes.get(start..end).unwrap_or_default(), &mut out) {
            copied = end;
        } else {
            out.truncate(mark);
        }
        from = end + 2;
    }
    if copied == 0 {
        return Cow::Borrowed(text);
    }
    out.extend_from_slice(bytes.get(copied..).unwrap_or_default());
    String::from_utf8(out).map_or(Cow::Borrowed(text), Cow::Owned)
}

/// JSON text with every object key in camelCase ([`camel_name`]); string values are
/// left alone.
pub fn camel_keys(text: &str) -> Cow<'_, str> {
    let plain = !text.contains('\\');
    let mut rewrite = |key: &[u8], out: &mut Vec<u8>| {
        if !key.contains(&b'_') {
            return false;
        }
        // Keys are the quoted JSON text; `_` and the letters after it are ASCII, so
        // this is camel_name byte for byte, escapes included.
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
    };
    if plain {
        rewrite_keys_plain(text, &mut rewrite)
    } else {
        rewrite_keys(text, &mut rewrite)
    }
}

/// Calls `rewrite` with each object key of the JSON text (quotes included); where it
/// writes a replacement into the buffer and returns true, the key is replaced. The
/// rest of the text is copied in runs; text with no key replaced is not copied.
fn rewrite_keys<'a>(text: &'a str, rewrite: &mut dyn FnMut(&[u8], &mut Vec<u8>) -> bool) -> Cow<'a, str> {
    let bytes = text.as_bytes();
    let mut out: Vec<u8> = Vec::new();
    let mut copied = 0;
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
                    let mark = out.len();
                    out.extend_from_slice(bytes.get(copied..i).unwrap_or_default());
                    if rewrite(bytes.get(i..end).unwrap_or_default(), &mut out) {
                        copied = end;
                    } else {
                        out.truncate(mark);
                    }
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
    if copied == 0 {
        return Cow::Borrowed(text);
    }
    out.extend_from_slice(bytes.get(copied..).unwrap_or_default());
    // Only ASCII bytes were changed, into ASCII bytes.
    String::from_utf8(out).map_or(Cow::Borrowed(text), Cow::Owned)
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

/// `vat_percent` -> `vatPercent`: an `_` followed by a lower-case letter or a digit
/// becomes that character in upper case.
pub fn camel_name(key: &str) -> Cow<'_, str> {
    if !key.contains('_') {
        return Cow::Borrowed(key);
    }
    let bytes = key.as_bytes();
    let mut out = String::with_capacity(key.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match bytes.get(i + 1) {
            Some(&next) if b == b'_' && (next.is_ascii_lowercase() || next.is_ascii_digit()) => {
                out.push(char::from(next.to_ascii_uppercase()));
                i += 2;
            }
            _ => {
                // Copy the whole character (keys may hold any text).
                let len = utf8_len(b);
                out.push_str(key.get(i..i + len).unwrap_or_default());
                i += len;
            }
        }
    }
    Cow::Owned(out)
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
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
            r#"{"":1,"A":{"":"B:"},"b":[":","\":"]}"#,
            r#"{"a":"x","Bc":1}"#,
            "",
        ] {
            let structural = rewrite_keys(text, &mut |key, out| {
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
            });
            assert_eq!(snake_keys(text), structural, "{text}");
        }
    }

    #[test]
    fn camel_text() {
        let text = r#"{"vat_percent":"a_b","lines":[{"line_total":1,"x":{"deep_key":[]}}],"plain":2}"#;
        assert_eq!(camel_keys(text), r#"{"vatPercent":"a_b","lines":[{"lineTotal":1,"x":{"deepKey":[]}}],"plain":2}"#);
        assert!(matches!(camel_keys(r#"{"plain":"a_b"}"#), Cow::Borrowed(_)));
        for key in ["a__b", "line_2_total", "tail_", "é_x", "type"] {
            let text = format!("{{\"{key}\":1}}");
            assert_eq!(camel_keys(&text), format!("{{\"{}\":1}}", camel_name(key)), "{key}");
        }
    }

    #[test]
    fn camel() {
        assert_eq!(camel_name("vat_percent"), "vatPercent");
        assert_eq!(camel_name("a__b"), "a_B");
        assert_eq!(camel_name("line_2_total"), "line2Total");
        assert_eq!(camel_name("tail_"), "tail_");
        assert_eq!(camel_name("é_x"), "éX");
        assert_eq!(camel_name("type"), "type");
    }
}
