//! Properties that must hold for every value, not just the examples in the vectors.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use proptest::prelude::*;
use uzpay::money::{from_major_decimal, to_major_decimal, to_whole_som, MAX_FLOAT_SAFE_TIYIN, TIYIN_PER_SOM};
use uzpay::ofd::{OfdDateTime, OfdReceiptKind, OfdReceiptUrl};
use uzpay::receipt::{receipt_totals, vat_included, ReceiptItem};

fn date_time() -> impl Strategy<Value = OfdDateTime> {
    (1u16..=9999, 1u8..=12, 1u8..=31, 0u8..24, 0u8..60, 0u8..60)
        .prop_filter_map("a real calendar date", |(y, mo, d, h, mi, s)| OfdDateTime::new("c", y, mo, d, h, mi, s).ok())
}

fn receipt_url() -> impl Strategy<Value = OfdReceiptUrl> {
    (
        prop_oneof![Just(OfdReceiptKind::Check), Just(OfdReceiptKind::Epi)],
        "[A-Za-z0-9]{1,32}",
        any::<u64>(),
        date_time(),
        "[0-9]{1,32}",
    )
        .prop_map(|(kind, t, r, c, s)| OfdReceiptUrl::new(kind, &t, r, c, &s).unwrap())
}

fn item(max_price: u64) -> impl Strategy<Value = ReceiptItem> {
    (0..=max_price, 1u64..=1_000, 0u32..=100, proptest::bool::ANY).prop_flat_map(move |(price, count, vat, pinfl)| {
        (0..=price).prop_map(move |discount| ReceiptItem {
            title: "Item".into(),
            price,
            discount,
            count,
            code: "01902001001000000".into(),
            vat_percent: vat,
            package_code: "1437667".into(),
            pinfl: pinfl.then(|| "31234567890123".into()),
            tin: (!pinfl).then(|| "310100000".into()),
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    /// build -> parse gives back the same parts, and the canonical URL is a fixed point.
    #[test]
    fn ofd_url_round_trip(receipt in receipt_url()) {
        let url = receipt.to_string();
        let parsed = OfdReceiptUrl::parse(&url).unwrap();
        prop_assert_eq!(&parsed, &receipt);
        prop_assert_eq!(parsed.to_string(), url);
    }

    /// Whatever the text, parsing never panics and an error names the `url` field.
    #[test]
    fn ofd_url_parse_is_total(text in ".{0,200}") {
        if let Err(e) = OfdReceiptUrl::parse(&text) {
            prop_assert!(e.field().unwrap().starts_with("url"));
        }
    }

    /// Major-unit decimals are exact both ways for every amount (PaymentsGate).
    #[test]
    fn major_decimal_exact(amount in any::<u64>()) {
        prop_assert_eq!(from_major_decimal(&to_major_decimal(amount)), Some(amount));
    }

    /// Within the float-safe range, the decimal reads back through f64 to the same
    /// tiyin: what the provider's float sees is what was meant.
    #[test]
    fn major_decimal_survives_a_float_reader(amount in 0..=MAX_FLOAT_SAFE_TIYIN) {
        let as_float: f64 = to_major_decimal(amount).parse().unwrap();
        prop_assert_eq!((as_float * 100.0).round() as u64, amount);
    }

    /// Whole som: exact for multiples of 100, refused otherwise (FiscalBox).
    #[test]
    fn whole_som_exact(amount in any::<u64>()) {
        match to_whole_som("amount", amount) {
            Ok(som) => { prop_assert_eq!(amount % TIYIN_PER_SOM, 0); prop_assert_eq!(som * TIYIN_PER_SOM, amount); }
            Err(e) => { prop_assert_ne!(amount % TIYIN_PER_SOM, 0); prop_assert_eq!(e.field(), Some("amount")); }
        }
    }

    /// VAT is never above the gross, is monotonic in the gross, and never panics.
    #[test]
    fn vat_bounds(gross in any::<u64>(), rate in 0u32..=100, delta in 0u64..1_000) {
        let vat = vat_included(gross, rate);
        prop_assert!(vat <= gross);
        if rate == 0 { prop_assert_eq!(vat, 0); }
        let more = gross.saturating_add(delta);
        prop_assert!(vat_included(more, rate) >= vat);
    }

    /// Lines sum to the totals, VAT never exceeds a line, every line is
    /// price x count - discount.
    #[test]
    fn receipt_invariants(items in proptest::collection::vec(item(10_000_000_000), 1..20)) {
        let totals = receipt_totals(&items).unwrap();
        prop_assert_eq!(totals.lines.len(), items.len());
        let mut sum = (0u64, 0u64);
        for (line, item) in totals.lines.iter().zip(&items) {
            prop_assert_eq!(line.total, item.price * item.count - item.discount);
            prop_assert!(line.vat <= line.total);
            sum = (sum.0 + line.total, sum.1 + line.vat);
        }
        prop_assert_eq!(sum, (totals.total, totals.vat));
    }

    /// Near u64::MAX the arithmetic fails with an error naming the item, never a
    /// panic or a wrapped number.
    #[test]
    fn no_overflow_panics(price in (u64::MAX / 4)..=u64::MAX, count in 1u64..=8, n in 1usize..4) {
        let items: Vec<ReceiptItem> = (0..n).map(|_| ReceiptItem {
            title: "Big".into(), price, discount: 0, count, code: "01902001001000000".into(),
            vat_percent: 12, package_code: "1".into(), pinfl: None, tin: Some("310100000".into()),
        }).collect();
        match receipt_totals(&items) {
            Ok(t) => {
                let exact: u128 = items.iter().map(|i| u128::from(i.price) * u128::from(i.count)).sum();
                prop_assert_eq!(u128::from(t.total), exact);
            }
            Err(e) => prop_assert!(e.field().unwrap().starts_with("items")),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1_000, ..ProptestConfig::default() })]

    /// The register body (written by uzpay's direct writer, not serde) is byte for
    /// byte what serde_json writes for the same items, whatever the title's
    /// characters.
    #[test]
    fn register_body_is_serde_json(
        items in proptest::collection::vec(item(u64::MAX / 1_000), 1..8),
        titles in proptest::collection::vec("\\PC{1,20}|[\"\\\\a-z ]{1,10}", 8),
        id in "[A-Za-z0-9-]{1,40}",
    ) {
        use uzpay::paylov::{build_register_receipt, PaylovConfig, RegisterReceiptInput};
        let items: Vec<ReceiptItem> = items
            .into_iter()
            .zip(titles)
            .filter(|(_, t)| !t.trim().is_empty())
            .map(|(item, title)| ReceiptItem { title, ..item })
            .collect();
        prop_assume!(!items.is_empty());
        let config = PaylovConfig::new("k");
        let input = RegisterReceiptInput { transaction_id: Some(id.clone()), external_id: None, phone_number: None, items };
        let request = build_register_receipt(&config, &input).unwrap();
        #[derive(serde::Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Body<'a> { transaction_id: &'a str, items: &'a [ReceiptItem] }
        let expected = serde_json::to_vec(&Body { transaction_id: &id, items: &input.items }).unwrap();
        prop_assert_eq!(String::from_utf8(request.body).unwrap(), String::from_utf8(expected).unwrap());
    }
}
