use serde::Deserialize;

use crate::error::Result;
use crate::http::Header;
use crate::request::credential;
use crate::secret::Secret;

/// How to reach PaymentsGate. The base URL is per account (production or sandbox
/// realm), so there is no default. `Debug` never shows the token.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record), uniffi::export(Debug))]
// A misspelt setting must fail loudly, not be ignored.
#[serde(deny_unknown_fields)]
pub struct PaymentsGateConfig {
    /// The account's base URL.
    pub base_url: String,
    /// The bearer token from `POST /auth/token`. Only the auth calls themselves work
    /// without it.
    #[cfg_attr(feature = "uniffi", uniffi(default = ""))]
    #[serde(default)]
    pub access_token: Secret,
}

impl PaymentsGateConfig {
    /// A config from a base URL and a token.
    pub fn new(base_url: impl Into<String>, access_token: impl Into<Secret>) -> Self {
        PaymentsGateConfig { base_url: base_url.into(), access_token: access_token.into() }
    }

    /// A config with no token yet, for the auth calls.
    pub fn without_token(base_url: impl Into<String>) -> Self {
        PaymentsGateConfig { base_url: base_url.into(), access_token: Secret::default() }
    }

    /// The token, if one is given (the auth calls need none; see
    /// [`crate::dispatch::Config::check`]).
    pub(crate) fn check_credentials(&self) -> Result<()> {
        if self.access_token.expose().is_empty() {
            return Ok(());
        }
        self.auth_headers().map(drop)
    }

    pub(crate) fn auth_headers(&self) -> Result<Vec<Header>> {
        credential("access_token", self.access_token.expose())?;
        Ok(vec![Header::new("Authorization", format!("Bearer {}", self.access_token.expose()))])
    }
}
