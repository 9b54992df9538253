//! Every flow against the sandbox over real HTTP on 127.0.0.1, clean and under every
//! injected fault. The outcome is always a successful retry or a classified error,
//! never a panic, and never a second receipt.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::net::SocketAddr;
use std::time::Duration;

use uzpay::card::Pan;
use uzpay::fiscalbox::FiscalBoxConfig;
use uzpay::flow::{
    FiscalBoxPaymentFlow, PayinFlowOptions, PaylovFiscalizationFlow, PaymentsGatePayinFlow, RetryPolicy,
    ViaCardPaymentFlow, Wallet,
};
use uzpay::paylov::{PaylovConfig, ReceiptStatus, ReceiptStatusInput, RegisterReceiptInput};
use uzpay::paymentsgate::{AuthTokenInput, CreatePayinInput, DealStatus, PayinType};
use uzpay::receipt::ReceiptItem;
use uzpay::via::{CardInput, ConfirmPayInput, ViaConfig};
use uzpay_reqwest::{CallError, ReqwestTransport};
use uzpay_sandbox::{Provider, SandboxHandle};

/// Every fault the sandbox injects, applied to the first request of a flow only,
/// plus the delay that outlasts the client's timeout.
const FAULTS: &[&str] = &[
    "delay=1500;times=1",
    "status=500;times=1",
    "status=502;times=1",
    "status=503;times=1",
    "truncate;times=1",
    "drop;times=1",
    "drop_after;times=1",
];

const TIMEOUT: Duration = Duration::from_millis(500);

fn policy() -> RetryPolicy {
    RetryPolicy { max_attempts: 4, base_delay_ms: 5, max_delay_ms: 20 }
}

async fn sandbox() -> SandboxHandle {
    uzpay_sandbox::start(SocketAddr::from(([127, 0, 0, 1], 0))).await.unwrap()
}

fn transport(fault: Option<&str>) -> ReqwestTransport {
    let t = ReqwestTransport::new(TIMEOUT).unwrap().with_policy(policy());
    match fault {
        Some(f) => t.with_header("X-Sandbox-Fault", f),
        None => t,
    }
}

async fn no_code(_: String, _: u32) -> Option<String> {
    None
}

fn receipt_input(transaction_id: &str) -> RegisterReceiptInput {
    RegisterReceiptInput {
        transaction_id: Some(transaction_id.into()),
        external_id: None,
        phone_number: None,
        items: vec![ReceiptItem {
            title: "Tea".into(),
            price: 1_120_000,
            discount: 0,
            count: 2,
            code: "01902001001000000".into(),
            vat_percent: 12,
            package_code: "1437667".into(),
            pinfl: None,
            tin: Some("310100000".into()),
        }],
    }
}

fn paylov_config(s: &SandboxHandle) -> PaylovConfig {
    PaylovConfig { base_url: s.base_url(Provider::Paylov), ..PaylovConfig::new(uzpay_sandbox::PAYLOV_API_KEY) }
}

#[tokio::test]
async fn paylov_registers_exactly_once_under_every_fault() {
    let s = sandbox().await;
    for (i, fault) in [None].into_iter().chain(FAULTS.iter().copied().map(Some)).enumerate() {
        let tx = format!("tx-{i}");
        let mut flow = PaylovFiscalizationFlow::new(paylov_config(&s), receipt_input(&tx), policy()).unwrap();
        let outcome = transport(fault).run(&mut flow, no_code).await;
        let receipt = outcome.unwrap_or_else(|e| panic!("{fault:?}: {e}"));
        // What the flow reports is what Paylov has.
        let status = transport(None)
            .call::<ReceiptStatus>(
                &paylov_config(&s),
                &ReceiptStatusInput { transaction_id: Some(tx.clone()), external_id: None },
            )
            .await
            .unwrap();
        assert_eq!(status.receipt_id, Some(receipt.receipt_id), "{fault:?}");
        assert_eq!(s.stats().paylov_receipts, i as u64 + 1, "{fault:?}: one receipt per payment");
    }
    assert_eq!(s.stats().paylov_duplicate_receipts, 0);
    // Registering every payment again creates nothing: each is read back.
    for i in 0..=FAULTS.len() {
        let mut flow =
            PaylovFiscalizationFlow::new(paylov_config(&s), receipt_input(&format!("tx-{i}")), policy()).unwrap();
        assert!(transport(None).run(&mut flow, no_code).await.unwrap().already_existed);
    }
    let stats = s.stats();
    assert_eq!((stats.paylov_receipts, stats.paylov_duplicate_receipts), (FAULTS.len() as u64 + 1, 0));
    s.shutdown().await;
}

#[tokio::test]
async fn paylov_gives_up_with_a_classified_error_when_the_fault_persists() {
    use uzpay::flow::TransportFailure::MaybeSent;
    let s = sandbox().await;
    for fault in ["status=503", "drop", "delay=1500"] {
        let mut flow = PaylovFiscalizationFlow::new(paylov_config(&s), receipt_input(fault), policy()).unwrap();
        match transport(Some(fault)).run(&mut flow, no_code).await {
            Err(CallError::Uzpay(e)) if fault.starts_with("status") => {
                assert_eq!(e, uzpay::Error::http(503));
                assert!(e.retryable());
            }
            // A lost register after every try: the core's `transport` error, retryable
            // (a register is never doubled).
            Err(CallError::Uzpay(e @ uzpay::Error::Transport { failure: MaybeSent, .. })) => {
                assert!(e.retryable(), "{fault}")
            }
            other => panic!("{fault}: {other:?}"),
        }
    }
    // The delayed registers were processed late; however many, one receipt per payment.
    tokio::time::sleep(Duration::from_millis(1700)).await;
    assert!(s.stats().paylov_receipts <= 1);
    assert_eq!(s.stats().paylov_duplicate_receipts, 0);
    s.shutdown().await;
}

fn fiscalbox_flow(s: &SandboxHandle, wallet: Wallet) -> FiscalBoxPaymentFlow {
    let qr = match wallet {
        Wallet::Click => "https://my.click.uz/qr/test",
        Wallet::Anor => "12345678901234567890",
    };
    FiscalBoxPaymentFlow::new(
        FiscalBoxConfig::with_base_url(s.base_url(Provider::FiscalBox)),
        wallet,
        150_000,
        qr.into(),
        "https://ofd.soliq.uz/check?t=UZ170703100597&r=2421&c=20230104121801&s=514343190161".into(),
        policy(),
    )
    .unwrap()
}

#[tokio::test]
async fn fiscalbox_never_charges_twice() {
    for wallet in [Wallet::Click, Wallet::Anor] {
        // A sandbox per wallet: a `times=1` fault is spent once per sandbox.
        let s = sandbox().await;
        let outcome = transport(None).run(&mut fiscalbox_flow(&s, wallet), no_code).await.unwrap();
        assert_eq!(outcome.amount, 150_000);
        for fault in FAULTS {
            let before = s.stats().fiscalbox_payments;
            // The fault hits the charge: it is never repeated, so the flow ends in a
            // classified error, and at most one payment exists.
            let result = transport(Some(fault)).run(&mut fiscalbox_flow(&s, wallet), no_code).await;
            assert!(result.is_err(), "{wallet:?} {fault}");
            assert!(s.stats().fiscalbox_payments - before <= 1, "{wallet:?} {fault}");
        }
        s.shutdown().await;
    }
}

/// Drives a flow sending the steps of `faulted` through `faulty` and every other
/// step through a clean transport, to aim a fault at one step.
async fn drive_aimed<F: uzpay::flow::Flow>(
    flow: &mut F,
    faulted: &str,
    faulty: &ReqwestTransport,
) -> (Result<F::Outcome, uzpay::Error>, Vec<&'static str>) {
    use uzpay::flow::Action;
    let clean = transport(None);
    let mut sent = vec![];
    let mut action = flow.start();
    loop {
        action = match action {
            Ok(Action::Send(step)) => {
                sent.push(step.operation);
                tokio::time::sleep(Duration::from_millis(step.delay_ms)).await;
                let t = if step.operation == faulted { faulty } else { &clean };
                match t.send(&step.request).await {
                    Ok(r) => flow.on_response(&r),
                    Err(e) => flow.on_transport_failure(e.failure),
                }
            }
            Ok(Action::Done(o)) => return (Ok(o), sent),
            Ok(Action::AwaitVerifyCode { .. }) => panic!("no flow here asks for a code"),
            Err(e) => return (Err(e), sent),
        };
    }
}

#[tokio::test]
async fn fiscalbox_confirm_is_retried_through_every_fault() {
    for wallet in [Wallet::Click, Wallet::Anor] {
        let s = sandbox().await;
        let confirm = match wallet {
            Wallet::Click => "fiscalbox.click_confirm",
            Wallet::Anor => "fiscalbox.anor_confirm",
        };
        for fault in FAULTS {
            let (outcome, sent) = drive_aimed(&mut fiscalbox_flow(&s, wallet), confirm, &transport(Some(fault))).await;
            assert!(outcome.is_ok(), "{wallet:?} {fault}: {outcome:?}");
            // The confirm was faulted once, then retried; the charge went once.
            assert_eq!(sent.iter().filter(|o| **o == confirm).count(), 2, "{wallet:?} {fault}: {sent:?}");
            assert_eq!(sent.len(), 3);
        }
        // Each payment fiscalized once, however often its confirm was sent.
        let stats = s.stats();
        assert_eq!(stats.fiscalbox_confirmations, stats.fiscalbox_payments);
        s.shutdown().await;
    }
}

#[tokio::test]
async fn paylov_status_check_after_a_lost_register_answer() {
    let s = sandbox().await;
    for (i, fault) in ["truncate;times=1", "drop_after;times=1"].into_iter().enumerate() {
        let mut flow =
            PaylovFiscalizationFlow::new(paylov_config(&s), receipt_input(&format!("lost-{i}")), policy()).unwrap();
        let (outcome, sent) = drive_aimed(&mut flow, "paylov.register_receipt", &transport(Some(fault))).await;
        let receipt = outcome.unwrap();
        match fault {
            // A truncated 2xx: the flow reads the receipt back.
            "truncate;times=1" => assert_eq!(sent, vec!["paylov.register_receipt", "paylov.receipt_status"]),
            // No answer at all: the register is repeated; Paylov refuses the second,
            // and the flow reads the first back.
            _ => assert_eq!(sent, vec!["paylov.register_receipt", "paylov.register_receipt", "paylov.receipt_status"]),
        }
        assert!(receipt.already_existed, "{fault}");
    }
    assert_eq!((s.stats().paylov_receipts, s.stats().paylov_duplicate_receipts), (2, 0));
    s.shutdown().await;
}

fn payin_flow(s: &SandboxHandle, invoice: &str) -> PaymentsGatePayinFlow {
    let payin = CreatePayinInput {
        amount: 51_650,
        currency: Default::default(),
        invoice_id: invoice.into(),
        payin_type: PayinType::Oneclick,
        success_url: None,
        fail_url: None,
        back_url: None,
        lang: None,
    };
    let credentials = AuthTokenInput {
        account_id: uzpay_sandbox::PAYMENTSGATE_ACCOUNT_ID.into(),
        public_key: uzpay_sandbox::PAYMENTSGATE_PUBLIC_KEY.into(),
    };
    let options = PayinFlowOptions { poll_interval_ms: 5, max_credential_polls: 10, max_status_polls: 10 };
    PaymentsGatePayinFlow::new(s.base_url(Provider::PaymentsGate), credentials, payin, policy(), options).unwrap()
}

#[tokio::test]
async fn paymentsgate_payin_survives_every_fault() {
    let s = sandbox().await;
    for (i, fault) in [None].into_iter().chain(FAULTS.iter().copied().map(Some)).enumerate() {
        let outcome = transport(fault).run(&mut payin_flow(&s, &format!("inv-{i}")), no_code).await;
        let o = outcome.unwrap_or_else(|e| panic!("{fault:?}: {e}"));
        assert!(o.paid, "{fault:?}: {o:?}");
        assert!(o.credentials.is_some());
    }
    let cancelled = transport(None).run(&mut payin_flow(&s, "cancel-1"), no_code).await.unwrap();
    assert_eq!(cancelled.status, DealStatus::Canceled);
    // The invoice id is the idempotency key: one deal per invoice, faults or not.
    let deals: u64 = s.stats().paymentsgate_deals.values().sum();
    assert_eq!(deals, FAULTS.len() as u64 + 2);
    s.shutdown().await;
}

fn via_flow(s: &SandboxHandle, pan: &str, order: &str) -> ViaCardPaymentFlow {
    let input = ConfirmPayInput {
        merchant_id: uzpay_sandbox::VIA_MERCHANT_ID.into(),
        card: CardInput { pan: Pan::new(pan), expiry: "0128".into() },
        external_id: order.into(),
        amount: 100_000,
        currency: Default::default(),
        note: None,
    };
    let config =
        ViaConfig::new(s.base_url(Provider::Via), uzpay_sandbox::VIA_CLIENT_ID, uzpay_sandbox::VIA_CLIENT_SECRET);
    ViaCardPaymentFlow::new(config, input, policy()).unwrap()
}

/// The sandbox's "phone": the SMS code of a payment.
fn sms(
    s: &SandboxHandle,
) -> impl FnMut(String, u32) -> std::pin::Pin<Box<dyn std::future::Future<Output = Option<String>>>> {
    let base = format!("http://{}", s.addr());
    move |verify_id, _| {
        let url = format!("{base}/_sandbox/via/sms/{verify_id}");
        Box::pin(async move {
            let t = ReqwestTransport::new(TIMEOUT).ok()?;
            let r = t
                .send(&uzpay::HttpRequest { method: uzpay::Method::Get, url, headers: vec![], body: vec![] })
                .await
                .ok()?;
            let v: serde_json::Value = serde_json::from_slice(&r.body).ok()?;
            v.get("verifyCode")?.as_str().map(str::to_owned)
        })
    }
}

#[tokio::test]
async fn via_card_payment_survives_every_fault() {
    let s = sandbox().await;
    for (i, fault) in [None].into_iter().chain(FAULTS.iter().copied().map(Some)).enumerate() {
        let mut flow = via_flow(&s, "8600000000000007", &format!("order-{i}"));
        let o = transport(fault).run(&mut flow, sms(&s)).await.unwrap_or_else(|e| panic!("{fault:?}: {e}"));
        assert!(o.paid, "{fault:?}");
    }
    let rejected = transport(None).run(&mut via_flow(&s, "8600000000050002", "order-r"), sms(&s)).await.unwrap();
    assert!(!rejected.paid);
    s.shutdown().await;
}

#[tokio::test]
async fn a_lost_verify_answer_is_looked_up_and_the_payment_confirmed_once() {
    let s = sandbox().await;
    let mut flow = via_flow(&s, "8600000000000007", "order-lost");
    // Requests: confirm_pay (1), verify (2): the fault hits the verify, after VIA
    // processed it. The flow looks the transaction up instead of failing.
    let t = transport(Some("drop_after;times=1"));
    let start = transport(None);
    let mut action = uzpay::flow::Flow::start(&mut flow).unwrap();
    // Drive confirm_pay without the fault.
    if let uzpay::flow::Action::Send(step) = action {
        let r = start.send(&step.request).await.unwrap();
        action = uzpay::flow::Flow::on_response(&mut flow, &r).unwrap();
    }
    let uzpay::flow::Action::AwaitVerifyCode(ask) = action else { panic!("{action:?}") };
    let code = sms(&s)(ask.verify_id, 3).await.unwrap();
    let mut action = flow.provide_verify_code(&code).unwrap();
    let mut operations = vec![];
    let outcome = loop {
        action = match action {
            uzpay::flow::Action::Send(step) => {
                operations.push(step.operation);
                match t.send(&step.request).await {
                    Ok(r) => uzpay::flow::Flow::on_response(&mut flow, &r).unwrap(),
                    Err(e) => uzpay::flow::Flow::on_transport_failure(&mut flow, e.failure).unwrap(),
                }
            }
            uzpay::flow::Action::Done(o) => break o,
            other => panic!("{other:?}"),
        };
    };
    assert!(outcome.paid);
    assert_eq!(operations, vec!["via.confirm_pay_verify", "via.get_transaction"]);
    assert_eq!(s.stats().via_transactions.get("SUCCESS"), Some(&1));
    s.shutdown().await;
}

#[tokio::test]
async fn call_retries_only_what_is_retryable() {
    let s = sandbox().await;
    let config = paylov_config(&s);
    let input = ReceiptStatusInput { transaction_id: Some("nothing".into()), external_id: None };
    // 503 twice, then the real answer (no receipt): retried, then a final provider error.
    let e = transport(Some("status=503;times=2")).call::<ReceiptStatus>(&config, &input).await.unwrap_err();
    assert!(matches!(&e, CallError::Uzpay(u) if u.code() == Some("fiscal_receipt_not_generated")), "{e}");
    // A dropped connection may have been received: call() does not repeat it.
    let e = transport(Some("drop")).call::<ReceiptStatus>(&config, &input).await.unwrap_err();
    assert!(matches!(&e, CallError::Transport(t) if t.failure == uzpay::flow::TransportFailure::MaybeSent), "{e}");
    // Nothing listening: not sent, retried, then given up.
    let closed = PaylovConfig { base_url: "http://127.0.0.1:9".into(), ..config };
    let e = transport(None).call::<ReceiptStatus>(&closed, &input).await.unwrap_err();
    assert!(matches!(&e, CallError::Transport(t) if t.failure == uzpay::flow::TransportFailure::NotSent), "{e}");
    s.shutdown().await;
}
