use serde::Deserialize;

use crate::error::Result;
use crate::http::Header;
use crate::request::credential;
use crate::secret::Secret;

/// VIA's sandbox base URL.
pub const SANDBOX_BASE_URL: &str = "https://api.viasandbox.uz";

/// How to reach VIA. `Debug` never shows the client secret.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record), uniffi::export(Debug))]
// A misspelt setting must fail loudly, not be ignored.
#[serde(deny_unknown_fields)]
pub struct ViaConfig {
    /// The base URL VIA gave you ([`SANDBOX_BASE_URL`] for tests).
    pub base_url: String,
    /// Your client id, sent as `client-id`.
    pub client_id: String,
    /// Your client secret, sent as `client-secret`.
    pub client_secret: Secret,
}

impl ViaConfig {
    /// A config from a base URL and credentials.
    pub fn new(base_url: impl Into<String>, client_id: impl Into<String>, client_secret: impl Into<Secret>) -> Self {
        ViaConfig { base_url: base_url.into(), client_id: client_id.into(), client_secret: client_secret.into() }
    }

    /// The credentials every call needs (see [`crate::dispatch::Config::check`]).
    pub(crate) fn check_credentials(&self) -> Result<()> {
        self.auth_headers().map(drop)
    }

    pub(crate) fn auth_headers(&self) -> Result<Vec<Header>> {
        credential("client_id", &self.client_id)?;
        credential("client_secret", self.client_secret.expose())?;
        Ok(vec![
            Header::new("client-id", self.client_id.as_str()),
            Header::new("client-secret", self.client_secret.expose()),
        ])
    }
}
