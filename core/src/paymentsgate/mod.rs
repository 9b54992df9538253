//! PaymentsGate, the widget / host-to-host gateway: create a oneclick payin and read
//! the card credentials the customer should pay to.
//!
//! Calls carry `Authorization: Bearer <access_token>`. Errors come with any status
//! above 302 as `{error, message, details, statusCode}`, `error` being the code.

mod config;
mod create_payin;
mod error;
mod payin_credentials;

pub use config::PaymentsGateConfig;
pub use create_payin::{
    build_create_payin, parse_create_payin, CreatePayin, CreatePayinInput, CreatePayinOutput,
    Currency, DealStatus, Lang, PayinType,
};
pub use error::PaymentsGateErrorCode;
pub use payin_credentials::{
    build_payin_credentials, parse_payin_credentials, BankLogo, CredentialsBank,
    CredentialsCurrency, PayinCredentials, PayinCredentialsInput, PayinCredentialsOutput,
};
