#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::time::{Duration, Instant};

use reqwest::RequestBuilder;
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use uzpay_sandbox::Provider::Paylov;
use uzpay_sandbox::PAYLOV_API_KEY;

use crate::common::{call, Env};

const REGISTER: &str = "/merchant/fiscalization/register/";
const FAULT: &str = "X-Sandbox-Fault";

fn register_body(transaction_id: &str) -> Value {
    json!({"transactionId": transaction_id,
           "items": [{"title": "title", "price": 10000, "discount": 0, "count": 1,
                      "code": "01902001001000000", "vat_percent": 12,
                      "package_code": "1437667", "tin": "310100000"}]})
}

/// A Paylov register: a call whose state change is easy to count.
fn register(env: &Env, transaction_id: &str) -> RequestBuilder {
    env.post(Paylov, REGISTER, register_body(transaction_id)).header("api-key", PAYLOV_API_KEY)
}

/// Sends a raw HTTP/1.1 register and reads whatever comes back until the server
/// closes the connection.
async fn raw_register(env: &Env, fault: &str) -> Vec<u8> {
    let body = register_body("raw").to_string();
    let request = format!(
        "POST /paylov{REGISTER} HTTP/1.1\r\nHost: sandbox\r\napi-key: {PAYLOV_API_KEY}\r\n\
         {FAULT}: {fault}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let mut stream = TcpStream::connect(env.sandbox.addr()).await.unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut received = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut received))
        .await
        .expect("the server closes the connection");
    // A close (EOF) or a reset: both mean no response.
    if let Err(e) = read {
        assert_eq!(e.kind(), std::io::ErrorKind::ConnectionReset, "{e}");
    }
    received
}

#[tokio::test]
async fn delay_answers_late_but_normally() {
    let env = Env::start().await;
    let started = Instant::now();
    let (status, body) = call(register(&env, "t1").header(FAULT, "delay=50")).await;
    assert!(started.elapsed() >= Duration::from_millis(50));
    assert_eq!(status, 200, "{body}");
    assert!(body["result"]["ofd"]["receiptId"].is_u64());
    let stats = env.stats();
    assert_eq!((stats.paylov_receipts, stats.faults_injected), (1, 1));
}

#[tokio::test]
async fn status_answers_an_html_page_without_processing() {
    let env = Env::start().await;
    for (code, title) in
        [(500, "500 Internal Server Error"), (502, "502 Bad Gateway"), (503, "503 Service Unavailable")]
    {
        let response = register(&env, "t1").header(FAULT, format!("status={code}")).send().await.unwrap();
        assert_eq!(response.status().as_u16(), code);
        let content_type = response.headers()["content-type"].to_str().unwrap().to_owned();
        assert!(content_type.starts_with("text/html"), "{content_type}");
        let text = response.text().await.unwrap();
        assert_eq!(text, format!("<html><body><h1>{title}</h1></body></html>"));
    }
    let stats = env.stats();
    assert_eq!((stats.paylov_receipts, stats.faults_injected), (0, 3));
}

#[tokio::test]
async fn the_fault_may_come_as_a_query_parameter() {
    let env = Env::start().await;
    let url = format!("{}{REGISTER}?sandbox_fault=status=502;times=1", env.sandbox.base_url(Paylov));
    let faulted = env.http.post(&url).header("api-key", PAYLOV_API_KEY).json(&register_body("t1"));
    assert_eq!(faulted.send().await.unwrap().status().as_u16(), 502);
    let retried = env.http.post(&url).header("api-key", PAYLOV_API_KEY).json(&register_body("t1"));
    assert_eq!(call(retried).await.0, 200);
    assert_eq!(env.stats().paylov_receipts, 1);
}

#[tokio::test]
async fn drop_closes_the_connection_without_processing() {
    let env = Env::start().await;
    let error = register(&env, "t1").header(FAULT, "drop").send().await.unwrap_err();
    assert!(!error.is_status() && !error.is_timeout(), "{error:?}");
    assert!(raw_register(&env, "drop").await.is_empty());
    let stats = env.stats();
    assert_eq!((stats.paylov_receipts, stats.faults_injected), (0, 2));
}

#[tokio::test]
async fn drop_after_processes_then_closes_the_connection() {
    let env = Env::start().await;
    let error = register(&env, "t1").header(FAULT, "drop_after").send().await.unwrap_err();
    assert!(!error.is_status() && !error.is_timeout(), "{error:?}");
    assert!(raw_register(&env, "drop_after").await.is_empty());
    let stats = env.stats();
    assert_eq!((stats.paylov_receipts, stats.faults_injected), (2, 2));
    // The client's retry learns the receipt exists: no second receipt.
    let (status, body) = call(register(&env, "t1")).await;
    assert_eq!(status, 400);
    assert_eq!(body["error"]["code"], "ofd_check_already_generated");
    assert_eq!(env.stats().paylov_duplicate_receipts, 0);
}

#[tokio::test]
async fn truncate_processes_then_sends_half_the_body() {
    let env = Env::start().await;
    let response = register(&env, "t1").header(FAULT, "truncate").send().await.unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let length: usize = response.headers()["content-length"].to_str().unwrap().parse().unwrap();
    let text = response.text().await.unwrap();
    assert_eq!(text.len(), length);
    assert!(text.starts_with("{\"result\":{\"ofd\":{"), "{text}");
    assert!(serde_json::from_str::<Value>(&text).is_err(), "{text}");
    assert_eq!(env.stats().paylov_receipts, 1);

    // The whole answer is twice as long (give or take the odd byte).
    let status = env.get(Paylov, "/merchant/fiscalization/status/?transactionId=t1").header("api-key", PAYLOV_API_KEY);
    let (code, body) = call(status).await;
    assert_eq!(code, 200);
    let full = json!({"result": {"ofd": {
        "fiscalSign": body["result"]["fiscalSign"], "receiptId": body["result"]["receiptId"],
        "receiptUrl": body["result"]["receiptUrl"], "terminalId": body["result"]["terminalId"]}}})
    .to_string();
    assert_eq!(text, full[..full.len() / 2]);
}

#[tokio::test]
async fn times_limits_the_fault_to_the_first_requests() {
    let env = Env::start().await;
    let fault = "drop;times=1";
    assert!(register(&env, "t1").header(FAULT, fault).send().await.is_err());
    let (status, _) = call(register(&env, "t1").header(FAULT, fault)).await;
    assert_eq!(status, 200);
    // The counter is per distinct value: another value faults again.
    let other = "status=503;times=2";
    for _ in 0..2 {
        let response = register(&env, "t2").header(FAULT, other).send().await.unwrap();
        assert_eq!(response.status().as_u16(), 503);
    }
    assert_eq!(call(register(&env, "t2").header(FAULT, other)).await.0, 200);
    let stats = env.stats();
    assert_eq!((stats.paylov_receipts, stats.faults_injected), (2, 3));
    assert_eq!(stats.requests, 5);
}

#[tokio::test]
async fn an_invalid_fault_is_refused() {
    let env = Env::start().await;
    for fault in ["explode", "status=200", "delay=soon", "drop;times=0"] {
        let response = register(&env, "t1").header(FAULT, fault).send().await.unwrap();
        assert_eq!(response.status().as_u16(), 400, "{fault}");
        assert!(response.text().await.unwrap().contains("invalid sandbox fault"));
    }
    assert_eq!(env.stats().paylov_receipts, 0);
}
