#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use reqwest::RequestBuilder;
use serde_json::{json, Value};
use uzpay_sandbox::Provider::Paylov;
use uzpay_sandbox::PAYLOV_API_KEY;

use crate::common::{call, Env};

const REGISTER: &str = "/merchant/fiscalization/register/";
const DEPRECATED_REGISTER: &str = "/merchant/registerFiscalReceipt/";
const STATUS: &str = "/merchant/fiscalization/status/";
const REFUND: &str = "/merchant/fiscalization/refund/";

fn items() -> Value {
    json!([{"title": "title", "price": 10000, "discount": 0, "count": 1,
            "code": "01902001001000000", "vat_percent": 12, "package_code": "1437667",
            "tin": "310100000"}])
}

fn card_payment(transaction_id: &str) -> Value {
    json!({"transactionId": transaction_id, "items": items()})
}

fn authed(request: RequestBuilder) -> RequestBuilder {
    request.header("api-key", PAYLOV_API_KEY)
}

async fn register(env: &Env, path: &str, body: Value) -> (u16, Value) {
    call(authed(env.post(Paylov, path, body))).await
}

async fn status(env: &Env, query: &str) -> (u16, Value) {
    call(authed(env.get(Paylov, &format!("{STATUS}?{query}")))).await
}

async fn refund(env: &Env, receipt_id: Value) -> (u16, Value) {
    call(authed(env.post(Paylov, REFUND, json!({"receiptId": receipt_id})))).await
}

fn assert_error(answer: &(u16, Value), code: &str) {
    assert_eq!(answer.0, 400, "{}", answer.1);
    assert_eq!(answer.1["result"], Value::Null);
    assert_eq!(answer.1["error"]["code"], code, "{}", answer.1);
}

/// `?t=..&r=..&c=..&s=..` of an OFD receipt URL, as a map.
fn receipt_params(url: &str) -> std::collections::HashMap<String, String> {
    let query =
        url.strip_prefix("https://ofd.soliq.uz/check?").unwrap_or_else(|| panic!("not an OFD receipt url: {url}"));
    query
        .split('&')
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap();
            (k.to_owned(), v.to_owned())
        })
        .collect()
}

#[tokio::test]
async fn refuses_a_missing_or_wrong_api_key() {
    let env = Env::start().await;
    let expected = json!({"result": null,
                          "error": {"code": "permission_denied", "message": "Invalid api key"}});
    let none = call(env.post(Paylov, REGISTER, card_payment("t1"))).await;
    assert_eq!(none, (401, expected.clone()));
    let wrong = env.post(Paylov, REGISTER, card_payment("t1")).header("api-key", "nope");
    assert_eq!(call(wrong).await, (401, expected.clone()));
    let status = call(env.get(Paylov, &format!("{STATUS}?transactionId=t1"))).await;
    assert_eq!(status, (401, expected));
    assert_eq!(env.stats().paylov_receipts, 0);
}

#[tokio::test]
async fn registers_a_card_receipt_with_a_valid_ofd_url() {
    let env = Env::start().await;
    let (code, body) = register(&env, REGISTER, card_payment("t1")).await;
    assert_eq!(code, 200, "{body}");
    let ofd = &body["result"]["ofd"];
    let terminal_id = ofd["terminalId"].as_str().unwrap();
    let receipt_id = ofd["receiptId"].as_u64().unwrap();
    let fiscal_sign = ofd["fiscalSign"].as_str().unwrap();
    assert_eq!(terminal_id, "UZ170703100597");
    assert_eq!(fiscal_sign.len(), 12);
    assert!(fiscal_sign.bytes().all(|b| b.is_ascii_digit()));
    let params = receipt_params(ofd["receiptUrl"].as_str().unwrap());
    assert_eq!(params["t"], terminal_id);
    assert_eq!(params["r"], receipt_id.to_string());
    assert_eq!(params["s"], fiscal_sign);
    let c = &params["c"];
    assert_eq!(c.len(), 14);
    let month: u32 = c[4..6].parse().unwrap();
    let day: u32 = c[6..8].parse().unwrap();
    let (hour, minute, second): (u32, u32, u32) =
        (c[8..10].parse().unwrap(), c[10..12].parse().unwrap(), c[12..14].parse().unwrap());
    assert!((1..=12).contains(&month) && (1..=28).contains(&day), "{c}");
    assert!(hour < 24 && minute < 60 && second < 60, "{c}");

    // Receipt numbers increase.
    let (_, second_body) = register(&env, REGISTER, card_payment("t2")).await;
    assert!(second_body["result"]["ofd"]["receiptId"].as_u64().unwrap() > receipt_id);
}

#[tokio::test]
async fn a_second_register_for_the_same_payment_creates_nothing() {
    let env = Env::start().await;
    assert_eq!(register(&env, REGISTER, card_payment("t1")).await.0, 200);
    let again = register(&env, REGISTER, card_payment("t1")).await;
    assert_error(&again, "ofd_check_already_generated");
    // The deprecated path shares the same receipts.
    let deprecated = register(&env, DEPRECATED_REGISTER, card_payment("t1")).await;
    assert_error(&deprecated, "ofd_check_already_generated");
    let stats = env.stats();
    assert_eq!(stats.paylov_receipts, 1);
    assert_eq!(stats.paylov_duplicate_receipts, 0);
}

#[tokio::test]
async fn registers_a_cash_receipt_by_external_id() {
    let env = Env::start().await;
    let cash = json!({"externalId": "646", "phoneNumber": "+998910000000", "items": items()});
    let (code, body) = register(&env, DEPRECATED_REGISTER, cash.clone()).await;
    assert_eq!(code, 200, "{body}");
    assert_error(&register(&env, REGISTER, cash).await, "ofd_check_already_generated");
    // A card payment with the same id is another payment.
    assert_eq!(register(&env, REGISTER, card_payment("646")).await.0, 200);
    let (code, body) = status(&env, "externalId=646").await;
    assert_eq!(code, 200, "{body}");
    assert_eq!(env.stats().paylov_receipts, 2);
}

#[tokio::test]
async fn refuses_a_register_without_payment_id_or_items() {
    let env = Env::start().await;
    let no_id = register(&env, REGISTER, json!({"items": items()})).await;
    assert_error(&no_id, "field_required");
    let no_phone = register(&env, REGISTER, json!({"externalId": "1", "items": items()})).await;
    assert_error(&no_phone, "field_required");
    assert_eq!(no_phone.1["error"]["data"]["field"], "phoneNumber");
    let empty = register(&env, REGISTER, json!({"transactionId": "t1", "items": []})).await;
    assert_error(&empty, "field_required");
    assert_eq!(empty.1["error"]["data"]["field"], "items");
    let no_items = register(&env, REGISTER, json!({"transactionId": "t1"})).await;
    assert_error(&no_items, "field_required");
    let mut item = items();
    item[0].as_object_mut().unwrap().remove("code");
    let no_code = register(&env, REGISTER, json!({"transactionId": "t1", "items": item})).await;
    assert_error(&no_code, "field_required");
    assert_eq!(no_code.1["error"]["data"]["field"], "items[0].code");
    let mut item = items();
    item[0]["discount"] = json!(20000);
    let too_much = register(&env, REGISTER, json!({"transactionId": "t1", "items": item})).await;
    assert_error(&too_much, "invalid_amount");
    assert_eq!(env.stats().paylov_receipts, 0);
    // None of the refusals used up the payment.
    assert_eq!(register(&env, REGISTER, card_payment("t1")).await.0, 200);
}

#[tokio::test]
async fn status_before_and_after_register_and_refund() {
    let env = Env::start().await;
    assert_error(&status(&env, "transactionId=t1").await, "fiscal_receipt_not_generated");

    let (_, registered) = register(&env, REGISTER, card_payment("t1")).await;
    let ofd = registered["result"]["ofd"].clone();
    let (code, body) = status(&env, "transactionId=t1").await;
    assert_eq!(code, 200, "{body}");
    assert_eq!(
        body,
        json!({"result": {"success": true, "isRefund": false, "receiptUrl": ofd["receiptUrl"],
                          "terminalId": ofd["terminalId"], "receiptId": ofd["receiptId"],
                          "fiscalSign": ofd["fiscalSign"]}})
    );

    let refunded = refund(&env, ofd["receiptId"].clone()).await;
    assert_eq!(refunded, (200, json!({"result": {"success": true}})));
    let (_, body) = status(&env, "transactionId=t1").await;
    assert_eq!(body["result"]["isRefund"], true);
    assert_eq!(body["result"]["receiptId"], ofd["receiptId"]);
    assert_eq!(env.stats().paylov_refunds, 1);

    assert_error(&refund(&env, ofd["receiptId"].clone()).await, "receipt_not_available_for_operation");
    assert_error(&refund(&env, json!(999_999)).await, "receipt_not_available_for_operation");
    assert_error(&refund(&env, Value::Null).await, "field_required");
    // A refunded payment still has its receipt: no second one.
    assert_error(&register(&env, REGISTER, card_payment("t1")).await, "ofd_check_already_generated");
    assert_eq!(env.stats().paylov_receipts, 1);
}
