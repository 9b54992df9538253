//! VIA: a UZCARD/HUMO card payment confirmed with an SMS code.
//!
//! `confirm/pay` starts the payment and "sends" a 6-digit code to the card holder; the
//! sandbox's only "phone" is `GET /_sandbox/via/sms/{verifyId}`. `confirm/pay/verify`
//! with that code completes it. Every VIA call needs the `client-id` and
//! `client-secret` headers; errors are
//! `{"status": {"code", "message"}, "error": {"path", "message": {"uz", "ru", "en"}}}`.
//!
//! Card numbers are checked and then dropped: only the masked form (first 6,
//! `******`, last 4) is kept. A card ending in `0002` is refused by its "bank": the
//! payment ends `REJECT` at verify.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, MutexGuard};

use axum::body::Bytes;
use axum::extract::{Path, Query, Request, State};
use axum::http::{StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;
use serde_json::{json, Map, Value};

use crate::ids;
use crate::mutex::lock;
use crate::wire;

/// The `client-id` header the VIA emulation accepts.
pub const VIA_CLIENT_ID: &str = "sandbox-client";
/// The `client-secret` header the VIA emulation accepts.
pub const VIA_CLIENT_SECRET: &str = "sandbox-secret";
/// The only `merchantId` the VIA emulation knows.
pub const VIA_MERCHANT_ID: &str = "mrt_sandbox";

/// The last four digits of the card whose bank refuses every payment.
const DECLINED_CARD_SUFFIX: &str = "0002";
/// Transaction times are this epoch-millisecond base plus a minute per payment:
/// plausible and reproducible, no clock involved.
const BASE_TIME_MS: u64 = 1_700_000_000_000;
/// How long after creation a successful payment is paid.
const PAY_DELAY_MS: u64 = 15_000;
/// The processing's merchant and terminal of the sandbox merchant.
const EPOS_MERCHANT_ID: &str = "11111111111";
const EPOS_TERMINAL_ID: &str = "22222222";

const SALT_VERIFY_ID: u64 = 0x0071_A000_0000_0001;
const SALT_SMS: u64 = 0x0071_A000_0000_0002;
const SALT_PROCESSING: u64 = 0x0071_A000_0000_0003;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    /// Started, waiting for the SMS code.
    New,
    Success,
    Reject,
}

impl Status {
    fn as_str(self) -> &'static str {
        match self {
            Status::New => "NEW",
            Status::Success => "SUCCESS",
            Status::Reject => "REJECT",
        }
    }
}

/// A checked `confirm/pay` body, the card already masked.
struct NewPayment {
    external_id: String,
    amount: u64,
    masked_pan: String,
    /// `UZCARD` or `HUMO`.
    process: &'static str,
    declined: bool,
}

struct Payment {
    seq: u64,
    /// Also the transaction's id, as in VIA's examples.
    verify_id: String,
    card: NewPayment,
    /// The SMS code currently valid, and how many codes were sent before it.
    code: String,
    codes_sent: u64,
    status: Status,
    processing_id: Option<String>,
}

impl Payment {
    /// The transaction as `confirm/pay/verify` returns it.
    fn transaction(&self) -> Map<String, Value> {
        let created_at = BASE_TIME_MS + self.seq * 60_000;
        let payed_at = (self.status == Status::Success).then_some(created_at + PAY_DELAY_MS);
        wire::object(json!({
            "transactionId": self.verify_id,
            "processingTransactionId": self.processing_id,
            "merchantId": VIA_MERCHANT_ID,
            "amount": self.card.amount,
            "createdAt": created_at,
            "status": self.status.as_str(),
            "payedAt": payed_at,
            "fee": 0,
            "feePercent": 0.0,
            "currency": "UZS",
            "epos": {"merchantId": EPOS_MERCHANT_ID, "terminalId": EPOS_TERMINAL_ID},
        }))
    }

    /// A new SMS code, different from the one it replaces.
    fn send_code(&mut self) {
        loop {
            self.codes_sent += 1;
            let code = ids::digits(SALT_SMS ^ self.codes_sent, self.seq, 6);
            if code != self.code {
                self.code = code;
                return;
            }
        }
    }
}

/// Payments by `verifyId`, and the `externalId` index.
#[derive(Default)]
pub(crate) struct Ledger {
    payments: HashMap<String, Payment>,
    by_external: HashMap<String, String>,
}

impl Ledger {
    /// How many transactions are in each status.
    pub(crate) fn transactions_by_status(&self) -> BTreeMap<String, u64> {
        let mut counts = BTreeMap::new();
        for payment in self.payments.values() {
            *counts.entry(payment.status.as_str().to_owned()).or_insert(0) += 1;
        }
        counts
    }

    fn start(&mut self, card: NewPayment) -> String {
        let seq = self.payments.len() as u64 + 1;
        let verify_id = format!("trx_{}", ids::base62(SALT_VERIFY_ID, seq, 27));
        let mut payment = Payment {
            seq,
            verify_id: verify_id.clone(),
            card,
            code: String::new(),
            codes_sent: 0,
            status: Status::New,
            processing_id: None,
        };
        payment.send_code();
        self.by_external.insert(payment.card.external_id.clone(), verify_id.clone());
        self.payments.insert(verify_id.clone(), payment);
        verify_id
    }
}

/// The VIA emulation's state: its ledger, behind a lock of its own so the other
/// providers never wait on it.
#[derive(Default)]
pub(crate) struct Via {
    ledger: Mutex<Ledger>,
}

impl Via {
    /// Locks the ledger. Handlers update it and let go synchronously, never across an
    /// `.await`.
    pub(crate) fn ledger(&self) -> MutexGuard<'_, Ledger> {
        lock(&self.ledger)
    }
}

/// VIA's routes, relative to its prefix, over its own state.
pub(crate) fn router(via: Arc<Via>) -> Router {
    Router::new()
        .route("/partner/merchant/confirm/pay", post(pay))
        .route("/partner/merchant/confirm/pay/verify", post(verify))
        .route("/partner/merchant/pay/resend", post(resend))
        .route("/partner/transaction", get(transaction))
        .route_layer(middleware::from_fn(authorize))
        .with_state(via)
}

/// The sandbox-only "phone", outside VIA's prefix: where a test reads the SMS code.
pub(crate) fn sandbox_router(via: Arc<Via>) -> Router {
    Router::new().route("/_sandbox/via/sms/{verify_id}", get(sms)).with_state(via)
}

/// VIA's refusals.
enum Refusal {
    Unauthorized,
    /// A missing or malformed field.
    Invalid(&'static str),
    UnknownMerchant,
    InvalidPan,
    UnsupportedCard,
    InvalidExpiry,
    /// The `externalId` is already used by a different payment.
    ExternalIdReused,
    NotFound,
    InvalidCode,
    AlreadyConfirmed,
}

impl Refusal {
    fn answer(self, path: &str) -> Response {
        let (status, code, uz, ru, en) = match self {
            Refusal::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                "401",
                "Avtorizatsiyadan o'tilmadi".to_owned(),
                "Ошибка авторизации".to_owned(),
                "Invalid client credentials".to_owned(),
            ),
            Refusal::Invalid(field) => (
                StatusCode::BAD_REQUEST,
                "4000",
                format!("So'rov noto'g'ri: {field}"),
                format!("Неверный запрос: {field}"),
                format!("Invalid request: {field}"),
            ),
            Refusal::UnknownMerchant => (
                StatusCode::BAD_REQUEST,
                "4003",
                "Merchant topilmadi".to_owned(),
                "Мерчант не найден".to_owned(),
                "Merchant not found".to_owned(),
            ),
            Refusal::InvalidPan => (
                StatusCode::BAD_REQUEST,
                "4001",
                "Karta raqami noto'g'ri".to_owned(),
                "Неверный номер карты".to_owned(),
                "Invalid card number".to_owned(),
            ),
            Refusal::UnsupportedCard => (
                StatusCode::BAD_REQUEST,
                "4004",
                "Faqat UZCARD va HUMO kartalari qabul qilinadi".to_owned(),
                "Принимаются только карты UZCARD и HUMO".to_owned(),
                "Only UZCARD and HUMO cards are accepted".to_owned(),
            ),
            Refusal::InvalidExpiry => (
                StatusCode::BAD_REQUEST,
                "4002",
                "Karta amal qilish muddati noto'g'ri".to_owned(),
                "Неверный срок действия карты".to_owned(),
                "Invalid card expiry date".to_owned(),
            ),
            Refusal::ExternalIdReused => (
                StatusCode::BAD_REQUEST,
                "4005",
                "Bu externalId boshqa to'lovda ishlatilgan".to_owned(),
                "Этот externalId уже использован другим платежом".to_owned(),
                "This externalId is already used by another payment".to_owned(),
            ),
            Refusal::NotFound => (
                StatusCode::NOT_FOUND,
                "3014",
                "Tranzaksiya topilmadi".to_owned(),
                "Транзакция не найдена".to_owned(),
                "Transaction not found".to_owned(),
            ),
            Refusal::InvalidCode => (
                StatusCode::BAD_REQUEST,
                "3015",
                "Tasdiqlash kodi noto'g'ri".to_owned(),
                "Неверный код подтверждения".to_owned(),
                "Invalid verification code".to_owned(),
            ),
            Refusal::AlreadyConfirmed => (
                StatusCode::BAD_REQUEST,
                "3016",
                "To'lov allaqachon tasdiqlangan".to_owned(),
                "Платёж уже подтверждён".to_owned(),
                "The payment is already confirmed".to_owned(),
            ),
        };
        wire::json(
            status,
            json!({
                "status": {"code": code, "message": "Error while executing the request"},
                "error": {"path": path, "message": {"uz": uz, "ru": ru, "en": en}},
            }),
        )
    }
}

/// Refuses any call without the sandbox client id and secret.
async fn authorize(request: Request, next: Next) -> Response {
    let headers = request.headers();
    let header = |name: &str| headers.get(name).map(|v| v.as_bytes());
    let known = header("client-id") == Some(VIA_CLIENT_ID.as_bytes())
        && header("client-secret") == Some(VIA_CLIENT_SECRET.as_bytes());
    if known {
        next.run(request).await
    } else {
        Refusal::Unauthorized.answer(request.uri().path())
    }
}

async fn pay(State(via): State<Arc<Via>>, uri: Uri, body: Bytes) -> Response {
    let card = match read_pay(&body) {
        Ok(card) => card,
        Err(refusal) => return refusal.answer(uri.path()),
    };
    let mut ledger = via.ledger();
    // The same externalId for the same payment (a retry) is the same payment: the
    // card is not charged twice, and no new code is sent.
    let existing = ledger.by_external.get(&card.external_id).and_then(|id| ledger.payments.get(id));
    let verify_id = match existing {
        Some(p) if p.card.amount == card.amount && p.card.masked_pan == card.masked_pan => p.verify_id.clone(),
        Some(_) => return Refusal::ExternalIdReused.answer(uri.path()),
        None => ledger.start(card),
    };
    wire::json(StatusCode::OK, json!({ "verifyId": verify_id }))
}

async fn verify(State(via): State<Arc<Via>>, uri: Uri, body: Bytes) -> Response {
    let Some(body) = wire::json_object(&body) else {
        return Refusal::Invalid("body").answer(uri.path());
    };
    let Some(verify_id) = wire::text(&body, "verifyId") else {
        return Refusal::Invalid("verifyId").answer(uri.path());
    };
    let Some(code) = wire::text(&body, "verifyCode") else {
        return Refusal::Invalid("verifyCode").answer(uri.path());
    };
    let mut ledger = via.ledger();
    let Some(payment) = ledger.payments.get_mut(verify_id) else {
        return Refusal::NotFound.answer(uri.path());
    };
    if code != payment.code {
        return Refusal::InvalidCode.answer(uri.path());
    }
    // A verified payment verified again (a retry) is answered with the same
    // transaction: it is never charged twice.
    if payment.status == Status::New {
        payment.status = if payment.card.declined { Status::Reject } else { Status::Success };
        payment.processing_id = Some(ids::digits(SALT_PROCESSING, payment.seq, 12));
    }
    wire::json(StatusCode::OK, Value::Object(payment.transaction()))
}

async fn resend(State(via): State<Arc<Via>>, uri: Uri, body: Bytes) -> Response {
    let body = wire::json_object(&body).unwrap_or_default();
    let Some(verify_id) = wire::text(&body, "verifyId") else {
        return Refusal::Invalid("verifyId").answer(uri.path());
    };
    let mut ledger = via.ledger();
    let Some(payment) = ledger.payments.get_mut(verify_id) else {
        return Refusal::NotFound.answer(uri.path());
    };
    if payment.status != Status::New {
        return Refusal::AlreadyConfirmed.answer(uri.path());
    }
    payment.send_code();
    wire::json(StatusCode::OK, json!({ "verifyId": verify_id }))
}

#[derive(Deserialize)]
struct LookupQuery {
    #[serde(rename = "transactionId")]
    transaction_id: Option<String>,
    #[serde(rename = "externalId")]
    external_id: Option<String>,
}

async fn transaction(State(via): State<Arc<Via>>, uri: Uri, Query(query): Query<LookupQuery>) -> Response {
    let ledger = via.ledger();
    let verify_id = match (&query.transaction_id, &query.external_id) {
        (Some(id), _) => Some(id),
        (None, Some(external)) => ledger.by_external.get(external),
        (None, None) => return Refusal::Invalid("transactionId").answer(uri.path()),
    };
    let Some(payment) = verify_id.and_then(|id| ledger.payments.get(id)) else {
        return Refusal::NotFound.answer(uri.path());
    };
    let mut data = payment.transaction();
    data.insert("errorCode".into(), Value::Null);
    data.insert("errorMessage".into(), Value::Null);
    data.insert("refundedAmount".into(), json!(0));
    data.insert("process".into(), json!(payment.card.process));
    wire::json(StatusCode::OK, json!({ "data": data }))
}

async fn sms(State(via): State<Arc<Via>>, uri: Uri, Path(verify_id): Path<String>) -> Response {
    match via.ledger().payments.get(&verify_id) {
        Some(payment) => wire::json(StatusCode::OK, json!({ "verifyCode": payment.code })),
        None => Refusal::NotFound.answer(uri.path()),
    }
}

/// Checks a `confirm/pay` body. The full card number lives only in `body` and is
/// dropped when this returns.
fn read_pay(body: &[u8]) -> Result<NewPayment, Refusal> {
    let body = wire::json_object(body).ok_or(Refusal::Invalid("body"))?;
    let merchant_id = wire::text(&body, "merchantId").ok_or(Refusal::Invalid("merchantId"))?;
    if merchant_id != VIA_MERCHANT_ID {
        return Err(Refusal::UnknownMerchant);
    }
    let external_id = wire::text(&body, "externalId").ok_or(Refusal::Invalid("externalId"))?;
    let amount = body.get("amount").and_then(Value::as_u64).filter(|a| *a > 0).ok_or(Refusal::Invalid("amount"))?;
    if body.get("currency").and_then(Value::as_str) != Some("UZS") {
        return Err(Refusal::Invalid("currency"));
    }
    if body.get("note").is_some_and(|n| !n.is_string() && !n.is_null()) {
        return Err(Refusal::Invalid("note"));
    }
    let card = body.get("card").and_then(Value::as_object).ok_or(Refusal::Invalid("card"))?;
    let pan = card.get("pan").and_then(Value::as_str).unwrap_or_default();
    if pan.len() != 16 || !pan.bytes().all(|b| b.is_ascii_digit()) || !luhn(pan) {
        return Err(Refusal::InvalidPan);
    }
    let process = match pan.get(..4) {
        Some("8600") => "UZCARD",
        Some("9860") => "HUMO",
        _ => return Err(Refusal::UnsupportedCard),
    };
    let expiry = card.get("expiry").and_then(Value::as_str).unwrap_or_default();
    if !valid_expiry(expiry) {
        return Err(Refusal::InvalidExpiry);
    }
    Ok(NewPayment {
        external_id: external_id.to_owned(),
        amount,
        masked_pan: mask(pan),
        process,
        declined: pan.ends_with(DECLINED_CARD_SUFFIX),
    })
}

/// The Luhn check digit test every card number passes.
fn luhn(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            match (i % 2 == 1, d * 2) {
                (false, _) => d,
                (true, doubled) if doubled > 9 => doubled - 9,
                (true, doubled) => doubled,
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// `MMYY` with a real month. Whether the card has expired is not checked: that
/// would need the clock.
fn valid_expiry(expiry: &str) -> bool {
    expiry.len() == 4
        && expiry.bytes().all(|b| b.is_ascii_digit())
        && expiry.get(..2).and_then(|m| m.parse::<u8>().ok()).is_some_and(|month| (1..=12).contains(&month))
}

/// `860012******1234`: what may be kept of a card number.
fn mask(pan: &str) -> String {
    let first = pan.get(..6).unwrap_or_default();
    let last = pan.get(pan.len().saturating_sub(4)..).unwrap_or_default();
    format!("{first}******{last}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_and_mask() {
        assert!(luhn("8600123412341239"));
        assert!(!luhn("8600123412341234"));
        assert_eq!(mask("8600123412341239"), "860012******1239");
    }

    #[test]
    fn expiry() {
        assert!(valid_expiry("0129"));
        assert!(valid_expiry("1230"));
        assert!(!valid_expiry("1329"));
        assert!(!valid_expiry("0029"));
        assert!(!valid_expiry("129"));
        assert!(!valid_expiry("12/9"));
    }
}
