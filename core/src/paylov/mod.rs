//! Paylov's merchant API, OFD section: register a fiscal receipt for a card or a cash
//! payment (`register_receipt`), read it back (`receipt_status`), refund it
//! (`refund_receipt`).
//!
//! Calls carry the header `api-key`. Errors come as HTTP 4xx with
//! `{"result": null, "error": {"code", "message", "data"}}`.

mod config;
mod envelope;
mod receipt_status;
mod refund_receipt;
mod register_receipt;

pub use config::{PaylovConfig, PRODUCTION_BASE_URL, SANDBOX_BASE_URL};
pub use envelope::PaylovErrorCode;
pub use receipt_status::{
    build_receipt_status, parse_receipt_status, ReceiptStatus, ReceiptStatusInput, ReceiptStatusOutput,
};
pub use refund_receipt::{
    build_refund_receipt, parse_refund_receipt, RefundReceipt, RefundReceiptInput, RefundReceiptOutput,
};
pub use register_receipt::{
    build_register_receipt, parse_register_receipt, RegisterReceipt, RegisterReceiptInput, RegisterReceiptOutput,
    DEPRECATED_REGISTER_PATH, REGISTER_PATH,
};
