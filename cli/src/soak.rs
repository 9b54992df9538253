//! `uzpay soak`: many complete flows against the in-process sandbox, concurrently,
//! with random injected faults and, if asked, random restarts of the driver; then the
//! ledger is checked against the provider. Loopback only, bounded in count and time.
//!
//! - Faults (`--fault-rate F`): that share of the flows gets one injected fault (a
//!   delay past the client's timeout, a 5xx page, a truncated body, a connection
//!   dropped before or after the request was processed).
//! - Restarts (`--restart-rate R`, default 0): at every action a flow asks for (a
//!   request to send, which is also the moment right after the previous answer; an
//!   SMS code to wait for; its outcome), with probability R the driver saves the flow
//!   (`Flow::snapshot`), drops it, restores a new one from the snapshot with the
//!   config (and a payin's account credentials) and goes on with `Flow::resume`. A
//!   restart before a request is sent leaves that request in flight as far as the
//!   flow knows: the restored flow must take it as maybe sent.
//! - Kills (`--kill-rate K`, default 0): at every request, with probability K, the
//!   driver saves the flow, sends the request for real and throws its answer away (as
//!   if the process died right after writing it), then restores the flow from the
//!   snapshot taken before sending and resumes: the effect happened and the flow never
//!   learned it, so it must look it up or send it again only where that is safe.
//!
//! Every draw comes from `--seed`: the faults from one generator in flow order, the
//! restarts and kills from a generator per flow (the seed and the flow's number), so
//! the same seed gives the same faults and, flow by flow, the same restart points.
//! With both rates 0 the flows are driven by `ReqwestTransport::run` itself.
//!
//! After the run, each check against the provider's own ledger:
//! - Paylov: every receipt a flow reported is the one Paylov has for that payment
//!   (receipts lost); no payment has two receipts (receipts doubled).
//! - VIA: every payment a flow reported is the transaction VIA has for its external
//!   id, paid exactly when VIA says `SUCCESS` (payments lost); no more transactions
//!   than external ids (payments doubled).
//! - FiscalBox: no more charges than flows and no charge reported by two flows
//!   (charges doubled); at least as many payments fiscalized as flows completed
//!   (receipts not attached). The sandbox keeps no charge per QR, so "a QR charged
//!   twice" is checked in total, not QR by QR.
//! - PaymentsGate: no more deals than invoices, no deal reported by two flows (deals
//!   doubled).
//!
//! Reports throughput, p50/p99 flow latency (restarts included), flows completed,
//! errors by kind, restarts and kills, and these checks. Exits 1 unless every check is
//! 0 and every flow ended in an outcome or a classified error: not a panic, a restore
//! refusing the flow's own snapshot, a restored finished flow giving another outcome,
//! or a flow with no end in sight.

use std::collections::{BTreeMap, HashSet};
use std::future::Future;
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
    Action, FiscalBoxPaymentFlow, FlowKind, PayinFlowOptions, PaylovFiscalizationFlow, PaymentsGatePayinFlow,
    RetryPolicy, ViaCardPaymentFlow, Wallet,
};
use uzpay::paylov::{PaylovConfig, ReceiptStatus, ReceiptStatusInput, RegisterReceiptInput};
use uzpay::paymentsgate::{AuthTokenInput, CreatePayinInput, PaymentsGateConfig};
use uzpay::receipt::ReceiptItem;
use uzpay::via::{CardInput, ConfirmPayInput, GetTransaction, GetTransactionInput, ViaConfig};
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
    /// The chance, at each action of a flow (a request to send, an SMS code to wait
    /// for, its outcome), that the driver restarts: saves the flow, drops it, restores
    /// it from the snapshot and resumes (0.0 to below 1.0).
    #[arg(long, default_value_t = 0.0, value_parser = rate)]
    restart_rate: f64,
    /// The chance, at each request, that the driver dies after sending it: the
    /// request reaches the provider, its answer is thrown away and the flow is restored
    /// from the snapshot taken before sending (0.0 to below 1.0).
    #[arg(long, default_value_t = 0.0, value_parser = rate)]
    kill_rate: f64,
    /// The seed of the fault, restart and kill draws (the same seed, the same draws).
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Also write the figures as JSON to this file.
    #[arg(long)]
    json: Option<String>,
}

/// A restart or kill rate: at 1.0 no flow could ever get past a step.
fn rate(text: &str) -> Result<f64, String> {
    let r: f64 = text.parse().map_err(|_| format!("`{text}` is not a number"))?;
    if (0.0..1.0).contains(&r) {
        Ok(r)
    } else {
        Err(format!("{r} is not from 0.0 to below 1.0"))
    }
}

/// Faults drawn for the soak; the delay outlasts the soak's client timeout.
const FAULTS: &[&str] = &["delay=1200", "status=500", "status=502", "status=503", "truncate", "drop", "drop_after"];
const TIMEOUT: Duration = Duration::from_millis(1_000);
/// A flow still asking for something after this many actions never ends.
const MAX_ACTIONS: usize = 1_000;

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

/// What a finished flow reported, to check against the provider.
enum Reported {
    /// Paylov's receipt id.
    Receipt(i64),
    /// FiscalBox's payment (Click's `payment_id`, Anor's `transaction_id`).
    Charge(String),
    /// PaymentsGate's deal id.
    Deal(String),
    /// VIA's transaction id, and whether the flow says it is paid.
    Card { transaction: String, paid: bool },
}

/// How a flow ended without an outcome.
struct Failed {
    /// The error's kind (`transport`, `http`, ...), or what went wrong for a bug.
    class: String,
    retryable: bool,
    /// Not a classified error: something no flow may do (the soak fails).
    bug: bool,
    /// The error's own words.
    message: String,
    /// What the driver did, when it restarts or kills (for the JSON's examples).
    trace: Vec<String>,
}

impl Failed {
    fn of(e: &uzpay::Error) -> Self {
        Failed {
            class: e.kind().as_str().to_owned(),
            retryable: e.retryable(),
            bug: false,
            message: e.to_string(),
            trace: Vec::new(),
        }
    }
}

/// How one flow ended.
struct Ended {
    /// The flow's number.
    number: usize,
    kind: Kind,
    /// The fault its requests asked the sandbox for, if any.
    fault: Option<String>,
    elapsed: Duration,
    result: Result<Reported, Failed>,
    /// Its payment's id at the provider (Paylov's transaction id, VIA's external id,
    /// PaymentsGate's invoice id).
    transaction: String,
    interruptions: Interruptions,
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

/// splitmix64: a well-spread, non-zero start for flow `i`'s own generator.
fn flow_seed(seed: u64, i: usize) -> u64 {
    let mut z = seed ^ (i as u64).wrapping_add(1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    (z ^ (z >> 31)).max(1)
}

fn policy() -> RetryPolicy {
    RetryPolicy { max_attempts: 4, base_delay_ms: 10, max_delay_ms: 100 }
}

/// The restarts and kills of one flow: drawn from its own generator, and counted.
struct Chaos {
    rng: u64,
    restart_rate: f64,
    kill_rate: f64,
    counts: Interruptions,
    /// What the driver did, step by step.
    trace: Vec<String>,
}

/// How often a flow's driver was interrupted, and where.
#[derive(Debug, Default, Clone, Copy)]
struct Interruptions {
    /// Restarts with a request in flight that was never sent (the moment right after
    /// the previous answer is the same one).
    in_flight: u64,
    /// Restarts while waiting for VIA's SMS code.
    awaiting_code: u64,
    /// Restarts after the flow finished: the restored flow must give its outcome again.
    finished: u64,
    /// Requests sent whose answer was thrown away.
    kills: u64,
}

impl Interruptions {
    fn restarts(&self) -> u64 {
        self.in_flight + self.awaiting_code + self.finished
    }

    fn add(&mut self, o: &Interruptions) {
        self.in_flight += o.in_flight;
        self.awaiting_code += o.awaiting_code;
        self.finished += o.finished;
        self.kills += o.kills;
    }
}

impl Chaos {
    fn new(seed: u64, i: usize, args: &SoakArgs) -> Self {
        Chaos {
            rng: flow_seed(seed, i),
            restart_rate: args.restart_rate,
            kill_rate: args.kill_rate,
            counts: Interruptions::default(),
            trace: Vec::new(),
        }
    }

    fn enabled(&self) -> bool {
        self.restart_rate > 0.0 || self.kill_rate > 0.0
    }

    fn draw(&mut self, rate: f64) -> bool {
        // 53 random bits: a uniform number in [0, 1).
        rate > 0.0 && ((next(&mut self.rng) >> 11) as f64) / ((1u64 << 53) as f64) < rate
    }
}

/// How a driven flow stopped short of its outcome.
enum Stop {
    /// The flow, or the transport, said why: a classified error.
    Call(CallError),
    /// Something no flow may do.
    Bug(String),
}

impl From<uzpay::Error> for Stop {
    fn from(e: uzpay::Error) -> Self {
        Stop::Call(CallError::Uzpay(e))
    }
}

impl Stop {
    fn failed(self, trace: Vec<String>) -> Failed {
        match self {
            Stop::Call(e) => {
                Failed { class: error_class(&e), retryable: e.retryable(), bug: false, message: e.to_string(), trace }
            }
            Stop::Bug(what) => Failed { class: what.clone(), retryable: false, bug: true, message: what, trace },
        }
    }
}

/// A response or a transport failure, in a few words for a trace.
fn answered(result: &Result<uzpay::HttpResponse, uzpay_reqwest::TransportError>) -> String {
    match result {
        Ok(r) => format!("HTTP {}", r.status),
        Err(e) => e.failure.as_str().to_owned(),
    }
}

/// Drives `flow` to its outcome like [`ReqwestTransport::run`], restarting and
/// killing the driver as `chaos` draws; a restore is given `config` and
/// `credentials` again (nothing else survives a restart).
async fn drive<F, C, Fut>(
    t: &ReqwestTransport,
    mut flow: F,
    config: &F::Config,
    credentials: Option<&AuthTokenInput>,
    chaos: &mut Chaos,
    mut verify_code: C,
) -> Result<F::Outcome, Stop>
where
    F: FlowKind,
    C: FnMut(String, u32) -> Fut,
    Fut: Future<Output = Option<String>>,
{
    if !chaos.enabled() {
        return t.run(&mut flow, verify_code).await.map_err(Stop::Call);
    }
    let restore = |saved: &str| {
        F::restore(config.clone(), saved, credentials.cloned())
            .map_err(|e| Stop::Bug(format!("a restore refused the flow's own snapshot: {e}")))
    };
    let mut action = flow.start()?;
    for _ in 0..MAX_ACTIONS {
        if chaos.draw(chaos.restart_rate) {
            let saved = flow.snapshot();
            drop(flow);
            flow = restore(&saved)?;
            let resumed = flow.resume();
            let what = match &action {
                Action::Send(step) => format!("restart: {} #{} in flight", step.operation, step.attempt),
                Action::AwaitVerifyCode(_) => "restart: awaiting the SMS code".to_owned(),
                Action::Done(_) => "restart: finished".to_owned(),
            };
            chaos.trace.push(format!("{what}; resume: {}", next_of(&resumed)));
            let resumed = resumed?;
            match (&action, &resumed) {
                (Action::Send(_), _) => chaos.counts.in_flight += 1,
                (Action::AwaitVerifyCode(_), _) => chaos.counts.awaiting_code += 1,
                (Action::Done(before), Action::Done(after)) => {
                    chaos.counts.finished += 1;
                    if serde_json::to_value(before).ok() != serde_json::to_value(after).ok() {
                        return Err(Stop::Bug("a finished flow, restored, gave another outcome".to_owned()));
                    }
                }
                (Action::Done(_), _) => {
                    return Err(Stop::Bug("a finished flow, restored, did not give its outcome".to_owned()));
                }
            }
            action = resumed;
            continue;
        }
        action = match action {
            Action::Send(step) => {
                if step.delay_ms > 0 {
                    tokio::time::sleep(Duration::from_millis(step.delay_ms)).await;
                }
                if chaos.draw(chaos.kill_rate) {
                    chaos.counts.kills += 1;
                    let saved = flow.snapshot();
                    drop(flow);
                    // The request reaches the provider; its answer dies with the process.
                    let lost = t.send(&step.request).await;
                    flow = restore(&saved)?;
                    let resumed = flow.resume();
                    chaos.trace.push(format!(
                        "kill: {} #{} sent, {} thrown away; resume: {}",
                        step.operation,
                        step.attempt,
                        answered(&lost),
                        next_of(&resumed)
                    ));
                    resumed?
                } else {
                    let result = t.send(&step.request).await;
                    let next = match &result {
                        Ok(response) => flow.on_response(response),
                        Err(e) => flow.on_transport_failure(e.failure),
                    };
                    chaos.trace.push(format!(
                        "{} #{}: {}; next: {}",
                        step.operation,
                        step.attempt,
                        answered(&result),
                        next_of(&next)
                    ));
                    next?
                }
            }
            Action::AwaitVerifyCode(ask) => match verify_code(ask.verify_id, ask.attempts_left).await {
                Some(code) => flow.provide_verify_code(&code)?,
                None => return Err(uzpay::Error::invalid_input("verify_code", "no SMS code was given").into()),
            },
            Action::Done(outcome) => return Ok(outcome),
        };
    }
    Err(Stop::Bug(format!("no outcome after {MAX_ACTIONS} actions")))
}

/// What a flow asked for next, in a few words for a trace.
fn next_of<T>(next: &uzpay::Result<Action<T>>) -> String {
    match next {
        Ok(Action::Send(step)) => format!("{} #{}", step.operation, step.attempt),
        Ok(Action::AwaitVerifyCode(_)) => "the SMS code".to_owned(),
        Ok(Action::Done(_)) => "done".to_owned(),
        Err(e) => format!("error ({}{}): {e}", e.kind().as_str(), if e.retryable() { ", retryable" } else { "" }),
    }
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
    let restarts = if args.restart_rate > 0.0 || args.kill_rate > 0.0 {
        format!(
            ", restarts at {}% of actions, kills at {}% of requests",
            args.restart_rate * 100.0,
            args.kill_rate * 100.0
        )
    } else {
        String::new()
    };
    println!(
        "soak: {} flows, {} at a time, {:.0}% with a fault{restarts}, seed {}, sandbox on {}",
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
        let mut chaos = Chaos::new(args.seed, i, &args);
        let sandbox = Arc::clone(&sandbox);
        let permits = Arc::clone(&permits);
        tasks.spawn(async move {
            let _permit = permits.acquire_owned().await;
            let t0 = Instant::now();
            let transaction = format!("soak-{i}");
            let result = one_flow(kind, i, &transaction, &sandbox, &transport, &mut chaos).await;
            Ended { number: i, kind, fault, elapsed: t0.elapsed(), result, transaction, interruptions: chaos.counts }
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
    let stats = sandbox.stats();
    let checks = Checks {
        receipts_lost: check_receipts(&sandbox, &base_transport, &ended).await,
        via: check_via(&sandbox, &base_transport, &ended).await,
        ..Checks::from_stats(&stats, &ended)
    };
    report(&args, &ended, wall, &checks, &stats, panicked)
}

async fn one_flow(
    kind: Kind,
    i: usize,
    id: &str,
    s: &SandboxHandle,
    t: &ReqwestTransport,
    chaos: &mut Chaos,
) -> Result<Reported, Failed> {
    match kind {
        Kind::Paylov => {
            let config = PaylovConfig {
                base_url: s.base_url(Provider::Paylov),
                ..PaylovConfig::new(uzpay_sandbox::PAYLOV_API_KEY)
            };
            let input = RegisterReceiptInput {
                transaction_id: Some(id.to_owned()),
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
            let flow = PaylovFiscalizationFlow::new(config.clone(), input, policy()).map_err(|e| Failed::of(&e))?;
            let receipt = drive(t, flow, &config, None, chaos, no_code)
                .await
                .map_err(|s| s.failed(std::mem::take(&mut chaos.trace)))?;
            Ok(Reported::Receipt(receipt.receipt_id))
        }
        Kind::FiscalBox(wallet) => {
            let qr = if wallet == Wallet::Anor { "12345678901234567890".to_owned() } else { format!("click-{id}") };
            let config = FiscalBoxConfig::with_base_url(s.base_url(Provider::FiscalBox));
            let receipt = "https://ofd.soliq.uz/check?t=UZ170703100597&r=2421&c=20230104121801&s=514343190161";
            let flow = FiscalBoxPaymentFlow::new(config.clone(), wallet, 150_000, qr, receipt.into(), policy())
                .map_err(|e| Failed::of(&e))?;
            let outcome = drive(t, flow, &config, None, chaos, no_code)
                .await
                .map_err(|s| s.failed(std::mem::take(&mut chaos.trace)))?;
            Ok(Reported::Charge(outcome.payment_id))
        }
        Kind::PaymentsGate => {
            let payin = CreatePayinInput {
                amount: 51_650,
                currency: Default::default(),
                invoice_id: id.to_owned(),
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
            let base_url = s.base_url(Provider::PaymentsGate);
            let options = PayinFlowOptions { poll_interval_ms: 5, max_credential_polls: 10, max_status_polls: 10 };
            let flow = PaymentsGatePayinFlow::new(base_url.clone(), creds.clone(), payin, policy(), options)
                .map_err(|e| Failed::of(&e))?;
            let config = PaymentsGateConfig::without_token(base_url);
            let outcome = drive(t, flow, &config, Some(&creds), chaos, no_code)
                .await
                .map_err(|s| s.failed(std::mem::take(&mut chaos.trace)))?;
            Ok(Reported::Deal(outcome.deal_id))
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
                external_id: id.to_owned(),
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
            let flow = ViaCardPaymentFlow::new(config.clone(), input, policy()).map_err(|e| Failed::of(&e))?;
            let outcome = drive(t, flow, &config, None, chaos, codes)
                .await
                .map_err(|s| s.failed(std::mem::take(&mut chaos.trace)))?;
            Ok(Reported::Card { transaction: outcome.transaction.transaction_id, paid: outcome.paid })
        }
    }
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

/// What the providers' ledgers say of the run.
#[derive(Default)]
struct Checks {
    /// Paylov receipts a flow reported that Paylov does not have for its payment.
    receipts_lost: usize,
    /// Paylov receipts beyond the first of their payment.
    receipts_doubled: u64,
    via: ViaCheck,
    /// VIA transactions beyond one per external id (one per VIA flow).
    via_doubled: u64,
    /// FiscalBox charges beyond one per flow, plus charges reported by two flows.
    fiscalbox_doubled: u64,
    /// Completed FiscalBox flows beyond the payments FiscalBox has fiscalized.
    fiscalbox_unattached: u64,
    /// Charges no flow reported: the flow ended in an error after a charge that may
    /// have gone through (by design where the answer was lost: FiscalBox has no lookup).
    fiscalbox_charged_after_error: u64,
    /// PaymentsGate deals beyond one per invoice, plus deals reported by two flows.
    paymentsgate_doubled: u64,
}

#[derive(Default)]
struct ViaCheck {
    /// Payments a flow reported that are not VIA's transaction for its external id,
    /// or paid where VIA says otherwise (or the other way round).
    lost: usize,
    /// Flows that ended in an error while VIA has their payment paid.
    paid_after_error: usize,
}

impl Checks {
    fn from_stats(stats: &uzpay_sandbox::Stats, ended: &[Ended]) -> Self {
        let flows = |f: fn(Kind) -> bool| ended.iter().filter(|e| f(e.kind)).count() as u64;
        let reported = |f: fn(&Reported) -> Option<&String>| -> (u64, u64) {
            let ids: Vec<&String> = ended.iter().filter_map(|e| e.result.as_ref().ok().and_then(f)).collect();
            let distinct: HashSet<&&String> = ids.iter().collect();
            (ids.len() as u64, (ids.len() - distinct.len()) as u64)
        };
        let (fb_completed, fb_shared) = reported(|r| match r {
            Reported::Charge(id) => Some(id),
            _ => None,
        });
        let (_, pg_shared) = reported(|r| match r {
            Reported::Deal(id) => Some(id),
            _ => None,
        });
        let fb_flows = flows(|k| matches!(k, Kind::FiscalBox(_)));
        let deals: u64 = stats.paymentsgate_deals.values().sum();
        let via_transactions: u64 = stats.via_transactions.values().sum();
        Checks {
            receipts_doubled: stats.paylov_duplicate_receipts,
            via_doubled: via_transactions.saturating_sub(flows(|k| matches!(k, Kind::Via))),
            fiscalbox_doubled: stats.fiscalbox_payments.saturating_sub(fb_flows) + fb_shared,
            fiscalbox_unattached: fb_completed.saturating_sub(stats.fiscalbox_confirmations),
            fiscalbox_charged_after_error: stats.fiscalbox_payments.saturating_sub(fb_completed),
            paymentsgate_doubled: deals.saturating_sub(flows(|k| matches!(k, Kind::PaymentsGate))) + pg_shared,
            ..Checks::default()
        }
    }

    fn failed(&self) -> bool {
        self.receipts_lost > 0
            || self.receipts_doubled > 0
            || self.via.lost > 0
            || self.via_doubled > 0
            || self.fiscalbox_doubled > 0
            || self.fiscalbox_unattached > 0
            || self.paymentsgate_doubled > 0
    }
}

/// Every receipt a flow reported must be the one Paylov has for that payment.
async fn check_receipts(s: &SandboxHandle, t: &ReqwestTransport, ended: &[Ended]) -> usize {
    let config =
        PaylovConfig { base_url: s.base_url(Provider::Paylov), ..PaylovConfig::new(uzpay_sandbox::PAYLOV_API_KEY) };
    let mut lost = 0;
    for e in ended.iter().filter(|e| matches!(e.kind, Kind::Paylov)) {
        if let Ok(Reported::Receipt(receipt_id)) = e.result {
            let input = ReceiptStatusInput { transaction_id: Some(e.transaction.clone()), external_id: None };
            match t.call::<ReceiptStatus>(&config, &input).await {
                Ok(status) if status.receipt_id == Some(receipt_id) => {}
                _ => lost += 1,
            }
        }
    }
    lost
}

/// Every VIA payment a flow reported must be VIA's transaction for its external id,
/// paid exactly when VIA says so.
async fn check_via(s: &SandboxHandle, t: &ReqwestTransport, ended: &[Ended]) -> ViaCheck {
    let config =
        ViaConfig::new(s.base_url(Provider::Via), uzpay_sandbox::VIA_CLIENT_ID, uzpay_sandbox::VIA_CLIENT_SECRET);
    let mut check = ViaCheck::default();
    for e in ended.iter().filter(|e| matches!(e.kind, Kind::Via)) {
        let input = GetTransactionInput { transaction_id: None, external_id: Some(e.transaction.clone()) };
        let found = t.call::<GetTransaction>(&config, &input).await;
        match (&e.result, found) {
            (Ok(Reported::Card { transaction, paid }), Ok(t))
                if &t.transaction_id == transaction && t.is_paid() == *paid => {}
            (Ok(_), _) => check.lost += 1,
            (Err(_), Ok(t)) if t.is_paid() => check.paid_after_error += 1,
            (Err(_), _) => {}
        }
    }
    check
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted.get(rank - 1).copied().unwrap_or_default()
}

/// Per flow kind: run, completed, interruptions, errors by class.
#[derive(Default)]
struct ByFlow {
    run: usize,
    completed: usize,
    interruptions: Interruptions,
    errors: BTreeMap<String, usize>,
}

fn report(
    args: &SoakArgs,
    ended: &[Ended],
    wall: Duration,
    checks: &Checks,
    stats: &uzpay_sandbox::Stats,
    panicked: usize,
) -> ExitCode {
    let mut latencies: Vec<Duration> = ended.iter().map(|e| e.elapsed).collect();
    latencies.sort();
    let completed = ended.iter().filter(|e| e.result.is_ok()).count();
    let faulted = ended.iter().filter(|e| e.fault.is_some()).count();
    let mut errors: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    // Up to 3 flows (the lowest numbers) per flow kind and kind of ending, with what
    // the driver did: the JSON's reproductions.
    let mut examples: BTreeMap<String, Vec<(usize, serde_json::Value)>> = BTreeMap::new();
    let mut bugs: Vec<String> = Vec::new();
    let mut by_flow: BTreeMap<&str, ByFlow> = BTreeMap::new();
    let mut interruptions = Interruptions::default();
    let mut interrupted = 0usize;
    for e in ended {
        let entry = by_flow.entry(e.kind.name()).or_default();
        entry.run += 1;
        entry.interruptions.add(&e.interruptions);
        interruptions.add(&e.interruptions);
        if e.interruptions.restarts() + e.interruptions.kills > 0 {
            interrupted += 1;
        }
        if let Err(f) = &e.result {
            let retryable = if f.retryable { " (retryable)" } else { "" };
            let key = format!("{}: {}{retryable}", e.kind.name(), if f.bug { "unclassified" } else { &f.class });
            let example = json!({"flow": e.transaction, "fault": e.fault, "error": f.message, "trace": f.trace});
            let list = examples.entry(key).or_default();
            list.push((e.number, example));
            list.sort_by_key(|(n, _)| *n);
            list.truncate(3);
        }
        match &e.result {
            Ok(_) => entry.completed += 1,
            Err(f) if f.bug => {
                *entry.errors.entry("unclassified".to_owned()).or_default() += 1;
                bugs.push(format!("{} ({}): {}", e.transaction, e.kind.name(), f.class));
            }
            Err(f) => {
                let count = errors.entry(f.class.clone()).or_default();
                count.0 += 1;
                count.1 += usize::from(f.retryable);
                *entry.errors.entry(f.class.clone()).or_default() += 1;
            }
        }
    }
    bugs.sort();
    let throughput = ended.len() as f64 / wall.as_secs_f64().max(f64::EPSILON);
    let (p50, p99) = (percentile(&latencies, 0.50), percentile(&latencies, 0.99));
    let i = &interruptions;
    println!("\n| figure | value |\n|---|---|");
    println!("| flows run | {} |", ended.len());
    println!("| flows with an injected fault | {faulted} |");
    println!("| flows restarted or killed | {interrupted} |");
    println!(
        "| restarts: request in flight / awaiting SMS code / finished | {} ({} / {} / {}) |",
        i.restarts(),
        i.in_flight,
        i.awaiting_code,
        i.finished
    );
    println!("| kills: request sent, answer thrown away | {} |", i.kills);
    println!("| flows completed | {completed} |");
    for (kind, (n, retryable)) in &errors {
        println!("| errors: {kind} | {n} ({retryable} retryable) |");
    }
    println!("| unclassified endings | {} |", bugs.len());
    println!("| throughput | {throughput:.0} flows/s |");
    println!("| latency p50 / p99 | {} ms / {} ms |", p50.as_millis(), p99.as_millis());
    println!("| receipts lost | {} |", checks.receipts_lost);
    println!("| receipts doubled | {} |", checks.receipts_doubled);
    println!("| VIA payments lost / doubled | {} / {} |", checks.via.lost, checks.via_doubled);
    println!(
        "| FiscalBox charges doubled / receipts not attached | {} / {} |",
        checks.fiscalbox_doubled, checks.fiscalbox_unattached
    );
    println!("| PaymentsGate deals doubled | {} |", checks.paymentsgate_doubled);
    println!(
        "| charged, the flow ended in an error (VIA / FiscalBox) | {} / {} |",
        checks.via.paid_after_error, checks.fiscalbox_charged_after_error
    );
    println!("| wall time | {:.1} s |", wall.as_secs_f64());
    println!("\n| flow | run | completed | restarts | kills | errors |\n|---|---:|---:|---:|---:|---|");
    for (name, f) in &by_flow {
        let errors: Vec<String> = f.errors.iter().map(|(k, n)| format!("{k} {n}")).collect();
        println!(
            "| {name} | {} | {} | {} | {} | {} |",
            f.run,
            f.completed,
            f.interruptions.restarts(),
            f.interruptions.kills,
            errors.join(", ")
        );
    }
    if !bugs.is_empty() {
        println!("\nunclassified endings (first 20):");
        for bug in bugs.iter().take(20) {
            println!("  {bug}");
        }
    }
    if let Some(path) = &args.json {
        let error_counts: BTreeMap<&String, usize> = errors.iter().map(|(k, (n, _))| (k, *n)).collect();
        let retryable: BTreeMap<&String, usize> = errors.iter().map(|(k, (_, r))| (k, *r)).collect();
        let summary = json!({
            "flows": ended.len(), "concurrency": args.concurrency, "fault_rate": args.fault_rate, "seed": args.seed,
            "restart_rate": args.restart_rate, "kill_rate": args.kill_rate,
            "faulted": faulted, "interrupted": interrupted,
            "restarts": {"in_flight": i.in_flight, "awaiting_code": i.awaiting_code, "finished": i.finished},
            "kills": i.kills,
            "completed": completed, "errors": error_counts, "errors_retryable": retryable,
            "unclassified": bugs,
            "throughput_per_s": throughput,
            "p50_ms": p50.as_millis() as u64, "p99_ms": p99.as_millis() as u64,
            "receipts_lost": checks.receipts_lost, "receipts_doubled": checks.receipts_doubled,
            "via_lost": checks.via.lost, "via_doubled": checks.via_doubled,
            "via_paid_after_error": checks.via.paid_after_error,
            "fiscalbox_doubled": checks.fiscalbox_doubled, "fiscalbox_unattached": checks.fiscalbox_unattached,
            "fiscalbox_charged_after_error": checks.fiscalbox_charged_after_error,
            "paymentsgate_doubled": checks.paymentsgate_doubled,
            "panicked": panicked, "wall_s": wall.as_secs_f64(),
            "error_examples": examples.iter()
                .map(|(k, list)| (k.clone(), list.iter().map(|(_, v)| v.clone()).collect::<Vec<_>>()))
                .collect::<BTreeMap<_, _>>(),
            "sandbox": stats,
        });
        if let Err(e) = std::fs::write(path, serde_json::to_string_pretty(&summary).unwrap_or_default()) {
            eprintln!("error: cannot write {path}: {e}");
        }
    }
    let ok = !checks.failed() && bugs.is_empty() && panicked == 0 && ended.len() == args.flows;
    println!("\n{}", if ok { "soak passed: no receipt or payment lost or doubled" } else { "soak FAILED" });
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
