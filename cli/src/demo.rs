//! `uzpay demo`: the sandbox in-process, every flow of all four providers through the
//! reqwest transport, each step printed, a summary table, exit 0 when every flow
//! ended as it should.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use uzpay::card::Pan;
use uzpay::fiscalbox::FiscalBoxConfig;
use uzpay::flow::{
    FiscalBoxPaymentFlow, Flow, PayinFlowOptions, PaylovFiscalizationFlow, PaymentsGatePayinFlow, RetryPolicy, Step,
    ViaCardPaymentFlow, Wallet,
};
use uzpay::paylov::{
    PaylovConfig, ReceiptStatus, ReceiptStatusInput, RefundReceipt, RefundReceiptInput, RegisterReceiptInput,
};
use uzpay::paymentsgate::{AuthTokenInput, CreatePayinInput, Lang, PayinType};
use uzpay::receipt::{receipt_totals, ReceiptItem};
use uzpay::via::{CardInput, ConfirmPayInput, ViaConfig};
use uzpay::HttpResponse;
use uzpay_reqwest::{CallError, ReqwestTransport, TransportError};
use uzpay_sandbox::{Provider, SandboxHandle};

use crate::operator::som;

/// One finished flow, for the summary.
struct Row {
    flow: &'static str,
    outcome: String,
    requests: usize,
    elapsed: Duration,
    ok: bool,
}

pub async fn run() -> ExitCode {
    let sandbox = match uzpay_sandbox::start(SocketAddr::from(([127, 0, 0, 1], 0))).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: the sandbox could not start: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("uzpay demo: sandbox on http://{} (loopback only; nothing leaves this machine)\n", sandbox.addr());
    let transport = match ReqwestTransport::new(Duration::from_secs(5)) {
        Ok(t) => t.with_policy(policy()),
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let demo = Demo { sandbox: &sandbox, transport, rows: Vec::new() };
    let rows = demo.all().await;
    let stats = sandbox.stats();
    sandbox.shutdown().await;

    println!("\n| # | flow | outcome | requests | time |");
    println!("|---|------|---------|---------:|-----:|");
    for (i, r) in rows.iter().enumerate() {
        let mark = if r.ok { "" } else { " (UNEXPECTED)" };
        println!("| {} | {} | {}{mark} | {} | {} ms |", i + 1, r.flow, r.outcome, r.requests, r.elapsed.as_millis());
    }
    println!(
        "\nsandbox: {} requests, {} faults injected, {} Paylov receipts, {} duplicates, {} refunds",
        stats.requests,
        stats.faults_injected,
        stats.paylov_receipts,
        stats.paylov_duplicate_receipts,
        stats.paylov_refunds
    );
    let all_ok = rows.iter().all(|r| r.ok) && stats.paylov_duplicate_receipts == 0;
    if all_ok {
        println!("every flow ended as expected");
        ExitCode::SUCCESS
    } else {
        println!("some flows did not end as expected");
        ExitCode::FAILURE
    }
}

fn policy() -> RetryPolicy {
    RetryPolicy { max_attempts: 4, base_delay_ms: 20, max_delay_ms: 200 }
}

struct Demo<'a> {
    sandbox: &'a SandboxHandle,
    transport: ReqwestTransport,
    rows: Vec<Row>,
}

fn item(title: &str, price: u64, count: u64, discount: u64) -> ReceiptItem {
    ReceiptItem {
        title: title.into(),
        price,
        discount,
        count,
        code: "01902001001000000".into(),
        vat_percent: 12,
        package_code: "1437667".into(),
        pinfl: None,
        tin: Some("310100000".into()),
    }
}

fn card_receipt(transaction_id: &str) -> RegisterReceiptInput {
    RegisterReceiptInput {
        transaction_id: Some(transaction_id.into()),
        external_id: None,
        phone_number: None,
        items: vec![item("Green tea, 100 g", 1_120_000, 2, 20_000), item("Delivery", 100_000, 1, 0)],
    }
}

fn describe(result: &Result<HttpResponse, TransportError>) -> String {
    match result {
        Ok(r) => format!("HTTP {}", r.status),
        Err(e) => format!("no answer ({e})"),
    }
}

fn print_step(step: &Step, result: &Result<HttpResponse, TransportError>, started: Instant) {
    let path = step.request.url.splitn(4, '/').nth(3).unwrap_or_default();
    let retry = if step.attempt > 1 { format!("  (try {})", step.attempt) } else { String::new() };
    println!(
        "  {:<4} /{:<58} {:<12} {:>5} ms{retry}",
        step.request.method.as_str(),
        path,
        describe(result),
        started.elapsed().as_millis()
    );
}

impl Demo<'_> {
    fn paylov(&self) -> PaylovConfig {
        PaylovConfig {
            base_url: self.sandbox.base_url(Provider::Paylov),
            ..PaylovConfig::new(uzpay_sandbox::PAYLOV_API_KEY)
        }
    }

    fn via(&self) -> ViaConfig {
        ViaConfig::new(
            self.sandbox.base_url(Provider::Via),
            uzpay_sandbox::VIA_CLIENT_ID,
            uzpay_sandbox::VIA_CLIENT_SECRET,
        )
    }

    async fn all(mut self) -> Vec<Row> {
        // Receipt arithmetic first: what the customer pays and the VAT in it.
        let basket = card_receipt("demo-card-1").items;
        if let Ok(t) = receipt_totals(&basket) {
            println!("basket: {} lines, total {}, VAT included {}\n", basket.len(), som(t.total), som(t.vat));
        }

        let receipt_url = self.paylov_register("Paylov: register a receipt", "demo-card-1", None, false).await;
        self.paylov_register("Paylov: register the same payment again", "demo-card-1", None, true).await;
        self.paylov_register("Paylov: register, answer truncated", "demo-card-2", Some("truncate;times=1"), true).await;
        self.paylov_register("Paylov: register, 503 then ok", "demo-card-3", Some("status=503;times=2"), false).await;
        self.paylov_refund().await;

        let receipt_url = receipt_url.unwrap_or_else(|| {
            "https://ofd.soliq.uz/check?t=UZ170703100597&r=2421&c=20230104121801&s=514343190161".to_owned()
        });
        self.fiscalbox(Wallet::Click, "https://my.click.uz/qr/demo-1", &receipt_url).await;
        self.fiscalbox(Wallet::Anor, "12345678901234567890", &receipt_url).await;

        self.paymentsgate("PaymentsGate: payin from token to paid", "demo-invoice-1", true).await;
        self.paymentsgate("PaymentsGate: a cancelled deal", "cancel-demo-2", false).await;

        self.via_payment("VIA: card payment, one wrong SMS code", "8600000000000007", true, true).await;
        self.via_payment("VIA: card refused by the bank", "8600000000050002", false, false).await;
        self.rows
    }

    /// Runs a flow, printing each step. `typo_first`: the first SMS code the
    /// "customer" types is wrong, to show the flow asking again.
    async fn drive<F: Flow>(
        &self,
        title: &str,
        flow: &mut F,
        transport: &ReqwestTransport,
        typo_first: bool,
    ) -> (Result<F::Outcome, CallError>, usize, Duration) {
        println!("== {title}");
        let started = Instant::now();
        let mut requests = 0;
        let via_base = format!("http://{}", self.sandbox.addr());
        let mut typo_pending = typo_first;
        let mut codes = |verify_id: String, attempts_left: u32| {
            let url = format!("{via_base}/_sandbox/via/sms/{verify_id}");
            let typo = std::mem::take(&mut typo_pending);
            async move {
                if typo {
                    println!("  (customer types 000000; {attempts_left} tries left)");
                    return Some("000000".to_owned());
                }
                let code = sms_code(&url).await;
                println!("  (customer types the SMS code {})", code.as_deref().unwrap_or("?"));
                code
            }
        };
        let result = transport
            .run_observed(flow, &mut codes, |step, result| {
                requests += 1;
                print_step(step, result, started);
            })
            .await;
        (result, requests, started.elapsed())
    }

    fn record(&mut self, flow: &'static str, outcome: String, requests: usize, elapsed: Duration, ok: bool) {
        println!("  => {outcome}\n");
        self.rows.push(Row { flow, outcome, requests, elapsed, ok });
    }

    async fn paylov_register(
        &mut self,
        title: &'static str,
        transaction: &str,
        fault: Option<&str>,
        expect_existing: bool,
    ) -> Option<String> {
        let transport = match fault {
            Some(f) => self.transport.clone().with_header("X-Sandbox-Fault", f),
            None => self.transport.clone(),
        };
        let mut flow = match PaylovFiscalizationFlow::new(self.paylov(), card_receipt(transaction), policy()) {
            Ok(f) => f,
            Err(e) => {
                self.record(title, format!("refused: {e}"), 0, Duration::ZERO, false);
                return None;
            }
        };
        let (result, n, t) = self.drive(title, &mut flow, &transport, false).await;
        match result {
            Ok(r) => {
                let how = if r.already_existed { "already registered, read back" } else { "registered" };
                let ok = r.already_existed == expect_existing;
                self.record(title, format!("receipt {} {how}", r.receipt_id), n, t, ok);
                Some(r.receipt_url)
            }
            Err(e) => {
                self.record(title, format!("error: {e}"), n, t, false);
                None
            }
        }
    }

    async fn paylov_refund(&mut self) {
        let title = "Paylov: refund, then read the status";
        println!("== {title}");
        let started = Instant::now();
        let config = self.paylov();
        let status_input = ReceiptStatusInput { transaction_id: Some("demo-card-3".into()), external_id: None };
        let outcome = async {
            let status = self.transport.call::<ReceiptStatus>(&config, &status_input).await?;
            let receipt_id = status.receipt_id.unwrap_or_default();
            println!("  GET  status -> receipt {receipt_id}");
            let refund = self.transport.call::<RefundReceipt>(&config, &RefundReceiptInput { receipt_id }).await?;
            println!("  POST refund -> success {}", refund.success);
            let after = self.transport.call::<ReceiptStatus>(&config, &status_input).await?;
            println!("  GET  status -> is_refund {}", after.is_refund);
            Ok::<_, CallError>((receipt_id, after.is_refund))
        }
        .await;
        match outcome {
            Ok((id, refunded)) => {
                self.record(title, format!("receipt {id} refunded: {refunded}"), 3, started.elapsed(), refunded)
            }
            Err(e) => self.record(title, format!("error: {e}"), 3, started.elapsed(), false),
        }
    }

    async fn fiscalbox(&mut self, wallet: Wallet, qr: &str, receipt_url: &str) {
        let title = match wallet {
            Wallet::Click => "FiscalBox: Click payment + receipt",
            Wallet::Anor => "FiscalBox: Anor payment + receipt",
        };
        let config = FiscalBoxConfig::with_base_url(self.sandbox.base_url(Provider::FiscalBox));
        let mut flow =
            match FiscalBoxPaymentFlow::new(config, wallet, 2_320_000, qr.into(), receipt_url.into(), policy()) {
                Ok(f) => f,
                Err(e) => return self.record(title, format!("refused: {e}"), 0, Duration::ZERO, false),
            };
        let transport = self.transport.clone();
        let (result, n, t) = self.drive(title, &mut flow, &transport, false).await;
        match result {
            Ok(o) => self.record(
                title,
                format!("payment {} charged {}, receipt attached", o.payment_id, som(o.amount)),
                n,
                t,
                true,
            ),
            Err(e) => self.record(title, format!("error: {e}"), n, t, false),
        }
    }

    async fn paymentsgate(&mut self, title: &'static str, invoice: &str, expect_paid: bool) {
        let payin = CreatePayinInput {
            amount: 51_650,
            currency: Default::default(),
            invoice_id: invoice.into(),
            payin_type: PayinType::Oneclick,
            success_url: Some("https://shop.example/ok".into()),
            fail_url: None,
            back_url: None,
            lang: Some(Lang::Uz),
        };
        let credentials = AuthTokenInput {
            account_id: uzpay_sandbox::PAYMENTSGATE_ACCOUNT_ID.into(),
            public_key: uzpay_sandbox::PAYMENTSGATE_PUBLIC_KEY.into(),
        };
        let options = PayinFlowOptions { poll_interval_ms: 20, max_credential_polls: 10, max_status_polls: 10 };
        let base = self.sandbox.base_url(Provider::PaymentsGate);
        let mut flow = match PaymentsGatePayinFlow::new(base, credentials, payin, policy(), options) {
            Ok(f) => f,
            Err(e) => return self.record(title, format!("refused: {e}"), 0, Duration::ZERO, false),
        };
        let transport = self.transport.clone();
        let (result, n, t) = self.drive(title, &mut flow, &transport, false).await;
        match result {
            Ok(o) => {
                let to = o
                    .credentials
                    .as_ref()
                    .map(|c| format!(", paid to {}", uzpay::card::mask_pan(&c.account_number)))
                    .unwrap_or_default();
                self.record(title, format!("deal {} {}{to}", o.deal_id, o.status), n, t, o.paid == expect_paid)
            }
            Err(e) => self.record(title, format!("error: {e}"), n, t, false),
        }
    }

    async fn via_payment(&mut self, title: &'static str, pan: &str, wrong_code_first: bool, expect_paid: bool) {
        let _ = wrong_code_first;
        let input = ConfirmPayInput {
            merchant_id: uzpay_sandbox::VIA_MERCHANT_ID.into(),
            card: CardInput { pan: Pan::new(pan), expiry: "0128".into() },
            external_id: format!("demo-order-{}", pan.get(12..).unwrap_or(pan)),
            amount: 2_320_000,
            currency: Default::default(),
            note: Some("Order from the demo".into()),
        };
        let mut flow = match ViaCardPaymentFlow::new(self.via(), input, policy()) {
            Ok(f) => f,
            Err(e) => return self.record(title, format!("refused: {e}"), 0, Duration::ZERO, false),
        };
        let transport = self.transport.clone();
        let (result, n, t) = self.drive(title, &mut flow, &transport, wrong_code_first).await;
        match result {
            Ok(o) => self.record(
                title,
                format!(
                    "transaction {} {} ({})",
                    o.transaction.transaction_id,
                    o.transaction.status,
                    som(o.transaction.amount)
                ),
                n,
                t,
                o.paid == expect_paid,
            ),
            Err(e) => self.record(title, format!("error: {e}"), n, t, false),
        }
    }
}

/// The sandbox's stand-in for the card holder's phone.
async fn sms_code(url: &str) -> Option<String> {
    let body = reqwest::get(url).await.ok()?.text().await.ok()?;
    let value: serde_json::Value = serde_json::from_str(&body).ok()?;
    value.get("verifyCode")?.as_str().map(str::to_owned)
}
