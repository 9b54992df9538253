//! The uzpay sandbox: a local HTTP server that emulates FiscalBox, Paylov,
//! PaymentsGate and VIA, so the SDK (and anything built on it) can be exercised end to
//! end without the providers' real hosts.
//!
//! It is an independent emulator: it does not use the `uzpay` crate, so a test of the
//! SDK against it checks the SDK against a second reading of the providers' APIs.
//!
//! One port serves the four providers under path prefixes (`/fiscalbox`, `/paylov`,
//! `/paymentsgate`, `/via`), plus sandbox-only endpoints under `/_sandbox`. Every
//! request may ask for an injected fault (delay, 5xx, dropped connection, truncated
//! body) with the `X-Sandbox-Fault` header; see the crate's README.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! use uzpay_sandbox::{start, Provider};
//!
//! let sandbox = start(([127, 0, 0, 1], 0).into()).await?;
//! let paylov = sandbox.base_url(Provider::Paylov); // http://127.0.0.1:PORT/paylov
//! # let _ = paylov;
//! println!("{:?}", sandbox.stats());
//! sandbox.shutdown().await;
//! # Ok(())
//! # }
//! ```
//!
//! # Layout
//!
//! Each provider module (`fiscalbox`, `paylov`, `paymentsgate`, `via`) owns its
//! emulation whole: its credentials, its state (a ledger behind a lock of its own) and
//! a `router` over that state. It imports only the leaf helpers (`ids` for
//! deterministic identifiers, `wire` for JSON bodies, `mutex` for locking), never
//! another provider or the crate root. `faults` (the fault layer and its counters) and
//! `stats` (the [`Stats`] snapshot and its route) know no provider either; `server`
//! (the accept loop) knows nothing of the others. This file is the one place that
//! knows them all: [`start`] builds each provider's state, nests the routers under
//! their prefixes and wraps them in the fault layer, and gathers every counter for
//! [`SandboxHandle::stats`] and `GET /_sandbox/stats`. Nothing imports the crate root
//! back, so the modules form no cycle.

mod faults;
mod fiscalbox;
mod ids;
mod mutex;
mod paylov;
mod paymentsgate;
mod server;
mod stats;
mod via;
mod wire;

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use faults::Faults;
use fiscalbox::FiscalBox;
use paylov::Paylov;
use paymentsgate::PaymentsGate;
use via::Via;

pub use paylov::PAYLOV_API_KEY;
pub use paymentsgate::{PAYMENTSGATE_ACCOUNT_ID, PAYMENTSGATE_PUBLIC_KEY};
pub use stats::Stats;
pub use via::{VIA_CLIENT_ID, VIA_CLIENT_SECRET, VIA_MERCHANT_ID};

/// One of the emulated providers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Provider {
    /// FiscalBox, under `/fiscalbox`.
    FiscalBox,
    /// Paylov, under `/paylov`.
    Paylov,
    /// PaymentsGate, under `/paymentsgate`.
    PaymentsGate,
    /// VIA, under `/via`.
    Via,
}

impl Provider {
    fn path_prefix(self) -> &'static str {
        match self {
            Provider::FiscalBox => "/fiscalbox",
            Provider::Paylov => "/paylov",
            Provider::PaymentsGate => "/paymentsgate",
            Provider::Via => "/via",
        }
    }
}

/// Starts the sandbox on the current tokio runtime.
///
/// `addr` must be a loopback address (the sandbox accepts fixed, published
/// credentials, so it must never be reachable from another machine); use port 0 for
/// a random free port and read it back with [`SandboxHandle::addr`]. A non-loopback
/// address is refused with [`io::ErrorKind::InvalidInput`].
pub async fn start(addr: SocketAddr) -> io::Result<SandboxHandle> {
    if !addr.ip().is_loopback() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("the sandbox binds to loopback only, not {}", addr.ip()),
        ));
    }
    let listener = TcpListener::bind(addr).await?;
    let addr = listener.local_addr()?;
    let app = App::new(format!("http://{addr}"));
    let (stop, stopped) = oneshot::channel();
    let task = tokio::spawn(server::serve(listener, app.router(), stopped));
    Ok(SandboxHandle { addr, app, stop, task })
}

/// The whole sandbox's state: each provider's and the fault layer's, each shared with
/// its own routes. Cloning it clones the handles, not the state.
#[derive(Clone)]
struct App {
    fiscalbox: Arc<FiscalBox>,
    paylov: Arc<Paylov>,
    paymentsgate: Arc<PaymentsGate>,
    via: Arc<Via>,
    faults: Arc<Faults>,
}

impl App {
    /// Empty ledgers; `origin` (`http://127.0.0.1:PORT`) is where the URLs the sandbox
    /// hands out point (PaymentsGate's payment page).
    fn new(origin: String) -> Self {
        App {
            fiscalbox: Arc::default(),
            paylov: Arc::default(),
            paymentsgate: Arc::new(PaymentsGate::new(origin)),
            via: Arc::default(),
            faults: Arc::default(),
        }
    }

    /// All routes: the four providers under their prefixes, the sandbox's own
    /// endpoints, and the fault layer around everything.
    fn router(&self) -> Router {
        let app = self.clone();
        Router::new()
            .nest(Provider::FiscalBox.path_prefix(), fiscalbox::router(Arc::clone(&self.fiscalbox)))
            .nest(Provider::Paylov.path_prefix(), paylov::router(Arc::clone(&self.paylov)))
            .nest(Provider::PaymentsGate.path_prefix(), paymentsgate::router(Arc::clone(&self.paymentsgate)))
            .nest(Provider::Via.path_prefix(), via::router(Arc::clone(&self.via)))
            .merge(stats::router(move || app.stats()))
            .merge(via::sandbox_router(Arc::clone(&self.via)))
            .layer(axum::middleware::from_fn_with_state(Arc::clone(&self.faults), faults::inject))
    }

    /// The counters of every provider and of the fault layer.
    fn stats(&self) -> Stats {
        let fiscalbox = self.fiscalbox.ledger();
        let paylov = self.paylov.ledger();
        Stats {
            requests: self.faults.requests(),
            faults_injected: self.faults.injected(),
            fiscalbox_payments: fiscalbox.payments(),
            fiscalbox_confirmations: fiscalbox.confirmations(),
            paylov_receipts: paylov.receipts(),
            paylov_duplicate_receipts: paylov.duplicate_receipts(),
            paylov_refunds: paylov.refunds(),
            paymentsgate_deals: self.paymentsgate.ledger().deals_by_status(),
            via_transactions: self.via.ledger().transactions_by_status(),
        }
    }
}

/// A running sandbox. Dropping it stops the server too; [`SandboxHandle::shutdown`]
/// also waits until it has stopped.
pub struct SandboxHandle {
    addr: SocketAddr,
    app: App,
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
}

impl std::fmt::Debug for SandboxHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SandboxHandle").field("addr", &self.addr).finish_non_exhaustive()
    }
}

impl SandboxHandle {
    /// The address the sandbox listens on (with the actual port when started on 0).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The base URL to configure for a provider, e.g. `http://127.0.0.1:PORT/paylov`.
    pub fn base_url(&self, provider: Provider) -> String {
        format!("http://{}{}", self.addr, provider.path_prefix())
    }

    /// The current counters (the same as `GET /_sandbox/stats`).
    pub fn stats(&self) -> Stats {
        self.app.stats()
    }

    /// Stops accepting connections, closes the open ones and waits for the server
    /// task to end.
    pub async fn shutdown(self) {
        // The server may already be gone (its task panicked); nothing is left to stop.
        let _ = self.stop.send(());
        let _ = self.task.await;
    }
}
