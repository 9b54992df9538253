//! `GET /deals/{id}`: a deal's status, to follow a payin until it is paid or ends.

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::create_payin::DealStatus;
use super::error::WireError;
use super::payin_credentials::validate_deal_id;
use super::PaymentsGateConfig;
use crate::error::Result;
use crate::http::{HttpRequest, HttpResponse};
use crate::money::{from_major_decimal, Tiyin};
use crate::operation::{operation, Effect};
use crate::request::get;
use crate::response::{success_or_error, unexpected};

/// Which deal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DealStatusInput {
    /// The deal's id, from `create_payin`.
    pub deal_id: String,
}

/// A deal as PaymentsGate has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DealStatusOutput {
    /// The deal's id.
    pub id: String,
    /// Its status; `paid` and `completed` are paid, `canceled` and `expired` final.
    pub status: DealStatus,
    /// The deal's type, e.g. `oneclick`.
    #[serde(rename = "type")]
    pub deal_type: String,
    /// The payment page.
    pub url: Option<String>,
    /// The amount in tiyin (PaymentsGate sends som with decimals; read exactly).
    pub amount: Option<Tiyin>,
    /// The currency code.
    pub currency: Option<String>,
    /// The merchant's invoice id.
    pub invoice_id: Option<String>,
}

impl DealStatusOutput {
    /// True when the deal will not change any more (completed, canceled, expired).
    pub fn is_final(&self) -> bool {
        matches!(self.status, DealStatus::Completed | DealStatus::Canceled | DealStatus::Expired)
    }

    /// True when the customer has paid (paid or completed).
    pub fn is_paid(&self) -> bool {
        matches!(self.status, DealStatus::Paid | DealStatus::Completed)
    }
}

/// A deal as PaymentsGate answers it: its own SDK's shape (`_id`, a status object,
/// the invoice id under `metadata`, the currency under `currencyFrom`) or the flat one
/// (`id`, a status string, `invoiceId`, `currency`).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Wire {
    #[serde(alias = "_id")]
    id: String,
    status: WireStatus,
    #[serde(rename = "type", default)]
    deal_type: String,
    #[serde(default)]
    url: Option<String>,
    // Kept as the literal text so `516.5` becomes 51650 tiyin without a float.
    #[serde(default)]
    amount: Option<Box<RawValue>>,
    #[serde(default)]
    currency: Option<String>,
    #[serde(default)]
    currency_from: Option<WireCurrency>,
    #[serde(default)]
    invoice_id: Option<String>,
    #[serde(default)]
    metadata: Option<WireMetadata>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum WireStatus {
    Name(DealStatus),
    Object { name: DealStatus },
}

#[derive(Deserialize)]
struct WireCurrency {
    #[serde(default)]
    code: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireMetadata {
    #[serde(default)]
    invoice_id: Option<String>,
}

operation!(
    /// Reads a deal's status (`GET /deals/{id}`).
    GetDealStatus,
    "paymentsgate.deal_status",
    Effect::Read,
    PaymentsGateConfig,
    DealStatusInput,
    DealStatusOutput,
    build_deal_status,
    /// Parses a deal answer.
    parse_deal_status = read_deal_status
);

/// Validates the deal id and builds `GET /deals/{id}`.
pub fn build_deal_status(config: &PaymentsGateConfig, input: &DealStatusInput) -> Result<HttpRequest> {
    validate_deal_id(&input.deal_id)?;
    get(&config.base_url, &format!("/deals/{}", input.deal_id), config.auth_headers()?)
}

fn read_deal_status(response: &HttpResponse) -> Result<DealStatusOutput> {
    let wire: Wire = success_or_error::<_, WireError>(response)?;
    let amount = match wire.amount.as_deref().map(RawValue::get) {
        None | Some("null") => None,
        Some(text) => Some(
            from_major_decimal(text)
                .ok_or_else(|| unexpected(response, "amount is not a non-negative number with at most two decimals"))?,
        ),
    };
    let status = match wire.status {
        WireStatus::Name(status) | WireStatus::Object { name: status } => status,
    };
    Ok(DealStatusOutput {
        id: wire.id,
        status,
        deal_type: wire.deal_type,
        url: wire.url,
        amount,
        currency: wire.currency.or_else(|| wire.currency_from.and_then(|c| c.code)),
        invoice_id: wire.invoice_id.or_else(|| wire.metadata.and_then(|m| m.invoice_id)),
    })
}
