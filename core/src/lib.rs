//! # uzpay
//!
//! The sans-IO core of the uzpay SDK for Uzbek payment and fiscalization providers:
//! FiscalBox, Paylov, PaymentsGate and VIA.
//!
//! uzpay builds and validates each provider request (method, URL, headers, JSON body)
//! and parses each response into a typed result or a typed [`Error`]. It never opens a
//! socket: your application sends the [`HttpRequest`] with its own HTTP client and
//! hands the answer back as an [`HttpResponse`].
//!
//! ```
//! use uzpay::fiscalbox::{build_click_confirm, parse_click_confirm, ClickConfirmInput, FiscalBoxConfig};
//! use uzpay::HttpResponse;
//!
//! let config = FiscalBoxConfig::default();
//! let request = build_click_confirm(&config, &ClickConfirmInput {
//!     payment_id: "4710103925".into(),
//!     qr_code: "https://ofd.soliq.uz/check?t=UZ170703100597&r=2421&c=20230104121801&s=514343190161".into(),
//! })?;
//! assert_eq!(request.url, "https://api.fiscalbox.uz/payment/click_confirm");
//!
//! // ... send `request` with any HTTP client, then:
//! let response = HttpResponse::new(200, r#"{"data":{"status":"successfully"},"error":null,"is_success":true}"#);
//! let confirmed = parse_click_confirm(&response)?;
//! assert_eq!(confirmed.status.as_str(), "successfully");
//! # Ok::<(), uzpay::Error>(())
//! ```
//!
//! ## Rules that hold everywhere
//! - Money is integer tiyin (1 UZS = 100 tiyin), [`money::Tiyin`]; uzpay converts to
//!   each provider's unit exactly. No floats for money.
//! - Bad input never reaches the wire: builders validate first and fail with
//!   [`Error::InvalidInput`] naming the field (`items[0].discount`).
//! - Success is decided from the body, not only the HTTP status: several providers
//!   send errors with HTTP 200.
//! - Credentials live in [`Secret`] and never appear in `Debug` output or errors.
//! - Nothing panics: every failure is an [`Error`] (`unwrap`, `expect`, `panic!` and
//!   indexing are denied by lints outside tests).
//!
//! ## Layout
//! One module per provider ([`fiscalbox`], [`paylov`], [`paymentsgate`], [`via`]), each
//! with one file per operation; the fiscal domain in [`ofd`] (receipt URLs) and
//! [`receipt`] (receipt lines and their arithmetic); [`Operation`] ties each
//! operation's types together for generic code.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing))]

// The `Describe` derive names the crate `::uzpay`, as it is from the outside.
#[cfg(feature = "describe")]
extern crate self as uzpay;

pub mod card;
#[cfg(feature = "describe")]
pub mod describe;
pub mod dispatch;
pub mod error;
pub mod fiscalbox;
pub mod flow;
pub mod function;
pub mod http;
pub mod json;
pub mod limits;
pub mod money;
pub mod ofd;
pub mod operation;
pub mod paylov;
pub mod paymentsgate;
pub mod receipt;
pub mod secret;
pub mod via;

mod body;
mod request;
mod response;
mod validate;
mod wire;
mod wire_enum;

pub use dispatch::{FUNCTIONS, OPERATIONS};
pub use error::{Error, ErrorKind, ErrorRecord, LocalizedMessages, Provider, ProviderError, Result};
pub use http::{Header, HttpRequest, HttpResponse, Method};
pub use money::Tiyin;
pub use operation::Operation;
pub use secret::Secret;

// The uniffi face of the public types (for bindings-kotlin): each type declares its
// own Record/Enum derive behind the `uniffi` feature, so nothing is declared twice.
#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!();

/// The README's Rust code, compiled as doctests so it stays true to the code.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
