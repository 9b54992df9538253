//! The fiscal-domain functions that involve no HTTP, with JSON in and out, as the
//! conformance vectors' compute cases (`ofd.parse_receipt_url`,
//! `ofd.build_receipt_url`, `receipt.totals`) define them. Inputs are decoded by
//! [`crate::from_json`], so a wrong type names its field like every operation's
//! input does.

use serde::Deserialize;
use serde_json::{json, Value};
use uzpay::ofd::{OfdDateTime, OfdReceiptKind, OfdReceiptUrl};
use uzpay::receipt::{receipt_totals as totals, vat_included as vat, ReceiptItem};
use uzpay::{Error, Result};

/// `{"url"}` -> `{"kind", "terminal_id", "receipt_number", "date_time",
/// "fiscal_sign", "url"}`, `url` being the canonical rebuild. Errors name `url`,
/// `url.t`, `url.r`, `url.c` or `url.s`.
pub fn parse_receipt_url(input: &str) -> Result<String> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Input {
        url: String,
    }
    /// The parts and the canonical URL, written straight as JSON text.
    #[derive(serde::Serialize)]
    struct Parsed<'a> {
        #[serde(flatten)]
        receipt: &'a OfdReceiptUrl,
        url: String,
    }
    let input: Input = crate::from_json(input)?;
    let receipt = OfdReceiptUrl::parse(&input.url)?;
    serde_json::to_string(&Parsed { url: receipt.to_string(), receipt: &receipt }).map_err(|e| Error::Decode {
        message: format!("the output could not be represented as JSON: {e}"),
        retryable: false,
    })
}

/// `{"kind"?, "terminal_id", "receipt_number", "date_time", "fiscal_sign"}` ->
/// `{"url"}`. `kind` is `check` (the default) or `epi`; `date_time` is
/// `YYYYMMDDhhmmss`.
pub fn build_receipt_url(input: &str) -> Result<Value> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Input {
        #[serde(default)]
        kind: Kind,
        terminal_id: String,
        receipt_number: u64,
        date_time: String,
        fiscal_sign: String,
    }
    #[derive(Default, Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Kind {
        #[default]
        Check,
        Epi,
    }
    let input: Input = crate::from_json(input)?;
    let kind = match input.kind {
        Kind::Check => OfdReceiptKind::Check,
        Kind::Epi => OfdReceiptKind::Epi,
    };
    let date_time = OfdDateTime::parse("date_time", &input.date_time)?;
    let receipt = OfdReceiptUrl::new(kind, &input.terminal_id, input.receipt_number, date_time, &input.fiscal_sign)?;
    Ok(json!({ "url": receipt.to_string() }))
}

/// `{"items"}` (receipt items as `paylov.register_receipt` takes them) ->
/// `{"lines": [{"total", "vat"}], "total", "vat"}`, every item validated.
pub fn receipt_totals(input: &str) -> Result<Value> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Input {
        items: Vec<ReceiptItem>,
    }
    let input: Input = crate::from_json(input)?;
    to_value(&totals(&input.items)?)
}

/// `{"gross", "rate_percent"}` -> `{"vat"}`: the VAT included in a VAT-inclusive
/// amount, rounded half up to the tiyin.
pub fn vat_included(input: &str) -> Result<Value> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Input {
        gross: u64,
        rate_percent: u32,
    }
    let input: Input = crate::from_json(input)?;
    Ok(json!({ "vat": vat(input.gross, input.rate_percent) }))
}

fn to_value<T: serde::Serialize>(value: &T) -> Result<Value> {
    serde_json::to_value(value).map_err(|e| Error::Decode {
        message: format!("the output could not be represented as JSON: {e}"),
        retryable: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "https://ofd.soliq.uz/check?t=UZ170703100597&r=2421&c=20230104121801&s=514343190161";

    #[test]
    fn receipt_url_both_ways() {
        let parsed: Value =
            serde_json::from_str(&parse_receipt_url(&json!({ "url": URL }).to_string()).unwrap()).unwrap();
        assert_eq!(parsed["terminal_id"], "UZ170703100597");
        assert_eq!(parsed["receipt_number"], 2421);
        assert_eq!(parsed["date_time"], "20230104121801");
        assert_eq!(parsed["url"], URL);
        let mut parts = parsed.clone();
        parts.as_object_mut().unwrap().remove("url");
        assert_eq!(build_receipt_url(&parts.to_string()).unwrap()["url"], URL);
        let e = parse_receipt_url(r#"{"url": 5}"#).unwrap_err();
        assert_eq!(e.field(), Some("url"));
        let e =
            build_receipt_url(r#"{"kind":"x","terminal_id":"A","receipt_number":1,"date_time":"","fiscal_sign":"1"}"#);
        assert_eq!(e.unwrap_err().field(), Some("kind"));
    }

    #[test]
    fn totals_and_vat() {
        let item = json!({"title": "Tea", "price": 100_000, "count": 1, "code": "01902001001000000",
            "vat_percent": 12, "package_code": "1437667", "tin": "310100000"});
        let t = receipt_totals(&json!({ "items": [item] }).to_string()).unwrap();
        assert_eq!(t["total"], 100_000);
        assert_eq!(t["vat"], 10_714);
        assert_eq!(t["lines"][0]["vat"], 10_714);
        assert_eq!(vat_included(r#"{"gross":112000,"rate_percent":12}"#).unwrap()["vat"], 12_000);
        assert_eq!(vat_included(r#"{"gross":-1,"rate_percent":12}"#).unwrap_err().field(), Some("gross"));
    }
}
