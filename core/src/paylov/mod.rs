//! Paylov's merchant API, OFD section: register a fiscal receipt for a card or a cash
//! payment.
//!
//! Calls carry the header `api-key`. Errors come as HTTP 4xx with
//! `{"result": null, "error": {"code", "message", "data"}}`.

mod config;
mod error;
mod register_receipt;

pub use config::{PaylovConfig, PRODUCTION_BASE_URL, SANDBOX_BASE_URL};
pub use error::PaylovErrorCode;
pub use register_receipt::{
    build_register_receipt, parse_register_receipt, RegisterReceipt, RegisterReceiptInput,
    RegisterReceiptOutput, DEPRECATED_REGISTER_PATH, REGISTER_PATH,
};
