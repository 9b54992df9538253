//! Receipt arithmetic in tiyin: line totals, VAT included in a price, receipt totals.
//! Every sum is overflow-checked by the core: a total beyond 2^64 tiyin is an error,
//! never a wrapped number.

use uzpay::receipt::{ReceiptItem, ReceiptTotals};

use crate::error::UzpayError;

/// Validates the items (as `register_receipt` does, errors name `items[i].field`) and
/// returns each line's total and VAT and the receipt's total and VAT, in tiyin.
#[uniffi::export]
pub fn receipt_totals(items: Vec<ReceiptItem>) -> Result<ReceiptTotals, UzpayError> {
    Ok(uzpay::receipt::receipt_totals(&items)?)
}

/// The VAT included in a gross amount at `rate_percent`: gross x rate / (100 + rate),
/// rounded half up to the tiyin (1,000.00 UZS at 12% carries 107.14).
#[uniffi::export]
pub fn vat_included(gross: u64, rate_percent: u32) -> u64 {
    uzpay::receipt::vat_included(gross, rate_percent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_examples() {
        assert_eq!(vat_included(100_000, 12), 10_714);
        assert!(receipt_totals(vec![]).is_err());
    }
}
