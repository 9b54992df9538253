//! A PaymentsGate host-to-host payin, from token to paid.
//!
//! `auth_token` -> `create_payin` -> `payin_credentials`, polled while PaymentsGate
//! answers `ERROR_CREDENTIALS_NOT_FOUND` ("not yet") and final on `DEAL_CANCELED`
//! -> `deal_status`, polled until the deal is paid or final. Every step is
//! idempotent (the invoice id is the payin's idempotency key), so every retryable
//! failure is retried. A 401 mid-flow refreshes the token once.

use serde::Serialize;

use super::{out_of_order, transport_error, Action, Flow, InFlight, RetryPolicy, TransportFailure};
use crate::error::{Error, ErrorKind, Result};
use crate::http::HttpResponse;
use crate::paymentsgate::{
    build_auth_token, build_create_payin, build_deal_status, build_payin_credentials, build_refresh_token,
    parse_auth_token, parse_create_payin, parse_deal_status, parse_payin_credentials, parse_refresh_token,
    AuthTokenInput, CreatePayinInput, DealStatus, DealStatusInput, PayinCredentialsInput, PayinCredentialsOutput,
    PaymentsGateConfig, PaymentsGateErrorCode, RefreshTokenInput,
};
use crate::secret::Secret;

/// Polling settings of [`PaymentsGatePayinFlow`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PayinFlowOptions {
    /// The pause between two polls.
    pub poll_interval_ms: u64,
    /// How many times to ask for the credentials before giving up.
    pub max_credential_polls: u32,
    /// How many times to read the deal's status before returning it unfinished.
    pub max_status_polls: u32,
}

impl Default for PayinFlowOptions {
    fn default() -> Self {
        PayinFlowOptions { poll_interval_ms: 2_000, max_credential_polls: 30, max_status_polls: 90 }
    }
}

/// Where a payin ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PayinOutcome {
    /// The deal's id.
    pub deal_id: String,
    /// The payment page, if PaymentsGate gave one.
    pub payment_url: Option<String>,
    /// Where the customer was told to pay (absent for a cancelled deal).
    pub credentials: Option<PayinCredentialsOutput>,
    /// The deal's last status.
    pub status: DealStatus,
    /// True when the deal is paid or completed.
    pub paid: bool,
}

#[derive(Debug, Clone)]
enum Stage {
    Token,
    Refresh { resume: Box<Stage> },
    Payin,
    Credentials,
    Status,
}

/// A payin from token to paid. See the [flow module](crate::flow) for how flows are driven.
#[derive(Debug, Clone)]
pub struct PaymentsGatePayinFlow {
    config: PaymentsGateConfig,
    credentials_input: AuthTokenInput,
    payin: CreatePayinInput,
    policy: RetryPolicy,
    options: PayinFlowOptions,
    refresh_token: Option<Secret>,
    refreshed: bool,
    deal_id: Option<String>,
    payment_url: Option<String>,
    credentials: Option<PayinCredentialsOutput>,
    polls: u32,
    current: Option<(Stage, InFlight)>,
    done: bool,
}

impl PaymentsGatePayinFlow {
    /// A flow for this payin, authenticating with the account's credentials. The
    /// inputs are validated now.
    pub fn new(
        base_url: impl Into<String>,
        credentials: AuthTokenInput,
        payin: CreatePayinInput,
        policy: RetryPolicy,
        options: PayinFlowOptions,
    ) -> Result<Self> {
        let config = PaymentsGateConfig::without_token(base_url);
        build_auth_token(&config, &credentials)?;
        // Validate the payin with a placeholder token; the real one comes later.
        build_create_payin(&PaymentsGateConfig::new(config.base_url.clone(), "placeholder"), &payin)?;
        Ok(PaymentsGatePayinFlow {
            config,
            credentials_input: credentials,
            payin,
            policy,
            options,
            refresh_token: None,
            refreshed: false,
            deal_id: None,
            payment_url: None,
            credentials: None,
            polls: 0,
            current: None,
            done: false,
        })
    }

    fn send(&mut self, stage: Stage, delay_ms: u64) -> Result<Action<PayinOutcome>> {
        let deal_id = || self.deal_id.clone().unwrap_or_default();
        let (operation, request) = match &stage {
            Stage::Token => ("paymentsgate.auth_token", build_auth_token(&self.config, &self.credentials_input)?),
            Stage::Refresh { .. } => (
                "paymentsgate.refresh_token",
                build_refresh_token(
                    &self.config,
                    &RefreshTokenInput { refresh_token: self.refresh_token.clone().unwrap_or_default() },
                )?,
            ),
            Stage::Payin => ("paymentsgate.create_payin", build_create_payin(&self.config, &self.payin)?),
            Stage::Credentials => (
                "paymentsgate.payin_credentials",
                build_payin_credentials(&self.config, &PayinCredentialsInput { deal_id: deal_id() })?,
            ),
            Stage::Status => {
                ("paymentsgate.deal_status", build_deal_status(&self.config, &DealStatusInput { deal_id: deal_id() })?)
            }
        };
        let in_flight = InFlight::first(operation, request);
        let step = in_flight.step(&self.policy, delay_ms);
        self.current = Some((stage, in_flight));
        Ok(Action::Send(step))
    }

    fn retry_or(&mut self, error: Error) -> Result<Action<PayinOutcome>> {
        let step = self.current.as_mut().and_then(|(_, f)| f.retry(&self.policy));
        match step {
            Some(step) => Ok(Action::Send(step)),
            None => self.fail(error),
        }
    }

    fn fail(&mut self, error: Error) -> Result<Action<PayinOutcome>> {
        self.done = true;
        self.current = None;
        Err(error)
    }

    fn finish(&mut self, status: DealStatus) -> Result<Action<PayinOutcome>> {
        self.done = true;
        self.current = None;
        let paid = matches!(status, DealStatus::Paid | DealStatus::Completed);
        Ok(Action::Done(PayinOutcome {
            deal_id: self.deal_id.clone().unwrap_or_default(),
            payment_url: self.payment_url.clone(),
            credentials: self.credentials.take(),
            status,
            paid,
        }))
    }

    /// The next poll of the same stage, or `None` past `max`.
    fn poll_again(&mut self, stage: Stage, max: u32) -> Option<Result<Action<PayinOutcome>>> {
        self.polls += 1;
        if self.polls >= max {
            return None;
        }
        Some(self.send(stage, self.options.poll_interval_ms))
    }

    fn handle_error(&mut self, stage: Stage, error: Error) -> Result<Action<PayinOutcome>> {
        let unauthorized = error.status() == Some(401);
        if unauthorized
            && !self.refreshed
            && self.refresh_token.is_some()
            && !matches!(stage, Stage::Token | Stage::Refresh { .. })
        {
            self.refreshed = true;
            return self.send(Stage::Refresh { resume: Box::new(stage) }, 0);
        }
        // Every step is idempotent, so an answer that could not be read (a truncated
        // 2xx body) is asked for again too.
        if error.retryable() || error.kind() == ErrorKind::Decode {
            return self.retry_or(error);
        }
        self.fail(error)
    }
}

impl Flow for PaymentsGatePayinFlow {
    type Outcome = PayinOutcome;

    fn start(&mut self) -> Result<Action<PayinOutcome>> {
        if self.current.is_some() || self.done {
            return Err(out_of_order("start"));
        }
        self.send(Stage::Token, 0)
    }

    fn on_response(&mut self, response: &HttpResponse) -> Result<Action<PayinOutcome>> {
        let Some((stage, _)) = self.current.clone() else {
            return Err(out_of_order("a response"));
        };
        match stage {
            Stage::Token | Stage::Refresh { .. } => {
                let parsed = if matches!(stage, Stage::Token) {
                    parse_auth_token(response)
                } else {
                    parse_refresh_token(response)
                };
                match parsed {
                    Ok(tokens) => {
                        self.config.access_token = tokens.access_token;
                        self.refresh_token = Some(tokens.refresh_token);
                        let next = match stage {
                            Stage::Refresh { resume } => *resume,
                            _ => Stage::Payin,
                        };
                        self.send(next, 0)
                    }
                    Err(e) => self.handle_error(stage, e),
                }
            }
            Stage::Payin => match parse_create_payin(response) {
                Ok(deal) => {
                    self.deal_id = Some(deal.id);
                    self.payment_url = deal.url;
                    self.polls = 0;
                    self.send(Stage::Credentials, 0)
                }
                Err(e) => self.handle_error(stage, e),
            },
            Stage::Credentials => match parse_payin_credentials(response) {
                Ok(credentials) => {
                    self.credentials = Some(credentials);
                    self.polls = 0;
                    self.send(Stage::Status, self.options.poll_interval_ms)
                }
                Err(e) if e.code() == Some(PaymentsGateErrorCode::DealCanceled.as_str()) => {
                    self.finish(DealStatus::Canceled)
                }
                Err(e) if e.code() == Some(PaymentsGateErrorCode::CredentialsNotFound.as_str()) => {
                    match self.poll_again(Stage::Credentials, self.options.max_credential_polls) {
                        Some(action) => action,
                        None => self.fail(e),
                    }
                }
                Err(e) => self.handle_error(stage, e),
            },
            Stage::Status => match parse_deal_status(response) {
                Ok(deal) if deal.is_paid() || deal.is_final() => self.finish(deal.status),
                Ok(deal) => match self.poll_again(Stage::Status, self.options.max_status_polls) {
                    Some(action) => action,
                    None => self.finish(deal.status),
                },
                Err(e) => self.handle_error(stage, e),
            },
        }
    }

    fn on_transport_failure(&mut self, failure: TransportFailure) -> Result<Action<PayinOutcome>> {
        let Some((_, in_flight)) = &self.current else {
            return Err(out_of_order("a transport failure"));
        };
        // Every step is idempotent: repeat it.
        let error = transport_error(in_flight.operation, failure);
        self.retry_or(error)
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::drive;
    use super::*;
    use crate::paymentsgate::{Lang, PayinType};

    const TOKEN: &str = r#"{"access_token":"a1","refresh_token":"r1","expires_in":3600}"#;
    const DEAL: &str = r#"{"id":"d1","status":"new","type":"oneclick","url":"https://pay/d1"}"#;
    const CREDS: &str =
        r#"{"account_number":"8600123412341234","account_owner":"A","type":"custom","account_subtype":"oneclick"}"#;
    const NOT_YET: &str = r#"{"error":"ERROR_CREDENTIALS_NOT_FOUND","message":"x","details":null,"statusCode":404}"#;
    const CANCELED: &str = r#"{"error":"DEAL_CANCELED","message":"x","details":null,"statusCode":400}"#;

    fn flow() -> PaymentsGatePayinFlow {
        let payin = CreatePayinInput {
            amount: 51_650,
            currency: Default::default(),
            invoice_id: "inv-1".into(),
            payin_type: PayinType::Oneclick,
            success_url: None,
            fail_url: None,
            back_url: None,
            lang: Some(Lang::Uz),
        };
        let creds = AuthTokenInput { account_id: "acc".into(), public_key: "pk".into() };
        let options = PayinFlowOptions { poll_interval_ms: 10, max_credential_polls: 5, max_status_polls: 5 };
        PaymentsGatePayinFlow::new("https://pg.example", creds, payin, RetryPolicy::default(), options).unwrap()
    }

    fn deal(status: &str) -> HttpResponse {
        HttpResponse::new(200, format!(r#"{{"id":"d1","status":"{status}","type":"oneclick","amount":516.5}}"#))
    }

    #[test]
    fn from_token_to_paid() {
        let (mut cred_calls, mut status_calls) = (0, 0);
        let (sent, outcome) = drive(&mut flow(), |s| {
            Ok(match s.operation {
                "paymentsgate.auth_token" => HttpResponse::new(200, TOKEN),
                "paymentsgate.create_payin" => {
                    assert_eq!(s.request.header("authorization"), Some("Bearer a1"));
                    HttpResponse::new(201, DEAL)
                }
                "paymentsgate.payin_credentials" => {
                    cred_calls += 1;
                    if cred_calls < 3 {
                        HttpResponse::new(404, NOT_YET)
                    } else {
                        HttpResponse::new(200, CREDS)
                    }
                }
                _ => {
                    status_calls += 1;
                    deal(if status_calls < 2 { "pending" } else { "paid" })
                }
            })
        });
        assert_eq!(sent.iter().filter(|o| **o == "paymentsgate.payin_credentials").count(), 3);
        let o = outcome.unwrap();
        assert!(o.paid);
        assert_eq!(o.deal_id, "d1");
        assert_eq!(o.credentials.unwrap().account_number, "8600123412341234");
    }

    #[test]
    fn a_cancelled_deal_is_final() {
        let (_, outcome) = drive(&mut flow(), |s| {
            Ok(match s.operation {
                "paymentsgate.auth_token" => HttpResponse::new(200, TOKEN),
                "paymentsgate.create_payin" => HttpResponse::new(201, DEAL),
                _ => HttpResponse::new(400, CANCELED),
            })
        });
        let o = outcome.unwrap();
        assert_eq!(o.status, DealStatus::Canceled);
        assert!(!o.paid && o.credentials.is_none());
    }

    #[test]
    fn credentials_that_never_come_give_up() {
        let (sent, outcome) = drive(&mut flow(), |s| {
            Ok(match s.operation {
                "paymentsgate.auth_token" => HttpResponse::new(200, TOKEN),
                "paymentsgate.create_payin" => HttpResponse::new(201, DEAL),
                _ => HttpResponse::new(404, NOT_YET),
            })
        });
        assert_eq!(sent.iter().filter(|o| **o == "paymentsgate.payin_credentials").count(), 5);
        assert_eq!(outcome.unwrap_err().code(), Some("ERROR_CREDENTIALS_NOT_FOUND"));
    }

    #[test]
    fn an_expired_token_is_refreshed_once() {
        let mut payins = 0;
        let (sent, outcome) = drive(&mut flow(), |s| {
            Ok(match s.operation {
                "paymentsgate.auth_token" | "paymentsgate.refresh_token" => HttpResponse::new(200, TOKEN),
                "paymentsgate.create_payin" => {
                    payins += 1;
                    if payins == 1 {
                        HttpResponse::new(
                            401,
                            r#"{"error":"ERROR_UNAUTHORIZED","message":"expired","details":null,"statusCode":401}"#,
                        )
                    } else {
                        HttpResponse::new(201, DEAL)
                    }
                }
                "paymentsgate.payin_credentials" => HttpResponse::new(200, CREDS),
                _ => deal("completed"),
            })
        });
        assert!(sent.contains(&"paymentsgate.refresh_token"));
        assert!(outcome.unwrap().paid);
    }

    #[test]
    fn transport_failures_are_retried() {
        let mut n = 0;
        let (_, outcome) = drive(&mut flow(), |s| {
            n += 1;
            if n % 2 == 1 {
                return Err(TransportFailure::MaybeSent);
            }
            Ok(match s.operation {
                "paymentsgate.auth_token" => HttpResponse::new(200, TOKEN),
                "paymentsgate.create_payin" => HttpResponse::new(201, DEAL),
                "paymentsgate.payin_credentials" => HttpResponse::new(200, CREDS),
                _ => deal("paid"),
            })
        });
        assert!(outcome.unwrap().paid);
    }
}
