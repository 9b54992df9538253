//! Fiscal receipt lines and their arithmetic.
//!
//! Prices are VAT-inclusive, in tiyin. For one line:
//! `total = price x count - discount` and
//! `vat = total x rate / (100 + rate)`, rounded half up to the tiyin.
//! Everything is integer and overflow-checked: an amount too large to compute is an
//! error, never a panic or a wrapped number.

use std::fmt::Display;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::money::Tiyin;
use crate::validate::{self, Index, Sub};

/// The VAT rate standard in Uzbekistan since 2023-01-01, in percent.
pub const STANDARD_VAT_PERCENT: u32 = 12;

/// One line of a fiscal receipt, as the tax committee's OFD wants it.
///
/// Its serialized form uses the same snake_case names as Paylov's wire format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ReceiptItem {
    /// The item's name as printed on the receipt; non-empty.
    pub title: String,
    /// Unit price in tiyin, VAT included, before discount.
    pub price: Tiyin,
    /// Discount on the whole line, in tiyin; `0..=price`.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = 0))]
    pub discount: Tiyin,
    /// How many units; at least 1.
    pub count: u64,
    /// The IKPU (MXIK) code of the goods or service: 17 digits.
    pub code: String,
    /// VAT rate in percent, `0..=100` (12 is today's standard rate).
    pub vat_percent: u32,
    /// The package code from the item's MXIK entry: digits.
    pub package_code: String,
    /// The seller's PINFL (14 digits) when the seller is an individual; exactly one of
    /// `pinfl` and `tin`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub pinfl: Option<String>,
    /// The seller's TIN (9 digits) when the seller is a company; exactly one of `pinfl`
    /// and `tin`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub tin: Option<String>,
}

/// The computed amounts of one receipt line, in tiyin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct LineAmounts {
    /// `price x count - discount`.
    pub total: Tiyin,
    /// The VAT included in `total`.
    pub vat: Tiyin,
}

/// The computed amounts of a whole receipt, in tiyin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ReceiptTotals {
    /// Each line's amounts, in the order of the items.
    pub lines: Vec<LineAmounts>,
    /// The sum of the line totals.
    pub total: Tiyin,
    /// The sum of the line VAT amounts.
    pub vat: Tiyin,
}

/// The VAT included in a VAT-inclusive amount: `gross x rate / (100 + rate)`, rounded
/// half up to the tiyin. Never above `gross`.
///
/// ```
/// use uzpay::receipt::vat_included;
/// assert_eq!(vat_included(112_000, 12), 12_000); // 1,120.00 UZS carries 120.00
/// assert_eq!(vat_included(100_000, 12), 10_714); // 1,000.00 UZS carries 107.14
/// ```
pub fn vat_included(gross: Tiyin, rate_percent: u32) -> Tiyin {
    // u64 x u32 fits in u128, so none of this can overflow.
    let numerator = u128::from(gross) * u128::from(rate_percent);
    let denominator = 100 + u128::from(rate_percent);
    let rounded = (2 * numerator + denominator) / (2 * denominator);
    // rounded <= gross because rate / (100 + rate) < 1.
    u64::try_from(rounded).unwrap_or(gross)
}

impl ReceiptItem {
    /// Checks every rule of a receipt line; `field` is the item's path
    /// (e.g. `items[0]`), so errors name `items[0].discount`.
    pub fn validate(&self, field: &str) -> Result<()> {
        self.validate_at(field)
    }

    /// [`ReceiptItem::validate`] with a path that is written out only on an error.
    pub(crate) fn validate_at<F: Display + Copy>(&self, field: F) -> Result<()> {
        validate::text(Sub(field, "title"), &self.title)?;
        if self.count == 0 {
            return Err(Error::invalid_at(Sub(field, "count"), "must be at least 1"));
        }
        if self.discount > self.price {
            return Err(Error::invalid_at(
                Sub(field, "discount"),
                format!("must not exceed the price ({} tiyin), got {} tiyin", self.price, self.discount),
            ));
        }
        validate::digits_exact(Sub(field, "code"), &self.code, 17, "the IKPU/MXIK code")?;
        if self.vat_percent > 100 {
            return Err(Error::invalid_at(
                Sub(field, "vat_percent"),
                format!("must be a percentage from 0 to 100, got {}", self.vat_percent),
            ));
        }
        validate::digits(Sub(field, "package_code"), &self.package_code, 32)?;
        match (&self.pinfl, &self.tin) {
            (Some(_), Some(_)) => {
                return Err(Error::invalid_at(
                    field,
                    "give either pinfl (an individual seller) or tin (a company), not both",
                ))
            }
            (None, None) => {
                return Err(Error::invalid_at(field, "needs the seller's pinfl (14 digits) or tin (9 digits)"))
            }
            (Some(pinfl), None) => validate::digits_exact(Sub(field, "pinfl"), pinfl, 14, "a PINFL")?,
            (None, Some(tin)) => validate::digits_exact(Sub(field, "tin"), tin, 9, "a TIN")?,
        }
        self.amounts_at(field).map(|_| ())
    }

    /// The line's total and VAT. Only the arithmetic is checked here (overflow, a
    /// discount larger than the line, a rate above 100); [`ReceiptItem::validate`]
    /// checks every rule.
    pub fn amounts(&self, field: &str) -> Result<LineAmounts> {
        self.amounts_at(field)
    }

    fn amounts_at<F: Display + Copy>(&self, field: F) -> Result<LineAmounts> {
        let gross = self.price.checked_mul(self.count).ok_or_else(|| {
            Error::invalid_at(Sub(field, "count"), "price x count is too large to compute (over 2^64 tiyin)")
        })?;
        let total = gross
            .checked_sub(self.discount)
            .ok_or_else(|| Error::invalid_at(Sub(field, "discount"), "must not exceed price x count"))?;
        if self.vat_percent > 100 {
            return Err(Error::invalid_at(
                Sub(field, "vat_percent"),
                format!("must be a percentage from 0 to 100, got {}", self.vat_percent),
            ));
        }
        Ok(LineAmounts { total, vat: vat_included(total, self.vat_percent) })
    }
}

/// Validates every item (errors name `items[i]...`) and computes the receipt's lines
/// and totals. An empty list or more than [`crate::limits::MAX_ITEMS`] items is refused.
pub fn receipt_totals(items: &[ReceiptItem]) -> Result<ReceiptTotals> {
    validate_items("items", items)?;
    let mut lines = Vec::with_capacity(items.len());
    let (mut total, mut vat) = (0u64, 0u64);
    for (i, item) in items.iter().enumerate() {
        let line = item.amounts_at(Index("items", i))?;
        total = total
            .checked_add(line.total)
            .ok_or_else(|| Error::invalid_input("items", "the receipt total is too large to compute"))?;
        // vat <= total for every line, so the sum cannot overflow once total did not.
        vat = vat.saturating_add(line.vat);
        lines.push(line);
    }
    Ok(ReceiptTotals { lines, total, vat })
}

/// Checks a receipt's item list: 1..=MAX_ITEMS items, each valid.
pub(crate) fn validate_items(field: &str, items: &[ReceiptItem]) -> Result<()> {
    if items.is_empty() {
        return Err(Error::invalid_input(field, "must contain at least one item"));
    }
    if items.len() > crate::limits::MAX_ITEMS {
        return Err(Error::invalid_input(
            field,
            format!("has {} items, at most {} are allowed", items.len(), crate::limits::MAX_ITEMS),
        ));
    }
    for (i, item) in items.iter().enumerate() {
        item.validate_at(Index(field, i))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn item() -> ReceiptItem {
        ReceiptItem {
            title: "Tea".into(),
            price: 10_000,
            discount: 0,
            count: 1,
            code: "01902001001000000".into(),
            vat_percent: 12,
            package_code: "1437667".into(),
            pinfl: None,
            tin: Some("310100000".into()),
        }
    }

    #[test]
    fn documented_vat_examples() {
        assert_eq!(vat_included(112_000, 12), 12_000);
        assert_eq!(vat_included(100_000, 12), 10_714);
        assert_eq!(vat_included(100_000, 0), 0);
        assert_eq!(vat_included(100_000, 100), 50_000);
        assert_eq!(vat_included(u64::MAX, 100), u64::MAX / 2 + 1);
        // half up: 14 x 12 / 112 = 1.5 -> 2
        assert_eq!(vat_included(14, 12), 2);
    }

    #[test]
    fn totals() {
        let mut a = item();
        a.count = 3;
        a.discount = 2_000;
        let b = ReceiptItem { price: 100_000, ..item() };
        let t = receipt_totals(&[a, b]).ok();
        assert_eq!(t.as_ref().map(|t| t.total), Some(128_000));
        assert_eq!(t.as_ref().map(|t| t.lines[0]), Some(LineAmounts { total: 28_000, vat: 3_000 }));
        assert_eq!(t.as_ref().map(|t| t.vat), Some(13_714));
    }

    #[test]
    fn overflow_is_an_error() {
        let big = ReceiptItem { price: u64::MAX, count: 2, ..item() };
        let e = receipt_totals(&[big]).err();
        assert_eq!(e.as_ref().and_then(Error::field), Some("items[0].count"));
        let half = ReceiptItem { price: u64::MAX / 2 + 1, ..item() };
        let e = receipt_totals(&[half.clone(), half]).err();
        assert_eq!(e.as_ref().and_then(Error::field), Some("items"));
    }

    #[test]
    fn rules_name_the_field() {
        let cases: Vec<(ReceiptItem, &str)> = vec![
            (ReceiptItem { title: " ".into(), ..item() }, "items[0].title"),
            (ReceiptItem { count: 0, ..item() }, "items[0].count"),
            (ReceiptItem { discount: 10_001, ..item() }, "items[0].discount"),
            (ReceiptItem { code: "123".into(), ..item() }, "items[0].code"),
            (ReceiptItem { vat_percent: 101, ..item() }, "items[0].vat_percent"),
            (ReceiptItem { package_code: "14a".into(), ..item() }, "items[0].package_code"),
            (ReceiptItem { tin: None, ..item() }, "items[0]"),
            (ReceiptItem { pinfl: Some("1".repeat(14)), ..item() }, "items[0]"),
            (ReceiptItem { tin: Some("31010000".into()), ..item() }, "items[0].tin"),
            (ReceiptItem { tin: None, pinfl: Some("1".repeat(13)), ..item() }, "items[0].pinfl"),
        ];
        for (it, field) in cases {
            let e = receipt_totals(&[it]).err();
            assert_eq!(e.as_ref().and_then(Error::field), Some(field));
        }
        assert!(receipt_totals(&[]).is_err());
        assert!(receipt_totals(&vec![item(); 1001]).is_err());
        assert!(receipt_totals(&vec![item(); 1000]).is_ok());
    }
}
