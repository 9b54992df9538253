//! One trait over every operation, for code that treats them alike: the conformance
//! runners, bindings that dispatch by name, and the flows.
//!
//! Each operation is a unit type (e.g. [`crate::fiscalbox::ClickConfirm`]); its
//! builder and parser are also plain functions in its provider's module
//! (`fiscalbox::build_click_confirm`, `fiscalbox::parse_click_confirm`).

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::Result;
use crate::http::{HttpRequest, HttpResponse};

/// A provider endpoint: a typed input and config become a request; a response becomes
/// a typed output or an error.
pub trait Operation {
    /// The canonical name, `<provider>.<operation>`, e.g. `fiscalbox.click_confirm`.
    const NAME: &'static str;
    /// What the operation does, in a sentence (every binding's docs repeat it).
    const SUMMARY: &'static str;
    /// The provider's configuration (base URL and credentials); its `Debug` masks
    /// the credentials.
    type Config: DeserializeOwned + std::fmt::Debug + crate::dispatch::Config;
    /// What the caller gives.
    type Input: DeserializeOwned;
    /// What a successful response is parsed into.
    type Output: Serialize + std::fmt::Debug;

    /// Validates `input` and builds the request. Nothing is sent.
    fn build(config: &Self::Config, input: &Self::Input) -> Result<HttpRequest>;

    /// Parses the provider's response.
    fn parse(response: &HttpResponse) -> Result<Self::Output>;
}

/// Implements [`Operation`] for a unit type by naming its functions.
macro_rules! operation {
    (#[doc = $summary:literal] $ty:ident, $name:literal, $config:ty, $input:ty, $output:ty, $build:path, $parse:path) => {
        #[doc = $summary]
        #[doc = ""]
        #[doc = concat!("`", $name, "` as an [`Operation`](crate::Operation).")]
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct $ty;

        impl $crate::operation::Operation for $ty {
            const NAME: &'static str = $name;
            const SUMMARY: &'static str = $summary;
            type Config = $config;
            type Input = $input;
            type Output = $output;

            fn build(config: &$config, input: &$input) -> $crate::error::Result<$crate::http::HttpRequest> {
                $build(config, input)
            }

            fn parse(response: &$crate::http::HttpResponse) -> $crate::error::Result<$output> {
                $parse(response)
            }
        }
    };
}

pub(crate) use operation;
