//! The counters a test reads to check that nothing was lost or doubled.

use std::collections::BTreeMap;

use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

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

/// `GET /_sandbox/stats`, answered with what `collect` reads at that moment. The
/// counters belong to the providers and the fault layer; whoever assembles them into a
/// server passes the function that gathers them, so this module needs none of them.
pub(crate) fn router(collect: impl Fn() -> Stats + Clone + Send + Sync + 'static) -> Router {
    Router::new().route("/_sandbox/stats", get(move || std::future::ready(Json(collect()))))
}
