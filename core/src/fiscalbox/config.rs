use crate::error::Result;
use serde::Deserialize;

/// FiscalBox's production base URL.
pub const DEFAULT_BASE_URL: &str = "https://api.fiscalbox.uz";

/// How to reach FiscalBox. The `/payment/...` calls take no credentials.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
// A misspelt setting must fail loudly, not be ignored.
#[serde(deny_unknown_fields)]
pub struct FiscalBoxConfig {
    /// The base URL, [`DEFAULT_BASE_URL`] unless you use a test host. A trailing `/`
    /// makes no difference.
    #[serde(default = "default_base_url")]
    #[cfg_attr(feature = "uniffi", uniffi(default = "https://api.fiscalbox.uz"))]
    pub base_url: String,
}

fn default_base_url() -> String {
    DEFAULT_BASE_URL.to_owned()
}

impl Default for FiscalBoxConfig {
    fn default() -> Self {
        FiscalBoxConfig { base_url: default_base_url() }
    }
}

impl FiscalBoxConfig {
    /// FiscalBox takes no credential (see [`crate::dispatch::Config::check`]).
    pub(crate) fn check_credentials(&self) -> Result<()> {
        Ok(())
    }

    /// A config for another base URL (a test host).
    pub fn with_base_url(base_url: impl Into<String>) -> Self {
        FiscalBoxConfig { base_url: base_url.into() }
    }
}
