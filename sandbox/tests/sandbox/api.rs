#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::io::ErrorKind;

use uzpay_sandbox::{Provider, Stats};

use crate::common::{call, Env};

#[tokio::test]
async fn refuses_a_non_loopback_address() {
    let error = uzpay_sandbox::start(([0, 0, 0, 0], 0).into()).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidInput);
    let error = uzpay_sandbox::start(([192, 0, 2, 1], 0).into()).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidInput);
}

#[tokio::test]
async fn base_urls_carry_the_provider_prefix() {
    let env = Env::start().await;
    let addr = env.sandbox.addr();
    assert!(addr.ip().is_loopback());
    assert_ne!(addr.port(), 0);
    let base = format!("http://127.0.0.1:{}", addr.port());
    assert_eq!(env.sandbox.base_url(Provider::FiscalBox), format!("{base}/fiscalbox"));
    assert_eq!(env.sandbox.base_url(Provider::Paylov), format!("{base}/paylov"));
    assert_eq!(env.sandbox.base_url(Provider::PaymentsGate), format!("{base}/paymentsgate"));
    assert_eq!(env.sandbox.base_url(Provider::Via), format!("{base}/via"));
}

#[tokio::test]
async fn stats_endpoint_matches_the_handle() {
    let env = Env::start().await;
    assert_eq!(env.stats(), Stats::default());
    let url = format!("http://{}/_sandbox/stats", env.sandbox.addr());
    let (status, body) = call(env.http.get(&url)).await;
    assert_eq!(status, 200);
    let served: Stats = serde_json::from_value(body.clone()).unwrap();
    assert_eq!(served.requests, 1);
    assert_eq!(served, env.stats());
    for field in [
        "requests",
        "faults_injected",
        "fiscalbox_payments",
        "fiscalbox_confirmations",
        "paylov_receipts",
        "paylov_duplicate_receipts",
        "paylov_refunds",
        "paymentsgate_deals",
        "via_transactions",
    ] {
        assert!(body.get(field).is_some(), "{field} missing from {body}");
    }
}

#[tokio::test]
async fn shutdown_stops_listening() {
    let env = Env::start().await;
    let addr = env.sandbox.addr();
    let url = format!("http://{addr}/_sandbox/stats");
    assert_eq!(call(env.http.get(&url)).await.0, 200);
    env.sandbox.shutdown().await;
    assert!(tokio::net::TcpStream::connect(addr).await.is_err());
}
