//! The wasm entry points, called natively: requests as parts, outputs and errors as
//! JSON text.

#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use uzpay_wasm::{build, parse};

#[test]
fn build_and_parse() {
    let qr = "https://ofd.soliq.uz/check?t=UZ170703100597&r=2421&c=20230104121801&s=514343190161";
    let input = format!(r#"{{"payment_id":"4710103925","qr_code":"{qr}"}}"#);
    let request = build("fiscalbox.click_confirm", b"{}", input.as_bytes()).unwrap();
    assert_eq!(
        request[..3],
        ["POST".to_owned(), request[1].clone(), "https://api.fiscalbox.uz/payment/click_confirm".to_owned()]
    );
    let body = br#"{"data":{"status":"successfully"},"error":null,"is_success":true}"#;
    let output: serde_json::Value =
        serde_json::from_str(&parse("fiscalbox.click_confirm", 200, "[]", body).unwrap()).unwrap();
    assert_eq!(output["status"], "successfully");
}

#[test]
fn big_integers_are_text() {
    let body = r#"{"transactionId":"t","amount":9007199254740993,"status":"SUCCESS"}"#;
    let output = parse("via.confirm_pay_verify", 200, "[]", body.as_bytes()).unwrap();
    assert!(output.contains(r#""amount":"9007199254740993""#), "{output}");
    let output = parse("via.confirm_pay_verify", 200, "[]", body.replace("993", "991").as_bytes()).unwrap();
    assert!(output.contains(r#""amount":9007199254740991"#), "{output}");
}

#[test]
fn errors_are_records() {
    let e: serde_json::Value =
        serde_json::from_str(&build("fiscalbox.click_confirm", b"{}", b"{}").unwrap_err()).unwrap();
    assert_eq!(e["kind"], "invalid_input");
    assert_eq!(e["field"], "payment_id");
    let e: serde_json::Value = serde_json::from_str(&parse("via.confirm_pay", 200, "[[1]]", b"").unwrap_err()).unwrap();
    assert_eq!(e["field"], "headers");
}
