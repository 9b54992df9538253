//! What the two charge calls (`/payment/click`, `/payment/anor`) share: the body
//! `{amount (whole som), qr_code}` and the amount rule.

use serde::Serialize;

use crate::error::Result;
use crate::money::{positive, to_whole_som, Tiyin};

/// The body of a charge.
#[derive(Serialize)]
pub(super) struct ChargeBody<'a> {
    /// Whole som: FiscalBox's wire unit.
    pub(super) amount: u64,
    pub(super) qr_code: &'a str,
}

/// A charge's amount in whole som: above zero, and tiyin that are not whole som are
/// refused.
pub(super) fn charge_som(amount: Tiyin) -> Result<u64> {
    positive("amount", amount)?;
    to_whole_som("amount", amount)
}
