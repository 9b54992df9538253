#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use reqwest::RequestBuilder;
use serde_json::{json, Value};
use uzpay_sandbox::Provider::Via;
use uzpay_sandbox::{VIA_CLIENT_ID, VIA_CLIENT_SECRET, VIA_MERCHANT_ID};

use crate::common::{call, Env};

const PAY: &str = "/partner/merchant/confirm/pay";
const VERIFY: &str = "/partner/merchant/confirm/pay/verify";
const RESEND: &str = "/partner/merchant/pay/resend";
/// Luhn-valid test cards.
const UZCARD: &str = "8600123412341239";
const HUMO_DECLINED: &str = "9860490000010002";

fn authed(request: RequestBuilder) -> RequestBuilder {
    request.header("client-id", VIA_CLIENT_ID).header("client-secret", VIA_CLIENT_SECRET)
}

async fn post(env: &Env, path: &str, body: Value) -> (u16, Value) {
    call(authed(env.post(Via, path, body))).await
}

fn payment(external_id: &str, pan: &str, expiry: &str, amount: u64) -> Value {
    json!({"merchantId": VIA_MERCHANT_ID, "card": {"pan": pan, "expiry": expiry},
           "externalId": external_id, "amount": amount, "currency": "UZS", "note": "order",
           "accounts": {}})
}

async fn start_payment(env: &Env, external_id: &str, pan: &str) -> String {
    let (status, body) = post(env, PAY, payment(external_id, pan, "0530", 100_000)).await;
    assert_eq!(status, 200, "{body}");
    let verify_id = body["verifyId"].as_str().unwrap().to_owned();
    assert!(verify_id.starts_with("trx_"), "{verify_id}");
    verify_id
}

async fn sms(env: &Env, verify_id: &str) -> String {
    let url = format!("http://{}/_sandbox/via/sms/{verify_id}", env.sandbox.addr());
    let (status, body) = call(env.http.get(url)).await;
    assert_eq!(status, 200, "{body}");
    let code = body["verifyCode"].as_str().unwrap().to_owned();
    assert_eq!(code.len(), 6);
    assert!(code.bytes().all(|b| b.is_ascii_digit()));
    code
}

async fn verify(env: &Env, verify_id: &str, code: &str) -> (u16, Value) {
    post(env, VERIFY, json!({"verifyId": verify_id, "verifyCode": code})).await
}

async fn lookup(env: &Env, query: &str) -> (u16, Value) {
    call(authed(env.get(Via, &format!("/partner/transaction?{query}")))).await
}

fn assert_error(answer: &(u16, Value), status: u16, code: &str, path: &str) {
    assert_eq!(answer.0, status, "{}", answer.1);
    assert_eq!(answer.1["status"]["code"], code, "{}", answer.1);
    assert_eq!(answer.1["status"]["message"], "Error while executing the request");
    assert_eq!(answer.1["error"]["path"], path);
    for lang in ["uz", "ru", "en"] {
        assert!(answer.1["error"]["message"][lang].as_str().is_some_and(|m| !m.is_empty()));
    }
}

#[tokio::test]
async fn refuses_calls_without_the_client_credentials() {
    let env = Env::start().await;
    let body = payment("o1", UZCARD, "0530", 100);
    let none = call(env.post(Via, PAY, body.clone())).await;
    assert_error(&none, 401, "401", PAY);
    let wrong = env.post(Via, PAY, body).header("client-id", VIA_CLIENT_ID).header("client-secret", "nope");
    assert_error(&call(wrong).await, 401, "401", PAY);
    let lookup = call(env.get(Via, "/partner/transaction?externalId=o1")).await;
    assert_error(&lookup, 401, "401", "/partner/transaction");
    assert!(env.stats().via_transactions.is_empty());
}

#[tokio::test]
async fn pays_with_the_sms_code() {
    let env = Env::start().await;
    let verify_id = start_payment(&env, "order-1", UZCARD).await;
    assert_eq!(env.stats().via_transactions, [("NEW".to_owned(), 1)].into());
    let code = sms(&env, &verify_id).await;

    let (status, transaction) = verify(&env, &verify_id, &code).await;
    assert_eq!(status, 200, "{transaction}");
    assert_eq!(transaction["transactionId"], verify_id.as_str());
    assert_eq!(transaction["status"], "SUCCESS");
    assert_eq!(transaction["merchantId"], VIA_MERCHANT_ID);
    assert_eq!(transaction["amount"], 100_000);
    assert_eq!(transaction["fee"], 0);
    assert_eq!(transaction["feePercent"], 0.0);
    assert_eq!(transaction["currency"], "UZS");
    assert!(transaction["processingTransactionId"].as_str().is_some());
    assert!(transaction["epos"]["merchantId"].as_str().is_some());
    assert!(transaction["epos"]["terminalId"].as_str().is_some());
    let created = transaction["createdAt"].as_u64().unwrap();
    let payed = transaction["payedAt"].as_u64().unwrap();
    assert!(created > 1_600_000_000_000 && payed >= created, "{created} {payed}");

    // Verifying again (a retry) gives the same transaction.
    assert_eq!(verify(&env, &verify_id, &code).await, (200, transaction.clone()));
    assert_eq!(env.stats().via_transactions, [("SUCCESS".to_owned(), 1)].into());

    for query in [format!("transactionId={verify_id}"), "externalId=order-1".to_owned()] {
        let (status, body) = lookup(&env, &query).await;
        assert_eq!(status, 200, "{body}");
        let mut expected = transaction.as_object().unwrap().clone();
        expected.insert("errorCode".into(), Value::Null);
        expected.insert("errorMessage".into(), Value::Null);
        expected.insert("refundedAmount".into(), json!(0));
        expected.insert("process".into(), json!("UZCARD"));
        assert_eq!(body, json!({ "data": expected }));
        // The card number is never given back.
        assert!(!body.to_string().contains(UZCARD));
    }
}

#[tokio::test]
async fn a_wrong_code_is_refused_and_resend_replaces_the_code() {
    let env = Env::start().await;
    let verify_id = start_payment(&env, "order-2", UZCARD).await;
    let old_code = sms(&env, &verify_id).await;
    let wrong = if old_code == "000000" { "111111" } else { "000000" };
    let answer = verify(&env, &verify_id, wrong).await;
    assert_error(&answer, 400, "3015", VERIFY);
    assert_eq!(answer.1["error"]["message"]["en"], "Invalid verification code");

    let (status, body) = post(&env, RESEND, json!({"verifyId": verify_id})).await;
    assert_eq!((status, body), (200, json!({"verifyId": verify_id})));
    let new_code = sms(&env, &verify_id).await;
    assert_ne!(new_code, old_code);
    assert_error(&verify(&env, &verify_id, &old_code).await, 400, "3015", VERIFY);
    let (status, body) = verify(&env, &verify_id, &new_code).await;
    assert_eq!(status, 200);
    assert_eq!(body["status"], "SUCCESS");
    // Nothing to resend once confirmed.
    assert_eq!(post(&env, RESEND, json!({"verifyId": verify_id})).await.0, 400);
}

#[tokio::test]
async fn unknown_payments_are_not_found() {
    let env = Env::start().await;
    assert_error(&verify(&env, "trx_nope", "123456").await, 404, "3014", VERIFY);
    let resend = post(&env, RESEND, json!({"verifyId": "trx_nope"})).await;
    assert_error(&resend, 404, "3014", RESEND);
    let by_id = lookup(&env, "transactionId=trx_nope").await;
    assert_error(&by_id, 404, "3014", "/partner/transaction");
    let by_external = lookup(&env, "externalId=nope").await;
    assert_error(&by_external, 404, "3014", "/partner/transaction");
}

#[tokio::test]
async fn a_card_ending_0002_is_rejected_by_its_bank() {
    let env = Env::start().await;
    let verify_id = start_payment(&env, "order-3", HUMO_DECLINED).await;
    let code = sms(&env, &verify_id).await;
    let (status, transaction) = verify(&env, &verify_id, &code).await;
    assert_eq!(status, 200, "{transaction}");
    assert_eq!(transaction["status"], "REJECT");
    assert_eq!(transaction["payedAt"], Value::Null);
    let (_, body) = lookup(&env, "externalId=order-3").await;
    assert_eq!(body["data"]["status"], "REJECT");
    assert_eq!(body["data"]["process"], "HUMO");
    assert_eq!(env.stats().via_transactions, [("REJECT".to_owned(), 1)].into());
}

#[tokio::test]
async fn refuses_bad_cards_and_expiry_dates() {
    let env = Env::start().await;
    for pan in ["8600123412341234", "860012341234123", "86001234123412390", "8600-1234-1234-12"] {
        let answer = post(&env, PAY, payment("o", pan, "0530", 100)).await;
        assert_error(&answer, 400, "4001", PAY);
    }
    for expiry in ["1330", "0030", "530", "05/30", ""] {
        let answer = post(&env, PAY, payment("o", UZCARD, expiry, 100)).await;
        assert_error(&answer, 400, "4002", PAY);
    }
    assert!(env.stats().via_transactions.is_empty());
}

#[tokio::test]
async fn the_same_external_id_is_the_same_payment() {
    let env = Env::start().await;
    let first = start_payment(&env, "order-4", UZCARD).await;
    let code = sms(&env, &first).await;
    // A retry of the same payment gets the same verifyId and the same code.
    assert_eq!(start_payment(&env, "order-4", UZCARD).await, first);
    assert_eq!(sms(&env, &first).await, code);
    // A different payment may not reuse the id.
    let other = post(&env, PAY, payment("order-4", UZCARD, "0530", 1)).await;
    assert_error(&other, 400, "4005", PAY);
    assert_eq!(env.stats().via_transactions, [("NEW".to_owned(), 1)].into());
}
