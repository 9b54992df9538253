//! Paylov's fiscalization API: register the fiscal receipt of a card payment
//! (`transactionId`) or a cash payment (`externalId` + `phoneNumber`), read it back,
//! refund it.
//!
//! Every call needs the `api-key` header. Errors are HTTP 400 with
//! `{"result": null, "error": {"code", "message", "data"}}`.
//!
//! The rule that matters most: one payment, at most one receipt. A second register
//! for the same payment is refused with `ofd_check_already_generated` and creates
//! nothing, so a client that retries a register it did not hear back from can never
//! double a receipt.

use std::collections::HashSet;
use std::sync::{Arc, Mutex, MutexGuard};

use axum::body::Bytes;
use axum::extract::{Query, Request, State};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;
use serde_json::{json, Map, Value};

use crate::ids;
use crate::mutex::lock;
use crate::wire;

/// The api key the Paylov emulation accepts in the `api-key` header.
pub const PAYLOV_API_KEY: &str = "sandbox-paylov-key";

/// The virtual cash register every sandbox receipt is printed on.
const TERMINAL_ID: &str = "UZ170703100597";
/// Receipt numbers start above this.
const FIRST_RECEIPT_ID: u64 = 1000;
/// The day every sandbox receipt is dated (the time of day comes from the receipt
/// number), so receipt URLs carry a real date without reading the clock.
const RECEIPT_DATE: &str = "20240104";

const SALT_FISCAL_SIGN: u64 = 0x9A11_0F00_0000_0001;

/// The payment a receipt belongs to: card and cash ids live in separate spaces.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum PaymentId {
    Transaction(String),
    External(String),
}

struct Receipt {
    payment: PaymentId,
    receipt_id: u64,
    fiscal_sign: String,
    url: String,
    refunded: bool,
}

/// Every receipt ever registered, in order.
#[derive(Default)]
pub(crate) struct Ledger {
    receipts: Vec<Receipt>,
}

impl Ledger {
    /// Receipts registered.
    pub(crate) fn receipts(&self) -> u64 {
        self.receipts.len() as u64
    }

    /// Receipts beyond the first of their payment. Recounted from the receipts
    /// themselves, not from an index, so it would show a bug in `register`: must
    /// stay 0.
    pub(crate) fn duplicate_receipts(&self) -> u64 {
        let payments: HashSet<&PaymentId> = self.receipts.iter().map(|r| &r.payment).collect();
        (self.receipts.len() - payments.len()) as u64
    }

    /// Receipts refunded.
    pub(crate) fn refunds(&self) -> u64 {
        self.receipts.iter().filter(|r| r.refunded).count() as u64
    }

    fn find(&self, payment: &PaymentId) -> Option<&Receipt> {
        self.receipts.iter().find(|r| &r.payment == payment)
    }

    /// Registers a receipt, unless the payment already has one; returns its `ofd`.
    fn register(&mut self, payment: PaymentId) -> Result<Map<String, Value>, Refusal> {
        if let Some(existing) = self.find(&payment) {
            return Err(Refusal::new(
                "ofd_check_already_generated",
                "Fiscal receipt has already been generated for this payment",
            )
            .with_data(json!({ "receiptId": existing.receipt_id })));
        }
        let n = self.receipts.len() as u64 + 1;
        let receipt_id = FIRST_RECEIPT_ID + n;
        let fiscal_sign = ids::digits(SALT_FISCAL_SIGN, n, 12);
        // 12:00:00 plus one second per receipt, wrapping within the day.
        let seconds = (12 * 3600 + n) % 86_400;
        let time = format!("{:02}{:02}{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60);
        let url =
            format!("https://ofd.soliq.uz/check?t={TERMINAL_ID}&r={receipt_id}&c={RECEIPT_DATE}{time}&s={fiscal_sign}");
        let receipt = Receipt { payment, receipt_id, fiscal_sign, url, refunded: false };
        let ofd = receipt.ofd();
        self.receipts.push(receipt);
        Ok(ofd)
    }
}

impl Receipt {
    /// The receipt as the register call describes it.
    fn ofd(&self) -> Map<String, Value> {
        wire::object(json!({
            "receiptUrl": self.url,
            "terminalId": TERMINAL_ID,
            "receiptId": self.receipt_id,
            "fiscalSign": self.fiscal_sign,
        }))
    }
}

/// The Paylov emulation's state: its ledger, behind a lock of its own so the other
/// providers never wait on it.
#[derive(Default)]
pub(crate) struct Paylov {
    ledger: Mutex<Ledger>,
}

impl Paylov {
    /// Locks the ledger. Handlers update it and let go synchronously, never across an
    /// `.await`.
    pub(crate) fn ledger(&self) -> MutexGuard<'_, Ledger> {
        lock(&self.ledger)
    }
}

/// Paylov's routes, relative to its prefix, over its own state.
pub(crate) fn router(paylov: Arc<Paylov>) -> Router {
    Router::new()
        .route("/merchant/fiscalization/register/", post(register))
        .route("/merchant/registerFiscalReceipt/", post(register))
        .route("/merchant/fiscalization/status/", get(status))
        .route("/merchant/fiscalization/refund/", post(refund))
        .route_layer(middleware::from_fn(authorize))
        .with_state(paylov)
}

/// Refuses any call without the sandbox api key.
async fn authorize(request: Request, next: Next) -> Response {
    let key = request.headers().get("api-key").map(|v| v.as_bytes());
    if key == Some(PAYLOV_API_KEY.as_bytes()) {
        return next.run(request).await;
    }
    wire::json(
        StatusCode::UNAUTHORIZED,
        json!({
            "result": null,
            "error": {"code": "permission_denied", "message": "Invalid api key"},
        }),
    )
}

async fn register(State(paylov): State<Arc<Paylov>>, body: Bytes) -> Response {
    let payment = match read_register(&body) {
        Ok(payment) => payment,
        Err(refusal) => return refusal.answer(),
    };
    let registered = paylov.ledger().register(payment);
    match registered {
        Ok(ofd) => wire::json(StatusCode::OK, json!({"result": {"ofd": ofd}})),
        Err(refusal) => refusal.answer(),
    }
}

#[derive(Deserialize)]
struct StatusQuery {
    #[serde(rename = "transactionId")]
    transaction_id: Option<String>,
    #[serde(rename = "externalId")]
    external_id: Option<String>,
}

async fn status(State(paylov): State<Arc<Paylov>>, Query(query): Query<StatusQuery>) -> Response {
    let payment = match (query.transaction_id, query.external_id) {
        (Some(id), _) if !id.is_empty() => PaymentId::Transaction(id),
        (_, Some(id)) if !id.is_empty() => PaymentId::External(id),
        _ => return Refusal::field_required("transactionId").answer(),
    };
    let ledger = paylov.ledger();
    let Some(receipt) = ledger.find(&payment) else {
        return Refusal::new("fiscal_receipt_not_generated", "Fiscal receipt has not been generated").answer();
    };
    let mut result = Map::new();
    result.insert("success".into(), Value::Bool(true));
    result.insert("isRefund".into(), Value::Bool(receipt.refunded));
    result.extend(receipt.ofd());
    wire::json(StatusCode::OK, json!({ "result": result }))
}

async fn refund(State(paylov): State<Arc<Paylov>>, body: Bytes) -> Response {
    let receipt_id = match wire::json_object(&body).as_ref().map(|b| b.get("receiptId")) {
        None => return Refusal::validation().answer(),
        Some(None | Some(Value::Null)) => return Refusal::field_required("receiptId").answer(),
        Some(Some(id)) => id.as_u64(),
    };
    let mut ledger = paylov.ledger();
    let receipt = ledger.receipts.iter_mut().find(|r| Some(r.receipt_id) == receipt_id && !r.refunded);
    let Some(receipt) = receipt else {
        return Refusal::new("receipt_not_available_for_operation", "Receipt is not available for this operation")
            .answer();
    };
    receipt.refunded = true;
    wire::json(StatusCode::OK, json!({"result": {"success": true}}))
}

/// A Paylov error answer.
struct Refusal {
    code: &'static str,
    message: String,
    data: Value,
}

impl Refusal {
    fn new(code: &'static str, message: impl Into<String>) -> Self {
        Refusal { code, message: message.into(), data: Value::Null }
    }

    fn with_data(self, data: Value) -> Self {
        Refusal { data, ..self }
    }

    fn field_required(field: &str) -> Self {
        Refusal::new("field_required", "Field required").with_data(json!({ "field": field }))
    }

    fn validation() -> Self {
        Refusal::new("validation_error", "The body must be a JSON object")
    }

    fn invalid_amount(field: &str) -> Self {
        Refusal::new("invalid_amount", "Invalid amount").with_data(json!({ "field": field }))
    }

    fn answer(self) -> Response {
        wire::json(
            StatusCode::BAD_REQUEST,
            json!({
                "result": null,
                "error": {"code": self.code, "message": self.message, "data": self.data},
            }),
        )
    }
}

/// Checks a register body and returns the payment it is for.
fn read_register(body: &[u8]) -> Result<PaymentId, Refusal> {
    let body = wire::json_object(body).ok_or_else(Refusal::validation)?;
    let payment = if let Some(id) = wire::text(&body, "transactionId") {
        PaymentId::Transaction(id.to_owned())
    } else if let Some(id) = wire::text(&body, "externalId") {
        // A cash receipt goes to the buyer's phone.
        wire::text(&body, "phoneNumber").ok_or_else(|| Refusal::field_required("phoneNumber"))?;
        PaymentId::External(id.to_owned())
    } else {
        return Err(Refusal::field_required("transactionId"));
    };
    let items = body
        .get("items")
        .and_then(Value::as_array)
        .filter(|items| !items.is_empty())
        .ok_or_else(|| Refusal::field_required("items"))?;
    for (i, item) in items.iter().enumerate() {
        check_item(i, item.as_object())?;
    }
    Ok(payment)
}

/// One receipt line: the fields the OFD needs, and an amount that is not negative.
fn check_item(i: usize, item: Option<&Map<String, Value>>) -> Result<(), Refusal> {
    let Some(item) = item else {
        return Err(Refusal::field_required(&format!("items[{i}]")));
    };
    let field = |name: &str| format!("items[{i}].{name}");
    for name in ["title", "code", "package_code"] {
        wire::text(item, name).ok_or_else(|| Refusal::field_required(&field(name)))?;
    }
    if wire::text(item, "pinfl").is_none() && wire::text(item, "tin").is_none() {
        return Err(Refusal::field_required(&field("tin")));
    }
    let number = |name: &str| {
        item.get(name)
            .ok_or_else(|| Refusal::field_required(&field(name)))?
            .as_u64()
            .ok_or_else(|| Refusal::invalid_amount(&field(name)))
    };
    let price = number("price")?;
    let count = number("count")?;
    number("vat_percent")?;
    let discount = match item.get("discount") {
        None | Some(Value::Null) => 0,
        Some(_) => number("discount")?,
    };
    if count == 0 {
        return Err(Refusal::invalid_amount(&field("count")));
    }
    if price.checked_mul(count).is_none_or(|gross| discount > gross) {
        return Err(Refusal::invalid_amount(&field("discount")));
    }
    Ok(())
}
