//! # uzpay-kotlin
//!
//! The uniffi face of the uzpay core for the JVM and Android: the Kotlin package
//! `uz.uzpay` (functions, `UzpayException`, HTTP values) over the core's types in
//! `uz.uzpay.model` (configs, inputs, outputs, provider enums), which the core derives
//! itself behind its `uniffi` feature.
//!
//! Every operation of [`uzpay::OPERATIONS`] is a `build_*` and a `parse_*` function
//! ([`operations`]); the fiscal-domain functions are in [`ofd`] and [`receipt`]. Like
//! the core, this crate does no I/O and cannot panic (`unwrap`, `expect`, `panic!` and
//! indexing are denied by lint): every failure reaches Kotlin as a `UzpayException`.

// `UzpayError` carries the provider error's fields inline (the Kotlin exception's
// properties); uniffi cannot box a variant's fields, and the error is made once per
// call at the FFI boundary, so its size costs nothing that matters.
#![allow(clippy::result_large_err)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing))]

pub mod error;
pub mod flows;
pub mod http;
pub mod ofd;
pub mod operations;
pub mod receipt;

pub use error::UzpayError;
pub use http::{Header, HttpMethod, HttpRequest, HttpResponse};

uniffi::setup_scaffolding!();
