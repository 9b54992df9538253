//! FiscalBox, the fiscal module / POS gateway: charge a Click or Anor payment QR
//! (`click_payment`, `anor_payment`), then attach the OFD receipt to it
//! (`click_confirm`, `anor_confirm`). Money on this wire is whole som.
//!
//! Calls under `/payment/*` take no credentials. Every answer comes in the envelope
//! `{data, error, is_success}`, and errors arrive with HTTP 200 (sometimes 400): the
//! parsers decide from the body.

mod anor_confirm;
mod anor_payment;
mod charge;
mod click_confirm;
mod click_payment;
mod config;
mod envelope;

pub use anor_confirm::{build_anor_confirm, parse_anor_confirm, AnorConfirm, AnorConfirmInput, AnorConfirmOutput};
pub use anor_payment::{build_anor_payment, parse_anor_payment, AnorPayment, AnorPaymentInput, AnorPaymentOutput};
pub use click_confirm::{
    build_click_confirm, parse_click_confirm, ClickConfirm, ClickConfirmInput, ClickConfirmOutput, ClickConfirmStatus,
};
pub use click_payment::{
    build_click_payment, parse_click_payment, ClickPayment, ClickPaymentInput, ClickPaymentOutput,
};
pub use config::{FiscalBoxConfig, DEFAULT_BASE_URL};
