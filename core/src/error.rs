//! The one error type of uzpay.
//!
//! Every failure of every operation is a value of [`Error`], in one of four kinds
//! that are the same in every language uzpay ships to:
//!
//! | kind | when | `retryable` |
//! | --- | --- | --- |
//! | [`ErrorKind::InvalidInput`] | the input was refused before any I/O | never |
//! | [`ErrorKind::Provider`] | the provider answered with a business error, whatever the HTTP status | per code, and on 5xx / 429 |
//! | [`ErrorKind::Http`] | an HTTP status the operation does not accept, with no provider error in the body | 408, 425, 429 and 5xx |
//! | [`ErrorKind::Decode`] | the body is not the shape the operation expects | only for a gateway's HTML page or a 5xx |

use std::fmt;

use serde::Serialize;

/// The four kinds of [`Error`], with the canonical names every binding uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// Refused before any I/O: the input breaks a rule. Carries a field path.
    InvalidInput,
    /// The provider said no (a business error), whatever the HTTP status.
    Provider,
    /// An HTTP status the operation does not accept, and no provider error in the body.
    Http,
    /// The body is not the shape the operation expects.
    Decode,
    /// A request produced no answer (a flow gives up with it): it never left, or it
    /// may have reached the provider.
    Transport,
}

impl ErrorKind {
    /// Every kind, in the order of the table above.
    pub const ALL: [ErrorKind; 5] =
        [ErrorKind::InvalidInput, ErrorKind::Provider, ErrorKind::Http, ErrorKind::Decode, ErrorKind::Transport];

    /// The Rust variant's name (`InvalidInput`), which the bindings name their classes
    /// after (`InvalidInputError`, `UzpayException.InvalidInput`).
    pub fn rust_name(self) -> &'static str {
        match self {
            ErrorKind::InvalidInput => "InvalidInput",
            ErrorKind::Provider => "Provider",
            ErrorKind::Http => "Http",
            ErrorKind::Decode => "Decode",
            ErrorKind::Transport => "Transport",
        }
    }

    /// The fields of an [`ErrorRecord`] an error of this kind carries (besides `kind`,
    /// `text`, `message` and `retryable`, which every error has).
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            ErrorKind::InvalidInput => &["field"],
            ErrorKind::Provider => &["provider", "code", "status", "messages", "details"],
            ErrorKind::Http => &["status"],
            ErrorKind::Decode => &[],
            ErrorKind::Transport => &["operation", "failure"],
        }
    }

    /// When an error of this kind happens, in a sentence (for every binding's docs).
    pub fn doc(self) -> &'static str {
        match self {
            ErrorKind::InvalidInput => "The input was refused before any I/O; `field` names the offending input.",
            ErrorKind::Provider => "The provider answered with a business error, whatever the HTTP status.",
            ErrorKind::Http => "An HTTP status the operation does not accept, with no provider error in the body.",
            ErrorKind::Decode => "The body is not the shape the operation expects.",
            ErrorKind::Transport => {
                "A request produced no answer: it never left (`not_sent`), or it may have reached the provider \
                 (`maybe_sent`), whose effect is then to be looked up, not repeated."
            }
        }
    }

    /// The canonical name: `invalid_input`, `provider`, `http` or `decode`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::InvalidInput => "invalid_input",
            ErrorKind::Provider => "provider",
            ErrorKind::Http => "http",
            ErrorKind::Decode => "decode",
            ErrorKind::Transport => "transport",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The providers uzpay talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Provider {
    /// FiscalBox, the fiscal module / POS gateway.
    #[serde(rename = "fiscalbox")]
    FiscalBox,
    /// Paylov's merchant API (OFD fiscalization).
    Paylov,
    /// PaymentsGate, the widget / host-to-host gateway.
    #[serde(rename = "paymentsgate")]
    PaymentsGate,
    /// VIA, UZCARD/HUMO card payments.
    Via,
}

impl Provider {
    /// The canonical identifier, as in conformance `op` names: `fiscalbox`, `paylov`,
    /// `paymentsgate`, `via`.
    pub fn as_str(self) -> &'static str {
        match self {
            Provider::FiscalBox => "fiscalbox",
            Provider::Paylov => "paylov",
            Provider::PaymentsGate => "paymentsgate",
            Provider::Via => "via",
        }
    }

    /// The provider's name as a person writes it (`FiscalBox`, `VIA`, ...).
    pub fn display_name(self) -> &'static str {
        match self {
            Provider::FiscalBox => "FiscalBox",
            Provider::Paylov => "Paylov",
            Provider::PaymentsGate => "PaymentsGate",
            Provider::Via => "VIA",
        }
    }
}

impl fmt::Display for Provider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.display_name())
    }
}

/// A message the provider sent in several languages (VIA sends Uzbek, Russian and
/// English). Absent languages are `None`, and left out of the serialized form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct LocalizedMessages {
    /// Uzbek.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uz: Option<String>,
    /// Russian.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ru: Option<String>,
    /// English.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl LocalizedMessages {
    /// True when no language is present.
    pub fn is_empty(&self) -> bool {
        self.uz.is_none() && self.ru.is_none() && self.en.is_none()
    }
}

/// A business error reported by a provider: see [`Error::Provider`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderError {
    /// Who refused.
    pub provider: Provider,
    /// The provider's error code as a string (integers in decimal), e.g.
    /// `ofd_check_already_generated`, `7`, `ERROR_CREDENTIALS_NOT_FOUND`.
    pub code: String,
    /// The provider's message (in English where the provider sends several).
    pub message: String,
    /// The provider's localized messages, where it sends them.
    pub messages: LocalizedMessages,
    /// The HTTP status the error came with (FiscalBox sends errors with 200).
    pub status: u16,
    /// Extra data the provider attached (its JSON text), if any.
    pub details: Option<String>,
    /// Whether the same request may safely be sent again.
    pub retryable: bool,
}

impl ProviderError {
    /// The error, with a plain description in place of a missing or blank message,
    /// so that every provider error says something (a provider may send `"error": {}`).
    pub(crate) fn into_error(mut self) -> Error {
        if self.message.trim().is_empty() {
            let code = if self.code.is_empty() { "no code".to_owned() } else { format!("code {}", self.code) };
            self.message =
                format!("{} refused the request without a message ({code}, HTTP {})", self.provider, self.status);
        }
        Error::Provider(Box::new(self))
    }
}

/// Every failure in uzpay. See the [module docs](self) for the four kinds.
///
/// Messages are plain words for a developer or an operator, and never contain a
/// credential: configs hold secrets in [`crate::Secret`], which no error formats.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The input breaks a rule; nothing was sent. `field` is a path into the input
    /// such as `items[0].discount`.
    #[error("invalid input: {field}: {message}")]
    InvalidInput {
        /// Path of the offending input, e.g. `items[0].discount`, `qr_code.t`.
        field: String,
        /// Why, in plain words.
        message: String,
    },
    /// The provider answered with a business error.
    #[error("{} refused the request: {} (code {})", .0.provider, .0.message, .0.code)]
    Provider(Box<ProviderError>),
    /// An HTTP status the operation does not accept, with no provider error in the body.
    #[error("unexpected HTTP status {status}")]
    Http {
        /// The HTTP status code.
        status: u16,
        /// Whether the same request may be sent again: for 408, 425, 429 and 5xx, unless
        /// the operation must happen once (see [`crate::operation::Effect`]).
        retryable: bool,
    },
    /// A request produced no answer (what a flow gives up with).
    #[error("{operation} {}", .failure.describe())]
    Transport {
        /// The operation whose request got no answer, e.g. `paylov.register_receipt`.
        operation: String,
        /// Whether it never left, or may have reached the provider.
        failure: crate::flow::TransportFailure,
        /// Whether starting the same work again is safe: false when the effect (a
        /// charge) may have happened.
        retryable: bool,
    },
    /// The body is not the shape the operation expects.
    #[error("could not decode the response: {message}")]
    Decode {
        /// What was wrong with the body.
        message: String,
        /// True when the body looks like a gateway's HTML error page, or came with a
        /// 5xx status: the provider never saw or never finished the request.
        retryable: bool,
    },
}

impl Error {
    /// An [`Error::Http`], retryable by its status.
    pub fn http(status: u16) -> Self {
        Error::Http { status, retryable: status_is_retryable(status) }
    }

    /// Shorthand for [`Error::InvalidInput`].
    pub fn invalid_input(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::InvalidInput { field: field.into(), message: message.into() }
    }

    /// [`Error::invalid_input`] for a field path that is only written out now, when a
    /// rule failed (see `validate::Sub`).
    pub(crate) fn invalid_at(field: impl std::fmt::Display, message: impl Into<String>) -> Self {
        Error::InvalidInput { field: field.to_string(), message: message.into() }
    }

    /// Which of the four kinds this is.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::InvalidInput { .. } => ErrorKind::InvalidInput,
            Error::Provider(_) => ErrorKind::Provider,
            Error::Http { .. } => ErrorKind::Http,
            Error::Decode { .. } => ErrorKind::Decode,
            Error::Transport { .. } => ErrorKind::Transport,
        }
    }

    /// Whether the same request may safely be sent again (after a pause).
    pub fn retryable(&self) -> bool {
        match self {
            Error::InvalidInput { .. } => false,
            Error::Provider(e) => e.retryable,
            Error::Http { retryable, .. } => *retryable,
            Error::Decode { retryable, .. } | Error::Transport { retryable, .. } => *retryable,
        }
    }

    /// This error with `retryable` as an operation of the given effect allows: an
    /// operation that must happen once is retryable only when the provider certainly
    /// did not process the request (429, 408, 425, or a provider code that says so with
    /// a 4xx), never on a 5xx or a gateway's page.
    pub fn for_effect(mut self, effect: crate::operation::Effect) -> Self {
        if effect == crate::operation::Effect::Once {
            let unprocessed = self.status().is_some_and(|s| matches!(s, 408 | 425 | 429));
            match &mut self {
                // A provider's code that says the work was not done (Paylov's `ofd_error`
                // with a 4xx) stays retryable; one that came with a 5xx says nothing.
                Error::Provider(e) => e.retryable = e.retryable && (unprocessed || !status_is_retryable(e.status)),
                Error::Http { retryable, .. } => *retryable = *retryable && unprocessed,
                // A gateway's page or a broken body after a charge says nothing of
                // whether it happened.
                Error::Decode { retryable, .. } => *retryable = false,
                Error::InvalidInput { .. } | Error::Transport { .. } => {}
            }
        }
        self
    }

    /// This error, not retryable: what a flow gives up with once an effect that must
    /// happen once (a charge) has happened or may have, since starting the same work
    /// again could repeat it.
    pub fn not_retryable(mut self) -> Self {
        match &mut self {
            Error::Provider(e) => e.retryable = false,
            Error::Http { retryable, .. } | Error::Decode { retryable, .. } | Error::Transport { retryable, .. } => {
                *retryable = false
            }
            Error::InvalidInput { .. } => {}
        }
        self
    }

    /// An [`Error::InvalidInput`] of a part of a larger input, its field path under
    /// `parent` (`amount` of the payin -> `payin.amount`); `renamed` maps a field's own
    /// name to the one the larger input gives it (`qr_code` -> `payment_qr`).
    pub(crate) fn under(mut self, parent: &str, renamed: &[(&str, &str)]) -> Self {
        if let Error::InvalidInput { field, .. } = &mut self {
            let (head, rest) = field.split_at(field.find(['.', '[']).unwrap_or(field.len()));
            let head = renamed.iter().find(|(from, _)| *from == head).map_or(head, |(_, to)| to);
            *field = match parent {
                "" => format!("{head}{rest}"),
                _ => format!("{parent}.{head}{rest}"),
            };
        }
        self
    }

    /// The field path of an [`Error::InvalidInput`].
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::InvalidInput { field, .. } => Some(field),
            _ => None,
        }
    }

    /// The provider's code of an [`Error::Provider`].
    pub fn code(&self) -> Option<&str> {
        match self {
            Error::Provider(e) => Some(&e.code),
            _ => None,
        }
    }

    /// The HTTP status of an [`Error::Http`] or [`Error::Provider`].
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Http { status, .. } => Some(*status),
            Error::Provider(e) => Some(e.status),
            _ => None,
        }
    }

    /// The provider details of an [`Error::Provider`].
    pub fn provider_error(&self) -> Option<&ProviderError> {
        match self {
            Error::Provider(e) => Some(e),
            _ => None,
        }
    }

    /// The message without the kind prefix: the reason of an invalid input, the
    /// provider's message, or the decode problem.
    pub fn message(&self) -> String {
        match self {
            Error::InvalidInput { message, .. } | Error::Decode { message, .. } => message.clone(),
            Error::Provider(e) => e.message.clone(),
            Error::Http { status, .. } => format!("unexpected HTTP status {status}"),
            Error::Transport { failure, .. } => failure.describe().to_owned(),
        }
    }
}

/// An [`Error`] as plain data, for a binding that builds its own exception from it:
/// every accessor by its canonical name, `None` where it does not apply. Serialized,
/// it is the form the npm package and the Python package read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
pub struct ErrorRecord {
    /// The kind's canonical name, e.g. `invalid_input`.
    pub kind: &'static str,
    /// The whole message, as `Display` writes it.
    pub text: String,
    /// The reason alone, as [`Error::message`] gives it.
    pub message: String,
    /// As [`Error::retryable`].
    pub retryable: bool,
    /// The path of the refused input, such as `items[0].discount` or `qr_code.t`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Who refused: `fiscalbox`, `paylov`, `paymentsgate` or `via`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider: Option<&'static str>,
    /// The provider's error code as text (integers in decimal), e.g.
    /// `ofd_check_already_generated`, `7`, `ERROR_CREDENTIALS_NOT_FOUND`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The HTTP status the answer came with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// The provider's message by language (`uz`, `ru`, `en`), those it sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub messages: Option<LocalizedMessages>,
    /// Extra data the provider attached (its JSON text), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
    /// The operation whose request got no answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation: Option<String>,
    /// `not_sent` (the request never left) or `maybe_sent` (it may have reached the provider).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failure: Option<&'static str>,
}

impl Error {
    /// This error as an [`ErrorRecord`].
    pub fn to_record(&self) -> ErrorRecord {
        let provider = self.provider_error();
        ErrorRecord {
            kind: self.kind().as_str(),
            text: self.to_string(),
            message: self.message(),
            retryable: self.retryable(),
            field: self.field().map(str::to_owned),
            provider: provider.map(|p| p.provider.as_str()),
            code: self.code().map(str::to_owned),
            status: self.status(),
            messages: provider.map(|p| p.messages.clone()).filter(|m| !m.is_empty()),
            details: provider.and_then(|p| p.details.clone()),
            operation: match self {
                Error::Transport { operation, .. } => Some(operation.clone()),
                _ => None,
            },
            failure: match self {
                Error::Transport { failure, .. } => Some(failure.as_str()),
                _ => None,
            },
        }
    }
}

/// The statuses after which the same request may be sent again: a timeout, too many
/// requests, and server-side failures.
pub(crate) fn status_is_retryable(status: u16) -> bool {
    matches!(status, 408 | 425 | 429 | 500..=599)
}

/// Shorthand used across the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_have_canonical_names() {
        assert_eq!(Error::invalid_input("a", "b").kind().as_str(), "invalid_input");
        assert_eq!(Error::http(500).kind().as_str(), "http");
    }

    #[test]
    fn http_retryable_follows_status() {
        for s in [408, 429, 500, 502, 503, 504] {
            assert!(Error::http(s).retryable(), "{s}");
        }
        for s in [400, 401, 403, 404, 409, 422] {
            assert!(!Error::http(s).retryable(), "{s}");
        }
    }

    #[test]
    fn display_is_plain() {
        let e = Error::invalid_input("items[0].discount", "must not exceed the price");
        assert_eq!(e.to_string(), "invalid input: items[0].discount: must not exceed the price");
    }
}
