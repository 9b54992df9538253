//! A [reqwest] transport for uzpay.
//!
//! The uzpay core is sans-IO: it builds requests and parses responses. This crate is
//! one way to put those requests on the wire, kept outside the core:
//!
//! - [`ReqwestTransport::send`] sends one [`HttpRequest`] and returns the
//!   [`HttpResponse`], or a [`TransportError`] saying whether the request may have
//!   reached the provider.
//! - [`ReqwestTransport::call`] builds, sends and parses one operation, retrying only
//!   errors the core marks retryable and requests that never left.
//! - [`ReqwestTransport::run`] drives a [`uzpay::flow`] state machine to its outcome,
//!   sleeping where the flow asks for a pause.
//!
//! Every request has a timeout. Nothing here logs a request: use
//! [`HttpRequest::redacted`] if you do.

use std::fmt;
use std::future::Future;
use std::time::Duration;

use uzpay::flow::{Action, Flow, RetryPolicy, Step, TransportFailure};
use uzpay::{Error, Header, HttpRequest, HttpResponse, Method, Operation};

/// A request that produced no response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransportError {
    /// Whether the request may have reached the provider.
    pub failure: TransportFailure,
    /// What happened, for people (no request data in it).
    pub message: String,
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let when = match self.failure {
            TransportFailure::NotSent => "the request was not sent",
            TransportFailure::MaybeSent => "the request may have been received, but no answer came",
        };
        write!(f, "{when}: {}", self.message)
    }
}

impl std::error::Error for TransportError {}

/// Why [`ReqwestTransport::call`] or [`ReqwestTransport::run`] failed.
#[derive(Debug, Clone, PartialEq)]
pub enum CallError {
    /// uzpay refused the input or classified the answer.
    Uzpay(Error),
    /// No answer came, after every try the policy allows.
    Transport(TransportError),
}

impl CallError {
    /// Whether trying the whole call again later is safe.
    pub fn retryable(&self) -> bool {
        match self {
            CallError::Uzpay(e) => e.retryable(),
            CallError::Transport(e) => e.failure == TransportFailure::NotSent,
        }
    }
}

impl fmt::Display for CallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallError::Uzpay(e) => e.fmt(f),
            CallError::Transport(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for CallError {}

impl From<Error> for CallError {
    fn from(e: Error) -> Self {
        CallError::Uzpay(e)
    }
}

/// Sends uzpay's requests with reqwest.
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
    policy: RetryPolicy,
    extra_headers: Vec<Header>,
}

impl ReqwestTransport {
    /// A transport whose every request times out after `timeout` (connecting
    /// included), with the default [`RetryPolicy`].
    pub fn new(timeout: Duration) -> Result<Self, TransportError> {
        let client = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout)
            .build()
            .map_err(|e| TransportError { failure: TransportFailure::NotSent, message: e.to_string() })?;
        Ok(ReqwestTransport { client, policy: RetryPolicy::default(), extra_headers: Vec::new() })
    }

    /// Uses this retry policy for [`ReqwestTransport::call`].
    pub fn with_policy(mut self, policy: RetryPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// Adds a header to every request (a tracing id; the sandbox's fault header in
    /// tests).
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.extra_headers.push(Header::new(name, value));
        self
    }

    /// Sends one request, once.
    pub async fn send(&self, request: &HttpRequest) -> Result<HttpResponse, TransportError> {
        let method = match request.method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
        };
        let mut builder = self.client.request(method, &request.url);
        for h in request.headers.iter().chain(&self.extra_headers) {
            builder = builder.header(h.name.as_str(), h.value.as_str());
        }
        if !request.body.is_empty() {
            builder = builder.body(request.body.clone());
        }
        let response = builder.send().await.map_err(classify)?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(name, value)| Header::new(name.as_str(), String::from_utf8_lossy(value.as_bytes())))
            .collect();
        // A body cut short after the status arrived: the provider did process it.
        let body = response.bytes().await.map_err(|e| TransportError {
            failure: TransportFailure::MaybeSent,
            message: format!("the answer's body broke off: {}", plain(e)),
        })?;
        Ok(HttpResponse { status, headers, body: body.to_vec() })
    }

    /// Builds, sends and parses one operation. Retries, with the policy's backoff,
    /// only what cannot double an effect: errors the core marks retryable and
    /// requests that never left. A request that may have been received is not
    /// repeated: use a flow for operations that know how to check.
    pub async fn call<O: Operation>(&self, config: &O::Config, input: &O::Input) -> Result<O::Output, CallError> {
        let request = O::build(config, input)?;
        let mut attempt = 1;
        loop {
            let outcome = self.send(&request).await;
            let retry = match &outcome {
                Ok(response) => match O::parse(response) {
                    Ok(output) => return Ok(output),
                    Err(e) if e.retryable() => CallError::Uzpay(e),
                    Err(e) => return Err(CallError::Uzpay(e)),
                },
                Err(e) if e.failure == TransportFailure::NotSent => CallError::Transport(e.clone()),
                Err(e) => return Err(CallError::Transport(e.clone())),
            };
            if attempt >= self.policy.max_attempts {
                return Err(retry);
            }
            attempt += 1;
            tokio::time::sleep(Duration::from_millis(self.policy.delay_before(attempt))).await;
        }
    }

    /// Drives a flow to its outcome. `verify_code` is asked for VIA's SMS code when a
    /// flow needs one (`None` gives up); other flows never call it.
    pub async fn run<F, C, Fut>(&self, flow: &mut F, mut verify_code: C) -> Result<F::Outcome, CallError>
    where
        F: Flow,
        C: FnMut(String, u32) -> Fut,
        Fut: Future<Output = Option<String>>,
    {
        self.run_observed(flow, &mut verify_code, |_, _| {}).await
    }

    /// Like [`ReqwestTransport::run`], calling `observe` after each step with what
    /// was sent and what came of it (for progress output).
    pub async fn run_observed<F, C, Fut, O>(
        &self,
        flow: &mut F,
        verify_code: &mut C,
        mut observe: O,
    ) -> Result<F::Outcome, CallError>
    where
        F: Flow,
        C: FnMut(String, u32) -> Fut,
        Fut: Future<Output = Option<String>>,
        O: FnMut(&Step, &Result<HttpResponse, TransportError>),
    {
        let mut action = flow.start()?;
        loop {
            action = match action {
                Action::Send(step) => {
                    if step.delay_ms > 0 {
                        tokio::time::sleep(Duration::from_millis(step.delay_ms)).await;
                    }
                    let result = self.send(&step.request).await;
                    observe(&step, &result);
                    // A flow that gives up on lost answers says so itself (kind
                    // `transport`, retryable as the core decides for the operation).
                    match &result {
                        Ok(response) => flow.on_response(response)?,
                        Err(e) => flow.on_transport_failure(e.failure)?,
                    }
                }
                Action::AwaitVerifyCode(ask) => match verify_code(ask.verify_id, ask.attempts_left).await {
                    Some(code) => flow.provide_verify_code(&code)?,
                    None => return Err(CallError::Uzpay(Error::invalid_input("verify_code", "no SMS code was given"))),
                },
                Action::Done(outcome) => return Ok(outcome),
            };
        }
    }
}

/// Which side of "sent" a reqwest error falls on: only a failure to connect (or to
/// build the request) is certainly before the provider saw anything.
fn classify(e: reqwest::Error) -> TransportError {
    let failure =
        if e.is_connect() || e.is_builder() { TransportFailure::NotSent } else { TransportFailure::MaybeSent };
    TransportError { failure, message: plain(e) }
}

/// The error and its causes, without the URL (which may carry ids).
fn plain(e: reqwest::Error) -> String {
    let e = e.without_url();
    let mut text = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
