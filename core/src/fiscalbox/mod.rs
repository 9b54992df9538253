//! FiscalBox, the fiscal module / POS gateway: attach the OFD receipt of a Click or
//! Anor payment.
//!
//! Calls under `/payment/*` take no credentials. Every answer comes in the envelope
//! `{data, error, is_success}`, and errors arrive with HTTP 200 (sometimes 400): the
//! parsers decide from the body.

mod anor_confirm;
mod click_confirm;
mod config;
mod envelope;

pub use anor_confirm::{
    build_anor_confirm, parse_anor_confirm, AnorConfirm, AnorConfirmInput, AnorConfirmOutput,
};
pub use click_confirm::{
    build_click_confirm, parse_click_confirm, ClickConfirm, ClickConfirmInput, ClickConfirmOutput,
    ClickConfirmStatus,
};
pub use config::{FiscalBoxConfig, DEFAULT_BASE_URL};
