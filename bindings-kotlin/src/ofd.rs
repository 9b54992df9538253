//! OFD receipt URLs, the QR code printed on a fiscal receipt
//! (`https://ofd.soliq.uz/check?t=..&r=..&c=..&s=..`).
//!
//! The records (`OfdReceiptUrl`, `OfdDateTime`) are the core's; their Kotlin
//! `toString()` is the core's `Display` (the canonical URL, the 14-digit date-time).
//! A record built in Kotlin has not been checked, so [`build_receipt_url`] checks every
//! part again before it writes a URL.

use uzpay::ofd::{OfdDateTime, OfdReceiptUrl};

use crate::error::UzpayError;

/// Parses a receipt URL. A refusal names the part: `url`, `url.t`, `url.r`, `url.c`
/// or `url.s`.
#[uniffi::export]
pub fn parse_receipt_url(url: String) -> Result<OfdReceiptUrl, UzpayError> {
    Ok(OfdReceiptUrl::parse(&url)?)
}

/// The canonical URL of a receipt, after checking every part (errors name
/// `terminal_id`, `date_time`, `fiscal_sign`).
#[uniffi::export]
pub fn build_receipt_url(receipt: OfdReceiptUrl) -> Result<String, UzpayError> {
    let d = receipt.date_time;
    let date_time = OfdDateTime::new("date_time", d.year, d.month, d.day, d.hour, d.minute, d.second)?;
    let checked = OfdReceiptUrl::new(
        receipt.kind,
        &receipt.terminal_id,
        receipt.receipt_number,
        date_time,
        &receipt.fiscal_sign,
    )?;
    Ok(checked.to_string())
}

/// Reads an OFD date-time, `YYYYMMDDhhmmss` (a real date and time of day; errors name
/// `date_time`).
#[uniffi::export]
pub fn parse_ofd_date_time(text: String) -> Result<OfdDateTime, UzpayError> {
    Ok(OfdDateTime::parse("date_time", &text)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "https://ofd.soliq.uz/check?t=UZ170703100597&r=2421&c=20230104121801&s=514343190161";

    #[test]
    fn round_trip() {
        let receipt = parse_receipt_url(URL.into()).unwrap();
        assert_eq!(build_receipt_url(receipt).unwrap(), URL);
    }

    #[test]
    fn unchecked_parts_are_refused() {
        let mut receipt = parse_receipt_url(URL.into()).unwrap();
        receipt.date_time.month = 13;
        let e = build_receipt_url(receipt.clone()).unwrap_err();
        assert!(matches!(e, UzpayError::InvalidInput { ref field, .. } if field == "date_time"));
        receipt.date_time.month = 1;
        receipt.terminal_id = "UZ 1".into();
        let e = build_receipt_url(receipt).unwrap_err();
        assert!(matches!(e, UzpayError::InvalidInput { ref field, .. } if field == "terminal_id"));
        let e = parse_ofd_date_time("20230230000000".into()).unwrap_err();
        assert!(matches!(e, UzpayError::InvalidInput { ref field, .. } if field == "date_time"));
    }
}
