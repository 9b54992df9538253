//! The OFD fiscal receipt URL, the link printed as a QR code on every fiscal receipt
//! in Uzbekistan:
//! `https://ofd.soliq.uz/check?t=UZ170703100597&r=2421&c=20230104121801&s=514343190161`
//! (virtual cash registers use the `/epi` path).

use std::fmt::{self, Display};

use serde::Serialize;

use crate::error::{Error, Result};
use crate::limits::MAX_URL_CHARS;
use crate::validate::{strip_prefix_ignore_case, Sub};

/// The host of the tax committee's receipt checker.
pub const OFD_HOST: &str = "ofd.soliq.uz";

/// Which checker path the receipt URL uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum OfdReceiptKind {
    /// `/check`: a receipt from a fiscal module (a physical cash register).
    #[default]
    Check,
    /// `/epi`: a receipt from a virtual cash register.
    Epi,
}

impl OfdReceiptKind {
    /// The URL path: `/check` or `/epi`.
    pub fn path(self) -> &'static str {
        match self {
            OfdReceiptKind::Check => "/check",
            OfdReceiptKind::Epi => "/epi",
        }
    }
}

/// A receipt's date and time as the URL carries it (`YYYYMMDDhhmmss`, local time of
/// Tashkent), checked to be a real calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record), uniffi::export(Display))]
pub struct OfdDateTime {
    /// Year, 1..=9999.
    pub year: u16,
    /// Month, 1..=12.
    pub month: u8,
    /// Day of the month, 1..=28/29/30/31.
    pub day: u8,
    /// Hour, 0..=23.
    pub hour: u8,
    /// Minute, 0..=59.
    pub minute: u8,
    /// Second, 0..=59.
    pub second: u8,
}

impl OfdDateTime {
    /// Parses `YYYYMMDDhhmmss`; `field` names the input in the error.
    pub fn parse(field: &str, text: &str) -> Result<Self> {
        Self::parse_at(field, text)
    }

    /// [`OfdDateTime::parse`] with a path written out only on an error.
    pub(crate) fn parse_at(field: impl Display + Copy, text: &str) -> Result<Self> {
        if text.len() != 14 || !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::invalid_at(field, "must be a date-time as YYYYMMDDhhmmss (14 digits)"));
        }
        let num = |from: usize, to: usize| -> u16 { text.get(from..to).and_then(|s| s.parse().ok()).unwrap_or(0) };
        Self::new_at(
            field,
            num(0, 4),
            num(4, 6) as u8,
            num(6, 8) as u8,
            num(8, 10) as u8,
            num(10, 12) as u8,
            num(12, 14) as u8,
        )
    }

    /// A date-time from its parts, refused unless it is a real one.
    pub fn new(field: &str, year: u16, month: u8, day: u8, hour: u8, minute: u8, second: u8) -> Result<Self> {
        Self::new_at(field, year, month, day, hour, minute, second)
    }

    #[allow(clippy::too_many_arguments)]
    fn new_at(field: impl Display, year: u16, month: u8, day: u8, hour: u8, minute: u8, second: u8) -> Result<Self> {
        if !(1..=9999).contains(&year) {
            return Err(Error::invalid_at(field, format!("has year {year}, which is not 1..=9999")));
        }
        if !(1..=12).contains(&month) {
            return Err(Error::invalid_at(field, format!("has month {month}, which is not 1..=12")));
        }
        let last = days_in_month(year, month);
        if day == 0 || day > last {
            return Err(Error::invalid_at(field, format!("has day {day}, but {year:04}-{month:02} has {last} days")));
        }
        if hour > 23 || minute > 59 || second > 59 {
            return Err(Error::invalid_at(
                field,
                format!("has time {hour:02}:{minute:02}:{second:02}, which is not a time of day"),
            ));
        }
        Ok(OfdDateTime { year, month, day, hour, minute, second })
    }

    /// ISO 8601 without a zone: `2023-01-04T12:18:01`.
    pub fn to_iso8601(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }
}

impl fmt::Display for OfdDateTime {
    /// The URL form, `YYYYMMDDhhmmss`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}{:02}{:02}{:02}{:02}{:02}",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }
}

impl Serialize for OfdDateTime {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

// In the canonical form a date-time is its URL text, `YYYYMMDDhhmmss`.
#[cfg(feature = "describe")]
impl crate::describe::Describe for OfdDateTime {
    fn shape() -> crate::describe::Shape {
        crate::describe::Shape::String
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// A parsed OFD receipt URL.
///
/// ```
/// use uzpay::ofd::OfdReceiptUrl;
/// let url = "https://ofd.soliq.uz/check?t=UZ170703100597&r=2421&c=20230104121801&s=514343190161";
/// let receipt = OfdReceiptUrl::parse(url).unwrap();
/// assert_eq!(receipt.terminal_id, "UZ170703100597");
/// assert_eq!(receipt.receipt_number, 2421);
/// assert_eq!(receipt.date_time.to_iso8601(), "2023-01-04T12:18:01");
/// assert_eq!(receipt.to_string(), url);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record), uniffi::export(Display))]
pub struct OfdReceiptUrl {
    /// `/check` or `/epi`.
    pub kind: OfdReceiptKind,
    /// `t`: the terminal (fiscal module) id, ASCII letters and digits, e.g. `UZ170703100597`.
    pub terminal_id: String,
    /// `r`: the receipt's sequence number.
    pub receipt_number: u64,
    /// `c`: when the receipt was issued.
    pub date_time: OfdDateTime,
    /// `s`: the fiscal sign, digits.
    pub fiscal_sign: String,
}

/// The longest terminal id accepted.
const MAX_TERMINAL_ID: usize = 32;
/// The longest fiscal sign accepted (12 digits in every receipt seen).
const MAX_FISCAL_SIGN: usize = 32;

impl OfdReceiptUrl {
    /// Parses a receipt URL; errors name the field `url` (or `url.t`, `url.c`, ...).
    pub fn parse(url: &str) -> Result<Self> {
        Self::parse_field("url", url)
    }

    /// Parses a receipt URL given as the input `field` (errors name `field`, or
    /// `field.t`, `field.r`, `field.c`, `field.s` for a bad parameter).
    ///
    /// Accepted: `http` or `https`, host `ofd.soliq.uz` (any case), path `/check` or
    /// `/epi`, and exactly the parameters `t`, `r`, `c`, `s` in any order, each once.
    pub fn parse_field<'a>(field: &str, url: &'a str) -> Result<Self> {
        let refuse = |why: &str| Error::invalid_input(field, format!("is not an OFD receipt URL: {why}"));
        if url.len() > MAX_URL_CHARS {
            return Err(refuse("it is too long"));
        }
        let rest = strip_prefix_ignore_case(url, "https://")
            .or_else(|| strip_prefix_ignore_case(url, "http://"))
            .ok_or_else(|| refuse("it must start with https://ofd.soliq.uz/"))?;
        let (location, query) = rest.split_once('?').ok_or_else(|| refuse("it has no query (?t=..&r=..&c=..&s=..)"))?;
        let (host, path) = location.split_at(location.find('/').unwrap_or(location.len()));
        if !host.eq_ignore_ascii_case(OFD_HOST) {
            return Err(refuse("its host must be ofd.soliq.uz"));
        }
        let kind = match path {
            "/check" => OfdReceiptKind::Check,
            "/epi" => OfdReceiptKind::Epi,
            _ => return Err(refuse("its path must be /check or /epi")),
        };
        if query.contains('#') {
            return Err(refuse("it must not have a fragment (#...)"));
        }

        let (mut t, mut r, mut c, mut s) = (None, None, None, None);
        for pair in query.split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let slot = match key {
                "t" => &mut t,
                "r" => &mut r,
                "c" => &mut c,
                "s" => &mut s,
                _ => return Err(refuse("it has a parameter other than t, r, c and s")),
            };
            if slot.replace(value).is_some() {
                return Err(Error::invalid_input(format!("{field}.{key}"), "is given more than once"));
            }
        }
        let required = |key: &'static str, value: Option<&'a str>| -> Result<&'a str> {
            match value {
                Some(v) if !v.is_empty() => Ok(v),
                _ => Err(Error::invalid_at(Sub(field, key), "is required and must not be empty")),
            }
        };
        let (t, r, c, s) = (required("t", t)?, required("r", r)?, required("c", c)?, required("s", s)?);
        Self::from_parts_field(field, kind, t, r, c, s)
    }

    /// Builds a receipt URL from its parts, checking each as [`OfdReceiptUrl::parse`] does.
    pub fn new(
        kind: OfdReceiptKind,
        terminal_id: &str,
        receipt_number: u64,
        date_time: OfdDateTime,
        fiscal_sign: &str,
    ) -> Result<Self> {
        let receipt = OfdReceiptUrl {
            kind,
            terminal_id: terminal_id.to_owned(),
            receipt_number,
            date_time,
            fiscal_sign: fiscal_sign.to_owned(),
        };
        check_terminal_id("terminal_id", terminal_id)?;
        check_fiscal_sign("fiscal_sign", fiscal_sign)?;
        Ok(receipt)
    }

    fn from_parts_field(field: &str, kind: OfdReceiptKind, t: &str, r: &str, c: &str, s: &str) -> Result<Self> {
        check_terminal_id(Sub(field, "t"), t)?;
        if r.len() > 20 || !r.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::invalid_at(Sub(field, "r"), "must be the receipt number: digits only"));
        }
        let receipt_number =
            r.parse::<u64>().map_err(|_| Error::invalid_at(Sub(field, "r"), "is too large for a receipt number"))?;
        let date_time = OfdDateTime::parse_at(Sub(field, "c"), c)?;
        check_fiscal_sign(Sub(field, "s"), s)?;
        Ok(OfdReceiptUrl { kind, terminal_id: t.to_owned(), receipt_number, date_time, fiscal_sign: s.to_owned() })
    }
}

fn check_terminal_id(field: impl Display, t: &str) -> Result<()> {
    if t.is_empty() || t.len() > MAX_TERMINAL_ID || !t.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(Error::invalid_at(
            field,
            format!("must be the terminal id: 1 to {MAX_TERMINAL_ID} ASCII letters and digits"),
        ));
    }
    Ok(())
}

fn check_fiscal_sign(field: impl Display, s: &str) -> Result<()> {
    if s.is_empty() || s.len() > MAX_FISCAL_SIGN || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::invalid_at(field, format!("must be the fiscal sign: 1 to {MAX_FISCAL_SIGN} digits")));
    }
    Ok(())
}

impl fmt::Display for OfdReceiptUrl {
    /// The canonical URL: `https://ofd.soliq.uz{path}?t=..&r=..&c=..&s=..`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "https://{OFD_HOST}{}?t={}&r={}&c={}&s={}",
            self.kind.path(),
            self.terminal_id,
            self.receipt_number,
            self.date_time,
            self.fiscal_sign
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "https://ofd.soliq.uz/check?t=UZ170703100597&r=2421&c=20230104121801&s=514343190161";

    fn field_of(url: &str) -> Option<String> {
        OfdReceiptUrl::parse_field("qr_code", url).err().and_then(|e| e.field().map(str::to_owned))
    }

    #[test]
    fn parses_and_rebuilds() {
        let r = OfdReceiptUrl::parse(URL).ok();
        assert_eq!(r.as_ref().map(ToString::to_string).as_deref(), Some(URL));
        let epi = URL.replace("/check", "/epi").replace("https://ofd", "http://OFD");
        let r = OfdReceiptUrl::parse(&epi).ok();
        assert_eq!(r.map(|r| r.kind), Some(OfdReceiptKind::Epi));
        let shuffled = "https://ofd.soliq.uz/check?s=514343190161&c=20230104121801&r=2421&t=UZ170703100597";
        assert_eq!(OfdReceiptUrl::parse(shuffled).ok().map(|r| r.to_string()).as_deref(), Some(URL));
    }

    #[test]
    fn refuses_with_the_right_field() {
        assert_eq!(field_of("not a url").as_deref(), Some("qr_code"));
        assert_eq!(field_of(&URL.replace("ofd.soliq.uz", "ofd.example.uz")).as_deref(), Some("qr_code"));
        assert_eq!(field_of(&URL.replace("/check", "/receipt")).as_deref(), Some("qr_code"));
        assert_eq!(field_of(&URL.replace("t=UZ170703100597", "t=UZ-17")).as_deref(), Some("qr_code.t"));
        assert_eq!(field_of(&URL.replace("r=2421", "r=24a")).as_deref(), Some("qr_code.r"));
        assert_eq!(field_of(&URL.replace("20230104", "20230230")).as_deref(), Some("qr_code.c"));
        assert_eq!(field_of(&URL.replace("121801", "246000")).as_deref(), Some("qr_code.c"));
        assert_eq!(field_of(&URL.replace("s=514343190161", "s=")).as_deref(), Some("qr_code.s"));
        assert_eq!(field_of(&format!("{URL}&t=X")).as_deref(), Some("qr_code.t"));
        assert_eq!(field_of(&format!("{URL}&x=1")).as_deref(), Some("qr_code"));
        assert_eq!(field_of(&URL.replace("&s=514343190161", "")).as_deref(), Some("qr_code.s"));
    }

    #[test]
    fn leap_years() {
        assert!(OfdDateTime::parse("c", "20240229000000").is_ok());
        assert!(OfdDateTime::parse("c", "20230229000000").is_err());
        assert!(OfdDateTime::parse("c", "21000229000000").is_err());
        assert!(OfdDateTime::parse("c", "20000229235959").is_ok());
    }
}
