//! Black-box tests of the sandbox: real HTTP on 127.0.0.1, a fresh sandbox on a
//! random port per test.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod api;
mod common;
mod faults;
mod fiscalbox;
mod paylov;
mod paymentsgate;
mod via;
