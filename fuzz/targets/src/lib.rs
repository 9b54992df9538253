//! What each fuzz target checks. Every function takes arbitrary bytes, drives one part
//! of uzpay's public API, and panics (a crash for the fuzzer) only when an invariant
//! breaks; uzpay itself must never panic, whatever the bytes.

use serde_json::{json, Value};
use uzpay::flow::{
    Action, FiscalBoxPaymentFlow, Flow, FlowKind, PayinFlowOptions, PaylovFiscalizationFlow, PaymentsGatePayinFlow,
    RetryPolicy, TransportFailure, ViaCardPaymentFlow, Wallet,
};
use uzpay::ofd::OfdReceiptUrl;
use uzpay::{dispatch, Error, HttpResponse, OPERATIONS};

/// Put in every credential, so a leak is a crash.
pub const SENTINEL: &str = "SENTINELfuzz";

/// A valid config for the operation's provider, carrying [`SENTINEL`] credentials.
pub fn config_for(op: &str) -> Value {
    match op.split('.').next().unwrap_or_default() {
        "fiscalbox" => json!({ "base_url": "https://fb.example" }),
        "paylov" => json!({ "base_url": "https://pl.example", "api_key": SENTINEL }),
        "paymentsgate" => json!({ "base_url": "https://pg.example", "access_token": SENTINEL }),
        _ => json!({ "base_url": "https://via.example", "client_id": "c", "client_secret": SENTINEL }),
    }
}

fn op_for(selector: u8) -> &'static str {
    OPERATIONS.get(usize::from(selector) % OPERATIONS.len()).copied().unwrap_or("fiscalbox.click_confirm")
}

fn check_error(e: &Error, context: &str) {
    let text = format!("{e} {e:?}");
    assert!(!text.contains(SENTINEL), "{context}: a credential leaked into an error: {text}");
    assert!(!e.message().is_empty(), "{context}: an error without a message");
}

/// `[op selector][status lo][status hi][body...]`: any response to any operation
/// parses into an output (only with a 2xx) or a classified error.
pub fn parse_response(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else { return };
    let op = op_for(selector);
    let (status, body) = match rest {
        [lo, hi, body @ ..] => (u16::from_le_bytes([*lo, *hi]) % 600, body),
        _ => (200, rest),
    };
    let response = HttpResponse::new(status, body);
    match dispatch::parse(op, &response) {
        Ok(output) => {
            assert!((200..300).contains(&status), "{op}: HTTP {status} parsed as a success");
            assert!(output.is_object(), "{op}: an output that is not an object");
        }
        Err(e) => {
            check_error(&e, op);
            assert!(e.field().is_none(), "{op}: a parse error blamed an input field");
            if let Error::Http { status: s, .. } = e {
                assert_eq!(s, status, "{op}: the wrong status in an http error");
                assert!(!(200..300).contains(&s), "{op}: a 2xx reported as an http error");
            }
        }
    }
}

/// `[op selector][JSON input...]`: any input either builds a well-formed request or
/// fails as `invalid_input` with a field, before any I/O.
pub fn build_input(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else { return };
    let op = op_for(selector);
    let Ok(input) = serde_json::from_slice::<Value>(rest) else { return };
    match dispatch::build(op, &config_for(op), &input) {
        Ok(request) => {
            assert!(request.url.starts_with("https://"), "{op}: {}", request.url);
            assert!(
                !request.url.contains(|c: char| c.is_whitespace() || c.is_control()),
                "{op}: a raw space in the URL"
            );
            for h in &request.headers {
                assert!(!h.value.contains(['\r', '\n']), "{op}: a line break in header {}", h.name);
            }
            if !request.body.is_empty() {
                assert!(serde_json::from_slice::<Value>(&request.body).is_ok(), "{op}: a body that is not JSON");
            }
            let shown = format!("{request:?} {:?}", request.redacted().body_text());
            assert!(!shown.contains(SENTINEL), "{op}: a credential shows in a redacted request");
        }
        Err(e) => {
            check_error(&e, op);
            assert_eq!(e.kind(), uzpay::ErrorKind::InvalidInput, "{op}: a build failed as {e:?}");
        }
    }
}

/// Any text: parsing a receipt URL never panics, and whatever parses rebuilds into a
/// URL that parses to the same receipt.
pub fn ofd_url(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match OfdReceiptUrl::parse(text) {
        Ok(receipt) => {
            let again = OfdReceiptUrl::parse(&receipt.to_string());
            assert_eq!(again.as_ref().ok(), Some(&receipt), "{text:?} did not survive a rebuild");
        }
        Err(e) => assert!(e.field().is_some_and(|f| f.starts_with("url")), "{text:?}: {e:?}"),
    }
}

/// What the fuzzer does next to a flow.
enum Event {
    Answer(HttpResponse),
    Lost(TransportFailure),
    /// The driver saves the flow, drops it, restores it from the snapshot and resumes.
    Restart,
}

/// `[flow selector][events...]`, each event `[kind][status lo][status hi][len][body]`:
/// any sequence of answers, transport failures and restarts drives every flow to an
/// outcome or an error in a bounded number of steps; every snapshot restores and holds
/// no credential or card number.
pub fn flows(data: &[u8]) {
    let Some((&selector, mut events)) = data.split_first() else { return };
    let policy = RetryPolicy { max_attempts: 3, base_delay_ms: 1, max_delay_ms: 2 };
    let receipt = "https://ofd.soliq.uz/check?t=UZ1&r=1&c=20230104121801&s=1";
    let mut next_event = move || -> Option<Event> {
        let (&kind, rest) = events.split_first()?;
        let (status, len, rest) = match rest {
            [lo, hi, len, rest @ ..] => (u16::from_le_bytes([*lo, *hi]) % 600, usize::from(*len), rest),
            _ => (200, rest.len(), rest),
        };
        let len = len.min(rest.len());
        let (body, tail) = rest.split_at(len);
        events = tail;
        Some(match kind % 8 {
            0 => Event::Lost(TransportFailure::NotSent),
            1 => Event::Lost(TransportFailure::MaybeSent),
            2 => Event::Restart,
            _ => Event::Answer(HttpResponse::new(status, body)),
        })
    };
    match selector % 5 {
        0 => {
            let items = vec![uzpay::receipt::ReceiptItem {
                title: "t".into(),
                price: 100,
                discount: 0,
                count: 1,
                code: "01902001001000000".into(),
                vat_percent: 12,
                package_code: "1".into(),
                pinfl: None,
                tin: Some("310100000".into()),
            }];
            let input = uzpay::paylov::RegisterReceiptInput {
                transaction_id: Some("t".into()),
                external_id: None,
                phone_number: None,
                items,
            };
            let config = uzpay::paylov::PaylovConfig::new(SENTINEL);
            if let Ok(mut f) = PaylovFiscalizationFlow::new(config.clone(), input, policy) {
                drive(&mut f, &mut next_event, |s| PaylovFiscalizationFlow::restore(config.clone(), s, None));
            }
        }
        1 | 2 => {
            let wallet = if selector % 5 == 1 { Wallet::Click } else { Wallet::Anor };
            let qr = if wallet == Wallet::Anor { "12345678901234567890" } else { "q" };
            let config = uzpay::fiscalbox::FiscalBoxConfig::default();
            if let Ok(mut f) = FiscalBoxPaymentFlow::new(config.clone(), wallet, 100, qr.into(), receipt.into(), policy)
            {
                drive(&mut f, &mut next_event, |s| FiscalBoxPaymentFlow::restore(config.clone(), s, None));
            }
        }
        3 => {
            let payin = uzpay::paymentsgate::CreatePayinInput {
                amount: 100,
                currency: Default::default(),
                invoice_id: "i".into(),
                payin_type: Default::default(),
                success_url: None,
                fail_url: None,
                back_url: None,
                lang: None,
            };
            let creds = uzpay::paymentsgate::AuthTokenInput { account_id: "a".into(), public_key: SENTINEL.into() };
            let options = PayinFlowOptions { poll_interval_ms: 1, max_credential_polls: 4, max_status_polls: 4 };
            if let Ok(mut f) = PaymentsGatePayinFlow::new("https://pg.example", creds.clone(), payin, policy, options) {
                let config = uzpay::paymentsgate::PaymentsGateConfig::without_token("https://pg.example");
                drive(&mut f, &mut next_event, |s| {
                    PaymentsGatePayinFlow::restore(config.clone(), s, Some(creds.clone()))
                });
            }
        }
        _ => {
            let input = uzpay::via::ConfirmPayInput {
                merchant_id: "m".into(),
                card: uzpay::via::CardInput { pan: "8600000000000007".into(), expiry: "0127".into() },
                external_id: "o".into(),
                amount: 100,
                currency: Default::default(),
                note: None,
            };
            let config = uzpay::via::ViaConfig::new("https://via.example", "c", SENTINEL);
            if let Ok(mut f) = ViaCardPaymentFlow::new(config.clone(), input, policy) {
                drive(&mut f, &mut next_event, |s| ViaCardPaymentFlow::restore(config.clone(), s, None));
            }
        }
    }
}

/// The most steps any flow may take with the policies above: polls and retries are
/// bounded, so a flow that runs longer is a bug.
const MAX_STEPS: usize = 200;

fn drive<F: Flow>(
    flow: &mut F,
    next_event: &mut impl FnMut() -> Option<Event>,
    restore: impl Fn(&str) -> uzpay::Result<F>,
) {
    let mut action = flow.start();
    for _ in 0..MAX_STEPS {
        let snapshot = flow.snapshot();
        assert!(!snapshot.contains(SENTINEL) && !snapshot.contains("8600000000000007"), "a secret in {snapshot}");
        action = match action {
            Ok(Action::Send(step)) => {
                assert!(step.delay_ms <= 60_000, "an unbounded delay");
                match next_event() {
                    None => return,
                    Some(Event::Answer(response)) => flow.on_response(&response),
                    Some(Event::Lost(failure)) => flow.on_transport_failure(failure),
                    Some(Event::Restart) => {
                        // A started flow always restores from its own snapshot.
                        *flow = restore(&snapshot).unwrap_or_else(|e| panic!("its own snapshot refused: {e:?}"));
                        flow.resume()
                    }
                }
            }
            Ok(Action::AwaitVerifyCode(_)) => flow.provide_verify_code("123456"),
            Ok(Action::Done(_)) => return,
            Err(e) => {
                check_error(&e, "flow");
                // A finished flow refuses further events instead of panicking.
                let _ = flow.on_response(&HttpResponse::new(200, "{}"));
                return;
            }
        };
    }
    panic!("a flow took more than {MAX_STEPS} steps");
}

/// The targets by name, for the stable harness.
pub const TARGETS: &[(&str, fn(&[u8]))] =
    &[("parse_response", parse_response), ("build_input", build_input), ("ofd_url", ofd_url), ("flows", flows)];
