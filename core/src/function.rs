//! The fiscal-domain functions that involve no HTTP, declared once like the
//! operations: each is a unit type with a typed input and output ([`Function`]), so
//! every binding exposes them from the same declaration, and the conformance
//! vectors' compute cases (`receipt.totals`, `ofd.parse_receipt_url`, ...) run them by
//! name ([`crate::dispatch::visit_function`], [`crate::dispatch::call_json`]).

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::money::Tiyin;
use crate::ofd::{OfdDateTime, OfdReceiptKind, OfdReceiptUrl};
use crate::receipt::{ReceiptItem, ReceiptTotals};

/// A function of the core: a typed input becomes a typed output or an error.
pub trait Function {
    /// The canonical name, `<module>.<function>`, e.g. `receipt.totals`.
    const NAME: &'static str;
    /// What the function does, in a sentence.
    const SUMMARY: &'static str;
    /// What the caller gives.
    type Input: DeserializeOwned;
    /// What it gives back.
    type Output: Serialize;
    /// Runs it.
    fn call(input: &Self::Input) -> Result<Self::Output>;
}

macro_rules! function {
    (#[doc = $summary:literal] $ty:ident, $name:literal, $input:ty, $output:ty, |$arg:ident| $body:expr) => {
        #[doc = $summary]
        #[doc = ""]
        #[doc = concat!("`", $name, "` as a [`Function`].")]
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct $ty;

        impl Function for $ty {
            const NAME: &'static str = $name;
            const SUMMARY: &'static str = $summary;
            type Input = $input;
            type Output = $output;
            fn call($arg: &$input) -> Result<$output> {
                $body
            }
        }
    };
}

/// What `receipt.totals` takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
pub struct ReceiptTotalsInput {
    /// The receipt lines, checked as `paylov.register_receipt` checks them.
    pub items: Vec<ReceiptItem>,
}

function!(
    /// Each line's total and VAT and the receipt's sums, in tiyin, with every line checked.
    Totals,
    "receipt.totals",
    ReceiptTotalsInput,
    ReceiptTotals,
    |input| crate::receipt::receipt_totals(&input.items)
);

/// What `receipt.vat_included` takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
pub struct VatIncludedInput {
    /// A VAT-inclusive amount, in tiyin.
    pub gross: Tiyin,
    /// The VAT rate in percent.
    pub rate_percent: u32,
}

/// The VAT included in an amount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
pub struct VatIncluded {
    /// `gross x rate / (100 + rate)`, rounded half up, in tiyin.
    pub vat: Tiyin,
}

function!(
    /// The VAT included in a VAT-inclusive amount: `gross x rate / (100 + rate)`, rounded half up.
    VatIncludedIn,
    "receipt.vat_included",
    VatIncludedInput,
    VatIncluded,
    |input| Ok(VatIncluded { vat: crate::receipt::vat_included(input.gross, input.rate_percent) })
);

/// What `ofd.parse_receipt_url` takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
pub struct ParseReceiptUrlInput {
    /// The receipt's URL, as its QR code carries it.
    pub url: String,
}

/// An OFD receipt URL's parts and its canonical text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
pub struct OfdReceipt {
    /// `check` (a fiscal module) or `epi` (a virtual cash register).
    pub kind: OfdReceiptKind,
    /// `t`: the terminal (fiscal module) id.
    pub terminal_id: String,
    /// `r`: the receipt's number.
    pub receipt_number: u64,
    /// `c`: when the receipt was issued, `YYYYMMDDhhmmss` (Tashkent time).
    pub date_time: OfdDateTime,
    /// `s`: the fiscal sign.
    pub fiscal_sign: String,
    /// The URL written canonically.
    pub url: String,
}

impl From<OfdReceiptUrl> for OfdReceipt {
    fn from(receipt: OfdReceiptUrl) -> Self {
        OfdReceipt {
            url: receipt.to_string(),
            kind: receipt.kind,
            terminal_id: receipt.terminal_id,
            receipt_number: receipt.receipt_number,
            date_time: receipt.date_time,
            fiscal_sign: receipt.fiscal_sign,
        }
    }
}

function!(
    /// Reads an OFD receipt URL (the QR code on a fiscal receipt) into its checked parts.
    ParseReceiptUrl,
    "ofd.parse_receipt_url",
    ParseReceiptUrlInput,
    OfdReceipt,
    |input| OfdReceiptUrl::parse(&input.url).map(OfdReceipt::from)
);

/// What `ofd.build_receipt_url` takes: a receipt URL's parts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
pub struct OfdReceiptParts {
    /// `check` (the default) or `epi`.
    #[serde(default)]
    pub kind: OfdReceiptKind,
    /// The terminal (fiscal module) id.
    pub terminal_id: String,
    /// The receipt's number.
    pub receipt_number: u64,
    /// When it was issued, `YYYYMMDDhhmmss`.
    pub date_time: String,
    /// The fiscal sign.
    pub fiscal_sign: String,
}

/// A URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
pub struct ReceiptUrl {
    /// The canonical receipt URL.
    pub url: String,
}

function!(
    /// Writes the canonical OFD receipt URL of a receipt's parts, each checked.
    BuildReceiptUrl,
    "ofd.build_receipt_url",
    OfdReceiptParts,
    ReceiptUrl,
    |input| {
        let date_time = OfdDateTime::parse("date_time", &input.date_time)?;
        let receipt =
            OfdReceiptUrl::new(input.kind, &input.terminal_id, input.receipt_number, date_time, &input.fiscal_sign)?;
        Ok(ReceiptUrl { url: receipt.to_string() })
    }
);
