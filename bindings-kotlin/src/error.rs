//! The one error of the binding: the Kotlin sealed class `UzpayException`.
//!
//! uniffi names a Rust `...Error` enum `...Exception` in Kotlin and turns each variant
//! into a subclass carrying its fields. The variants are the core's four kinds, with
//! the same fields as [`uzpay::Error`], flattened (uniffi records cannot be boxed).
//!
//! The core's `message` is called `reason` here: every Kotlin exception already has a
//! `message` property (from `Throwable`) that uniffi fills with the variant's fields,
//! and a field of that name does not compile (mozilla/uniffi-rs#1434).

use std::fmt;

use uzpay::{LocalizedMessages, Provider};

/// Every failure of uzpay, in the four kinds that are the same in every language.
/// Kotlin: `UzpayException` and its subclasses `InvalidInput`, `Provider`, `Http`,
/// `Decode`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Error)]
#[uniffi::export(Display)]
pub enum UzpayError {
    /// The input breaks a rule; nothing was sent. Never retryable.
    InvalidInput {
        /// Path of the offending input, e.g. `items[0].discount`, `qr_code.t`.
        field: String,
        /// Why, in plain words (never echoing the refused value).
        reason: String,
    },
    /// The provider answered with a business error, whatever the HTTP status.
    Provider {
        /// Who refused.
        provider: Provider,
        /// The provider's code as a string (integers in decimal), e.g.
        /// `ofd_check_already_generated`, `7`, `ERROR_CREDENTIALS_NOT_FOUND`.
        code: String,
        /// The provider's message (in English where it sends several).
        reason: String,
        /// The provider's localized messages, where it sends them (VIA).
        messages: LocalizedMessages,
        /// The HTTP status the error came with (FiscalBox sends errors with 200).
        status: i32,
        /// Extra data the provider attached (its JSON text), if any.
        details: Option<String>,
        /// Whether the same request may safely be sent again.
        retryable: bool,
    },
    /// An HTTP status the operation does not accept, with no provider error in the body.
    Http {
        /// The HTTP status code.
        status: i32,
        /// True for 408, 425, 429 and 5xx.
        retryable: bool,
    },
    /// The body is not the shape the operation expects.
    Decode {
        /// What was wrong with the body.
        reason: String,
        /// True for a gateway's HTML page or a 5xx: the provider never finished.
        retryable: bool,
    },
    /// A request produced no answer (a flow gives up with it).
    Transport {
        /// The operation whose request got no answer, e.g. `paylov.register_receipt`.
        operation: String,
        /// It never left (`NOT_SENT`), or it may have reached the provider (`MAYBE_SENT`).
        failure: uzpay::flow::TransportFailure,
        /// Whether starting the same work again is safe: false when a charge may have
        /// gone through.
        retryable: bool,
    },
}

impl UzpayError {
    /// An [`UzpayError::InvalidInput`].
    pub fn invalid_input(field: impl Into<String>, reason: impl Into<String>) -> Self {
        UzpayError::InvalidInput { field: field.into(), reason: reason.into() }
    }
}

impl From<uzpay::Error> for UzpayError {
    fn from(error: uzpay::Error) -> Self {
        // `retryable()` is asked of the core before the match: it is the one rule.
        let retryable = error.retryable();
        match error {
            uzpay::Error::InvalidInput { field, message } => UzpayError::InvalidInput { field, reason: message },
            uzpay::Error::Provider(e) => UzpayError::Provider {
                provider: e.provider,
                code: e.code,
                reason: e.message,
                messages: e.messages,
                status: i32::from(e.status),
                details: e.details,
                retryable,
            },
            uzpay::Error::Http { status, .. } => UzpayError::Http { status: i32::from(status), retryable },
            uzpay::Error::Decode { message, .. } => UzpayError::Decode { reason: message, retryable },
            uzpay::Error::Transport { operation, failure, .. } => {
                UzpayError::Transport { operation, failure, retryable }
            }
        }
    }
}

/// The core's wording, so a log line reads the same from Kotlin as from Rust.
impl fmt::Display for UzpayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UzpayError::InvalidInput { field, reason } => write!(f, "invalid input: {field}: {reason}"),
            UzpayError::Provider { provider, code, reason, .. } => {
                write!(f, "{provider} refused the request: {reason} (code {code})")
            }
            UzpayError::Http { status, .. } => write!(f, "unexpected HTTP status {status}"),
            UzpayError::Decode { reason, .. } => write!(f, "could not decode the response: {reason}"),
            UzpayError::Transport { operation, failure, .. } => write!(f, "{operation} {}", failure.describe()),
        }
    }
}

impl std::error::Error for UzpayError {}

#[cfg(test)]
mod tests {
    use uzpay::{HttpResponse, ProviderError};

    use super::*;

    #[test]
    fn display_matches_the_core() {
        let provider = uzpay::Error::Provider(Box::new(ProviderError {
            provider: Provider::Paylov,
            code: "ofd_error".into(),
            message: "OFD is down".into(),
            messages: LocalizedMessages::default(),
            status: 400,
            details: Some("{}".into()),
            retryable: true,
        }));
        let errors = [
            uzpay::Error::invalid_input("items[0].discount", "must not exceed the price"),
            provider,
            uzpay::Error::http(503),
            uzpay::Error::Decode { message: "not JSON".into(), retryable: false },
        ];
        for core in errors {
            assert_eq!(UzpayError::from(core.clone()).to_string(), core.to_string());
        }
    }

    #[test]
    fn retryable_comes_from_the_core() {
        let parsed = uzpay::fiscalbox::parse_click_confirm(&HttpResponse::new(503, "<html>"));
        let core = parsed.unwrap_err();
        let ours = UzpayError::from(core.clone());
        assert!(core.retryable());
        assert!(matches!(ours, UzpayError::Decode { retryable: true, .. } | UzpayError::Http { retryable: true, .. }));
        assert_eq!(UzpayError::from(uzpay::Error::http(404)), UzpayError::Http { status: 404, retryable: false });
    }
}
