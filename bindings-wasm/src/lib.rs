//! WebAssembly entry points of uzpay, for the npm package `uzpay`.
//!
//! The boundary is deliberately narrow and generic: a handful of functions, each
//! taking JSON text and returning JSON text, so a call costs one string each way and
//! a new core operation needs no new export. The JavaScript layer (`js/`) turns the
//! caller's camelCase objects into canonical snake_case JSON, and back.
//!
//! - Success: the output's JSON text (see [`output`] for integers beyond 2^53).
//! - Failure: the error's JSON text, thrown to JavaScript as a string (see
//!   [`error`]); the JavaScript layer turns it into an `UzpayError`.
//!
//! Nothing here validates or computes: rules live in the core once, and this crate
//! only decodes, calls and encodes.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing))]

pub mod compute;
pub mod error;
pub mod names;
pub mod output;
pub mod request;

use serde_json::Value;
use uzpay::HttpResponse;
use wasm_bindgen::prelude::wasm_bindgen;

/// What every entry point returns: JSON text, or an error's JSON text (thrown).
pub type Outcome<T = String, E = String> = Result<T, E>;

/// The names of every operation of the core, as a JSON array of strings.
#[wasm_bindgen]
pub fn operations() -> String {
    serde_json::to_string(uzpay::OPERATIONS).unwrap_or_default()
}

/// Validates and builds the request of the operation `op` from the config's and the
/// input's JSON text (keys in camelCase or snake_case). Returns the request as
/// [`request::to_frames`] writes it.
#[wasm_bindgen]
pub fn build(op: &str, config: &str, input: &str) -> Outcome {
    uzpay::dispatch::build_json(op, &names::snake_keys(config), &names::snake_keys(input))
        .map(|r| request::to_frames(&r))
        .map_err(|e| error::to_json(&e))
}

/// Parses a response of the operation `op` into its canonical output. `headers` is
/// their names and values joined by NUL (or a JSON array of `[name, value]` pairs),
/// or empty for none; `body` is the raw text.
#[wasm_bindgen]
pub fn parse(op: &str, status: u16, headers: &str, body: String) -> Outcome {
    let mut response = HttpResponse::new(status, body.into_bytes());
    if !headers.is_empty() {
        response.headers = request::headers_from_text(headers).map_err(|e| error::to_json(&e))?;
    }
    uzpay::dispatch::parse_json(op, &response).map(output::from_canonical).map_err(|e| error::to_json(&e))
}

/// The request (as [`build`] returns it) with credentials masked, by the core's
/// `HttpRequest::redacted`: what `toString()` and `util.inspect` show.
#[wasm_bindgen]
pub fn redact(request: &str) -> Outcome {
    request::redact(request).map_err(|e| error::to_json(&e))
}

/// `{"url"}` -> the parsed OFD receipt URL; see [`compute::parse_receipt_url`].
#[wasm_bindgen]
pub fn parse_receipt_url(input: &str) -> Outcome {
    compute::parse_receipt_url(input).map(output::from_canonical).map_err(|e| error::to_json(&e))
}

/// The parts of an OFD receipt URL -> `{"url"}`; see [`compute::build_receipt_url`].
#[wasm_bindgen]
pub fn build_receipt_url(input: &str) -> Outcome {
    respond(compute::build_receipt_url(input))
}

/// `{"items"}` -> `{"lines", "total", "vat"}`; see [`compute::receipt_totals`].
#[wasm_bindgen]
pub fn receipt_totals(input: &str) -> Outcome {
    respond(compute::receipt_totals(input))
}

/// `{"gross", "rate_percent"}` -> `{"vat"}`; see [`compute::vat_included`].
#[wasm_bindgen]
pub fn vat_included(input: &str) -> Outcome {
    respond(compute::vat_included(input))
}

/// Decodes JSON text (keys in camelCase or snake_case) into `T` with field-named
/// errors, as the core decodes every operation's input.
pub fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> uzpay::Result<T> {
    uzpay::json::from_json_str(&names::snake_keys(text))
}

fn respond(result: uzpay::Result<Value>) -> Outcome {
    result.map(output::to_json).map_err(|e| error::to_json(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_is_listed() {
        let ops: Vec<String> = serde_json::from_str(&operations()).unwrap();
        assert_eq!(ops.len(), uzpay::OPERATIONS.len());
    }

    #[test]
    fn build_and_parse_round_trip() {
        let qr = "https://ofd.soliq.uz/check?t=UZ170703100597&r=2421&c=20230104121801&s=514343190161";
        let input = format!(r#"{{"payment_id":"4710103925","qr_code":"{qr}"}}"#);
        let request = build("fiscalbox.click_confirm", "{}", &input).unwrap();
        let frames: Vec<&str> = request.split('\0').collect();
        assert_eq!(
            frames[..4],
            ["POST", "https://api.fiscalbox.uz/payment/click_confirm", "Content-Type", "application/json"]
        );
        assert!(frames[frames.len() - 1].starts_with("{\"payment_id\":"));
        let body = r#"{"data":{"status":"successfully"},"error":null,"is_success":true}"#;
        let output: Value =
            serde_json::from_str(&parse("fiscalbox.click_confirm", 200, "", body.into()).unwrap()).unwrap();
        assert_eq!(output["status"], "successfully");
    }

    #[test]
    fn errors_are_json() {
        let e: Value = serde_json::from_str(&build("fiscalbox.click_confirm", "{}", "{}").unwrap_err()).unwrap();
        assert_eq!(e["kind"], "invalid_input");
        assert_eq!(e["field"], "payment_id");
        let e: Value =
            serde_json::from_str(&parse("via.confirm_pay", 200, "[[1]]", String::new()).unwrap_err()).unwrap();
        assert_eq!(e["kind"], "invalid_input");
        assert_eq!(e["field"], "[0][0]");
    }
}
