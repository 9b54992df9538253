//! PaymentsGate, the widget / host-to-host gateway: get a token (`auth_token`,
//! `refresh_token`), create a oneclick payin (`create_payin`), read the card
//! credentials the customer should pay to (`payin_credentials`) and follow the deal
//! (`deal_status`).
//!
//! Calls carry `Authorization: Bearer <access_token>`. Errors come with any status
//! above 302 as `{error, message, details, statusCode}`, `error` being the code.

mod auth_token;
mod config;
mod create_payin;
mod deal_status;
mod error;
mod payin_credentials;

pub use crate::money::Currency;
pub use auth_token::{
    build_auth_token, build_refresh_token, parse_auth_token, parse_refresh_token, AuthToken, AuthTokenInput,
    AuthTokenOutput, RefreshToken, RefreshTokenInput,
};
pub use config::PaymentsGateConfig;
pub use create_payin::{
    build_create_payin, parse_create_payin, CreatePayin, CreatePayinInput, CreatePayinOutput, DealStatus, Lang,
    PayinType,
};
pub use deal_status::{build_deal_status, parse_deal_status, DealStatusInput, DealStatusOutput, GetDealStatus};
pub use error::PaymentsGateErrorCode;
pub use payin_credentials::{
    build_payin_credentials, parse_payin_credentials, BankLogo, CredentialsBank, CredentialsCurrency, PayinCredentials,
    PayinCredentialsInput, PayinCredentialsOutput,
};
