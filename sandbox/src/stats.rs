//! The counters a test reads to check that nothing was lost or doubled.

use std::collections::BTreeMap;
use std::sync::atomic::Ordering;
use std::sync::Arc;

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

use crate::state::{lock, App};

/// A snapshot of the sandbox's counters, from [`SandboxHandle::stats`] or
/// `GET /_sandbox/stats` (the same fields as JSON).
///
/// [`SandboxHandle::stats`]: crate::SandboxHandle::stats
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    /// HTTP requests received, faulted ones included.
    pub requests: u64,
    /// Requests that got an injected fault.
    pub faults_injected: u64,
    /// FiscalBox payments charged (Click and Anor).
    pub fiscalbox_payments: u64,
    /// FiscalBox payments fiscalized; each counts once however often it was confirmed.
    pub fiscalbox_confirmations: u64,
    /// Paylov receipts registered.
    pub paylov_receipts: u64,
    /// Paylov receipts beyond the first of their payment: must stay 0.
    pub paylov_duplicate_receipts: u64,
    /// Paylov receipts refunded.
    pub paylov_refunds: u64,
    /// PaymentsGate deals by status (`new`, `pending`, `paid`, `completed`,
    /// `canceled`).
    pub paymentsgate_deals: BTreeMap<String, u64>,
    /// VIA transactions by status (`NEW` while waiting for the SMS code, `SUCCESS`,
    /// `REJECT`).
    pub via_transactions: BTreeMap<String, u64>,
}

impl Stats {
    pub(crate) fn collect(app: &App) -> Stats {
        let fiscalbox = lock(&app.fiscalbox);
        let paylov = lock(&app.paylov);
        Stats {
            requests: app.requests.load(Ordering::Relaxed),
            faults_injected: app.faults_injected.load(Ordering::Relaxed),
            fiscalbox_payments: fiscalbox.payments(),
            fiscalbox_confirmations: fiscalbox.confirmations(),
            paylov_receipts: paylov.receipts(),
            paylov_duplicate_receipts: paylov.duplicate_receipts(),
            paylov_refunds: paylov.refunds(),
            paymentsgate_deals: lock(&app.paymentsgate).deals_by_status(),
            via_transactions: lock(&app.via).transactions_by_status(),
        }
    }
}

pub(crate) fn router() -> Router<Arc<App>> {
    Router::new().route("/_sandbox/stats", get(stats))
}

async fn stats(State(app): State<Arc<App>>) -> Json<Stats> {
    Json(Stats::collect(&app))
}
