//! Fault injection, asked for per request with the header `X-Sandbox-Fault` or the
//! query parameter `sandbox_fault`: `<fault>` or `<fault>;times=N`.
//!
//! | fault          | processed? | what the client gets                               |
//! |----------------|------------|----------------------------------------------------|
//! | `delay=<ms>`   | yes        | the normal answer, `ms` milliseconds late          |
//! | `status=5xx`   | no         | that status with an HTML error page                |
//! | `drop`         | no         | the connection closed, no response                 |
//! | `truncate`     | yes        | the first half of the body (Content-Length agrees) |
//! | `drop_after`   | yes        | the connection closed, no response                 |
//!
//! With `times=N` only the first N requests carrying that exact value are faulted, so
//! a client's retry of the same request gets through. `key=<label>` changes nothing
//! but the value, so clients that each want their own `times=N` add distinct keys.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::{to_bytes, Body};
use axum::extract::{Query, Request, State};
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::mutex::lock;
use crate::server::ConnectionKiller;

/// The request header that asks for a fault.
const HEADER: &str = "x-sandbox-fault";
/// The query parameter that asks for a fault (for clients that cannot set headers).
const QUERY: &str = "sandbox_fault";
/// A delay longer than this is refused: it would only hang a test run.
const MAX_DELAY_MS: u64 = 60_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Delay(Duration),
    Status(StatusCode),
    Drop,
    Truncate,
    DropAfter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fault {
    kind: Kind,
    /// `None`: every request with this value is faulted.
    times: Option<u32>,
}

/// The fault layer's state: what `times=N` has used up, and how many requests went
/// through the layer and how many of them got a fault (for the stats).
#[derive(Default)]
pub(crate) struct Faults {
    counters: Mutex<Counters>,
    /// Every HTTP request received, faulted or not.
    requests: AtomicU64,
    injected: AtomicU64,
}

impl Faults {
    /// HTTP requests received, faulted ones included.
    pub(crate) fn requests(&self) -> u64 {
        self.requests.load(Ordering::Relaxed)
    }

    /// Requests that got a fault.
    pub(crate) fn injected(&self) -> u64 {
        self.injected.load(Ordering::Relaxed)
    }
}

/// How many requests each distinct fault value has faulted so far, for `times=N`.
#[derive(Default)]
struct Counters {
    used: HashMap<String, u32>,
}

impl Counters {
    /// Whether this request gets the fault, counting it if so.
    fn take(&mut self, value: &str, times: Option<u32>) -> bool {
        let Some(times) = times else {
            return true;
        };
        let used = self.used.entry(value.to_owned()).or_insert(0);
        if *used < times {
            *used += 1;
            true
        } else {
            false
        }
    }
}

/// The middleware around every route: counts the request, then applies the fault it
/// asks for, if any.
pub(crate) async fn inject(State(faults): State<Arc<Faults>>, request: Request, next: Next) -> Response {
    faults.requests.fetch_add(1, Ordering::Relaxed);
    let Some(value) = requested(&request) else {
        return next.run(request).await;
    };
    let fault = match parse(&value) {
        Ok(fault) => fault,
        Err(reason) => {
            let text = format!("invalid sandbox fault {value:?}: {reason}\n");
            return (StatusCode::BAD_REQUEST, text).into_response();
        }
    };
    if !lock(&faults.counters).take(&value, fault.times) {
        return next.run(request).await;
    }
    faults.injected.fetch_add(1, Ordering::Relaxed);
    let killer = request.extensions().get::<ConnectionKiller>().cloned();
    match fault.kind {
        Kind::Delay(delay) => {
            tokio::time::sleep(delay).await;
            next.run(request).await
        }
        Kind::Status(status) => error_page(status),
        Kind::Drop => close(killer).await,
        Kind::Truncate => truncate(next.run(request).await).await,
        Kind::DropAfter => {
            // The state change happens; only the answer is lost.
            let _ = next.run(request).await;
            close(killer).await
        }
    }
}

/// The fault value from the header, else from the query string.
fn requested(request: &Request) -> Option<String> {
    if let Some(value) = request.headers().get(HEADER) {
        return Some(String::from_utf8_lossy(value.as_bytes()).into_owned());
    }
    let Query(query) = Query::<HashMap<String, String>>::try_from_uri(request.uri()).ok()?;
    query.get(QUERY).cloned()
}

fn parse(value: &str) -> Result<Fault, String> {
    let mut parts = value.split(';').map(str::trim);
    let head = parts.next().unwrap_or_default();
    let kind = match head.split_once('=') {
        Some(("delay", ms)) => {
            let ms: u64 = ms.parse().map_err(|_| "delay=<milliseconds> wants an integer")?;
            if ms > MAX_DELAY_MS {
                return Err(format!("a delay is at most {MAX_DELAY_MS} ms"));
            }
            Kind::Delay(Duration::from_millis(ms))
        }
        Some(("status", code)) => {
            let status = code
                .parse::<u16>()
                .ok()
                .and_then(|c| StatusCode::from_u16(c).ok())
                .filter(StatusCode::is_server_error)
                .ok_or("status=<code> wants a 5xx code such as 500, 502 or 503")?;
            Kind::Status(status)
        }
        _ => match head {
            "drop" => Kind::Drop,
            "truncate" => Kind::Truncate,
            "drop_after" => Kind::DropAfter,
            _ => return Err("expected delay=<ms>, status=<5xx>, drop, truncate or drop_after".into()),
        },
    };
    let mut times = None;
    for option in parts {
        match option.split_once('=') {
            Some(("times", n)) => {
                let n: u32 = n.parse().ok().filter(|n| *n > 0).ok_or("times=<N> wants a positive integer")?;
                times = Some(n);
            }
            // A label that only separates counters: values that differ only in their
            // key are counted apart, so many clients can each get "one fault".
            Some(("key", _)) => {}
            _ => return Err(format!("unknown option {option:?}, expected times=<N> or key=<label>")),
        }
    }
    Ok(Fault { kind, times })
}

/// What a reverse proxy in front of a provider sends when the provider is down: an
/// HTML page, not the provider's JSON.
fn error_page(status: StatusCode) -> Response {
    let title = format!("{} {}", status.as_u16(), status.canonical_reason().unwrap_or("Server Error"));
    let html = format!("<html><body><h1>{title}</h1></body></html>");
    let mut response = (status, html).into_response();
    response.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    response
}

/// Closes the connection without answering: never returns once the connection task
/// has been told, since returning a response could still let hyper write it.
async fn close(killer: Option<ConnectionKiller>) -> Response {
    match killer {
        Some(killer) => {
            killer.kill();
            std::future::pending().await
        }
        // Only reachable if the router were served without `server::serve`.
        None => error_page(StatusCode::INTERNAL_SERVER_ERROR),
    }
}

/// The same response with only the first half of its body; Content-Length says so,
/// so the client reads a complete HTTP message holding broken JSON.
async fn truncate(response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, usize::MAX).await else {
        return error_page(StatusCode::INTERNAL_SERVER_ERROR);
    };
    let half = bytes.slice(..bytes.len() / 2);
    parts.headers.insert(CONTENT_LENGTH, HeaderValue::from(half.len()));
    Response::from_parts(parts, Body::from(half))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_kind() {
        let delay = parse("delay=50").map(|f| f.kind);
        assert_eq!(delay, Ok(Kind::Delay(Duration::from_millis(50))));
        assert_eq!(
            parse("status=502;times=2"),
            Ok(Fault { kind: Kind::Status(StatusCode::BAD_GATEWAY), times: Some(2) })
        );
        assert_eq!(parse("drop").map(|f| f.kind), Ok(Kind::Drop));
        assert_eq!(parse("drop_after").map(|f| f.kind), Ok(Kind::DropAfter));
        assert_eq!(parse("truncate").map(|f| f.kind), Ok(Kind::Truncate));
        assert_eq!(parse("drop;times=1;key=flow-7").map(|f| (f.kind, f.times)), Ok((Kind::Drop, Some(1))));
    }

    #[test]
    fn refuses_nonsense() {
        for bad in [
            "",
            "explode",
            "delay=soon",
            "status=200",
            "status=404",
            "drop;times=0",
            "drop;twice",
            "dropped",
            "delay=999999",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn times_counts_per_value() {
        let mut counters = Counters::default();
        assert!(counters.take("drop;times=1", Some(1)));
        assert!(!counters.take("drop;times=1", Some(1)));
        assert!(counters.take("drop_after;times=1", Some(1)));
        assert!(counters.take("drop", None));
        assert!(counters.take("drop", None));
    }
}
