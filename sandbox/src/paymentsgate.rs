//! PaymentsGate: get a token, create a oneclick payin deal, poll its credentials and
//! its status.
//!
//! `/deals*` need `Authorization: Bearer <access token>`. Errors come with a status
//! above 302 as `{error, message, details, statusCode}`.
//!
//! Scripted behaviour, so the SDK's polling and idempotency can be exercised:
//! - `invoiceId` is the idempotency key: the same invoice again is the same deal;
//! - the first two credentials calls of a deal answer `ERROR_CREDENTIALS_NOT_FOUND`
//!   (still searching), the third serves them and the deal becomes `pending`;
//! - after that, each `GET /deals/{id}` moves it one step: `paid`, then `completed`;
//! - an `invoiceId` starting with `cancel` makes a deal that is `canceled` from the
//!   start.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard};

use axum::body::Bytes;
use axum::extract::{Path, Request, State};
use axum::http::header::AUTHORIZATION;
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Number, Value};

use crate::ids;
use crate::mutex::lock;
use crate::wire;

/// The `account_id` the PaymentsGate emulation accepts at `POST /auth/token`.
pub const PAYMENTSGATE_ACCOUNT_ID: &str = "sandbox-account";
/// The `public_key` the PaymentsGate emulation accepts at `POST /auth/token`.
pub const PAYMENTSGATE_PUBLIC_KEY: &str = "sandbox-public-key";

/// Token lifetime announced; the sandbox never expires tokens.
const EXPIRES_IN: u64 = 3600;
/// Credentials calls answered "not found yet" before the credentials are served.
const SEARCHING_CALLS: u32 = 2;
/// Invoice ids with this prefix make a cancelled deal.
const CANCEL_PREFIX: &str = "cancel";
/// Payment page languages.
const LANGS: [&str; 3] = ["EN", "UZ", "RU"];

const SALT_ACCESS: u64 = 0x9A7E_0000_0000_00A1;
const SALT_REFRESH: u64 = 0x9A7E_0000_0000_00B2;
const SALT_DEAL: u64 = 0x9A7E_0000_0000_00C3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    New,
    Pending,
    Paid,
    Completed,
    Canceled,
}

impl Status {
    fn as_str(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Pending => "pending",
            Status::Paid => "paid",
            Status::Completed => "completed",
            Status::Canceled => "canceled",
        }
    }
}

struct Deal {
    id: String,
    invoice_id: String,
    /// The amount as sent, echoed back as is.
    amount: Number,
    /// The same in hundredths, to compare a repeated invoice's amount exactly.
    cents: u64,
    status: Status,
    credentials_calls: u32,
    credentials_served: bool,
}

impl Deal {
    fn url(&self, origin: &str) -> String {
        format!("{origin}/paymentsgate/pay/{}", self.id)
    }

    /// After the credentials were served, each status read moves the deal on.
    fn advance(&mut self) {
        if !self.credentials_served {
            return;
        }
        self.status = match self.status {
            Status::Pending => Status::Paid,
            Status::Paid | Status::Completed => Status::Completed,
            other => other,
        };
    }
}

/// Tokens and deals.
#[derive(Default)]
pub(crate) struct Ledger {
    issued: u64,
    access_tokens: HashSet<String>,
    refresh_tokens: HashSet<String>,
    deals: HashMap<String, Deal>,
    by_invoice: HashMap<String, String>,
}

impl Ledger {
    /// How many deals are in each status.
    pub(crate) fn deals_by_status(&self) -> BTreeMap<String, u64> {
        let mut counts = BTreeMap::new();
        for deal in self.deals.values() {
            *counts.entry(deal.status.as_str().to_owned()).or_insert(0) += 1;
        }
        counts
    }

    fn new_access_token(&mut self) -> String {
        self.issued += 1;
        let token = format!("sbx_at_{}", ids::hex128(SALT_ACCESS, self.issued));
        self.access_tokens.insert(token.clone());
        token
    }

    fn new_refresh_token(&mut self) -> String {
        self.issued += 1;
        let token = format!("sbx_rt_{}", ids::hex128(SALT_REFRESH, self.issued));
        self.refresh_tokens.insert(token.clone());
        token
    }
}

/// The PaymentsGate emulation's state: its ledger, behind a lock of its own so the
/// other providers never wait on it, and the origin its payment page URLs start with.
pub(crate) struct PaymentsGate {
    /// `http://127.0.0.1:PORT`, for the deals' `url` (the sandbox's own payment page).
    origin: String,
    ledger: Mutex<Ledger>,
}

impl PaymentsGate {
    pub(crate) fn new(origin: String) -> Self {
        PaymentsGate { origin, ledger: Mutex::default() }
    }

    /// Locks the ledger. Handlers update it and let go synchronously, never across an
    /// `.await`.
    pub(crate) fn ledger(&self) -> MutexGuard<'_, Ledger> {
        lock(&self.ledger)
    }
}

/// PaymentsGate's routes, relative to its prefix, over its own state.
pub(crate) fn router(paymentsgate: Arc<PaymentsGate>) -> Router {
    let deals = Router::new()
        .route("/deals/payin", post(payin))
        .route("/deals/{id}", get(deal))
        .route("/deals/{id}/credentials", get(credentials))
        .route_layer(middleware::from_fn_with_state(Arc::clone(&paymentsgate), authorize));
    Router::new()
        .route("/auth/token", post(token))
        .route("/auth/token/refresh", post(refresh))
        .route("/pay/{id}", get(payment_page))
        .merge(deals)
        .with_state(paymentsgate)
}

fn error(status: StatusCode, code: &str, message: impl Into<Value>) -> Response {
    wire::json(
        status,
        json!({
            "error": code,
            "message": message.into(),
            "details": null,
            "statusCode": status.as_u16(),
        }),
    )
}

fn unauthorized(message: &str) -> Response {
    error(StatusCode::UNAUTHORIZED, "ERROR_UNAUTHORIZED", message)
}

/// Refuses `/deals*` without a bearer token the sandbox issued.
async fn authorize(State(paymentsgate): State<Arc<PaymentsGate>>, request: Request, next: Next) -> Response {
    let token =
        request.headers().get(AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
    let known = token.is_some_and(|t| paymentsgate.ledger().access_tokens.contains(t));
    if known {
        next.run(request).await
    } else {
        unauthorized("Invalid token")
    }
}

async fn token(State(paymentsgate): State<Arc<PaymentsGate>>, body: Bytes) -> Response {
    let body = wire::json_object(&body).unwrap_or_default();
    let valid = wire::text(&body, "account_id") == Some(PAYMENTSGATE_ACCOUNT_ID)
        && wire::text(&body, "public_key") == Some(PAYMENTSGATE_PUBLIC_KEY);
    if !valid {
        return unauthorized("Invalid account credentials");
    }
    let mut ledger = paymentsgate.ledger();
    let access_token = ledger.new_access_token();
    let refresh_token = ledger.new_refresh_token();
    tokens(access_token, refresh_token)
}

async fn refresh(State(paymentsgate): State<Arc<PaymentsGate>>, body: Bytes) -> Response {
    let body = wire::json_object(&body).unwrap_or_default();
    let Some(refresh_token) = wire::text(&body, "refresh_token") else {
        return unauthorized("Invalid refresh token");
    };
    let mut ledger = paymentsgate.ledger();
    if !ledger.refresh_tokens.contains(refresh_token) {
        return unauthorized("Invalid refresh token");
    }
    // A new access token; the refresh token stays valid (and earlier access tokens
    // too: the sandbox does not expire tokens).
    let access_token = ledger.new_access_token();
    tokens(access_token, refresh_token.to_owned())
}

fn tokens(access_token: String, refresh_token: String) -> Response {
    wire::json(
        StatusCode::OK,
        json!({
            "access_token": access_token,
            "refresh_token": refresh_token,
            "expires_in": EXPIRES_IN,
        }),
    )
}

/// A checked payin body.
struct Payin {
    amount: Number,
    cents: u64,
    invoice_id: String,
}

async fn payin(State(paymentsgate): State<Arc<PaymentsGate>>, body: Bytes) -> Response {
    let payin = match read_payin(&body) {
        Ok(payin) => payin,
        Err(messages) => return error(StatusCode::BAD_REQUEST, "ERROR_VALIDATION", messages),
    };
    let mut ledger = paymentsgate.ledger();
    // The idempotency key: the same invoice is the same deal, never a second one.
    if let Some(deal) = ledger.by_invoice.get(&payin.invoice_id).and_then(|id| ledger.deals.get(id)) {
        if deal.cents != payin.cents {
            return error(
                StatusCode::CONFLICT,
                "ERROR_DUPLICATE_INVOICE",
                "Deal with this invoiceId already exists with another amount",
            );
        }
        return created(StatusCode::OK, deal, &paymentsgate.origin);
    }
    let n = ledger.deals.len() as u64 + 1;
    let status = if payin.invoice_id.starts_with(CANCEL_PREFIX) { Status::Canceled } else { Status::New };
    let deal = Deal {
        // 24 hex digits, the shape of PaymentsGate's (MongoDB) ids.
        id: format!("{:08x}{:016x}", 0x6632_f6b2_u32, ids::mix(SALT_DEAL, n)),
        invoice_id: payin.invoice_id,
        amount: payin.amount,
        cents: payin.cents,
        status,
        credentials_calls: 0,
        credentials_served: false,
    };
    let response = created(StatusCode::CREATED, &deal, &paymentsgate.origin);
    ledger.by_invoice.insert(deal.invoice_id.clone(), deal.id.clone());
    ledger.deals.insert(deal.id.clone(), deal);
    response
}

fn created(status: StatusCode, deal: &Deal, origin: &str) -> Response {
    wire::json(
        status,
        json!({
            "id": deal.id,
            "status": deal.status.as_str(),
            "type": "oneclick",
            "url": deal.url(origin),
        }),
    )
}

async fn deal(State(paymentsgate): State<Arc<PaymentsGate>>, Path(id): Path<String>) -> Response {
    let mut ledger = paymentsgate.ledger();
    let Some(deal) = ledger.deals.get_mut(&id) else {
        return deal_not_found();
    };
    deal.advance();
    wire::json(
        StatusCode::OK,
        json!({
            "id": deal.id,
            "status": deal.status.as_str(),
            "type": "oneclick",
            "url": deal.url(&paymentsgate.origin),
            "amount": deal.amount,
            "currency": "UZS",
            "invoiceId": deal.invoice_id,
        }),
    )
}

async fn credentials(State(paymentsgate): State<Arc<PaymentsGate>>, Path(id): Path<String>) -> Response {
    let mut ledger = paymentsgate.ledger();
    let Some(deal) = ledger.deals.get_mut(&id) else {
        return deal_not_found();
    };
    if deal.status == Status::Canceled {
        return error(StatusCode::BAD_REQUEST, "DEAL_CANCELED", "Deal is canceled");
    }
    deal.credentials_calls += 1;
    if deal.credentials_calls <= SEARCHING_CALLS {
        return error(
            StatusCode::NOT_FOUND,
            "ERROR_CREDENTIALS_NOT_FOUND",
            "Credentials are not assigned yet, try again later",
        );
    }
    deal.credentials_served = true;
    if deal.status == Status::New {
        deal.status = Status::Pending;
    }
    wire::json(StatusCode::OK, credentials_body())
}

fn deal_not_found() -> Response {
    error(StatusCode::NOT_FOUND, "ERROR_DEAL_NOT_FOUND", "Deal not found")
}

/// The documented host-to-host credentials (the SDK's test vector), for every deal.
fn credentials_body() -> Value {
    json!({
        "account_number": "2194872384782748",
        "account_owner": "name of customer",
        "account_iban": "",
        "account_phone": "",
        "currency": {
            "_id": "57f8bb3c-3dca-40f8-be36-2d6705e448f4",
            "type": "FIAT",
            "code": "UZS",
            "symbol": "UZS",
            "label": "Сўм",
            "decimal": 2,
            "countryName": "Uzbekistan",
            "countryCode": "UZ"
        },
        "bank": {
            "_id": "0df64d0f-0651-43ce-a476-54bb7ce2ad06",
            "name": "Humo",
            "alias": "humo",
            "logo": {
                "short": "https://example.com/img/logo2.png",
                "full": "https://example.com/img/logo.png"
            },
            "type": "bank",
            "automationAvailable": false,
            "enabled": true,
            "isTopBank": false,
            "tagColor": "#FFF330",
            "currency": "UZS",
            "currencyId": "57f8bb3c-3dca-40f8-be36-2d6705e448f4",
            "country": "UZ",
            "supportedPaymentSystems": [],
            "tid": "0df64d0f-0651-43ce-a476-54bb7ce2ad06",
            "isAnyBank": false
        },
        "type": "custom",
        "account_subtype": "oneclick"
    })
}

/// The page a deal's `url` points to, so the link works in a demo.
async fn payment_page(State(paymentsgate): State<Arc<PaymentsGate>>, Path(id): Path<String>) -> Response {
    let ledger = paymentsgate.ledger();
    let Some(deal) = ledger.deals.get(&id) else {
        return deal_not_found();
    };
    Html(format!(
        "<html><body><h1>PaymentsGate sandbox</h1><p>Deal {} for {} UZS: {}</p></body></html>",
        deal.id,
        deal.amount,
        deal.status.as_str()
    ))
    .into_response()
}

/// Checks a payin body; on failure, every problem found (PaymentsGate sends a list).
fn read_payin(body: &[u8]) -> Result<Payin, Vec<String>> {
    let Some(body) = wire::json_object(body) else {
        return Err(vec!["body must be a JSON object".to_owned()]);
    };
    let mut problems = Vec::new();
    let amount = body.get("amount").and_then(Value::as_number);
    let cents = amount.and_then(cents);
    match (amount, cents) {
        (None, _) => problems.push("amount must be a positive number".to_owned()),
        (Some(_), None) => problems.push("amount must be a positive number with at most 2 decimals".to_owned()),
        (Some(_), Some(_)) => {}
    }
    if body.get("currency").and_then(Value::as_str) != Some("UZS") {
        problems.push("currency must be one of the following values: UZS".to_owned());
    }
    let invoice_id = wire::text(&body, "invoiceId");
    if invoice_id.is_none() {
        problems.push("invoiceId must be a non-empty string".to_owned());
    }
    if body.get("type").and_then(Value::as_str) != Some("oneclick") {
        problems.push("type must be one of the following values: oneclick".to_owned());
    }
    for field in ["successUrl", "failUrl", "backUrl"] {
        if let Some(url) = body.get(field) {
            let ok = url.as_str().is_some_and(|u| u.starts_with("http://") || u.starts_with("https://"));
            if !ok {
                problems.push(format!("{field} must be a URL address"));
            }
        }
    }
    if let Some(lang) = body.get("lang") {
        if !lang.as_str().is_some_and(|l| LANGS.contains(&l)) {
            problems.push("lang must be one of the following values: EN, UZ, RU".to_owned());
        }
    }
    match (amount, cents, invoice_id) {
        (Some(amount), Some(cents), Some(invoice_id)) if problems.is_empty() => {
            Ok(Payin { amount: amount.clone(), cents, invoice_id: invoice_id.to_owned() })
        }
        _ => Err(problems),
    }
}

/// A positive amount with at most 2 decimals, in hundredths; read from the number's
/// decimal text so that no float rounding is involved.
fn cents(amount: &Number) -> Option<u64> {
    let text = amount.to_string();
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || fraction.len() > 2 || !(fraction.is_empty() || digits(fraction)) {
        return None;
    }
    let fraction = format!("{fraction:0<2}");
    let cents = whole.parse::<u64>().ok()?.checked_mul(100)?.checked_add(fraction.parse().ok()?)?;
    (cents > 0).then_some(cents)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(text: &str) -> Number {
        serde_json::from_str(text).unwrap_or_else(|_| Number::from(0))
    }

    #[test]
    fn cents_reads_two_decimals_exactly() {
        assert_eq!(cents(&n("516")), Some(51_600));
        assert_eq!(cents(&n("516.5")), Some(51_650));
        assert_eq!(cents(&n("516.01")), Some(51_601));
        assert_eq!(cents(&n("0.01")), Some(1));
        assert_eq!(cents(&n("0")), None);
        assert_eq!(cents(&n("-5")), None);
        assert_eq!(cents(&n("1.234")), None);
        assert_eq!(cents(&n("1e-7")), None);
    }
}
