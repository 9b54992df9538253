//! `GET /partner/transaction`: look a transaction up by VIA's id or yours. VIA has no
//! webhooks: this is how a shop learns what happened to a payment whose answer it
//! lost.

use serde::{Deserialize, Serialize};

use super::confirm_pay_verify::ViaTransaction;
use super::error::WireError;
use super::ViaConfig;
use crate::error::{Error, Result};
use crate::http::{HttpRequest, HttpResponse};
use crate::operation::{operation, Effect};
use crate::request::get_with_query;
use crate::response::success_or_error;
use crate::validate;

const PATH: &str = "/partner/transaction";

/// Which transaction: exactly one of the two ids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct GetTransactionInput {
    /// VIA's transaction id.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_id: Option<String>,
    /// Your id for the payment (`external_id` of `confirm_pay`).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
}

#[derive(Deserialize)]
struct Wire {
    data: ViaTransaction,
}

operation!(
    /// Looks a transaction up by VIA's id or yours (`GET /partner/transaction`).
    GetTransaction,
    "via.get_transaction",
    Effect::Read,
    ViaConfig,
    GetTransactionInput,
    ViaTransaction,
    build_get_transaction,
    /// Parses the lookup: the transaction, whatever its status.
    parse_get_transaction = read_get_transaction
);

/// Validates the input and builds `GET /partner/transaction?...`.
pub fn build_get_transaction(config: &ViaConfig, input: &GetTransactionInput) -> Result<HttpRequest> {
    let (key, value) = match (&input.transaction_id, &input.external_id) {
        (Some(id), None) => {
            validate::id("transaction_id", id)?;
            ("transactionId", id)
        }
        (None, Some(id)) => {
            validate::id("external_id", id)?;
            ("externalId", id)
        }
        (Some(_), Some(_)) => {
            return Err(Error::invalid_input("transaction_id", "give either transaction_id or external_id, not both"))
        }
        (None, None) => return Err(Error::invalid_input("transaction_id", "is required (or external_id)")),
    };
    get_with_query(&config.base_url, PATH, &[(key, value)], config.auth_headers()?)
}

fn read_get_transaction(response: &HttpResponse) -> Result<ViaTransaction> {
    success_or_error::<Wire, WireError>(response).map(|w| w.data)
}
