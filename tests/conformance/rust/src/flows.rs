//! Flow cases (FORMAT.md, "Flow cases"): a flow driven step by step with scripted
//! answers, lost answers, SMS codes and restores, through the core's flow API.

use serde_json::Value;
use uzpay::flow::{Action, FlowKind, FlowOptions, FlowVisitor, TransportFailure};
use uzpay::paymentsgate::AuthTokenInput;
use uzpay::Error;

use crate::compare::{check_error, check_request, subset};
use crate::{describe, to_response};

/// Runs the flow case `case` (it has a `flow` key).
pub fn run(case: &Value) -> Result<(), String> {
    let name = case.get("flow").and_then(Value::as_str).ok_or("no flow")?;
    uzpay::flow::visit(name, RunFlow(case)).unwrap_or_else(|| Err(format!("unknown flow {name}")))
}

struct RunFlow<'a>(&'a Value);

impl FlowVisitor for RunFlow<'_> {
    type Output = Result<(), String>;
    fn visit<F: FlowKind>(self) -> Self::Output {
        run_flow::<F>(self.0)
    }
}

/// What the case expects at the end.
fn check_end<T: serde::Serialize>(case: &Value, end: Result<Action<T>, Error>) -> Result<(), String> {
    match (case.get("outcome"), case.get("error"), end) {
        (Some(expected), None, Ok(Action::Done(outcome))) => {
            let actual = serde_json::to_value(&outcome).map_err(|e| e.to_string())?;
            subset(expected, &actual, "outcome")
        }
        (None, Some(expected), Err(e)) => check_error(expected, &e),
        (_, _, Ok(action)) => Err(format!("expected the end, got {}", action_name(&action))),
        (_, _, Err(e)) => Err(format!("expected an outcome, got the error {}", describe(&e))),
    }
}

fn action_name<T>(action: &Action<T>) -> String {
    match action {
        Action::Send(step) => format!("a request for {} (attempt {})", step.operation, step.attempt),
        Action::AwaitVerifyCode(ask) => format!("a code request for {}", ask.verify_id),
        Action::Done(_) => "the end".to_owned(),
    }
}

fn run_flow<F: FlowKind>(case: &Value) -> Result<(), String> {
    let config_json = case.get("config").cloned().unwrap_or(Value::Null);
    let config = || uzpay::json::from_json_value::<F::Config>(&config_json);
    let input = case.get("input").ok_or("a flow case needs input")?;
    let options: FlowOptions = match case.get("options") {
        Some(options) => uzpay::json::from_json_value(options).map_err(|e| format!("options: {e}"))?,
        None => FlowOptions::default(),
    };
    // What a host keeps outside the snapshot: the config and a payin's credentials.
    let credentials: Option<AuthTokenInput> = match input.get("credentials") {
        Some(c) if F::RESTORE_NEEDS_CREDENTIALS => uzpay::json::from_json_value(c).ok(),
        _ => None,
    };
    let created = config().and_then(|config| F::create(config, uzpay::json::from_json_value(input)?, options));
    let mut flow = match created {
        Ok(flow) => flow,
        Err(e) => {
            let steps = case.get("steps").and_then(Value::as_array).map_or(0, Vec::len);
            return if steps == 0 {
                check_end::<F::Outcome>(case, Err(e))
            } else {
                Err(format!("create: {}", describe(&e)))
            };
        }
    };
    let mut secrets = Secrets::of(&config_json, input);
    let steps = case.get("steps").and_then(Value::as_array).cloned().unwrap_or_default();
    // The flow's next action, once asked for: `None` before the flow is started.
    let mut pending: Option<Result<Action<F::Outcome>, Error>> = None;
    for (index, step) in steps.iter().enumerate() {
        let at = |why: String| format!("steps[{index}]: {why}");
        let last = index + 1 == steps.len();
        if step.get("restore").and_then(Value::as_bool) == Some(true) {
            let snapshot = flow.snapshot();
            secrets.check(&snapshot).map_err(at)?;
            let restored = config().and_then(|config| F::restore(config, &snapshot, credentials.clone()));
            flow = match restored {
                Ok(flow) => flow,
                Err(e) if last => return check_end::<F::Outcome>(case, Err(e)),
                Err(e) => return Err(at(format!("restore: {}", describe(&e)))),
            };
            pending = Some(flow.resume());
            continue;
        }
        let action = match pending.take() {
            Some(action) => action,
            None => flow.start(),
        };
        let action = action.map_err(|e| at(format!("expected an action, got the error {}", describe(&e))))?;
        let next = if let Some(expect) = step.get("expect") {
            let Action::Send(sent) = &action else {
                return Err(at(format!("expected a request for {expect}, got {}", action_name(&action))));
            };
            check_step(expect, sent).map_err(&at)?;
            match (step.get("respond"), step.get("fail").and_then(Value::as_str)) {
                (Some(response), None) => {
                    secrets.learn(response);
                    flow.on_response(&to_response(response).map_err(&at)?)
                }
                (None, Some(failure)) => {
                    let failure =
                        TransportFailure::from_name(failure).ok_or_else(|| at(format!("unknown fail {failure}")))?;
                    flow.on_transport_failure(failure)
                }
                _ => return Err(at("an expect step needs exactly one of respond and fail".to_owned())),
            }
        } else if let Some(expect) = step.get("expect_code") {
            let Action::AwaitVerifyCode(ask) = &action else {
                return Err(at(format!("expected a code request, got {}", action_name(&action))));
            };
            let actual = serde_json::to_value(ask).map_err(|e| e.to_string())?;
            subset(expect, &actual, "expect_code").map_err(&at)?;
            match (step.get("code").and_then(Value::as_str), step.get("resend").and_then(Value::as_bool)) {
                (Some(code), None) => {
                    secrets.add(code);
                    flow.provide_verify_code(code)
                }
                (None, Some(true)) => flow.resend_code(),
                _ => return Err(at("an expect_code step needs code or \"resend\": true".to_owned())),
            }
        } else {
            return Err(at("a step is expect, expect_code or restore".to_owned()));
        };
        // Every snapshot along the way is free of secrets, not only the restored ones.
        secrets.check(&flow.snapshot()).map_err(&at)?;
        if next.is_err() && !last {
            let e = next.err().map(|e| describe(&e)).unwrap_or_default();
            return Err(at(format!("the flow failed before the script's end: {e}")));
        }
        pending = Some(next);
    }
    let end = match pending {
        Some(end) => end,
        None => flow.start(),
    };
    check_end(case, end)
}

/// `expect`: the operation exactly, the request as a build case's, the try and pause.
fn check_step(expect: &Value, step: &uzpay::flow::Step) -> Result<(), String> {
    if let Some(operation) = expect.get("operation").and_then(Value::as_str) {
        if operation != step.operation {
            return Err(format!(
                "expected a request for {operation}, got one for {} (attempt {})",
                step.operation, step.attempt
            ));
        }
    }
    if let Some(request) = expect.get("request") {
        check_request(request, &step.request, true).map_err(|e| format!("{}: {e}", step.operation))?;
    }
    for (key, actual) in [("attempt", u64::from(step.attempt)), ("delay_ms", step.delay_ms)] {
        if let Some(expected) = expect.get(key).and_then(Value::as_u64) {
            if expected != actual {
                return Err(format!("{}: {key}: expected {expected}, got {actual}", step.operation));
            }
        }
    }
    Ok(())
}

/// The values a snapshot must never hold: the config's credentials, the account's
/// key, the card number, the SMS codes given and the tokens PaymentsGate answered.
struct Secrets(Vec<String>);

const SECRET_KEYS: [&str; 7] =
    ["api_key", "client_secret", "access_token", "refresh_token", "public_key", "pan", "password"];

impl Secrets {
    fn of(config: &Value, input: &Value) -> Self {
        let mut secrets = Secrets(Vec::new());
        secrets.collect(config);
        secrets.collect(input);
        secrets
    }

    fn collect(&mut self, value: &Value) {
        match value {
            Value::Object(map) => {
                for (key, value) in map {
                    match value {
                        Value::String(s) if SECRET_KEYS.contains(&key.as_str()) => self.add(s),
                        other => self.collect(other),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|v| self.collect(v)),
            _ => {}
        }
    }

    fn add(&mut self, secret: &str) {
        // Very short values ("1") would match anything; no real credential is that short.
        if secret.len() >= 4 {
            self.0.push(secret.to_owned());
        }
    }

    /// Tokens in a provider's answer (PaymentsGate's sign-in).
    fn learn(&mut self, response: &Value) {
        if let Some(body) = response.get("body").and_then(Value::as_str) {
            if let Ok(json) = serde_json::from_str::<Value>(body) {
                if json.get("access_token").is_some() {
                    self.collect(&json);
                }
            }
        }
    }

    fn check(&self, snapshot: &str) -> Result<(), String> {
        match self.0.iter().find(|s| snapshot.contains(s.as_str())) {
            Some(secret) => {
                Err(format!("the snapshot holds a secret ({}...)", secret.chars().take(3).collect::<String>()))
            }
            None => Ok(()),
        }
    }
}
