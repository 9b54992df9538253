//! Payment cards: checks for a card number (PAN) and its expiry, and the one way
//! uzpay shows a PAN (`860012******1234`). A full PAN never appears in `Debug`
//! output, an error message or a redacted request.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use crate::error::{Error, Result};

/// A card number. `Debug` and [`Pan::masked`] show only the first six and the last
/// four digits.
#[derive(Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Pan(String);

impl Pan {
    /// Wraps a card number (checked later, by [`Pan::validate`]).
    pub fn new(pan: impl Into<String>) -> Self {
        Pan(pan.into())
    }

    /// The full number, for the one place it goes on the wire.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// `860012******1234`.
    pub fn masked(&self) -> String {
        mask_pan(&self.0)
    }

    /// 16 digits passing the Luhn check.
    pub fn validate(&self, field: &str) -> Result<()> {
        let pan = &self.0;
        if pan.len() != 16 || !pan.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::invalid_input(field, "must be a card number of 16 digits"));
        }
        if !luhn_valid(pan) {
            return Err(Error::invalid_input(field, "is not a valid card number (its check digit is wrong)"));
        }
        Ok(())
    }
}

impl fmt::Debug for Pan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Pan({})", self.masked())
    }
}

// A plain string on the foreign side, like [`crate::Secret`]: the records holding a
// `Pan` export their masking `Debug` as the foreign `toString()`.
#[cfg(feature = "uniffi")]
uniffi::custom_type!(Pan, String, { lower: |pan| pan.0, try_lift: |value| Ok(Pan(value)) });

impl<'de> Deserialize<'de> for Pan {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        String::deserialize(d).map(Pan)
    }
}

impl From<&str> for Pan {
    fn from(value: &str) -> Self {
        Pan(value.to_owned())
    }
}

impl From<String> for Pan {
    fn from(value: String) -> Self {
        Pan(value)
    }
}

/// Masks a card number: the first six and last four digits stay, the rest are `*`.
/// Anything shorter than 11 characters is masked entirely.
pub fn mask_pan(pan: &str) -> String {
    let chars: Vec<char> = pan.chars().collect();
    if chars.len() < 11 {
        return "*".repeat(chars.len());
    }
    chars.iter().enumerate().map(|(i, c)| if i < 6 || i + 4 >= chars.len() { *c } else { '*' }).collect()
}

/// `text` with every run of 13 to 19 digits that passes the Luhn check (a card number
/// typed into free text, a note or a description) masked as [`mask_pan`] masks one.
pub fn mask_card_numbers(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let mut i = 0;
    let mut copied = 0;
    while i < bytes.len() {
        if !bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
            continue;
        }
        let start = i;
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        let run = text.get(start..i).unwrap_or_default();
        if (13..=19).contains(&run.len()) && luhn_valid(run) {
            let masked = out.get_or_insert_with(|| String::with_capacity(text.len()));
            masked.push_str(text.get(copied..start).unwrap_or_default());
            masked.push_str(&mask_pan(run));
            copied = i;
        }
    }
    match out {
        Some(mut masked) => {
            masked.push_str(text.get(copied..).unwrap_or_default());
            std::borrow::Cow::Owned(masked)
        }
        None => std::borrow::Cow::Borrowed(text),
    }
}

/// The Luhn check over a string of ASCII digits.
pub fn luhn_valid(digits: &str) -> bool {
    let mut sum = 0u32;
    for (i, b) in digits.bytes().rev().enumerate() {
        if !b.is_ascii_digit() {
            return false;
        }
        let mut d = u32::from(b - b'0');
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    !digits.is_empty() && sum % 10 == 0
}

/// A card expiry as `MMYY` with a real month (01..=12). Whether it has passed is the
/// provider's call: uzpay has no clock.
pub(crate) fn validate_expiry(field: &str, expiry: &str) -> Result<()> {
    let month = expiry.get(..2).and_then(|m| m.parse::<u8>().ok());
    if expiry.len() != 4 || !expiry.bytes().all(|b| b.is_ascii_digit()) || !matches!(month, Some(1..=12)) {
        return Err(Error::invalid_input(field, "must be the expiry as MMYY with a month from 01 to 12"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn() {
        assert!(luhn_valid("8600000000000007"));
        assert!(luhn_valid("4242424242424242"));
        assert!(!luhn_valid("8600000000000004"));
        assert!(!luhn_valid(""));
    }

    #[test]
    fn card_numbers_in_free_text() {
        assert_eq!(mask_card_numbers("card 8600000000000007, thanks"), "card 860000******0007, thanks");
        assert_eq!(mask_card_numbers("order 1234567890123"), "order 1234567890123"); // fails Luhn
        assert_eq!(mask_card_numbers("8600000000000007/4242424242424242"), "860000******0007/424242******4242");
        assert_eq!(mask_card_numbers("no digits"), "no digits");
    }

    #[test]
    fn masking() {
        assert_eq!(mask_pan("8600123412341234"), "860012******1234");
        assert_eq!(format!("{:?}", Pan::new("8600123412341234")), "Pan(860012******1234)");
        assert_eq!(mask_pan("1234"), "****");
    }

    #[test]
    fn pan_rules() {
        assert!(Pan::new("8600000000000007").validate("card.pan").is_ok());
        let e = Pan::new("8600000000000004").validate("card.pan").unwrap_err();
        assert!(!e.to_string().contains("8600"));
        assert!(Pan::new("860000000000000").validate("card.pan").is_err());
    }

    #[test]
    fn expiry_rules() {
        assert!(validate_expiry("e", "0127").is_ok());
        assert!(validate_expiry("e", "1299").is_ok());
        for bad in ["1327", "0027", "127", "01/27", "ab27"] {
            assert!(validate_expiry("e", bad).is_err(), "{bad}");
        }
    }
}
