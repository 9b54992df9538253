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
    /// What sending its request again could do: decides when its errors are retryable.
    const EFFECT: Effect;
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

/// What sending an operation's request a second time could do. It decides, once and
/// for every binding, when the operation's errors are `retryable`: when sending the
/// same request again cannot double an effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Effect {
    /// It only reads: sending it again is always safe.
    Read,
    /// It changes something, but a second request cannot change it twice: the provider
    /// refuses a duplicate (Paylov registers one receipt per payment) or recognizes it
    /// (a PaymentsGate payin per invoice id, the same receipt attached to a payment).
    /// Retryable after any failure that says the provider did not finish: a 5xx, a
    /// 429, a gateway's page.
    Idempotent,
    /// It changes something a second request could repeat or spoil: a charge, a new SMS
    /// code (the one the customer has stops working), a refund (the second one fails).
    /// Retryable only when it certainly was not processed: a 429, 408 or 425 (or,
    /// for a flow, a request that never left).
    Once,
}

impl Effect {
    /// The canonical name: `read`, `idempotent` or `once`.
    pub fn as_str(self) -> &'static str {
        match self {
            Effect::Read => "read",
            Effect::Idempotent => "idempotent",
            Effect::Once => "once",
        }
    }
}

/// Implements [`Operation`] for a unit type by naming its functions, and writes its
/// public parse function over the reader, with the retryable rule of its [`Effect`].
macro_rules! operation {
    (
        #[doc = $summary:literal] $ty:ident, $name:literal, $effect:expr, $config:ty, $input:ty, $output:ty, $build:path,
        $(#[doc = $pdoc:literal])* $parse:ident = $read:path
    ) => {
        $(#[doc = $pdoc])*
        #[doc = ""]
        #[doc = concat!("`retryable` follows [`", stringify!($ty), "`]'s [`Effect`](crate::operation::Effect).")]
        pub fn $parse(response: &$crate::http::HttpResponse) -> $crate::error::Result<$output> {
            $read(response).map_err(|e| e.for_effect($effect))
        }

        #[doc = $summary]
        #[doc = ""]
        #[doc = concat!("`", $name, "` as an [`Operation`](crate::Operation).")]
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct $ty;

        impl $crate::operation::Operation for $ty {
            const NAME: &'static str = $name;
            const SUMMARY: &'static str = $summary;
            const EFFECT: $crate::operation::Effect = $effect;
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
