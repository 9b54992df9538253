//! Serving connections.
//!
//! The sandbox runs its own accept loop on hyper instead of `axum::serve` for one
//! reason: the `drop` faults must close the TCP connection without sending any HTTP
//! response, and a handler cannot do that through axum. Each connection gets a
//! [`ConnectionKiller`] in its requests' extensions; firing it makes the connection
//! task drop the hyper connection, which closes the socket mid-request.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::Request;
use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{oneshot, Notify};
use tokio::task::JoinSet;
use tower_service::Service;

/// Closes the connection a request arrived on, without a response.
#[derive(Clone)]
pub(crate) struct ConnectionKiller(Arc<Notify>);

impl ConnectionKiller {
    /// Asks the connection task to drop the connection. The caller must then never
    /// complete its response (await forever), or hyper might still write it before
    /// the connection task reacts.
    pub(crate) fn kill(&self) {
        // notify_one keeps a permit if the task is not waiting yet: never lost.
        self.0.notify_one();
    }
}

/// Accepts connections until `stop` fires (or its sender is dropped), then closes
/// the open ones.
pub(crate) async fn serve(listener: TcpListener, router: Router, mut stop: oneshot::Receiver<()>) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            _ = &mut stop => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    connections.spawn(serve_connection(stream, router.clone()));
                }
                // Typically out of file descriptors: back off instead of spinning.
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            },
            // Reap finished connections so the set does not grow forever.
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    // Keep-alive connections would otherwise keep the sandbox half alive.
    connections.shutdown().await;
}

async fn serve_connection(stream: TcpStream, router: Router) {
    let notify = Arc::new(Notify::new());
    let killer = ConnectionKiller(Arc::clone(&notify));
    let service = service_fn(move |mut request: Request<Incoming>| {
        request.extensions_mut().insert(killer.clone());
        router.clone().call(request)
    });
    let connection = http1::Builder::new().timer(TokioTimer::new()).serve_connection(TokioIo::new(stream), service);
    tokio::select! {
        // A client error or a closed connection: nothing to report to anyone.
        _ = connection => {}
        // Dropping `connection` drops the socket: the client sees the connection
        // closed (or reset) with no response at all.
        () = notify.notified() => {}
    }
}
