//! `POST /auth/token` and `POST /auth/token/refresh`: the bearer token every other
//! PaymentsGate call carries. The tokens are credentials: they are [`Secret`]s, so
//! they never show in `Debug` output.

use serde::{Deserialize, Serialize, Serializer};

use super::error::WireError;
use super::PaymentsGateConfig;
use crate::error::{Error, Result};
use crate::http::{HttpRequest, HttpResponse};
use crate::operation::{operation, Effect};
use crate::request::{credential, post_json};
use crate::response::success_or_error;
use crate::secret::Secret;
use crate::validate;

/// What `auth_token` takes: the account's credentials file values.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record), uniffi::export(Debug))]
pub struct AuthTokenInput {
    /// The account id.
    pub account_id: String,
    /// The account's public key (a credential here: it is what proves the account).
    pub public_key: Secret,
}

/// What `refresh_token` takes.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record), uniffi::export(Debug))]
pub struct RefreshTokenInput {
    /// The refresh token from the last `auth_token` or `refresh_token`.
    pub refresh_token: Secret,
}

/// A fresh pair of tokens. Its canonical (serialized) form carries the token values,
/// because the caller needs them; its `Debug` does not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record), uniffi::export(Debug))]
pub struct AuthTokenOutput {
    /// The bearer token: put it in [`PaymentsGateConfig::access_token`].
    #[serde(serialize_with = "expose")]
    pub access_token: Secret,
    /// The token for `refresh_token`.
    #[serde(serialize_with = "expose")]
    pub refresh_token: Secret,
    /// Seconds until `access_token` expires.
    #[serde(default)]
    pub expires_in: u64,
}

fn expose<S: Serializer>(secret: &Secret, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(secret.expose())
}

#[derive(Serialize)]
struct TokenBody<'a> {
    account_id: &'a str,
    public_key: &'a str,
}

#[derive(Serialize)]
struct RefreshBody<'a> {
    refresh_token: &'a str,
}

operation!(
    /// Signs in with the account's credentials for a bearer token (`POST /auth/token`).
    AuthToken,
    "paymentsgate.auth_token",
    Effect::Read,
    PaymentsGateConfig,
    AuthTokenInput,
    AuthTokenOutput,
    build_auth_token,
    /// Parses a token answer.
    parse_auth_token = read_auth_token
);

operation!(
    /// Trades the refresh token for a fresh pair of tokens (`POST /auth/token/refresh`).
    RefreshToken,
    "paymentsgate.refresh_token",
    Effect::Once,
    PaymentsGateConfig,
    RefreshTokenInput,
    AuthTokenOutput,
    build_refresh_token,
    /// Parses a refresh answer (the same shape as [`parse_auth_token`]).
    parse_refresh_token = read_refresh_token
);

/// Validates the input and builds `POST /auth/token` (no bearer token needed).
pub fn build_auth_token(config: &PaymentsGateConfig, input: &AuthTokenInput) -> Result<HttpRequest> {
    validate::id("account_id", &input.account_id)?;
    credential("public_key", input.public_key.expose())?;
    let body = TokenBody { account_id: &input.account_id, public_key: input.public_key.expose() };
    post_json(&config.base_url, "/auth/token", Vec::new(), &body)
}

/// Validates the input and builds `POST /auth/token/refresh`.
pub fn build_refresh_token(config: &PaymentsGateConfig, input: &RefreshTokenInput) -> Result<HttpRequest> {
    credential("refresh_token", input.refresh_token.expose())?;
    post_json(
        &config.base_url,
        "/auth/token/refresh",
        Vec::new(),
        &RefreshBody { refresh_token: input.refresh_token.expose() },
    )
}

fn read_auth_token(response: &HttpResponse) -> Result<AuthTokenOutput> {
    let output: AuthTokenOutput = success_or_error::<_, WireError>(response)?;
    if output.access_token.is_empty() {
        return Err(Error::Decode {
            message: "the token answer has an empty access_token".to_owned(),
            retryable: false,
        });
    }
    Ok(output)
}

fn read_refresh_token(response: &HttpResponse) -> Result<AuthTokenOutput> {
    parse_auth_token(response)
}
