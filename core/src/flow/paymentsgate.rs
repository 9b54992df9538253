//! A PaymentsGate host-to-host payin, from token to paid.
//!
//! `auth_token` -> `create_payin` -> `payin_credentials`, polled while PaymentsGate
//! answers `ERROR_CREDENTIALS_NOT_FOUND` ("not yet") and final on `DEAL_CANCELED`
//! -> `deal_status`, polled until the deal is paid or final. Every step is
//! idempotent (the invoice id is the payin's idempotency key), so every retryable
//! failure is retried, and a request whose answer was lost is sent again. A 401
//! mid-flow refreshes the token once. No snapshot holds a token: a restored payin
//! signs in again (with the account credentials given to the restore) before it
//! goes on.

use serde::{Deserialize, Serialize};

use super::{
    ended, out_of_order, snapshot, transport_error, Action, Flow, FlowKind, FlowOptions, FlowState, InFlight,
    RetryPolicy, TransportFailure,
};
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
    /// The pause between two polls, in milliseconds.
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

/// What a PaymentsGate payin flow takes.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record), uniffi::export(Debug))]
pub struct PayinFlowInput {
    /// The account's credentials, to sign in with (never saved in a snapshot: give
    /// them again to restore).
    pub credentials: AuthTokenInput,
    /// The payin.
    pub payin: CreatePayinInput,
}

/// Where a payin ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "describe", derive(uzpay_derive::Describe))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Stage {
    Token,
    /// A refresh, then `resume`. Saved as `resume`: a restored flow signs in anew.
    Refresh {
        resume: Box<Stage>,
    },
    Payin,
    Credentials,
    Status,
}

/// What a snapshot holds: the payin (no credential in it), what PaymentsGate said so
/// far (the credentials' answer as it came, to read again), the step and its try
/// count. Never a token or the account's key.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Saved {
    payin: CreatePayinInput,
    options: FlowOptions,
    deal_id: Option<String>,
    payment_url: Option<String>,
    credentials_answer: Option<String>,
    polls: u32,
    state: SavedState,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
enum SavedState {
    Ready,
    InFlight { stage: Stage, attempt: u32 },
    Done { status: DealStatus },
    Failed,
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
    /// The `payin_credentials` answer the credentials were read from (for a snapshot).
    credentials_answer: Option<String>,
    polls: u32,
    current: Option<(Stage, InFlight)>,
    /// A restored flow's step, sent (as its next try) once the flow has signed in.
    after_sign_in: Option<(Stage, u32)>,
    outcome: Option<PayinOutcome>,
    failed: bool,
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
        // Errors name the flow input's fields (`credentials.public_key`, `payin.amount`).
        build_auth_token(&config, &credentials).map_err(|e| e.under("credentials", &[]))?;
        // Validate the payin with a placeholder token; the real one comes later.
        build_create_payin(&PaymentsGateConfig::new(config.base_url.clone(), "placeholder"), &payin)
            .map_err(|e| e.under("payin", &[]))?;
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
            credentials_answer: None,
            polls: 0,
            current: None,
            after_sign_in: None,
            outcome: None,
            failed: false,
        })
    }

    fn in_flight(&self, stage: &Stage) -> Result<InFlight> {
        let deal_id = || self.deal_id.clone().unwrap_or_default();
        let (operation, request) = match stage {
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
        Ok(InFlight::first(operation, request))
    }

    fn send(&mut self, stage: Stage, delay_ms: u64) -> Result<Action<PayinOutcome>> {
        let in_flight = self.in_flight(&stage)?;
        let step = in_flight.step(&self.policy, delay_ms);
        self.current = Some((stage, in_flight));
        Ok(Action::Send(step))
    }

    /// The step after signing in: a restored flow's saved step (its next try), or
    /// the payin.
    fn after_token(&mut self) -> Result<Action<PayinOutcome>> {
        let Some((stage, attempt)) = self.after_sign_in.take() else {
            return self.send(Stage::Payin, 0);
        };
        let mut in_flight = self.in_flight(&stage)?;
        in_flight.attempt = attempt;
        let operation = in_flight.operation;
        self.current = Some((stage, in_flight));
        match self.current.as_mut().and_then(|(_, f)| f.retry(&self.policy)) {
            Some(step) => Ok(Action::Send(step)),
            None => self.fail(transport_error(operation, TransportFailure::MaybeSent)),
        }
    }

    fn retry_or(&mut self, error: Error) -> Result<Action<PayinOutcome>> {
        let step = self.current.as_mut().and_then(|(_, f)| f.retry(&self.policy));
        match step {
            Some(step) => Ok(Action::Send(step)),
            None => self.fail(error),
        }
    }

    fn fail(&mut self, error: Error) -> Result<Action<PayinOutcome>> {
        self.failed = true;
        self.current = None;
        Err(error)
    }

    fn finish(&mut self, status: DealStatus) -> Result<Action<PayinOutcome>> {
        self.current = None;
        let paid = matches!(status, DealStatus::Paid | DealStatus::Completed);
        let outcome = PayinOutcome {
            deal_id: self.deal_id.clone().unwrap_or_default(),
            payment_url: self.payment_url.clone(),
            credentials: self.credentials.clone(),
            status,
            paid,
        };
        self.outcome = Some(outcome.clone());
        Ok(Action::Done(outcome))
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
        // A refresh that failed (a refresh token is used once, so it is never sent
        // twice): sign in anew with the account's credentials, then the step.
        if let Stage::Refresh { resume } = stage {
            self.after_sign_in = Some((*resume, 0));
            return self.send(Stage::Token, 0);
        }
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

    fn ended(&self) -> Option<Result<Action<PayinOutcome>>> {
        if self.failed {
            return Some(Err(ended()));
        }
        self.outcome.as_ref().map(|_| Err(out_of_order("an event after the end")))
    }
}

impl Flow for PaymentsGatePayinFlow {
    type Outcome = PayinOutcome;

    fn start(&mut self) -> Result<Action<PayinOutcome>> {
        if self.current.is_some() || self.outcome.is_some() || self.failed || self.after_sign_in.is_some() {
            return Err(out_of_order("start"));
        }
        self.send(Stage::Token, 0)
    }

    fn resume(&mut self) -> Result<Action<PayinOutcome>> {
        if self.failed {
            return Err(ended());
        }
        if let Some(outcome) = &self.outcome {
            return Ok(Action::Done(outcome.clone()));
        }
        // Every step can be sent again, but tokens are never kept: a step that needs one
        // waits until the flow has signed in anew.
        match self.current.take() {
            None => self.send(Stage::Token, 0),
            Some((Stage::Token, in_flight)) => {
                self.current = Some((Stage::Token, in_flight));
                self.on_transport_failure(TransportFailure::MaybeSent)
            }
            // The step the refresh was for got a 401: it was not processed.
            Some((Stage::Refresh { resume }, _)) => {
                self.after_sign_in = Some((*resume, 0));
                self.send(Stage::Token, 0)
            }
            // Not restored: the token is still here.
            Some((stage, in_flight)) if !self.config.access_token.expose().is_empty() => {
                self.current = Some((stage, in_flight));
                self.on_transport_failure(TransportFailure::MaybeSent)
            }
            Some((stage, in_flight)) => {
                self.after_sign_in = Some((stage, in_flight.attempt));
                self.send(Stage::Token, 0)
            }
        }
    }

    fn on_response(&mut self, response: &HttpResponse) -> Result<Action<PayinOutcome>> {
        if let Some(ended) = self.ended() {
            return ended;
        }
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
                        match stage {
                            Stage::Refresh { resume } => self.send(*resume, 0),
                            _ => self.after_token(),
                        }
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
                    self.credentials_answer = Some(String::from_utf8_lossy(&response.body).into_owned());
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
        if let Some(ended) = self.ended() {
            return ended;
        }
        let Some((stage, in_flight)) = &self.current else {
            return Err(out_of_order("a transport failure"));
        };
        if let Stage::Refresh { resume } = stage {
            // Never sent twice (it may have been used): sign in anew instead.
            self.after_sign_in = Some(((**resume).clone(), 0));
            return self.send(Stage::Token, 0);
        }
        // Every step is idempotent: repeat it.
        let error = transport_error(in_flight.operation, failure);
        self.retry_or(error)
    }

    fn state(&self) -> FlowState {
        if self.failed {
            FlowState::Failed
        } else if self.outcome.is_some() {
            FlowState::Done
        } else if self.current.is_some() || self.after_sign_in.is_some() {
            FlowState::Sending
        } else {
            FlowState::Ready
        }
    }

    fn snapshot(&self) -> String {
        let state = if self.failed {
            SavedState::Failed
        } else if let Some(outcome) = &self.outcome {
            SavedState::Done { status: outcome.status.clone() }
        } else if let Some((stage, attempt)) = &self.after_sign_in {
            // Still signing in after a restore: the saved step is what comes next.
            SavedState::InFlight { stage: stage.clone(), attempt: *attempt }
        } else {
            match &self.current {
                None => SavedState::Ready,
                // A token is never saved: a restored flow signs in again and goes on
                // with the step the refresh was for.
                Some((Stage::Refresh { resume }, _)) => SavedState::InFlight { stage: (**resume).clone(), attempt: 0 },
                Some((stage, f)) => SavedState::InFlight { stage: stage.clone(), attempt: f.attempt },
            }
        };
        let saved = Saved {
            payin: self.payin.clone(),
            options: FlowOptions {
                retry: self.policy,
                poll_interval_ms: self.options.poll_interval_ms,
                max_credential_polls: self.options.max_credential_polls,
                max_status_polls: self.options.max_status_polls,
            },
            deal_id: self.deal_id.clone(),
            payment_url: self.payment_url.clone(),
            credentials_answer: self.credentials_answer.clone(),
            polls: self.polls,
            state,
        };
        snapshot::write(Self::NAME, &saved)
    }
}

impl FlowKind for PaymentsGatePayinFlow {
    const NAME: &'static str = "paymentsgate.payin";
    const SUMMARY: &'static str = "Takes a PaymentsGate host-to-host payin from sign-in to paid: creates the deal \
        (its invoice id makes it idempotent), polls for the payment credentials, then polls the deal's status.";
    const RESTORE_NEEDS_CREDENTIALS: bool = true;
    type Config = PaymentsGateConfig;
    type Input = PayinFlowInput;

    fn create(config: PaymentsGateConfig, input: PayinFlowInput, options: FlowOptions) -> Result<Self> {
        Self::new(config.base_url, input.credentials, input.payin, options.retry, options.payin())
    }

    fn restore(config: PaymentsGateConfig, text: &str, credentials: Option<AuthTokenInput>) -> Result<Self> {
        let saved: Saved = snapshot::read(Self::NAME, text)?;
        let Some(credentials) = credentials else {
            return Err(Error::invalid_input(
                "credentials",
                "are needed to restore a payin: a snapshot never holds the account's credentials, and a restored \
                 payin signs in again",
            ));
        };
        let mut flow =
            Self::new(config.base_url, credentials, saved.payin, saved.options.retry, saved.options.payin())?;
        flow.deal_id = saved.deal_id;
        flow.payment_url = saved.payment_url;
        flow.polls = saved.polls;
        if let Some(answer) = saved.credentials_answer {
            let credentials =
                parse_payin_credentials(&HttpResponse::new(200, answer.clone().into_bytes())).map_err(|e| {
                    Error::invalid_input("snapshot", format!("has a credentials answer that does not read: {e}"))
                })?;
            flow.credentials = Some(credentials);
            flow.credentials_answer = Some(answer);
        }
        match saved.state {
            SavedState::Ready => {}
            SavedState::InFlight { stage: Stage::Token | Stage::Refresh { .. }, attempt } => {
                let in_flight = InFlight { attempt, ..flow.in_flight(&Stage::Token)? };
                flow.current = Some((Stage::Token, in_flight));
            }
            // Its request needs a token, which no snapshot holds: resume() signs in
            // first, then sends it as its next try.
            SavedState::InFlight { stage, attempt } => flow.after_sign_in = Some((stage, attempt)),
            SavedState::Done { status } => {
                flow.finish(status)?;
            }
            SavedState::Failed => flow.failed = true,
        }
        Ok(flow)
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
