#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use serde_json::{json, Value};
use uzpay_sandbox::Provider::FiscalBox;

use crate::common::{call, Env};

const RECEIPT_QR: &str = "https://ofd.soliq.uz/check?t=UZ170703100597&r=2421&c=20230104121801&s=514343190161";
const OTHER_QR: &str = "https://ofd.soliq.uz/check?t=UZ170703100597&r=2422&c=20230104121901&s=514343190162";
const ANOR_QR: &str = "12345678901234567890";

/// Posts and checks the envelope's HTTP status (always 200).
async fn post(env: &Env, path: &str, body: Value) -> Value {
    let (status, body) = call(env.post(FiscalBox, path, body)).await;
    assert_eq!(status, 200, "{body}");
    body
}

#[tokio::test]
async fn click_payment_then_confirm() {
    let env = Env::start().await;
    let body = post(&env, "/payment/click", json!({"amount": 15000, "qr_code": "click-qr"})).await;
    assert_eq!(body["is_success"], true);
    assert_eq!(body["error"], Value::Null);
    let data = &body["data"];
    assert_eq!(data["status_code"], 0);
    assert_eq!(data["status"], "success");
    assert_eq!(data["message"], "Payment created");
    assert_eq!(data["amount"], 15000);
    assert_eq!(data["qr_code"], "click-qr");
    assert_eq!(data["client_phone_number"], "998901234567");
    let payment_id = data["payment_id"].as_str().unwrap();
    assert!(payment_id.bytes().all(|b| b.is_ascii_digit()), "{payment_id}");
    let transaction_id = data["transaction_id"].as_str().unwrap();
    assert_eq!(transaction_id.len(), 36);
    assert_eq!(transaction_id.matches('-').count(), 4);

    let confirm = json!({"payment_id": payment_id, "qr_code": RECEIPT_QR});
    let body = post(&env, "/payment/click_confirm", confirm.clone()).await;
    assert_eq!(
        body,
        json!({
            "data": {"inn": "310100000", "payment_id": payment_id, "qr_code": RECEIPT_QR,
                     "status": "successfully", "error": null},
            "error": null,
            "is_success": true,
        })
    );
    // The same confirmation again (a retry) succeeds and counts once.
    let again = post(&env, "/payment/click_confirm", confirm).await;
    assert_eq!(again["data"]["status"], "successfully");
    let stats = env.stats();
    assert_eq!((stats.fiscalbox_payments, stats.fiscalbox_confirmations), (1, 1));

    // Another receipt for the same payment is refused.
    let other = json!({"payment_id": payment_id, "qr_code": OTHER_QR});
    let body = post(&env, "/payment/click_confirm", other).await;
    assert_eq!(body["is_success"], true);
    assert_eq!(body["data"]["status"], "failed");
    assert_eq!(body["data"]["error"], "The payment is already fiscalized");
    assert_eq!(env.stats().fiscalbox_confirmations, 1);
}

#[tokio::test]
async fn click_confirm_of_an_unknown_payment_fails_inside_data() {
    let env = Env::start().await;
    let body = json!({"payment_id": "999", "qr_code": RECEIPT_QR});
    let body = post(&env, "/payment/click_confirm", body).await;
    assert_eq!(body["is_success"], true);
    assert_eq!(body["error"], Value::Null);
    assert_eq!(body["data"]["status"], "failed");
    assert_eq!(body["data"]["error"], "Payment not found");
    assert_eq!(env.stats().fiscalbox_confirmations, 0);
}

#[tokio::test]
async fn click_refuses_missing_and_invalid_fields() {
    let env = Env::start().await;
    let body = post(&env, "/payment/click", json!({"qr_code": "q"})).await;
    assert_eq!(body["is_success"], false);
    assert_eq!(body["data"], Value::Null);
    assert_eq!(body["error"]["code"], 105);
    assert_eq!(body["error"]["data"]["field"], "amount");

    let body = post(&env, "/payment/click", json!({"amount": "ten", "qr_code": "q"})).await;
    assert_eq!(body["is_success"], false);
    assert_eq!(body["error"]["code"], 7);
    let fields: Value = serde_json::from_str(body["error"]["message"].as_str().unwrap()).unwrap();
    assert_eq!(fields, json!({"amount": ["A valid integer is required."]}));

    for amount in [json!(0), json!(-5), json!(10.5)] {
        let body = post(&env, "/payment/click", json!({"amount": amount, "qr_code": "q"})).await;
        assert_eq!(body["error"]["code"], 7, "{amount}");
    }
    let body = post(&env, "/payment/click", json!({"amount": 10, "qr_code": ""})).await;
    assert_eq!(body["error"]["code"], 7);
    let fields: Value = serde_json::from_str(body["error"]["message"].as_str().unwrap()).unwrap();
    assert!(fields.get("qr_code").is_some(), "{fields}");

    let body = post(&env, "/payment/click_confirm", json!({"qr_code": RECEIPT_QR})).await;
    assert_eq!(body["error"]["code"], 105);
    assert_eq!(env.stats().fiscalbox_payments, 0);
}

#[tokio::test]
async fn anor_payment_then_confirm() {
    let env = Env::start().await;
    let body = post(&env, "/payment/anor", json!({"amount": 5000, "qr_code": ANOR_QR})).await;
    assert_eq!(body["is_success"], true);
    let data = &body["data"];
    assert_eq!(data["status"], "success");
    assert_eq!(data["message"], "ok");
    assert_eq!(data["error_code"], 0);
    assert_eq!(data["error_note"], Value::Null);
    assert_eq!(data["payment_status"], 2);
    assert_eq!(data["phone_number"], "998901234567");
    assert_eq!(data["card_number"], "860012******1234");
    let payment_id: i64 = data["payment_id"].as_str().unwrap().parse().unwrap();
    let transaction_id = data["transaction_id"].as_str().unwrap().to_owned();

    let confirm = json!({"transaction_id": transaction_id, "qr_code": RECEIPT_QR});
    let body = post(&env, "/payment/anor_confirm", confirm.clone()).await;
    assert_eq!(
        body,
        json!({
            "data": {"message": "Fiscalization completed successfully", "error_code": 0,
                     "payment_id": payment_id, "transaction_id": transaction_id},
            "error": null,
            "is_success": true,
        })
    );
    let again = post(&env, "/payment/anor_confirm", confirm).await;
    assert_eq!(again["data"]["error_code"], 0);

    let other = json!({"transaction_id": transaction_id, "qr_code": OTHER_QR});
    let body = post(&env, "/payment/anor_confirm", other).await;
    assert_eq!(body["is_success"], true);
    assert_eq!(body["data"]["error_code"], -5);
    assert_eq!(body["data"]["message"], "Already fiscalized");
    let stats = env.stats();
    assert_eq!((stats.fiscalbox_payments, stats.fiscalbox_confirmations), (1, 1));
}

#[tokio::test]
async fn anor_refuses_a_qr_that_is_not_20_digits_and_unknown_transactions() {
    let env = Env::start().await;
    for qr in ["1234567890123456789", "1234567890123456789X", "123456789012345678901"] {
        let body = post(&env, "/payment/anor", json!({"amount": 5000, "qr_code": qr})).await;
        assert_eq!(body["is_success"], false, "{qr}");
        assert_eq!(body["error"]["code"], 7, "{qr}");
    }
    let unknown = json!({"transaction_id": "a12fc00f-5af5-65b8-adf8-74bff44680ee", "qr_code": RECEIPT_QR});
    let body = post(&env, "/payment/anor_confirm", unknown).await;
    assert_eq!(body["is_success"], true);
    assert_eq!(body["data"]["error_code"], -4);
    assert_eq!(body["data"]["message"], "Transaction not found");
    assert_eq!(env.stats().fiscalbox_payments, 0);
}
