#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use serde_json::{json, Value};
use uzpay_sandbox::Provider::PaymentsGate;
use uzpay_sandbox::{PAYMENTSGATE_ACCOUNT_ID, PAYMENTSGATE_PUBLIC_KEY};

use crate::common::{call, Env};

/// The credentials object of the SDK's test vector (`payin_credentials` case).
fn vector_credentials() -> Value {
    let vectors: Value = serde_json::from_str(include_str!("../../../tests/vectors/paymentsgate.json")).unwrap();
    let case = vectors["cases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["op"] == "paymentsgate.payin_credentials" && c["response"]["status"] == 200)
        .filter_map(|c| serde_json::from_str::<Value>(c["response"]["body"].as_str()?).ok())
        .find(|body| body.get("bank").is_some())
        .expect("the vector case with full credentials");
    case
}

async fn token(env: &Env) -> String {
    let body = json!({"account_id": PAYMENTSGATE_ACCOUNT_ID, "public_key": PAYMENTSGATE_PUBLIC_KEY});
    let (status, body) = call(env.post(PaymentsGate, "/auth/token", body)).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["expires_in"], 3600);
    assert!(body["refresh_token"].as_str().is_some_and(|t| !t.is_empty()));
    body["access_token"].as_str().unwrap().to_owned()
}

fn payin(invoice_id: &str, amount: Value) -> Value {
    json!({"amount": amount, "currency": "UZS", "invoiceId": invoice_id, "type": "oneclick",
           "successUrl": "https://example.com/success", "lang": "EN"})
}

async fn create(env: &Env, token: &str, body: Value) -> (u16, Value) {
    call(env.post(PaymentsGate, "/deals/payin", body).bearer_auth(token)).await
}

async fn get(env: &Env, token: &str, path: &str) -> (u16, Value) {
    call(env.get(PaymentsGate, path).bearer_auth(token)).await
}

fn assert_error(answer: &(u16, Value), status: u16, code: &str) {
    assert_eq!(answer.0, status, "{}", answer.1);
    assert_eq!(answer.1["error"], code, "{}", answer.1);
    assert_eq!(answer.1["statusCode"], status);
    assert_eq!(answer.1["details"], Value::Null);
    assert!(answer.1.get("message").is_some());
}

#[tokio::test]
async fn refuses_wrong_credentials_and_missing_tokens() {
    let env = Env::start().await;
    let wrong = json!({"account_id": PAYMENTSGATE_ACCOUNT_ID, "public_key": "nope"});
    let answer = call(env.post(PaymentsGate, "/auth/token", wrong)).await;
    assert_error(&answer, 401, "ERROR_UNAUTHORIZED");

    let no_token = call(env.post(PaymentsGate, "/deals/payin", payin("inv-1", json!(516)))).await;
    assert_error(&no_token, 401, "ERROR_UNAUTHORIZED");
    let bad_token = create(&env, "made-up", payin("inv-1", json!(516))).await;
    assert_error(&bad_token, 401, "ERROR_UNAUTHORIZED");
    assert_error(&get(&env, "made-up", "/deals/x").await, 401, "ERROR_UNAUTHORIZED");
    assert!(env.stats().paymentsgate_deals.is_empty());

    let unknown = json!({"refresh_token": "made-up"});
    let answer = call(env.post(PaymentsGate, "/auth/token/refresh", unknown)).await;
    assert_error(&answer, 401, "ERROR_UNAUTHORIZED");
}

#[tokio::test]
async fn refresh_gives_a_new_working_access_token() {
    let env = Env::start().await;
    let body = json!({"account_id": PAYMENTSGATE_ACCOUNT_ID, "public_key": PAYMENTSGATE_PUBLIC_KEY});
    let (_, tokens) = call(env.post(PaymentsGate, "/auth/token", body)).await;
    let refresh = json!({"refresh_token": tokens["refresh_token"]});
    let (status, renewed) = call(env.post(PaymentsGate, "/auth/token/refresh", refresh)).await;
    assert_eq!(status, 200, "{renewed}");
    assert_eq!(renewed["expires_in"], 3600);
    let access = renewed["access_token"].as_str().unwrap();
    assert_ne!(access, tokens["access_token"].as_str().unwrap());
    assert_eq!(create(&env, access, payin("inv-1", json!(516))).await.0, 201);
}

#[tokio::test]
async fn payin_is_idempotent_on_the_invoice_id() {
    let env = Env::start().await;
    let token = token(&env).await;
    let (status, deal) = create(&env, &token, payin("inv-1001", json!(516.5))).await;
    assert_eq!(status, 201, "{deal}");
    let id = deal["id"].as_str().unwrap();
    assert_eq!(deal["status"], "new");
    assert_eq!(deal["type"], "oneclick");
    let page = format!("http://{}/paymentsgate/pay/{id}", env.sandbox.addr());
    assert_eq!(deal["url"], page.as_str());
    assert_eq!(env.http.get(&page).send().await.unwrap().status().as_u16(), 200);

    let again = create(&env, &token, payin("inv-1001", json!(516.5))).await;
    assert_eq!(again, (200, deal.clone()));
    let other_amount = create(&env, &token, payin("inv-1001", json!(517))).await;
    assert_error(&other_amount, 409, "ERROR_DUPLICATE_INVOICE");
    assert_eq!(env.stats().paymentsgate_deals, [("new".to_owned(), 1)].into());

    let (status, read) = get(&env, &token, &format!("/deals/{id}")).await;
    assert_eq!(status, 200);
    assert_eq!(
        read,
        json!({"id": id, "status": "new", "type": "oneclick", "url": page,
               "amount": 516.5, "currency": "UZS", "invoiceId": "inv-1001"})
    );
}

#[tokio::test]
async fn payin_refuses_invalid_bodies_with_a_list_of_messages() {
    let env = Env::start().await;
    let token = token(&env).await;
    for amount in [json!(0), json!(-1), json!(1.234), json!("516")] {
        let answer = create(&env, &token, payin("inv-1", amount.clone())).await;
        assert_error(&answer, 400, "ERROR_VALIDATION");
        assert!(answer.1["message"].as_array().is_some_and(|m| !m.is_empty()), "{amount}");
    }
    let mut body = payin("inv-1", json!(516));
    body["currency"] = json!("USD");
    body["type"] = json!("p2p");
    let answer = create(&env, &token, body).await;
    assert_error(&answer, 400, "ERROR_VALIDATION");
    assert_eq!(answer.1["message"].as_array().unwrap().len(), 2, "{}", answer.1);
    let answer = create(&env, &token, payin("", json!(516))).await;
    assert_error(&answer, 400, "ERROR_VALIDATION");
    assert!(env.stats().paymentsgate_deals.is_empty());
}

#[tokio::test]
async fn credentials_come_on_the_third_call_then_the_deal_progresses() {
    let env = Env::start().await;
    let token = token(&env).await;
    let (_, deal) = create(&env, &token, payin("inv-7", json!(100))).await;
    let id = deal["id"].as_str().unwrap();
    let deal_path = format!("/deals/{id}");
    let credentials_path = format!("/deals/{id}/credentials");

    for _ in 0..2 {
        let answer = get(&env, &token, &credentials_path).await;
        assert_error(&answer, 404, "ERROR_CREDENTIALS_NOT_FOUND");
        // Reading the deal before the credentials does not move it.
        assert_eq!(get(&env, &token, &deal_path).await.1["status"], "new");
    }
    let (status, credentials) = get(&env, &token, &credentials_path).await;
    assert_eq!(status, 200, "{credentials}");
    assert_eq!(credentials, vector_credentials());
    assert_eq!(env.stats().paymentsgate_deals, [("pending".to_owned(), 1)].into());

    for expected in ["paid", "completed", "completed"] {
        let (status, body) = get(&env, &token, &deal_path).await;
        assert_eq!(status, 200);
        assert_eq!(body["status"], expected);
    }
    // Credentials again: still served, the deal stays completed.
    assert_eq!(get(&env, &token, &credentials_path).await.0, 200);
    assert_eq!(env.stats().paymentsgate_deals, [("completed".to_owned(), 1)].into());
}

#[tokio::test]
async fn a_cancel_invoice_makes_a_canceled_deal() {
    let env = Env::start().await;
    let token = token(&env).await;
    let (status, deal) = create(&env, &token, payin("cancel-42", json!(100))).await;
    assert_eq!(status, 201, "{deal}");
    assert_eq!(deal["status"], "canceled");
    let id = deal["id"].as_str().unwrap();
    for _ in 0..3 {
        let answer = get(&env, &token, &format!("/deals/{id}/credentials")).await;
        assert_error(&answer, 400, "DEAL_CANCELED");
    }
    assert_eq!(get(&env, &token, &format!("/deals/{id}")).await.1["status"], "canceled");
    assert_eq!(env.stats().paymentsgate_deals, [("canceled".to_owned(), 1)].into());
}

#[tokio::test]
async fn an_unknown_deal_is_not_found() {
    let env = Env::start().await;
    let token = token(&env).await;
    assert_error(&get(&env, &token, "/deals/nope").await, 404, "ERROR_DEAL_NOT_FOUND");
    let answer = get(&env, &token, "/deals/nope/credentials").await;
    assert_error(&answer, 404, "ERROR_DEAL_NOT_FOUND");
}
