//! Money. Every public amount in uzpay is an integer number of tiyin
//! (1 UZS = 100 tiyin); these conversions turn it into each provider's wire unit
//! exactly, without floating point.

use crate::error::{Error, Result};

/// An amount in tiyin (1 UZS = 100 tiyin).
pub type Tiyin = u64;

/// Tiyin in one som (UZS).
pub const TIYIN_PER_SOM: u64 = 100;

/// The largest amount a provider that reads money as a JSON float (PaymentsGate) can
/// receive exactly: 2^53 - 1 tiyin, also JavaScript's largest safe integer.
pub const MAX_FLOAT_SAFE_TIYIN: Tiyin = 9_007_199_254_740_991;

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
            let back = int
                .parse::<u64>()
                .ok()
                .map(|i| i * 100 + frac.parse::<u64>().unwrap_or(999));
            assert_eq!(back, Some(amount), "{text}");
        }
    }

    #[test]
    fn whole_som() {
        assert_eq!(to_whole_som("amount", 150_000).ok(), Some(1500));
        assert_eq!(
            to_whole_som("amount", 150_050)
                .err()
                .as_ref()
                .and_then(Error::field),
            Some("amount")
        );
    }
}
