//! The Rust side of uzpay's benchmark (`bench/README.md`): the workload of
//! `bench/workload.json` done by the core, and by "the floor": plain serde structs
//! with the same fields, serialized and parsed with serde_json and nothing checked.
//! The floor is not a rival implementation (it validates nothing and builds no
//! request); it is the least any Rust code must spend on the same bytes, so
//! `core / floor` is the price of uzpay's rules and request building.

// Indexing a serde_json::Value by key or index yields Null when absent; it cannot panic.
#![allow(missing_docs, clippy::indexing_slicing)]

use serde::{Deserialize, Serialize};
use serde_json::Value;
use uzpay::paylov::{PaylovConfig, RegisterReceiptInput};
use uzpay::via::{ConfirmPayVerifyInput, ViaConfig};
use uzpay::{HttpRequest, HttpResponse};

/// The shared workload file, the same bytes every language reads.
pub const WORKLOAD_JSON: &str = include_str!("../../workload.json");

/// Everything one iteration of each workload needs, prepared once.
pub struct Workload {
    pub paylov_config: PaylovConfig,
    pub paylov_input: RegisterReceiptInput,
    pub paylov_response: HttpResponse,
    pub via_config: ViaConfig,
    pub via_input: ConfirmPayVerifyInput,
    pub via_response: HttpResponse,
    pub ofd_url: String,
    pub floor_items: Vec<FloorItem>,
}

fn response(value: &Value) -> HttpResponse {
    let status = value["status"].as_u64().and_then(|s| u16::try_from(s).ok()).unwrap_or(0);
    let mut r = HttpResponse::new(status, value["body"].as_str().unwrap_or_default().as_bytes().to_vec());
    for pair in value["headers"].as_array().into_iter().flatten() {
        r.headers.push(uzpay::Header::new(pair[0].as_str().unwrap_or_default(), pair[1].as_str().unwrap_or_default()));
    }
    r
}

impl Workload {
    /// Reads `bench/workload.json` into typed values.
    pub fn load() -> Result<Self, Box<dyn std::error::Error>> {
        let w: Value = serde_json::from_str(WORKLOAD_JSON)?;
        let paylov = &w["paylov_register"];
        let via = &w["via_verify"];
        Ok(Workload {
            paylov_config: uzpay::json::from_json_value(&paylov["config"])?,
            paylov_input: uzpay::json::from_json_value(&paylov["input"])?,
            paylov_response: response(&paylov["response"]),
            via_config: uzpay::json::from_json_value(&via["config"])?,
            via_input: uzpay::json::from_json_value(&via["input"])?,
            via_response: response(&via["response"]),
            ofd_url: w["ofd_parse"]["input"]["url"].as_str().unwrap_or_default().to_owned(),
            floor_items: serde_json::from_value(paylov["input"]["items"].clone())?,
        })
    }
}

// ---- uzpay ---------------------------------------------------------------------

/// One `paylov_register` iteration with the core: build, then parse.
pub fn uzpay_paylov(w: &Workload) -> uzpay::Result<(HttpRequest, uzpay::paylov::RegisterReceiptOutput)> {
    let request = uzpay::paylov::build_register_receipt(&w.paylov_config, &w.paylov_input)?;
    let output = uzpay::paylov::parse_register_receipt(&w.paylov_response)?;
    Ok((request, output))
}

/// One `via_verify` iteration with the core.
pub fn uzpay_via(w: &Workload) -> uzpay::Result<(HttpRequest, uzpay::via::ViaTransaction)> {
    let request = uzpay::via::build_confirm_pay_verify(&w.via_config, &w.via_input)?;
    let output = uzpay::via::parse_confirm_pay_verify(&w.via_response)?;
    Ok((request, output))
}

/// One `ofd_parse` iteration with the core.
pub fn uzpay_ofd(w: &Workload) -> uzpay::Result<uzpay::ofd::OfdReceiptUrl> {
    uzpay::ofd::OfdReceiptUrl::parse(&w.ofd_url)
}

// ---- the floor -----------------------------------------------------------------

/// A receipt line with the same fields, nothing checked.
#[derive(Serialize, Deserialize)]
pub struct FloorItem {
    pub title: String,
    pub price: u64,
    pub discount: u64,
    pub count: u64,
    pub code: String,
    pub vat_percent: u32,
    pub package_code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pinfl: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tin: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FloorRegisterBody<'a> {
    transaction_id: &'a str,
    items: &'a [FloorItem],
}

#[derive(Deserialize)]
pub struct FloorEnvelope {
    pub result: FloorResult,
}

#[derive(Deserialize)]
pub struct FloorResult {
    pub ofd: FloorOfd,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FloorOfd {
    pub receipt_url: String,
    pub terminal_id: String,
    pub receipt_id: i64,
    pub fiscal_sign: String,
}

/// One `paylov_register` iteration of the floor: the body serialized, the answer parsed.
pub fn floor_paylov(w: &Workload) -> serde_json::Result<(Vec<u8>, FloorEnvelope)> {
    let id = w.paylov_input.transaction_id.as_deref().unwrap_or_default();
    let body = serde_json::to_vec(&FloorRegisterBody { transaction_id: id, items: &w.floor_items })?;
    let output = serde_json::from_slice(&w.paylov_response.body)?;
    Ok((body, output))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FloorVerifyBody<'a> {
    verify_id: &'a str,
    verify_code: &'a str,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FloorEpos {
    pub merchant_id: Option<String>,
    pub terminal_id: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FloorTransaction {
    pub transaction_id: String,
    pub processing_transaction_id: Option<String>,
    pub merchant_id: String,
    pub amount: u64,
    pub created_at: Option<i64>,
    pub payed_at: Option<i64>,
    pub status: String,
    pub fee: u64,
    pub fee_percent: f64,
    pub currency: String,
    pub epos: Option<FloorEpos>,
}

/// One `via_verify` iteration of the floor.
pub fn floor_via(w: &Workload) -> serde_json::Result<(Vec<u8>, FloorTransaction)> {
    let body = serde_json::to_vec(&FloorVerifyBody {
        verify_id: &w.via_input.verify_id,
        verify_code: &w.via_input.verify_code,
    })?;
    let output = serde_json::from_slice(&w.via_response.body)?;
    Ok((body, output))
}

/// The URL's parts with the same fields as `OfdReceiptUrl` (owned, as a serde struct
/// would hold them), nothing checked.
pub struct FloorOfdUrl {
    pub path: String,
    pub terminal_id: String,
    pub receipt_number: u64,
    pub date_time: String,
    pub fiscal_sign: String,
}

/// One `ofd_parse` iteration of the floor: split the query, no rule checked.
pub fn floor_ofd(url: &str) -> FloorOfdUrl {
    let (location, query) = url.split_once('?').unwrap_or((url, ""));
    let path = location.rfind('/').and_then(|i| location.get(i..)).unwrap_or_default();
    let mut out = FloorOfdUrl {
        path: path.to_owned(),
        terminal_id: String::new(),
        receipt_number: 0,
        date_time: String::new(),
        fiscal_sign: String::new(),
    };
    for pair in query.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match key {
            "t" => out.terminal_id = value.to_owned(),
            "r" => out.receipt_number = value.parse().unwrap_or(0),
            "c" => out.date_time = value.to_owned(),
            "s" => out.fiscal_sign = value.to_owned(),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    /// The floor writes the same body and reads the same answer as the core: it is the
    /// same work minus the rules.
    #[test]
    fn the_floor_does_the_same_work() {
        let w = Workload::load().unwrap();
        let (request, output) = uzpay_paylov(&w).unwrap();
        let (body, floor) = floor_paylov(&w).unwrap();
        let a: Value = serde_json::from_slice(&request.body).unwrap();
        let b: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(a, b);
        assert_eq!(output.receipt_id, floor.result.ofd.receipt_id);
        assert_eq!(output.fiscal_sign, floor.result.ofd.fiscal_sign);

        let (request, output) = uzpay_via(&w).unwrap();
        let (body, floor) = floor_via(&w).unwrap();
        assert_eq!(request.body, body);
        assert_eq!((output.amount, output.status.as_str()), (floor.amount, floor.status.as_str()));

        let parsed = uzpay_ofd(&w).unwrap();
        let floor = floor_ofd(&w.ofd_url);
        assert_eq!(parsed.terminal_id, floor.terminal_id);
        assert_eq!(parsed.receipt_number, floor.receipt_number);
        assert_eq!(parsed.fiscal_sign, floor.fiscal_sign);
        assert_eq!(parsed.kind.path(), floor.path);
    }
}
