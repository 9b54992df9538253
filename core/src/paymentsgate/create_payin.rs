//! `POST /deals/payin`: create a payin deal (oneclick).

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::error::WireError;
use super::PaymentsGateConfig;
use crate::error::{Error, Result};
use crate::http::{HttpRequest, HttpResponse};
use crate::money::{positive, to_major_decimal, Currency, Tiyin, MAX_FLOAT_SAFE_TIYIN};
use crate::operation::{operation, Effect};
use crate::request::post_json;
use crate::response::success_or_error;
use crate::validate;
use crate::wire_enum::wire_enum;

const PATH: &str = "/deals/payin";

/// The payin method uzpay supports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum PayinType {
    /// Card payment on PaymentsGate's page.
    #[default]
    #[serde(rename = "oneclick")]
    Oneclick,
}

/// The language of PaymentsGate's payment page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Lang {
    /// English.
    #[serde(rename = "EN")]
    En,
    /// Uzbek.
    #[serde(rename = "UZ")]
    Uz,
    /// Russian.
    #[serde(rename = "RU")]
    Ru,
}

/// What `create_payin` takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CreatePayinInput {
    /// The amount in tiyin; above zero and at most [`MAX_FLOAT_SAFE_TIYIN`]. It goes on
    /// the wire in som with up to two decimals (51650 tiyin -> `516.5`).
    pub amount: Tiyin,
    /// `UZS`.
    #[serde(default)]
    pub currency: Currency,
    /// The merchant's invoice id: PaymentsGate's idempotency key for the deal.
    pub invoice_id: String,
    /// `oneclick`.
    #[serde(default, rename = "type")]
    pub payin_type: PayinType,
    /// Where the customer lands after paying (http or https).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub success_url: Option<String>,
    /// Where the customer lands after a failure (http or https).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub fail_url: Option<String>,
    /// The "back to the shop" link (http or https).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub back_url: Option<String>,
    /// The payment page's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub lang: Option<Lang>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Body<'a> {
    /// A JSON number written from integer tiyin, never through a float.
    amount: Box<RawValue>,
    currency: Currency,
    invoice_id: &'a str,
    #[serde(rename = "type")]
    payin_type: PayinType,
    #[serde(skip_serializing_if = "Option::is_none")]
    success_url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fail_url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    back_url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<Lang>,
}

wire_enum! {
    /// A deal's status.
    pub enum DealStatus {
        /// Waiting to be processed.
        Queued = "queued",
        /// Created.
        New = "new",
        /// The customer is paying.
        Pending = "pending",
        /// Paid.
        Paid = "paid",
        /// Paid and settled.
        Completed = "completed",
        /// Under dispute.
        Disputed = "disputed",
        /// Cancelled.
        Canceled = "canceled",
        /// Expired unpaid.
        Expired = "expired",
    }
}

/// The created deal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CreatePayinOutput {
    /// The deal's id.
    pub id: String,
    /// Its status.
    pub status: DealStatus,
    /// The deal's type, e.g. `oneclick`.
    #[serde(rename = "type", default)]
    pub deal_type: String,
    /// The payment page to send the customer to.
    #[serde(default)]
    pub url: Option<String>,
}

operation!(
    /// Creates a oneclick payin deal (`POST /deals/payin`).
    CreatePayin,
    "paymentsgate.create_payin",
    Effect::Idempotent,
    PaymentsGateConfig,
    CreatePayinInput,
    CreatePayinOutput,
    build_create_payin,
    /// Parses a `/deals/payin` answer.
    parse_create_payin = read_create_payin
);

/// Validates the input and builds `POST /deals/payin`.
pub fn build_create_payin(config: &PaymentsGateConfig, input: &CreatePayinInput) -> Result<HttpRequest> {
    positive("amount", input.amount)?;
    if input.amount > MAX_FLOAT_SAFE_TIYIN {
        return Err(Error::invalid_input(
            "amount",
            format!("must be at most {MAX_FLOAT_SAFE_TIYIN} tiyin (ten trillion som): PaymentsGate reads amounts as floating point, which loses tiyin beyond that"),
        ));
    }
    validate::id("invoice_id", &input.invoice_id)?;
    for (field, url) in
        [("success_url", &input.success_url), ("fail_url", &input.fail_url), ("back_url", &input.back_url)]
    {
        if let Some(url) = url {
            validate::http_url(field, url)?;
        }
    }
    let amount = RawValue::from_string(to_major_decimal(input.amount))
        .map_err(|e| Error::invalid_input("amount", format!("could not be encoded: {e}")))?;
    let body = Body {
        amount,
        currency: input.currency,
        invoice_id: &input.invoice_id,
        payin_type: input.payin_type,
        success_url: input.success_url.as_deref(),
        fail_url: input.fail_url.as_deref(),
        back_url: input.back_url.as_deref(),
        lang: input.lang,
    };
    post_json(&config.base_url, PATH, config.auth_headers()?, &body)
}

fn read_create_payin(response: &HttpResponse) -> Result<CreatePayinOutput> {
    success_or_error::<_, WireError>(response)
}
