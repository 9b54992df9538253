//! `GET /deals/{id}/credentials`: the card (or account) the customer pays to, for a
//! host-to-host payin. While PaymentsGate is still assigning one it answers
//! `ERROR_CREDENTIALS_NOT_FOUND` (retryable: ask again later); a cancelled deal
//! answers `DEAL_CANCELED` (final).

use serde::{Deserialize, Serialize};

use super::error::WireError;
use super::PaymentsGateConfig;
use crate::error::{Error, Result};
use crate::http::{HttpRequest, HttpResponse};
use crate::operation::{operation, Effect};
use crate::request::get;
use crate::response::success_or_error;
use crate::validate;

/// What `payin_credentials` takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PayinCredentialsInput {
    /// The deal's id, from `create_payin`.
    pub deal_id: String,
}

/// The credentials' currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all(deserialize = "camelCase"))]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CredentialsCurrency {
    /// PaymentsGate's id of the currency.
    #[serde(rename(deserialize = "_id"), default)]
    pub id: String,
    /// e.g. `FIAT`.
    #[serde(rename = "type", default)]
    pub currency_type: String,
    /// ISO code, e.g. `UZS`.
    #[serde(default)]
    pub code: String,
    /// Display symbol.
    #[serde(default)]
    pub symbol: String,
    /// Display label.
    #[serde(default)]
    pub label: String,
    /// Decimal places.
    #[serde(default)]
    pub decimal: u32,
    /// Country name.
    #[serde(default)]
    pub country_name: String,
    /// Country code, e.g. `UZ`.
    #[serde(default)]
    pub country_code: String,
}

/// A bank's logos.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct BankLogo {
    /// The small logo's URL.
    #[serde(default)]
    pub short: String,
    /// The full logo's URL.
    #[serde(default)]
    pub full: String,
}

/// The bank behind the credentials.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all(deserialize = "camelCase"))]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CredentialsBank {
    /// PaymentsGate's id of the bank.
    #[serde(rename(deserialize = "_id"), default)]
    pub id: String,
    /// The bank's name, e.g. `Humo`.
    #[serde(default)]
    pub name: String,
    /// A short alias, e.g. `humo`.
    #[serde(default)]
    pub alias: String,
    /// Logos, when sent.
    #[serde(default)]
    pub logo: Option<BankLogo>,
    /// e.g. `bank`.
    #[serde(rename = "type", default)]
    pub bank_type: String,
    /// Whether payments to it are automated.
    #[serde(default)]
    pub automation_available: bool,
    /// Whether it is enabled.
    #[serde(default)]
    pub enabled: bool,
    /// Whether it is a top bank.
    #[serde(default)]
    pub is_top_bank: bool,
    /// A display colour.
    #[serde(default)]
    pub tag_color: String,
    /// Currency code.
    #[serde(default)]
    pub currency: String,
    /// Currency id.
    #[serde(default)]
    pub currency_id: String,
    /// Country code.
    #[serde(default)]
    pub country: String,
    /// Supported payment systems.
    #[serde(default)]
    pub supported_payment_systems: Vec<String>,
    /// Another id of the bank.
    #[serde(default)]
    pub tid: String,
    /// Whether any bank is accepted.
    #[serde(default)]
    pub is_any_bank: bool,
}

/// Where the customer should send the money.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PayinCredentialsOutput {
    /// The card or account number.
    pub account_number: String,
    /// The holder's name.
    #[serde(default)]
    pub account_owner: String,
    /// IBAN, when given (often empty).
    #[serde(default)]
    pub account_iban: String,
    /// Phone, when given (often empty).
    #[serde(default)]
    pub account_phone: String,
    /// The currency.
    #[serde(default)]
    pub currency: Option<CredentialsCurrency>,
    /// The bank.
    #[serde(default)]
    pub bank: Option<CredentialsBank>,
    /// e.g. `custom`.
    #[serde(rename = "type", default)]
    pub credentials_type: String,
    /// e.g. `oneclick`.
    #[serde(default)]
    pub account_subtype: String,
}

operation!(
    /// Reads the card or account the customer pays to (`GET /deals/{id}/credentials`).
    PayinCredentials,
    "paymentsgate.payin_credentials",
    Effect::Read,
    PaymentsGateConfig,
    PayinCredentialsInput,
    PayinCredentialsOutput,
    build_payin_credentials,
    /// Parses a credentials answer.
    parse_payin_credentials = read_payin_credentials
);

/// Validates the deal id and builds `GET /deals/{id}/credentials`.
pub fn build_payin_credentials(config: &PaymentsGateConfig, input: &PayinCredentialsInput) -> Result<HttpRequest> {
    validate::id("deal_id", &input.deal_id)?;
    // The id goes into the path, so it must be a plain path segment.
    if !input.deal_id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
        return Err(Error::invalid_input("deal_id", "must contain only letters, digits, '-' and '_'"));
    }
    get(&config.base_url, &format!("/deals/{}/credentials", input.deal_id), config.auth_headers()?)
}

/// A deal id goes into the URL path, so it must be a plain path segment.
pub(super) fn validate_deal_id(deal_id: &str) -> Result<()> {
    validate::id("deal_id", deal_id)?;
    if !deal_id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
        return Err(Error::invalid_input("deal_id", "must contain only letters, digits, '-' and '_'"));
    }
    Ok(())
}

fn read_payin_credentials(response: &HttpResponse) -> Result<PayinCredentialsOutput> {
    success_or_error::<_, WireError>(response)
}
