//! Request bodies written straight into bytes, for the bodies that carry many
//! fields (a receipt of up to 1000 lines).
//!
//! serde_json's serializer escapes every key and every string byte by byte; here the
//! keys are uzpay's own constants, written as they are, and a string is copied in one
//! piece when it has nothing to escape (the common case: digits, ids, plain titles),
//! so a receipt's body costs about a third of a derived `Serialize`. The output is
//! the same JSON: a unit test and a property test compare it with serde_json's.

use crate::receipt::ReceiptItem;

/// An object key as it is written, quoted and with its colon: `key!("title")` is
/// `"title":`. Keys are uzpay's own constants (ASCII names, nothing to escape), so
/// they are written in one piece.
#[derive(Clone, Copy)]
pub(crate) struct Key(pub(crate) &'static str);

/// [`Key`] of a name.
macro_rules! key {
    ($name:literal) => {
        $crate::body::Key(concat!("\"", $name, "\":"))
    };
}
pub(crate) use key;

/// A JSON object being written into a byte buffer.
pub(crate) struct ObjectWriter<'a> {
    out: &'a mut Vec<u8>,
    empty: bool,
}

impl<'a> ObjectWriter<'a> {
    /// Starts an object (`{`) at the end of `out`.
    pub(crate) fn start(out: &'a mut Vec<u8>) -> Self {
        out.push(b'{');
        ObjectWriter { out, empty: true }
    }

    /// Closes the object (`}`).
    pub(crate) fn end(self) {
        self.out.push(b'}');
    }

    fn key(&mut self, key: Key) {
        if !self.empty {
            self.out.push(b',');
        }
        self.empty = false;
        self.out.extend_from_slice(key.0.as_bytes());
    }

    /// `"key":"value"`.
    pub(crate) fn str(&mut self, key: Key, value: &str) {
        self.key(key);
        write_str(self.out, value);
    }

    /// `"key":"value"`, or nothing for `None` (an absent optional field is omitted).
    pub(crate) fn opt_str(&mut self, key: Key, value: Option<&str>) {
        if let Some(value) = value {
            self.str(key, value);
        }
    }

    /// `"key":"digits"` for a value already checked to be ASCII digits (a code, a
    /// TIN): nothing to escape, so it is copied without looking.
    pub(crate) fn digits(&mut self, key: Key, value: &str) {
        debug_assert!(value.bytes().all(|b| b.is_ascii_digit()), "{value}");
        self.key(key);
        self.out.push(b'"');
        self.out.extend_from_slice(value.as_bytes());
        self.out.push(b'"');
    }

    /// `"key":"digits"` or nothing, as [`ObjectWriter::digits`].
    pub(crate) fn opt_digits(&mut self, key: Key, value: Option<&str>) {
        if let Some(value) = value {
            self.digits(key, value);
        }
    }

    /// `"key":123`.
    pub(crate) fn u64(&mut self, key: Key, value: u64) {
        self.key(key);
        self.out.extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
    }

    /// `"key":[{...},...]`, each element written by `write`.
    pub(crate) fn objects<T>(&mut self, key: Key, items: &[T], write: impl Fn(&mut ObjectWriter<'_>, &T)) {
        self.key(key);
        self.out.push(b'[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.out.push(b',');
            }
            let mut object = ObjectWriter::start(self.out);
            write(&mut object, item);
            object.end();
        }
        self.out.push(b']');
    }
}

/// A JSON string: copied in one piece when nothing needs escaping, else escaped by
/// serde_json (the same escapes a derived `Serialize` writes).
fn write_str(out: &mut Vec<u8>, value: &str) {
    if value.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        out.push(b'"');
        out.extend_from_slice(value.as_bytes());
        out.push(b'"');
    } else {
        // Writing a &str into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut *out, value);
    }
}

/// A receipt line in Paylov's and the OFD's names (the same as `ReceiptItem`'s serde
/// form).
pub(crate) fn receipt_item(o: &mut ObjectWriter<'_>, item: &ReceiptItem) {
    o.str(key!("title"), &item.title);
    o.u64(key!("price"), item.price);
    o.u64(key!("discount"), item.discount);
    o.u64(key!("count"), item.count);
    // `ReceiptItem::validate` checked these to be digits before any body is written.
    o.digits(key!("code"), &item.code);
    o.u64(key!("vat_percent"), u64::from(item.vat_percent));
    o.digits(key!("package_code"), &item.package_code);
    o.opt_digits(key!("pinfl"), item.pinfl.as_deref());
    o.opt_digits(key!("tin"), item.tin.as_deref());
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;

    fn item(title: &str) -> ReceiptItem {
        ReceiptItem {
            title: title.into(),
            price: u64::MAX,
            discount: 0,
            count: 3,
            code: "01902001001000000".into(),
            vat_percent: 12,
            package_code: "1437667".into(),
            pinfl: None,
            tin: Some("310100000".into()),
        }
    }

    fn written(items: &[ReceiptItem]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut o = ObjectWriter::start(&mut out);
        o.opt_str(key!("absent"), None);
        o.objects(key!("items"), items, receipt_item);
        o.end();
        out
    }

    #[test]
    fn same_json_as_serde() {
        let items: Vec<ReceiptItem> =
            ["Tea", "", "say \"hi\"", "back\\slash", "tab\tnew\nline\u{1}", "Choy – чай 🍵", "\u{7f}\u{2028}"]
                .iter()
                .map(|t| item(t))
                .collect();
        let ours: Value = serde_json::from_slice(&written(&items)).unwrap();
        assert_eq!(ours, serde_json::json!({ "items": serde_json::to_value(&items).unwrap() }));
        // Byte for byte, too: the same escapes as serde_json.
        #[derive(serde::Serialize)]
        struct Wrapped<'a> {
            items: &'a [ReceiptItem],
        }
        let text = String::from_utf8(written(&items)).unwrap();
        assert_eq!(text, serde_json::to_string(&Wrapped { items: &items }).unwrap());
    }

    #[test]
    fn empty_list() {
        assert_eq!(written(&[]), b"{\"items\":[]}");
    }
}
