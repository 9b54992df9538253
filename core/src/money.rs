//! Money. Every public amount in uzpay is an integer number of tiyin
//! (1 UZS = 100 tiyin); these conversions turn it into each provider's wire unit
//! exactly, without floating point.

use crate::error::{Error, Result};

/// An amount in tiyin (1 UZS = 100 tiyin).
pub type Tiyin = u64;

/// The currency of an amount. uzpay's amounts are tiyin, so it is UZS.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Currency {
    /// Uzbek som.
    #[default]
    #[serde(rename = "UZS")]
    Uzs,
}

/// Tiyin in one som (UZS).
pub const TIYIN_PER_SOM: u64 = 100;

/// The largest amount sent to a provider that reads money as a JSON float of som
/// (PaymentsGate): 10^15 tiyin, ten trillion som. Below 2^44 som a double still
/// tells every tiyin apart with room to spare, so even a reader that computes
/// `round(amount * 100)` gets the exact tiyin back (a property test checks it); near
/// 2^53 it would not, as adjacent doubles are more than a tiyin apart.
pub const MAX_FLOAT_SAFE_TIYIN: Tiyin = 1_000_000_000_000_000;

/// The amount in major units as a decimal literal with at most two decimals and no
/// trailing zeros: 51600 -> `516`, 51650 -> `516.5`, 51601 -> `516.01`.
///
/// ```
/// assert_eq!(uzpay::money::to_major_decimal(51650), "516.5");
/// assert_eq!(uzpay::money::to_major_decimal(5), "0.05");
/// ```
pub fn to_major_decimal(amount: Tiyin) -> String {
    let major = amount / TIYIN_PER_SOM;
    let minor = amount % TIYIN_PER_SOM;
    match (minor, minor % 10) {
        (0, _) => major.to_string(),
        (m, 0) => format!("{major}.{}", m / 10),
        (m, _) => format!("{major}.{m:02}"),
    }
}

/// The amount in whole som, refusing tiyin that are not a whole number of som (for
/// providers whose wire unit is the som).
pub fn to_whole_som(field: &str, amount: Tiyin) -> Result<u64> {
    if amount % TIYIN_PER_SOM != 0 {
        return Err(Error::invalid_input(
            field,
            format!("must be a whole number of som (a multiple of 100 tiyin), got {amount} tiyin"),
        ));
    }
    Ok(amount / TIYIN_PER_SOM)
}

/// Reads a provider's major-unit decimal literal (`516`, `516.5`, `516.05`) as tiyin,
/// exactly, without floating point. `None` for anything else: a sign, an exponent,
/// more than two decimals, or an amount beyond `u64` tiyin.
///
/// ```
/// assert_eq!(uzpay::money::from_major_decimal("516.5"), Some(51650));
/// assert_eq!(uzpay::money::from_major_decimal("0.01"), Some(1));
/// assert_eq!(uzpay::money::from_major_decimal("1.005"), None);
/// ```
pub fn from_major_decimal(text: &str) -> Option<Tiyin> {
    let (int, frac) = text.split_once('.').unwrap_or((text, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() || !all_digits(int) || !all_digits(frac) || frac.len() > 2 || text.ends_with('.') {
        return None;
    }
    let major: u64 = int.parse().ok()?;
    let minor: u64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<u64>().ok()? * 10,
        _ => frac.parse().ok()?,
    };
    major.checked_mul(TIYIN_PER_SOM)?.checked_add(minor)
}

/// Whole som from a provider, as tiyin; `None` on overflow.
pub(crate) fn som_to_tiyin(som: u64) -> Option<Tiyin> {
    som.checked_mul(TIYIN_PER_SOM)
}

/// An amount that must be above zero.
pub(crate) fn positive(field: &str, amount: Tiyin) -> Result<()> {
    if amount == 0 {
        return Err(Error::invalid_input(field, "must be greater than zero"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn major_decimal_is_exact() {
        assert_eq!(to_major_decimal(0), "0");
        assert_eq!(to_major_decimal(51600), "516");
        assert_eq!(to_major_decimal(51650), "516.5");
        assert_eq!(to_major_decimal(51601), "516.01");
        assert_eq!(to_major_decimal(1), "0.01");
        assert_eq!(to_major_decimal(u64::MAX), "184467440737095516.15");
    }

    #[test]
    fn major_decimal_round_trips() {
        for amount in (0..100_000u64).chain([MAX_FLOAT_SAFE_TIYIN - 7, MAX_FLOAT_SAFE_TIYIN]) {
            let text = to_major_decimal(amount);
            let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
            let frac = format!("{frac:0<2}");
            let back = int.parse::<u64>().ok().map(|i| i * 100 + frac.parse::<u64>().unwrap_or(999));
            assert_eq!(back, Some(amount), "{text}");
        }
    }

    #[test]
    fn major_decimal_parses_exactly() {
        for amount in (0..20_000u64).chain([MAX_FLOAT_SAFE_TIYIN, u64::MAX]) {
            assert_eq!(from_major_decimal(&to_major_decimal(amount)), Some(amount));
        }
        assert_eq!(from_major_decimal("516.50"), Some(51650));
        assert_eq!(from_major_decimal("516.0"), Some(51600));
        for bad in ["", ".5", "5.", "-1", "1e3", "1.234", "1,5", " 1", "184467440737095516.16"] {
            assert_eq!(from_major_decimal(bad), None, "{bad}");
        }
    }

    #[test]
    fn whole_som() {
        assert_eq!(to_whole_som("amount", 150_000).ok(), Some(1500));
        assert_eq!(to_whole_som("amount", 150_050).err().as_ref().and_then(Error::field), Some("amount"));
    }
}
