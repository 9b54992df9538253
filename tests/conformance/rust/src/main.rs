//! The Rust conformance runner: every case of the given directories (operations,
//! functions, flows) through the uzpay core's public API, per
//! `tests/conformance/FORMAT.md`.
//!
//! Usage: `uzpay-conformance DIR...`. Prints one line per failed case and ends with
//! `N passed, M failed`; exits 1 if a case failed or none ran.

mod compare;
mod flows;
#[cfg(test)]
mod secrets;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::{json, Map, Value};
use uzpay::dispatch::{visit, visit_function, FunctionVisitor, OperationVisitor};
use uzpay::function::Function;
use uzpay::{Error, Header, HttpResponse, Operation};

use compare::{check_error, check_request, subset};

fn main() -> ExitCode {
    let dirs: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    if dirs.is_empty() {
        eprintln!("usage: uzpay-conformance DIR...");
        return ExitCode::from(2);
    }
    let (mut passed, mut failed) = (0usize, 0usize);
    let mut names = std::collections::BTreeSet::new();
    for file in vector_files(&dirs) {
        let cases = match load(&file) {
            Ok(cases) => cases,
            Err(why) => {
                println!("FAIL {}: {why}", file.display());
                failed += 1;
                continue;
            }
        };
        for case in cases {
            let name = case.get("name").and_then(Value::as_str).unwrap_or("<unnamed>").to_owned();
            let outcome = if names.insert(name.clone()) {
                run_case(&case)
            } else {
                Err("the case name is not unique".to_owned())
            };
            match outcome {
                Ok(()) => passed += 1,
                Err(why) => {
                    failed += 1;
                    println!("FAIL {}: {name}: {why}", file.display());
                }
            }
        }
    }
    println!("{passed} passed, {failed} failed");
    if failed > 0 || passed == 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

pub(crate) fn vector_files(dirs: &[PathBuf]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in dirs {
        match std::fs::read_dir(dir) {
            Ok(entries) => files.extend(
                entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "json")),
            ),
            Err(e) => println!("FAIL {}: cannot read the directory: {e}", dir.display()),
        }
    }
    files.sort();
    files
}

pub(crate) fn load(file: &Path) -> Result<Vec<Value>, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("cannot read: {e}"))?;
    let doc: Value = serde_json::from_str(&text).map_err(|e| format!("not JSON: {e}"))?;
    match doc.get("cases") {
        Some(Value::Array(cases)) => Ok(cases.clone()),
        _ => Err("has no \"cases\" array".to_owned()),
    }
}

fn run_case(case: &Value) -> Result<(), String> {
    if case.get("flow").is_some() {
        return flows::run(case);
    }
    let op = case.get("op").and_then(Value::as_str).ok_or("no op")?;
    visit(op, RunCase(case))
        .or_else(|| visit_function(op, RunFunction(case)))
        .unwrap_or_else(|| Err(format!("unknown op {op}")))
}

/// A compute case (tests/conformance/README.md) through the function's typed API.
struct RunFunction<'a>(&'a Value);

impl FunctionVisitor for RunFunction<'_> {
    type Output = Result<(), String>;
    fn visit<F: Function>(self) -> Self::Output {
        let call = |input: &Value| -> Result<Value, Error> {
            let output = F::call(&uzpay::json::from_json_value(input)?)?;
            serde_json::to_value(output).map_err(|e| Error::invalid_input("", e.to_string()))
        };
        run_compute(self.0, call)
    }
}

struct RunCase<'a>(&'a Value);

impl OperationVisitor for RunCase<'_> {
    type Output = Result<(), String>;
    fn visit<O: Operation>(self) -> Self::Output {
        run_op::<O>(self.0)
    }
}

/// A build case (`input` -> `request` | `error`) or a parse case
/// (`response` -> `output` | `error`).
fn run_op<O: Operation>(case: &Value) -> Result<(), String> {
    if let Some(input) = case.get("input") {
        let built = build::<O>(case.get("config").unwrap_or(&Value::Null), input);
        return match (case.get("request"), case.get("error"), built) {
            (Some(expected), None, Ok(request)) => check_request(expected, &request, false),
            (None, Some(expected), Err(e)) => check_error(expected, &e),
            (Some(_), None, Err(e)) => Err(format!("expected a request, got the error {}", describe(&e))),
            (None, Some(_), Ok(r)) => Err(format!("expected an error, got a request: {} {}", r.method, r.url)),
            _ => Err("a build case needs exactly one of request and error".to_owned()),
        };
    }
    let response = case.get("response").ok_or("a case needs input or response")?;
    let parsed = O::parse(&to_response(response)?);
    match (case.get("output"), case.get("error"), parsed) {
        (Some(expected), None, Ok(output)) => {
            let actual = serde_json::to_value(&output).map_err(|e| e.to_string())?;
            subset(expected, &actual, "output")
        }
        (None, Some(expected), Err(e)) => check_error(expected, &e),
        (Some(_), None, Err(e)) => Err(format!("expected an output, got the error {}", describe(&e))),
        (None, Some(_), Ok(output)) => {
            Err(format!("expected an error, got the output {}", serde_json::to_string(&output).unwrap_or_default()))
        }
        _ => Err("a parse case needs exactly one of output and error".to_owned()),
    }
}

fn build<O: Operation>(config: &Value, input: &Value) -> Result<uzpay::HttpRequest, Error> {
    let config: O::Config = uzpay::json::from_json_value(config)?;
    let input: O::Input = uzpay::json::from_json_value(input)?;
    O::build(&config, &input)
}

pub(crate) fn to_response(v: &Value) -> Result<HttpResponse, String> {
    let status = v.get("status").and_then(Value::as_u64).ok_or("response.status is missing")?;
    let status = u16::try_from(status).map_err(|_| "response.status is out of range")?;
    let body = v.get("body").and_then(Value::as_str).ok_or("response.body must be a string")?;
    let mut response = HttpResponse::new(status, body.as_bytes());
    if let Some(Value::Object(headers)) = v.get("headers") {
        for (name, value) in headers {
            response.headers.push(Header::new(name.as_str(), value.as_str().unwrap_or_default()));
        }
    }
    Ok(response)
}

/// A compute case (an extension of FORMAT.md): `input` -> `output` | `error`, for the
/// fiscal-domain functions that involve no HTTP.
fn run_compute(case: &Value, f: impl Fn(&Value) -> Result<Value, Error>) -> Result<(), String> {
    let input = case.get("input").ok_or("a compute case needs input")?;
    match (case.get("output"), case.get("error"), f(input)) {
        (Some(expected), None, Ok(actual)) => subset(expected, &actual, "output"),
        (None, Some(expected), Err(e)) => check_error(expected, &e),
        (Some(_), None, Err(e)) => Err(format!("expected an output, got the error {}", describe(&e))),
        (None, Some(_), Ok(actual)) => Err(format!("expected an error, got the output {actual}")),
        _ => Err("a compute case needs exactly one of output and error".to_owned()),
    }
}

pub(crate) fn describe(e: &Error) -> String {
    let mut m = Map::new();
    m.insert("kind".into(), json!(e.kind().as_str()));
    if let Some(f) = e.field() {
        m.insert("field".into(), json!(f));
    }
    if let Some(c) = e.code() {
        m.insert("code".into(), json!(c));
    }
    m.insert("retryable".into(), json!(e.retryable()));
    m.insert("message".into(), json!(e.message()));
    Value::Object(m).to_string()
}
