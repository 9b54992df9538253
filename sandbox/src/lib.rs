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

mod faults;
mod fiscalbox;
mod ids;
mod paylov;
mod paymentsgate;
mod server;
mod state;
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

use state::App;
pub use stats::Stats;

/// The api key the Paylov emulation accepts in the `api-key` header.
pub const PAYLOV_API_KEY: &str = "sandbox-paylov-key";
/// The `account_id` the PaymentsGate emulation accepts at `POST /auth/token`.
pub const PAYMENTSGATE_ACCOUNT_ID: &str = "sandbox-account";
/// The `public_key` the PaymentsGate emulation accepts at `POST /auth/token`.
pub const PAYMENTSGATE_PUBLIC_KEY: &str = "sandbox-public-key";
/// The `client-id` header the VIA emulation accepts.
pub const VIA_CLIENT_ID: &str = "sandbox-client";
/// The `client-secret` header the VIA emulation accepts.
pub const VIA_CLIENT_SECRET: &str = "sandbox-secret";
/// The only `merchantId` the VIA emulation knows.
pub const VIA_MERCHANT_ID: &str = "mrt_sandbox";

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
    let app = Arc::new(App::new(format!("http://{addr}")));
    let (stop, stopped) = oneshot::channel();
    let task = tokio::spawn(server::serve(listener, router(Arc::clone(&app)), stopped));
    Ok(SandboxHandle { addr, app, stop, task })
}

/// All routes: the four providers under their prefixes, the sandbox's own endpoints,
/// and the fault layer around everything.
fn router(app: Arc<App>) -> Router {
    Router::new()
        .nest(Provider::FiscalBox.path_prefix(), fiscalbox::router())
        .nest(Provider::Paylov.path_prefix(), paylov::router())
        .nest(Provider::PaymentsGate.path_prefix(), paymentsgate::router(&app))
        .nest(Provider::Via.path_prefix(), via::router())
        .merge(stats::router())
        .merge(via::sandbox_router())
        .layer(axum::middleware::from_fn_with_state(Arc::clone(&app), faults::inject))
        .with_state(app)
}

/// A running sandbox. Dropping it stops the server too; [`SandboxHandle::shutdown`]
/// also waits until it has stopped.
pub struct SandboxHandle {
    addr: SocketAddr,
    app: Arc<App>,
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
        Stats::collect(&self.app)
    }

    /// Stops accepting connections, closes the open ones and waits for the server
    /// task to end.
    pub async fn shutdown(self) {
        // The server may already be gone (its task panicked); nothing is left to stop.
        let _ = self.stop.send(());
        let _ = self.task.await;
    }
}
