//! VIA, UZCARD/HUMO card payments: start a card payment (`confirm_pay`), confirm it
//! with the SMS code the card holder received (`confirm_pay_verify`, `resend_code`),
//! and look it up later (`get_transaction`).
//!
//! Calls carry the headers `client-id` and `client-secret`. Errors come as
//! `{"status": {"code", "message"}, "error": {"path", "message": {"uz", "ru", "en"}}}`
//! whatever the HTTP status.

mod config;
mod confirm_pay;
mod confirm_pay_verify;
mod error;
mod get_transaction;
mod resend_code;

pub use config::{ViaConfig, SANDBOX_BASE_URL};
pub use confirm_pay::{build_confirm_pay, parse_confirm_pay, CardInput, ConfirmPay, ConfirmPayInput, ConfirmPayOutput};
pub use confirm_pay_verify::{
    build_confirm_pay_verify, parse_confirm_pay_verify, ConfirmPayVerify, ConfirmPayVerifyInput, Epos, ViaTransaction,
    ViaTransactionStatus,
};
pub use get_transaction::{build_get_transaction, parse_get_transaction, GetTransaction, GetTransactionInput};
pub use resend_code::{build_resend_code, parse_resend_code, ResendCode, ResendCodeInput, ResendCodeOutput};
