#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use reqwest::RequestBuilder;
use serde_json::Value;
use uzpay_sandbox::{Provider, SandboxHandle, Stats};

/// A sandbox and a client for it.
pub struct Env {
    pub sandbox: SandboxHandle,
    pub http: reqwest::Client,
}

impl Env {
    pub async fn start() -> Env {
        let sandbox = uzpay_sandbox::start(([127, 0, 0, 1], 0).into()).await.expect("the sandbox starts");
        Env { sandbox, http: reqwest::Client::new() }
    }

    pub fn url(&self, provider: Provider, path: &str) -> String {
        format!("{}{path}", self.sandbox.base_url(provider))
    }

    pub fn post(&self, provider: Provider, path: &str, body: Value) -> RequestBuilder {
        self.http.post(self.url(provider, path)).json(&body)
    }

    pub fn get(&self, provider: Provider, path: &str) -> RequestBuilder {
        self.http.get(self.url(provider, path))
    }

    pub fn stats(&self) -> Stats {
        self.sandbox.stats()
    }
}

/// Sends and reads a JSON answer: (status, body).
pub async fn call(request: RequestBuilder) -> (u16, Value) {
    let response = request.send().await.expect("an HTTP answer");
    let status = response.status().as_u16();
    let text = response.text().await.expect("a body");
    let body = serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}), status {status}: {text}"));
    (status, body)
}
