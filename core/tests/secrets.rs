//! Credentials never show: not in `Debug` of configs, requests or responses, not in
//! `redacted()`, not in any error, for every operation. Only the one header that
//! must carry a credential does.

#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use uzpay::paylov::{self, PaylovConfig, RegisterReceiptInput};
use uzpay::paymentsgate::{self, CreatePayinInput, PayinCredentialsInput, PaymentsGateConfig};
use uzpay::receipt::ReceiptItem;
use uzpay::via::{self, ConfirmPayVerifyInput, ViaConfig};
use uzpay::{HttpRequest, HttpResponse, Secret};

const SENTINEL: &str = "SENTINEL-7f3a9c";

fn item() -> ReceiptItem {
    ReceiptItem {
        title: "Tea".into(),
        price: 10_000,
        discount: 0,
        count: 1,
        code: "01902001001000000".into(),
        vat_percent: 12,
        package_code: "1437667".into(),
        pinfl: None,
        tin: Some("310100000".into()),
    }
}

fn card_receipt(items: Vec<ReceiptItem>) -> RegisterReceiptInput {
    RegisterReceiptInput { transaction_id: Some("t".into()), external_id: None, phone_number: None, items }
}

fn assert_hidden(what: &str, text: &str) {
    assert!(!text.contains(SENTINEL), "{what} shows the credential: {text}");
}

/// The credential appears in exactly one header of the real request, and nowhere in
/// its Debug or redacted forms.
fn check_request(request: &HttpRequest, header: &str) {
    let carriers: Vec<_> = request.headers.iter().filter(|h| h.value.contains(SENTINEL)).collect();
    assert_eq!(carriers.len(), 1, "{header}: {:?}", request.headers);
    assert!(carriers[0].name.eq_ignore_ascii_case(header));
    assert_hidden("Debug of a request", &format!("{request:?}"));
    let redacted = request.redacted();
    assert_hidden(
        "a redacted request",
        &format!("{:?} {:?}", redacted.headers.iter().map(|h| &h.value).collect::<Vec<_>>(), redacted.body_text()),
    );
    assert_hidden("the body", request.body_text().unwrap_or_default());
}

#[test]
fn credentials_never_show() {
    let paylov = PaylovConfig::new(SENTINEL);
    let gate = PaymentsGateConfig::new("https://pg.example", SENTINEL);
    let via = ViaConfig::new("https://via.example", "client", SENTINEL);
    for text in [format!("{paylov:?}"), format!("{gate:?}"), format!("{via:?}"), format!("{:?}", Secret::new(SENTINEL))]
    {
        assert_hidden("Debug of a config", &text);
    }

    check_request(&paylov::build_register_receipt(&paylov, &card_receipt(vec![item()])).unwrap(), "api-key");
    let payin = CreatePayinInput {
        amount: 100,
        currency: Default::default(),
        invoice_id: "i".into(),
        payin_type: Default::default(),
        success_url: None,
        fail_url: None,
        back_url: None,
        lang: None,
    };
    check_request(&paymentsgate::build_create_payin(&gate, &payin).unwrap(), "Authorization");
    let creds = PayinCredentialsInput { deal_id: "d1".into() };
    check_request(&paymentsgate::build_payin_credentials(&gate, &creds).unwrap(), "Authorization");
    let verify = ConfirmPayVerifyInput { verify_id: "v".into(), verify_code: "1234".into() };
    check_request(&via::build_confirm_pay_verify(&via, &verify).unwrap(), "client-secret");
}

#[test]
fn errors_never_show_credentials() {
    // A credential with a line break is refused without echoing it.
    let bad = PaylovConfig::new(format!("{SENTINEL}\r\nX: y"));
    let e = paylov::build_register_receipt(&bad, &card_receipt(vec![item()])).unwrap_err();
    assert_eq!(e.field(), Some("api_key"));
    assert_hidden("an error", &format!("{e} {e:?}"));

    // An input error while a credential is configured.
    let e = paylov::build_register_receipt(&PaylovConfig::new(SENTINEL), &card_receipt(vec![])).unwrap_err();
    assert_eq!(e.field(), Some("items"));
    assert_hidden("an error", &format!("{e} {e:?}"));

    // A config decoded from JSON with a wrong type elsewhere.
    let e = uzpay::json::from_json_value::<ViaConfig>(&serde_json::json!({
        "base_url": 5, "client_id": "c", "client_secret": SENTINEL
    }))
    .unwrap_err();
    assert_eq!(e.field(), Some("base_url"));
    assert_hidden("an error", &format!("{e} {e:?}"));
    let cfg: ViaConfig = uzpay::json::from_json_value(&serde_json::json!({
        "base_url": "https://via.example", "client_id": "c", "client_secret": SENTINEL
    }))
    .unwrap();
    assert_hidden("Debug of a decoded config", &format!("{cfg:?}"));
}

#[test]
fn token_responses_do_not_print_their_body() {
    let response = HttpResponse::new(200, format!("{{\"access_token\":\"{SENTINEL}\"}}"));
    assert_hidden("Debug of a response", &format!("{response:?}"));
}

#[test]
fn every_provider_error_says_something() {
    for (op, status, body) in [
        ("paylov.register_receipt", 400, r#"{"result":null,"error":{}}"#),
        ("fiscalbox.click_confirm", 200, r#"{"data":null,"error":{},"is_success":false}"#),
        ("paymentsgate.create_payin", 500, r#"{"error":"","statusCode":500}"#),
        ("via.confirm_pay_verify", 400, r#"{"status":{"code":""},"error":{}}"#),
    ] {
        let e = uzpay::dispatch::parse(op, &HttpResponse::new(status, body)).unwrap_err();
        assert!(e.message().contains("refused the request"), "{op}: {e}");
    }
}

#[test]
fn errors_show_amounts_never_codes_cards_or_refused_text() {
    let via = ViaConfig::new("https://api.viasandbox.uz", "c", "s");
    // A malformed SMS code: described, never echoed.
    let input = ConfirmPayVerifyInput { verify_id: "trx_1".into(), verify_code: "71a2b6".into() };
    let e = via::build_confirm_pay_verify(&via, &input).unwrap_err().to_string();
    assert!(!e.contains("71a2b6") && e.contains("6 characters, 2 of them not digits"), "{e}");
    // A card number that fails Luhn: never shown, not even masked.
    let card = via::CardInput { pan: uzpay::card::Pan::new("8600000000000004"), expiry: "0127".into() };
    let input = via::ConfirmPayInput {
        merchant_id: "m".into(),
        card,
        external_id: "o".into(),
        amount: 100,
        currency: Default::default(),
        note: None,
    };
    let e = via::build_confirm_pay(&via, &input).unwrap_err().to_string();
    assert!(!e.contains("8600000000000004") && !e.contains("0004"), "{e}");
    // The merchant's own amount may be shown: it helps and reveals nothing.
    let charge = uzpay::fiscalbox::ClickPaymentInput { amount: 150_050, qr_code: "q".into() };
    let e = uzpay::fiscalbox::build_click_payment(&Default::default(), &charge).unwrap_err().to_string();
    assert!(e.contains("150050 tiyin"), "{e}");
}
