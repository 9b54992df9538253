//! VIA, UZCARD/HUMO card payments: confirm a card payment with the SMS code the
//! card holder received.
//!
//! Calls carry the headers `client-id` and `client-secret`. Errors come as
//! `{"status": {"code", "message"}, "error": {"path", "message": {"uz", "ru", "en"}}}`
//! whatever the HTTP status.

mod config;
mod confirm_pay_verify;
mod error;

pub use config::{ViaConfig, SANDBOX_BASE_URL};
pub use confirm_pay_verify::{
    build_confirm_pay_verify, parse_confirm_pay_verify, ConfirmPayVerify, ConfirmPayVerifyInput,
    Epos, ViaTransaction, ViaTransactionStatus,
};
