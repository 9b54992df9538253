//! FiscalBox: charge a Click or Anor payment QR, then attach the fiscal receipt's QR
//! to the payment (`*_confirm`).
//!
//! No credentials. Every answer is the envelope `{data, error, is_success}` with HTTP
//! 200, business errors included: a failed confirmation is even `is_success: true`
//! with the failure inside `data`, as the real service does.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::post;
use axum::Router;
use serde_json::{json, Map, Value};

use crate::ids;
use crate::mutex::lock;
use crate::wire;

/// The merchant's INN the fiscal module reports.
const INN: &str = "310100000";
/// The customer's phone the payment services report.
const PHONE: &str = "998901234567";
/// The masked card Anor reports.
const ANOR_CARD: &str = "860012******1234";
/// Click payment ids are numbers of this size.
const FIRST_PAYMENT_ID: u64 = 4_710_100_000;

const SALT_TRANSACTION: u64 = 0x0F15_CA1B_0000_0001;

/// One charged payment (Click or Anor).
struct Payment {
    payment_id: u64,
    transaction_id: String,
    /// The receipt QR it was confirmed with; a payment is fiscalized at most once.
    receipt_qr: Option<String>,
}

/// FiscalBox's payments, Click ones by `payment_id`, Anor ones by `transaction_id`
/// (the id each confirm call names).
#[derive(Default)]
pub(crate) struct Ledger {
    created: u64,
    click: HashMap<String, Payment>,
    anor: HashMap<String, Payment>,
}

impl Ledger {
    /// Payments charged, Click and Anor.
    pub(crate) fn payments(&self) -> u64 {
        self.created
    }

    /// Payments fiscalized (each counts once, however often it was confirmed).
    pub(crate) fn confirmations(&self) -> u64 {
        let confirmed = self.click.values().chain(self.anor.values());
        confirmed.filter(|p| p.receipt_qr.is_some()).count() as u64
    }

    fn charge(&mut self) -> Payment {
        self.created += 1;
        Payment {
            payment_id: FIRST_PAYMENT_ID + self.created,
            transaction_id: ids::uuid(SALT_TRANSACTION, self.created),
            receipt_qr: None,
        }
    }
}

/// What a second confirmation of the same payment gets.
enum Confirm {
    /// First confirmation, or the same receipt again (a retry): success.
    Done,
    /// The payment is unknown.
    NotFound,
    /// It was already fiscalized with another receipt.
    AlreadyFiscalized,
}

fn confirm(payment: Option<&mut Payment>, qr_code: &str) -> Confirm {
    let Some(payment) = payment else {
        return Confirm::NotFound;
    };
    match &payment.receipt_qr {
        Some(done) if done != qr_code => Confirm::AlreadyFiscalized,
        Some(_) => Confirm::Done,
        None => {
            payment.receipt_qr = Some(qr_code.to_owned());
            Confirm::Done
        }
    }
}

/// The FiscalBox emulation's state: its ledger, behind a lock of its own so the other
/// providers never wait on it.
#[derive(Default)]
pub(crate) struct FiscalBox {
    ledger: Mutex<Ledger>,
}

impl FiscalBox {
    /// Locks the ledger. Handlers update it and let go synchronously, never across an
    /// `.await`.
    pub(crate) fn ledger(&self) -> MutexGuard<'_, Ledger> {
        lock(&self.ledger)
    }
}

/// FiscalBox's routes, relative to its prefix, over its own state.
pub(crate) fn router(fiscalbox: Arc<FiscalBox>) -> Router {
    Router::new()
        .route("/payment/click", post(click))
        .route("/payment/click_confirm", post(click_confirm))
        .route("/payment/anor", post(anor))
        .route("/payment/anor_confirm", post(anor_confirm))
        .with_state(fiscalbox)
}

async fn click(State(fiscalbox): State<Arc<FiscalBox>>, body: Bytes) -> Response {
    let (amount, qr_code) = match read(&body, |b| Ok((amount(b)?, text(b, "qr_code")?))) {
        Ok(fields) => fields,
        Err(refusal) => return refusal.answer(),
    };
    let mut ledger = fiscalbox.ledger();
    let payment = ledger.charge();
    let payment_id = payment.payment_id.to_string();
    let data = json!({
        "status_code": 0,
        "status": "success",
        "message": "Payment created",
        "amount": amount,
        "payment_id": payment_id,
        "transaction_id": payment.transaction_id,
        "qr_code": qr_code,
        "client_phone_number": PHONE,
    });
    ledger.click.insert(payment_id, payment);
    success(data)
}

async fn click_confirm(State(fiscalbox): State<Arc<FiscalBox>>, body: Bytes) -> Response {
    let (payment_id, qr_code) = match read(&body, |b| Ok((id(b, "payment_id")?, text(b, "qr_code")?))) {
        Ok(fields) => fields,
        Err(refusal) => return refusal.answer(),
    };
    let outcome = confirm(fiscalbox.ledger().click.get_mut(&payment_id), &qr_code);
    let (status, error) = match outcome {
        Confirm::Done => ("successfully", None),
        Confirm::NotFound => ("failed", Some("Payment not found")),
        Confirm::AlreadyFiscalized => ("failed", Some("The payment is already fiscalized")),
    };
    success(json!({
        "inn": INN,
        "payment_id": payment_id,
        "qr_code": qr_code,
        "status": status,
        "error": error,
    }))
}

async fn anor(State(fiscalbox): State<Arc<FiscalBox>>, body: Bytes) -> Response {
    // Neither the amount nor Anor's own QR is needed later: only checked.
    if let Err(refusal) = read(&body, |b| amount(b).and(anor_qr(b))) {
        return refusal.answer();
    }
    let mut ledger = fiscalbox.ledger();
    let payment = ledger.charge();
    let data = json!({
        "transaction_id": payment.transaction_id,
        "status": "success",
        "message": "ok",
        "error_code": 0,
        "payment_id": payment.payment_id.to_string(),
        "error_note": null,
        "payment_status": 2,
        "phone_number": PHONE,
        "card_number": ANOR_CARD,
    });
    ledger.anor.insert(payment.transaction_id.clone(), payment);
    success(data)
}

async fn anor_confirm(State(fiscalbox): State<Arc<FiscalBox>>, body: Bytes) -> Response {
    let (transaction_id, qr_code) = match read(&body, |b| Ok((id(b, "transaction_id")?, text(b, "qr_code")?))) {
        Ok(fields) => fields,
        Err(refusal) => return refusal.answer(),
    };
    let mut ledger = fiscalbox.ledger();
    let payment = ledger.anor.get_mut(&transaction_id);
    let payment_id = payment.as_ref().map_or(0, |p| p.payment_id);
    let (error_code, message) = match confirm(payment, &qr_code) {
        Confirm::Done => (0, "Fiscalization completed successfully"),
        Confirm::NotFound => (-4, "Transaction not found"),
        Confirm::AlreadyFiscalized => (-5, "Already fiscalized"),
    };
    drop(ledger);
    success(json!({
        "message": message,
        "error_code": error_code,
        "payment_id": payment_id,
        "transaction_id": transaction_id,
    }))
}

fn success(data: Value) -> Response {
    wire::json(StatusCode::OK, json!({"data": data, "error": null, "is_success": true}))
}

/// Why a request body was refused, in FiscalBox's two flavours.
enum Refusal {
    /// Code 105: a required field is absent.
    Missing(&'static str),
    /// Code 7: field errors, sent as a JSON-encoded string (Django REST style).
    Invalid(&'static str, &'static str),
}

impl Refusal {
    fn answer(self) -> Response {
        let (code, message, data) = match self {
            Refusal::Missing(field) => (105, format!("{field} is required"), json!({ "field": field })),
            Refusal::Invalid(field, problem) => (7, json!({ field: [problem] }).to_string(), Value::Null),
        };
        let error = json!({"code": code, "message": message, "data": data});
        wire::json(StatusCode::OK, json!({"data": null, "error": error, "is_success": false}))
    }
}

type Body = Map<String, Value>;

/// Reads the body as a JSON object and picks its fields.
fn read<T>(body: &[u8], fields: impl FnOnce(&Body) -> Result<T, Refusal>) -> Result<T, Refusal> {
    let body =
        wire::json_object(body).ok_or(Refusal::Invalid("non_field_errors", "Invalid data. Expected a dictionary."))?;
    fields(&body)
}

fn present<'a>(body: &'a Body, field: &'static str) -> Result<&'a Value, Refusal> {
    match body.get(field) {
        None | Some(Value::Null) => Err(Refusal::Missing(field)),
        Some(value) => Ok(value),
    }
}

/// Whole som, at least 1.
fn amount(body: &Body) -> Result<u64, Refusal> {
    let amount = present(body, "amount")?.as_u64().ok_or(Refusal::Invalid("amount", "A valid integer is required."))?;
    if amount == 0 {
        return Err(Refusal::Invalid("amount", "Ensure this value is greater than or equal to 1."));
    }
    Ok(amount)
}

/// A non-blank string.
fn text(body: &Body, field: &'static str) -> Result<String, Refusal> {
    match present(body, field)? {
        Value::String(s) if s.trim().is_empty() => Err(Refusal::Invalid(field, "This field may not be blank.")),
        Value::String(s) => Ok(s.clone()),
        _ => Err(Refusal::Invalid(field, "Not a valid string.")),
    }
}

/// An id, which FiscalBox also takes as a JSON number.
fn id(body: &Body, field: &'static str) -> Result<String, Refusal> {
    match present(body, field)? {
        Value::Number(n) => Ok(n.to_string()),
        _ => text(body, field),
    }
}

/// Anor's payment QR: exactly 20 digits.
fn anor_qr(body: &Body) -> Result<String, Refusal> {
    let qr = text(body, "qr_code")?;
    if qr.len() != 20 || !qr.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Refusal::Invalid("qr_code", "Ensure this field has exactly 20 digits."));
    }
    Ok(qr)
}
