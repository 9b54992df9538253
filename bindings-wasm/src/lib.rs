//! WebAssembly entry points of uzpay, for the npm package `uzpay`: a build, a parse
//! and a function call by name, each taking the canonical JSON text the JavaScript
//! codec writes (`js/codec.js`) and giving JSON text back (whole numbers beyond 2^53
//! as text, which JavaScript reads as exact bigints). A failure is the core's error
//! record (`uzpay::ErrorRecord`) as JSON text, thrown as a string, which the
//! JavaScript layer makes an `UzpayError`. Nothing here validates: rules live in the
//! core, and a new core operation needs no new export.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing))]

use serde::Serialize;
mod flows;

use uzpay::dispatch::{self, FunctionVisitor, OperationVisitor};
use uzpay::function::Function;
use uzpay::{Error, Header, HttpRequest, HttpResponse, Operation};
use wasm_bindgen::prelude::wasm_bindgen;

/// Validates and builds the request of the operation `op` from the config's and the
/// input's canonical JSON text (UTF-8). Returns the request's parts as strings:
/// method, URL, body, then each header's name and value (each crosses as the string it
/// is: a body inside JSON text would be escaped here and read back there).
#[wasm_bindgen]
pub fn build(op: &str, config: &[u8], input: &[u8]) -> Result<Vec<String>, String> {
    let request = dispatch::build_json(op, text(config, "config")?, text(input, "input")?).map_err(|e| error(&e))?;
    Ok(to_parts(request))
}

/// Checks the config of `provider` (canonical JSON text) as a whole, when a config
/// object is made: the base URL and the credentials, each error naming its field.
#[wasm_bindgen(js_name = checkConfig)]
pub fn check_config(provider: &str, config: &[u8]) -> Result<(), String> {
    dispatch::ProviderConfig::from_json(provider, text(config, "config")?).map(drop).map_err(|e| error(&e))
}

/// Parses a response of the operation `op` into its canonical output (JSON text).
/// `headers` is their JSON `[[name, value]...]`; `body` the raw bytes.
#[wasm_bindgen]
pub fn parse(op: &str, status: u16, headers: &str, body: &[u8]) -> Result<String, String> {
    struct Parse<'a>(&'a HttpResponse);
    impl OperationVisitor for Parse<'_> {
        type Output = Result<String, Error>;
        fn visit<O: Operation>(self) -> Self::Output {
            output_json(&O::parse(self.0)?)
        }
    }
    let mut response = HttpResponse::new(status, body.to_vec());
    response.headers = headers_of(headers).map_err(|e| error(&e))?;
    let parsed = dispatch::visit(op, Parse(&response)).unwrap_or_else(|| Err(unknown("op", op)));
    parsed.map_err(|e| error(&e))
}

/// Runs the function `name` of `uzpay::function` on its input's canonical JSON text.
#[wasm_bindgen]
pub fn call(name: &str, input: &[u8]) -> Result<String, String> {
    struct Call<'a>(&'a str);
    impl FunctionVisitor for Call<'_> {
        type Output = Result<String, Error>;
        fn visit<F: Function>(self) -> Self::Output {
            output_json(&F::call(&uzpay::json::from_json_str(self.0)?)?)
        }
    }
    let input = text(input, "input")?;
    dispatch::visit_function(name, Call(input)).unwrap_or_else(|| Err(unknown("function", name))).map_err(|e| error(&e))
}

/// A request (its parts, as [`build`] gives them) with credentials masked, by the
/// core's `HttpRequest::redacted`: what `toString()` and `util.inspect` show.
#[wasm_bindgen]
pub fn redact(parts: Vec<String>) -> Result<Vec<String>, String> {
    let mut parts = parts.into_iter();
    let method = match parts.next().as_deref() {
        Some("GET") => uzpay::Method::Get,
        Some("POST") => uzpay::Method::Post,
        _ => return Err(error(&Error::invalid_input("request.method", "must be GET or POST"))),
    };
    let (body, url) = (parts.next().unwrap_or_default(), parts.next().unwrap_or_default());
    let mut headers = Vec::new();
    while let (Some(name), Some(value)) = (parts.next(), parts.next()) {
        headers.push(Header::new(name, value));
    }
    Ok(to_parts(HttpRequest { method, url, headers, body: body.into_bytes() }.redacted()))
}

/// A request as strings: method, body, URL, then each header's name and value.
pub(crate) fn to_parts(request: HttpRequest) -> Vec<String> {
    let mut parts = Vec::with_capacity(3 + 2 * request.headers.len());
    parts.push(request.method.as_str().to_owned());
    // uzpay builds UTF-8 JSON bodies only.
    parts.push(String::from_utf8_lossy(&request.body).into_owned());
    parts.push(request.url);
    for header in request.headers {
        parts.push(header.name);
        parts.push(header.value);
    }
    parts
}

pub(crate) fn headers_of(text: &str) -> uzpay::Result<Vec<Header>> {
    let pairs: Vec<[String; 2]> = uzpay::json::from_json_str(text)
        .map_err(|_| Error::invalid_input("headers", "must be [name, value] pairs of strings"))?;
    Ok(pairs.into_iter().map(|[name, value]| Header::new(name, value)).collect())
}

pub(crate) fn text<'a>(bytes: &'a [u8], field: &str) -> Result<&'a str, String> {
    std::str::from_utf8(bytes).map_err(|_| error(&Error::invalid_input(field, "is not UTF-8 text")))
}

pub(crate) fn unknown(what: &str, name: &str) -> Error {
    Error::invalid_input(what, format!("`{name}` is not a {what} of uzpay"))
}

/// The core's error record as JSON text (what `UzpayError` is made from).
pub(crate) fn error(error: &Error) -> String {
    serde_json::to_string(&error.to_record()).unwrap_or_default()
}

/// An output as JSON text, a whole number beyond 2^53 written as text: JavaScript's
/// numbers would round it, and the JavaScript codec reads it as an exact bigint.
pub(crate) fn output_json<T: Serialize>(output: &T) -> uzpay::Result<String> {
    let mut out = Vec::with_capacity(256);
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, SafeIntegers);
    output.serialize(&mut serializer).map_err(|e| Error::Decode {
        message: format!("the output could not be represented as JSON: {e}"),
        retryable: false,
    })?;
    // serde_json writes UTF-8.
    Ok(String::from_utf8(out).unwrap_or_default())
}

/// The largest whole number a JavaScript number holds exactly.
const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// serde_json's compact output, with whole numbers beyond 2^53 quoted.
struct SafeIntegers;

impl serde_json::ser::Formatter for SafeIntegers {
    fn write_u64<W: ?Sized + std::io::Write>(&mut self, writer: &mut W, value: u64) -> std::io::Result<()> {
        if value > MAX_SAFE_INTEGER {
            write!(writer, "\"{value}\"")
        } else {
            write!(writer, "{value}")
        }
    }

    fn write_i64<W: ?Sized + std::io::Write>(&mut self, writer: &mut W, value: i64) -> std::io::Result<()> {
        if value.unsigned_abs() > MAX_SAFE_INTEGER {
            write!(writer, "\"{value}\"")
        } else {
            write!(writer, "{value}")
        }
    }
}
