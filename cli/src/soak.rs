//! `uzpay soak`: many complete flows against the in-process sandbox, concurrently,
//! with random injected faults; then the ledger is checked against the provider.
//! Loopback only, bounded in count and time.
//!
//! Reports throughput, p50/p99 flow latency, flows completed, errors by kind,
//! receipts lost (a flow reported a receipt Paylov does not have) and receipts
//! doubled (Paylov holds two for one payment). Exits 1 unless both are 0 and every
//! flow ended in an outcome or a classified error.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::Args;
use serde_json::json;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use uzpay::card::Pan;
use uzpay::fiscalbox::FiscalBoxConfig;
use uzpay::flow::{
    FiscalBoxPaymentFlow, PayinFlowOptions, PaylovFiscalizationFlow, PaymentsGatePayinFlow, RetryPolicy,
    ViaCardPaymentFlow, Wallet,
};
use uzpay::paylov::{PaylovConfig, ReceiptStatus, ReceiptStatusInput, RegisterReceiptInput};
use uzpay::paymentsgate::{AuthTokenInput, CreatePayinInput};
use uzpay::receipt::ReceiptItem;
use uzpay::via::{CardInput, ConfirmPayInput, ViaConfig};
use uzpay::{HttpRequest, Method};
use uzpay_reqwest::{CallError, ReqwestTransport};
use uzpay_sandbox::{Provider, SandboxHandle};

/// `uzpay soak` options.
#[derive(Args, Clone)]
pub struct SoakArgs {
    /// How many complete flows to run.
    #[arg(long, default_value_t = 10_000)]
    flows: usize,
    /// How many run at once.
    #[arg(long, default_value_t = 64)]
    concurrency: usize,
    /// The share of flows that get one injected fault (0.0 to 1.0).
    #[arg(long, default_value_t = 0.05)]
    fault_rate: f64,
    /// The seed of the fault draw (the same seed, the same faults).
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Also write the figures as JSON to this file.
    #[arg(long)]
    json: Option<String>,
}

/// Faults drawn for the soak; the delay outlasts the soak's client timeout.
const FAULTS: &[&str] = &["delay=1200", "status=500", "status=502", "status=503", "truncate", "drop", "drop_after"];
const TIMEOUT: Duration = Duration::from_millis(1_000);

#[derive(Clone, Copy)]
enum Kind {
    Paylov,
    FiscalBox(Wallet),
    PaymentsGate,
    Via,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Paylov => "paylov",
            Kind::FiscalBox(Wallet::Click) => "fiscalbox click",
            Kind::FiscalBox(Wallet::Anor) => "fiscalbox anor",
            Kind::PaymentsGate => "paymentsgate",
            Kind::Via => "via",
        }
    }
}

/// How one flow ended.
struct Ended {
    kind: Kind,
    faulted: bool,
    elapsed: Duration,
    /// `Ok(receipt id)` for Paylov, `Ok(0)` for the others; else the error class.
    result: Result<i64, String>,
    transaction: String,
}

fn error_class(e: &CallError) -> String {
    match e {
        CallError::Uzpay(u) => u.kind().as_str().to_owned(),
        CallError::Transport(_) => "transport".to_owned(),
    }
}

/// xorshift64*: the fault draw, reproducible from the seed.
fn next(state: &mut u64) -> u64 {
    *state ^= *state >> 12;
    *state ^= *state << 25;
    *state ^= *state >> 27;
    state.wrapping_mul(0x2545_F491_4F6C_DD1D)
}

fn policy() -> RetryPolicy {
    RetryPolicy { max_attempts: 4, base_delay_ms: 10, max_delay_ms: 100 }
}

pub async fn run(args: SoakArgs) -> ExitCode {
    let sandbox = match uzpay_sandbox::start(SocketAddr::from(([127, 0, 0, 1], 0))).await {
        Ok(s) => Arc::new(s),
        Err(e) => {
            eprintln!("error: the sandbox could not start: {e}");
            return ExitCode::FAILURE;
        }
    };
    let Ok(base_transport) = ReqwestTransport::new(TIMEOUT) else {
        eprintln!("error: no HTTP client");
        return ExitCode::FAILURE;
    };
    println!(
        "soak: {} flows, {} at a time, {:.0}% with a fault, seed {}, sandbox on {}",
        args.flows,
        args.concurrency,
        args.fault_rate * 100.0,
        args.seed,
        sandbox.addr()
    );
    let permits = Arc::new(Semaphore::new(args.concurrency.max(1)));
    let mut rng = args.seed.max(1);
    let mut tasks = JoinSet::new();
    let started = Instant::now();
    for i in 0..args.flows {
        let kind = match i % 5 {
            0 => Kind::Paylov,
            1 => Kind::FiscalBox(if (i / 5) % 2 == 0 { Wallet::Click } else { Wallet::Anor }),
            2 => Kind::PaymentsGate,
            3 => Kind::Via,
            _ => Kind::Paylov,
        };
        let draw = (next(&mut rng) % 1_000_000) as f64 / 1_000_000.0;
        let fault = (draw < args.fault_rate).then(|| {
            let f = FAULTS.get((next(&mut rng) as usize) % FAULTS.len()).copied().unwrap_or("drop");
            format!("{f};times=1;key=flow-{i}")
        });
        let transport = match &fault {
            Some(f) => base_transport.clone().with_header("X-Sandbox-Fault", f.as_str()),
            None => base_transport.clone(),
        };
        let sandbox = Arc::clone(&sandbox);
        let permits = Arc::clone(&permits);
        tasks.spawn(async move {
            let _permit = permits.acquire_owned().await;
            let t0 = Instant::now();
            let (result, transaction) = one_flow(kind, i, &sandbox, &transport).await;
            Ended { kind, faulted: fault.is_some(), elapsed: t0.elapsed(), result, transaction }
        });
    }
    let mut ended = Vec::with_capacity(args.flows);
    let mut panicked = 0usize;
    while let Some(joined) = tasks.join_next().await {
        match joined {
            Ok(e) => ended.push(e),
            Err(_) => panicked += 1,
        }
    }
    let wall = started.elapsed();
    // Give late (delayed) requests time to land before the ledger is read.
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    let lost = check_receipts(&sandbox, &base_transport, &ended).await;
    let stats = sandbox.stats();
    report(&args, &ended, wall, lost, &stats, panicked)
}

async fn one_flow(kind: Kind, i: usize, s: &SandboxHandle, t: &ReqwestTransport) -> (Result<i64, String>, String) {
    let id = format!("soak-{i}");
    let outcome = match kind {
        Kind::Paylov => {
            let config = PaylovConfig {
                base_url: s.base_url(Provider::Paylov),
                ..PaylovConfig::new(uzpay_sandbox::PAYLOV_API_KEY)
            };
            let input = RegisterReceiptInput {
                transaction_id: Some(id.clone()),
                external_id: None,
                phone_number: None,
                items: vec![ReceiptItem {
                    title: "Soak item".into(),
                    price: 100_000 + (i as u64 % 1000) * 100,
                    discount: 0,
                    count: 1 + (i as u64 % 3),
                    code: "01902001001000000".into(),
                    vat_percent: 12,
                    package_code: "1437667".into(),
                    pinfl: None,
                    tin: Some("310100000".into()),
                }],
            };
            match PaylovFiscalizationFlow::new(config, input, policy()) {
                Ok(mut f) => t.run(&mut f, no_code).await.map(|r| r.receipt_id).map_err(|e| error_class(&e)),
                Err(e) => Err(e.kind().as_str().to_owned()),
            }
        }
        Kind::FiscalBox(wallet) => {
            let qr = if wallet == Wallet::Anor { "12345678901234567890".to_owned() } else { format!("click-{id}") };
            let config = FiscalBoxConfig::with_base_url(s.base_url(Provider::FiscalBox));
            let receipt = "https://ofd.soliq.uz/check?t=UZ170703100597&r=2421&c=20230104121801&s=514343190161";
            match FiscalBoxPaymentFlow::new(config, wallet, 150_000, qr, receipt.into(), policy()) {
                Ok(mut f) => t.run(&mut f, no_code).await.map(|_| 0).map_err(|e| error_class(&e)),
                Err(e) => Err(e.kind().as_str().to_owned()),
            }
        }
        Kind::PaymentsGate => {
            let payin = CreatePayinInput {
                amount: 51_650,
                currency: Default::default(),
                invoice_id: id.clone(),
                payin_type: Default::default(),
                success_url: None,
                fail_url: None,
                back_url: None,
                lang: None,
            };
            let creds = AuthTokenInput {
                account_id: uzpay_sandbox::PAYMENTSGATE_ACCOUNT_ID.into(),
                public_key: uzpay_sandbox::PAYMENTSGATE_PUBLIC_KEY.into(),
            };
            let options = PayinFlowOptions { poll_interval_ms: 5, max_credential_polls: 10, max_status_polls: 10 };
            match PaymentsGatePayinFlow::new(s.base_url(Provider::PaymentsGate), creds, payin, policy(), options) {
                Ok(mut f) => t.run(&mut f, no_code).await.map(|_| 0).map_err(|e| error_class(&e)),
                Err(e) => Err(e.kind().as_str().to_owned()),
            }
        }
        Kind::Via => {
            let config = ViaConfig::new(
                s.base_url(Provider::Via),
                uzpay_sandbox::VIA_CLIENT_ID,
                uzpay_sandbox::VIA_CLIENT_SECRET,
            );
            let input = ConfirmPayInput {
                merchant_id: uzpay_sandbox::VIA_MERCHANT_ID.into(),
                card: CardInput { pan: Pan::new("8600000000000007"), expiry: "0128".into() },
                external_id: id.clone(),
                amount: 100_000,
                currency: Default::default(),
                note: None,
            };
            let sms_base = format!("http://{}/_sandbox/via/sms/", s.addr());
            let clean = t.clone();
            let codes = move |verify_id: String, _: u32| {
                let url = format!("{sms_base}{verify_id}");
                let clean = clean.clone();
                async move { sms_code(&clean, url).await }
            };
            match ViaCardPaymentFlow::new(config, input, policy()) {
                Ok(mut f) => t.run(&mut f, codes).await.map(|_| 0).map_err(|e| error_class(&e)),
                Err(e) => Err(e.kind().as_str().to_owned()),
            }
        }
    };
    (outcome, id)
}

async fn no_code(_: String, _: u32) -> Option<String> {
    None
}

async fn sms_code(t: &ReqwestTransport, url: String) -> Option<String> {
    let request = HttpRequest { method: Method::Get, url, headers: Vec::new(), body: Vec::new() };
    // The phone is not the provider: a fault header must not hit it, so no retry
    // logic here beyond one more try.
    for _ in 0..2 {
        if let Ok(r) = t.send(&request).await {
            if let Ok(v) = serde_json::from_slice::<serde_json::Value>(&r.body) {
                return v.get("verifyCode").and_then(|c| c.as_str()).map(str::to_owned);
            }
        }
    }
    None
}

/// Every receipt a flow reported must be the one Paylov has for that payment.
async fn check_receipts(s: &SandboxHandle, t: &ReqwestTransport, ended: &[Ended]) -> usize {
    let config =
        PaylovConfig { base_url: s.base_url(Provider::Paylov), ..PaylovConfig::new(uzpay_sandbox::PAYLOV_API_KEY) };
    let mut lost = 0;
    for e in ended.iter().filter(|e| matches!(e.kind, Kind::Paylov)) {
        if let Ok(receipt_id) = e.result {
            let input = ReceiptStatusInput { transaction_id: Some(e.transaction.clone()), external_id: None };
            match t.call::<ReceiptStatus>(&config, &input).await {
                Ok(status) if status.receipt_id == Some(receipt_id) => {}
                _ => lost += 1,
            }
        }
    }
    lost
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted.get(rank - 1).copied().unwrap_or_default()
}

fn report(
    args: &SoakArgs,
    ended: &[Ended],
    wall: Duration,
    lost: usize,
    stats: &uzpay_sandbox::Stats,
    panicked: usize,
) -> ExitCode {
    let mut latencies: Vec<Duration> = ended.iter().map(|e| e.elapsed).collect();
    latencies.sort();
    let completed = ended.iter().filter(|e| e.result.is_ok()).count();
    let faulted = ended.iter().filter(|e| e.faulted).count();
    let mut errors: BTreeMap<String, usize> = BTreeMap::new();
    let mut by_flow: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for e in ended {
        let entry = by_flow.entry(e.kind.name()).or_default();
        entry.0 += 1;
        match &e.result {
            Ok(_) => entry.1 += 1,
            Err(kind) => *errors.entry(kind.clone()).or_default() += 1,
        }
    }
    let throughput = ended.len() as f64 / wall.as_secs_f64().max(f64::EPSILON);
    let (p50, p99) = (percentile(&latencies, 0.50), percentile(&latencies, 0.99));
    let doubled = stats.paylov_duplicate_receipts;
    println!("\n| figure | value |\n|---|---|");
    println!("| flows run | {} |", ended.len());
    println!("| flows with an injected fault | {faulted} |");
    println!("| flows completed | {completed} |");
    for (kind, n) in &errors {
        println!("| errors: {kind} | {n} |");
    }
    println!("| throughput | {throughput:.0} flows/s |");
    println!("| latency p50 / p99 | {} ms / {} ms |", p50.as_millis(), p99.as_millis());
    println!("| receipts lost | {lost} |");
    println!("| receipts doubled | {doubled} |");
    println!("| wall time | {:.1} s |", wall.as_secs_f64());
    println!("\n| flow | run | completed |\n|---|---:|---:|");
    for (name, (run, ok)) in &by_flow {
        println!("| {name} | {run} | {ok} |");
    }
    if let Some(path) = &args.json {
        let summary = json!({
            "flows": ended.len(), "concurrency": args.concurrency, "fault_rate": args.fault_rate, "seed": args.seed,
            "faulted": faulted, "completed": completed, "errors": errors, "throughput_per_s": throughput,
            "p50_ms": p50.as_millis() as u64, "p99_ms": p99.as_millis() as u64,
            "receipts_lost": lost, "receipts_doubled": doubled, "panicked": panicked,
            "sandbox": stats,
        });
        if let Err(e) = std::fs::write(path, serde_json::to_string_pretty(&summary).unwrap_or_default()) {
            eprintln!("error: cannot write {path}: {e}");
        }
    }
    let ok = lost == 0 && doubled == 0 && panicked == 0 && ended.len() == args.flows;
    println!("\n{}", if ok { "soak passed: no receipt lost or doubled" } else { "soak FAILED" });
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
