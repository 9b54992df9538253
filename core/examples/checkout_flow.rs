//! A whole checkout with uzpay's sans-IO core, over a fake transport.
//!
//! A shop takes a card payment through VIA (SMS code), registers the fiscal receipt
//! with Paylov, and attaches the receipt's OFD URL to a Click payment through
//! FiscalBox. Every request is built and validated by uzpay; a fake transport stands
//! in for the network and answers like the providers' documentation says. Swap
//! `FakeProviders::send` for your HTTP client (reqwest, ureq, hyper...) and nothing
//! else changes.
//!
//! Run it: `cargo run -p uzpay --example checkout_flow`

use uzpay::fiscalbox::{build_click_confirm, parse_click_confirm, ClickConfirmInput, FiscalBoxConfig};
use uzpay::paylov::{build_register_receipt, parse_register_receipt, PaylovConfig, RegisterReceiptInput};
use uzpay::receipt::{receipt_totals, ReceiptItem};
use uzpay::via::{build_confirm_pay_verify, parse_confirm_pay_verify, ConfirmPayVerifyInput, ViaConfig};
use uzpay::{Error, HttpRequest, HttpResponse};

/// Stands in for the network: answers each provider path the way its docs show.
struct FakeProviders {
    /// Paylov refuses a second receipt for the same payment.
    registered: Vec<String>,
}

impl FakeProviders {
    fn send(&mut self, request: &HttpRequest) -> HttpResponse {
        // `{:?}` of a request masks the credential headers: safe to log.
        println!("  -> {} {}  {:?}", request.method, request.url, request.headers);
        let path = request.url.splitn(4, '/').nth(3).unwrap_or_default();
        let body: serde_json::Value = serde_json::from_slice(&request.body).unwrap_or_default();
        match path {
            "partner/merchant/confirm/pay/verify" => HttpResponse::new(
                200,
                r#"{"transactionId":"trx_2VQGS1Eeu4DNsfuKxbFO1vftNy4","processingTransactionId":"010964369832",
                    "merchantId":"mrt_2V4M5svbNoQ68tB0ul8LoLWJOZQ","amount":2320000,"createdAt":1694760886762,
                    "status":"SUCCESS","payedAt":1694760902483,"fee":0,"feePercent":0.0,"currency":"UZS",
                    "epos":{"merchantId":"11111111111","terminalId":"22222222"}}"#,
            ),
            "merchant/fiscalization/register/" => {
                let id = body.get("transactionId").and_then(|v| v.as_str()).unwrap_or_default().to_owned();
                if self.registered.contains(&id) {
                    return HttpResponse::new(
                        400,
                        r#"{"result":null,"error":{"code":"ofd_check_already_generated","message":"ofd_check_already_generated"}}"#,
                    );
                }
                self.registered.push(id);
                HttpResponse::new(
                    200,
                    r#"{"result":{"ofd":{"receiptUrl":"https://ofd.soliq.uz/check?t=UZ170703100597&r=2421&c=20230104121801&s=514343190161",
                        "terminalId":"UZ170703100597","receiptId":2421,"fiscalSign":"514343190161"}}}"#,
                )
            }
            "payment/click_confirm" => HttpResponse::new(
                200,
                r#"{"data":{"inn":null,"payment_id":null,"qr_code":null,"status":"successfully","error":null},"error":null,"is_success":true}"#,
            ),
            _ => HttpResponse::new(404, "<html><body>Not Found</body></html>"),
        }
    }
}

fn main() -> Result<(), Error> {
    let mut net = FakeProviders { registered: Vec::new() };
    let via = ViaConfig::new(uzpay::via::SANDBOX_BASE_URL, "system", "system123");
    let paylov = PaylovConfig::sandbox("merchant_secure_api_key");
    let fiscalbox = FiscalBoxConfig::default();
    println!("configs print without secrets: {paylov:?}");

    // 1. The basket, in tiyin. uzpay computes the line totals and the VAT inside them.
    let items = vec![
        ReceiptItem {
            title: "Green tea, 100 g".into(),
            price: 1_120_000, // 11,200.00 UZS
            discount: 20_000,
            count: 2,
            code: "01902001001000000".into(),
            vat_percent: 12,
            package_code: "1437667".into(),
            pinfl: None,
            tin: Some("310100000".into()),
        },
        ReceiptItem {
            title: "Delivery".into(),
            price: 100_000,
            discount: 0,
            count: 1,
            code: "10112006002000000".into(),
            vat_percent: 12,
            package_code: "1500463".into(),
            pinfl: None,
            tin: Some("310100000".into()),
        },
    ];
    let totals = receipt_totals(&items)?;
    println!("basket: total {} tiyin, of which VAT {} tiyin", totals.total, totals.vat);

    // 2. A bad input never reaches the wire: it fails with the field and the reason.
    let mut typo = items.clone();
    if let Some(delivery) = typo.get_mut(1) {
        delivery.discount = 100_001;
    }
    let typo =
        RegisterReceiptInput { transaction_id: Some("x".into()), external_id: None, phone_number: None, items: typo };
    if let Err(refused) = build_register_receipt(&paylov, &typo) {
        println!("refused before any I/O: {refused}");
    }

    // 3. Confirm the card payment with the SMS code.
    println!("VIA: confirm the payment");
    let request = build_confirm_pay_verify(
        &via,
        &ConfirmPayVerifyInput { verify_id: "trx_2VQGS1Eeu4DNsfuKxbFO1vftNy4".into(), verify_code: "005646".into() },
    )?;
    let payment = parse_confirm_pay_verify(&net.send(&request))?;
    println!("  <- {} {} tiyin", payment.status, payment.amount);
    if !payment.is_paid() {
        println!("payment not completed; stop here");
        return Ok(());
    }

    // 4. Register the fiscal receipt. Sent twice (say, after a timeout), Paylov answers
    //    ofd_check_already_generated: final, not retryable, and no second receipt.
    println!("Paylov: register the receipt");
    let input = RegisterReceiptInput {
        transaction_id: Some(payment.transaction_id.clone()),
        external_id: None,
        phone_number: None,
        items,
    };
    let request = build_register_receipt(&paylov, &input)?;
    let receipt = parse_register_receipt(&net.send(&request))?;
    println!("  <- receipt {} at {}", receipt.receipt_id, receipt.receipt_url);
    match parse_register_receipt(&net.send(&request)) {
        Err(e) if e.code() == Some("ofd_check_already_generated") => {
            println!("  <- again: {e} (retryable: {})", e.retryable())
        }
        other => println!("  <- unexpected: {other:?}"),
    }

    // 5. Attach the receipt to the Click payment at FiscalBox.
    println!("FiscalBox: attach the receipt to the Click payment");
    let request = build_click_confirm(
        &fiscalbox,
        &ClickConfirmInput { payment_id: "4710103925".into(), qr_code: receipt.receipt_url.clone() },
    )?;
    let confirmed = parse_click_confirm(&net.send(&request))?;
    println!("  <- {}", confirmed.status);

    // 6. Anything the host's client could not reach is classified too.
    if let Err(error) = parse_click_confirm(&HttpResponse::new(502, "<html>Bad Gateway</html>")) {
        println!("a gateway error: {error} (retryable: {})", error.retryable());
    }
    Ok(())
}
