use serde::Deserialize;

use crate::error::Result;
use crate::http::Header;
use crate::request::credential;
use crate::secret::Secret;

/// Paylov's production base URL.
pub const PRODUCTION_BASE_URL: &str = "https://gw.paylov.uz";
/// Paylov's sandbox base URL.
pub const SANDBOX_BASE_URL: &str = "https://dev.gw.paylov.uz";

/// How to reach Paylov. `Debug` never shows the api key.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record), uniffi::export(Debug))]
// A misspelt setting must fail loudly, not be ignored.
#[serde(deny_unknown_fields)]
pub struct PaylovConfig {
    /// [`PRODUCTION_BASE_URL`] or [`SANDBOX_BASE_URL`] (or a test host).
    #[serde(default = "default_base_url")]
    #[cfg_attr(feature = "uniffi", uniffi(default = "https://gw.paylov.uz"))]
    pub base_url: String,
    /// The merchant's api key, sent as the `api-key` header.
    pub api_key: Secret,
    /// Register through the deprecated path `/merchant/registerFiscalReceipt/`
    /// instead of `/merchant/fiscalization/register/`. Off unless you opt in.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = false))]
    pub use_deprecated_register_path: bool,
}

fn default_base_url() -> String {
    PRODUCTION_BASE_URL.to_owned()
}

impl PaylovConfig {
    /// A production config with this api key.
    pub fn new(api_key: impl Into<Secret>) -> Self {
        PaylovConfig { base_url: default_base_url(), api_key: api_key.into(), use_deprecated_register_path: false }
    }

    /// A sandbox config with this api key.
    pub fn sandbox(api_key: impl Into<Secret>) -> Self {
        PaylovConfig { base_url: SANDBOX_BASE_URL.to_owned(), ..PaylovConfig::new(api_key) }
    }

    /// The credentials every call needs (see [`crate::dispatch::Config::check`]).
    pub(crate) fn check_credentials(&self) -> Result<()> {
        self.auth_headers().map(drop)
    }

    pub(crate) fn auth_headers(&self) -> Result<Vec<Header>> {
        credential("api_key", self.api_key.expose())?;
        Ok(vec![Header::new("api-key", self.api_key.expose())])
    }
}
