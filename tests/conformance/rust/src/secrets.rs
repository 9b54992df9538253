//! Every vector with each credential set to a sentinel: the sentinel shows nowhere in
//! what the Rust API prints (`Debug` of configs, requests, outputs and errors,
//! `Display` of errors, redacted requests) but the one header that carries it.

use std::path::PathBuf;

use serde_json::Value;
use uzpay::Operation;

use uzpay::dispatch::{visit, OperationVisitor};

use crate::{load, to_response, vector_files};

const SENTINEL: &str = "SENTINEL-rust-91c";

/// Which header must carry each credential.
const CARRIERS: &[(&str, &str)] =
    &[("api_key", "api-key"), ("access_token", "authorization"), ("client_secret", "client-secret")];

struct SentinelCase<'a> {
    case: &'a Value,
    /// The credentials replaced in this case's config.
    replaced: Vec<&'static str>,
}

fn hidden(what: &str, text: &str) -> Result<(), String> {
    if text.contains(SENTINEL) {
        return Err(format!("{what} shows the credential: {text}"));
    }
    Ok(())
}

impl OperationVisitor for SentinelCase<'_> {
    type Output = Result<(), String>;
    fn visit<O: Operation>(mut self) -> Result<(), String> {
        let mut config = self.case.get("config").cloned().unwrap_or(Value::Null);
        for (key, _) in CARRIERS {
            if let Some(value) = config.get_mut(*key) {
                *value = Value::String(SENTINEL.to_owned());
                self.replaced.push(key);
            }
        }
        let typed: O::Config = match uzpay::json::from_json_value(&config) {
            Ok(c) => c,
            // The vectors' deliberately bad configs.
            Err(e) => return hidden("a config error", &format!("{e} {e:?}")),
        };
        hidden("Debug of the config", &format!("{typed:?}"))?;
        if let Some(input) = self.case.get("input") {
            let input: O::Input = match uzpay::json::from_json_value(input) {
                Ok(i) => i,
                Err(e) => return hidden("an input error", &format!("{e} {e:?}")),
            };
            match O::build(&typed, &input) {
                Ok(request) => {
                    hidden("Debug of the request", &format!("{request:?}"))?;
                    let redacted = request.redacted();
                    hidden("the redacted request", &format!("{:?} {:?}", redacted.headers, redacted.body_text()))?;
                    hidden("the body", request.body_text().unwrap_or_default())?;
                    let mut carriers: Vec<String> = request
                        .headers
                        .iter()
                        .filter(|h| h.value.contains(SENTINEL))
                        .map(|h| h.name.to_ascii_lowercase())
                        .collect();
                    carriers.sort();
                    let mut expected: Vec<String> = CARRIERS
                        .iter()
                        .filter(|(key, _)| self.replaced.contains(key))
                        .map(|(_, header)| (*header).to_owned())
                        .collect();
                    expected.sort();
                    // PaymentsGate's auth calls carry no bearer token at all.
                    if O::NAME.ends_with("_token") {
                        expected.clear();
                    }
                    if carriers != expected {
                        return Err(format!("the credential is carried by {carriers:?}, expected {expected:?}"));
                    }
                }
                Err(e) => hidden("a build error", &format!("{e} {e:?}"))?,
            }
        } else if let Some(response) = self.case.get("response") {
            match O::parse(&to_response(response)?) {
                Ok(output) => hidden("Debug of the output", &format!("{output:?}"))?,
                Err(e) => hidden("a parse error", &format!("{e} {e:?}"))?,
            }
        }
        Ok(())
    }
}

#[test]
fn every_vector_with_sentinel_credentials() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../vectors");
    let (mut checked, mut failures) = (0, Vec::new());
    for file in vector_files(&[dir]) {
        for case in load(&file).unwrap_or_default() {
            let op = case.get("op").and_then(Value::as_str).unwrap_or_default();
            if op.starts_with("ofd.") || op.starts_with("receipt.") {
                continue;
            }
            checked += 1;
            let visitor = SentinelCase { case: &case, replaced: Vec::new() };
            if let Err(why) = visit(op, visitor).unwrap_or_else(|| Err(format!("unknown op {op}"))) {
                failures.push(format!("{}: {why}", case.get("name").and_then(Value::as_str).unwrap_or_default()));
            }
        }
    }
    assert!(checked > 250, "only {checked} vectors found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    println!("{checked} vectors checked with sentinel credentials");
}
