//! A flow saved as text, to store in the host's database between two events and
//! restore in another process.
//!
//! ```json
//! {"uzpay_flow": 1, "flow": "paylov.fiscalization", "state": {...}, "check": "9f2c..."}
//! ```
//!
//! - `uzpay_flow` is the format's version. A uzpay reads its own version and older
//!   ones; a snapshot of a newer version is refused, never half-read.
//! - `flow` names the flow; restoring it as another flow is refused.
//! - `state` is where the flow is: its input, what it learned from the provider
//!   (ids, the answer it finished with), the step it was on and that step's try
//!   count. It never holds a credential (API keys, client secrets, PaymentsGate's
//!   account key, access and refresh tokens), a card number or an SMS code: the host
//!   gives the config (and a payin's account credentials) again on restore, a
//!   restored payin signs in again, and a restored VIA payment asks for the code
//!   again where it needs it.
//! - `check` is the SHA-256 of the flow's name and its state as uzpay writes it. A
//!   snapshot edited by hand, cut short or mixed with another is refused. It is a
//!   check, not a signature: anyone can compute it, so store snapshots where only your
//!   application writes (your database).
//!
//! Snapshots are small (a few hundred bytes, up to a few KiB with a provider's answer
//! kept for the outcome); [`MAX_SNAPSHOT_BYTES`] bounds what a restore reads. The key
//! order does not matter (a PostgreSQL `jsonb` column may reorder keys).
//!
//! A request that was in flight when the flow was saved may or may not have reached
//! the provider: a restored flow treats it as [`TransportFailure::MaybeSent`]
//! (see [`Flow::resume`](super::Flow::resume)).
//!
//! [`TransportFailure::MaybeSent`]: super::TransportFailure::MaybeSent

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// The snapshot format this uzpay writes (and the newest it reads).
pub const SNAPSHOT_VERSION: u32 = 1;

/// The largest snapshot a restore reads, in bytes.
pub const MAX_SNAPSHOT_BYTES: usize = 256 * 1024;

#[derive(Serialize)]
struct Envelope<'a, S> {
    uzpay_flow: u32,
    flow: &'a str,
    state: &'a S,
    check: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReadEnvelope {
    uzpay_flow: u32,
    flow: String,
    state: serde_json::Value,
    check: String,
}

fn check_of(flow: &str, state_json: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(flow.as_bytes());
    hasher.update(b"\n");
    hasher.update(state_json.as_bytes());
    hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

fn refused(message: impl Into<String>) -> Error {
    Error::invalid_input("snapshot", message)
}

/// Writes `state` of the flow named `flow` as a snapshot.
pub(crate) fn write<S: Serialize>(flow: &str, state: &S) -> String {
    // A state is plain data (strings, numbers, enums): writing it cannot fail; an
    // empty state would be refused by the restore, never taken for another.
    let state_json = serde_json::to_string(state).unwrap_or_default();
    let envelope = Envelope { uzpay_flow: SNAPSHOT_VERSION, flow, state, check: check_of(flow, &state_json) };
    serde_json::to_string(&envelope).unwrap_or_default()
}

/// Reads the state of the flow named `flow` from `text`, refusing anything but an
/// unchanged snapshot of that flow in a format this uzpay reads.
pub(crate) fn read<S: Serialize + DeserializeOwned>(flow: &str, text: &str) -> Result<S> {
    if text.len() > MAX_SNAPSHOT_BYTES {
        return Err(refused(format!(
            "is {} bytes, more than a flow snapshot ever is ({MAX_SNAPSHOT_BYTES})",
            text.len()
        )));
    }
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|_| refused("is not a uzpay flow snapshot: it is not JSON (was it cut short?)"))?;
    let version = value.get("uzpay_flow").and_then(serde_json::Value::as_u64);
    match version {
        None => return Err(refused("is not a uzpay flow snapshot: it has no `uzpay_flow` version")),
        Some(v) if v > u64::from(SNAPSHOT_VERSION) => {
            return Err(refused(format!(
            "was saved by a newer uzpay (snapshot format {v}; this uzpay reads format {SNAPSHOT_VERSION} and older): \
                 restore it with that version"
        )))
        }
        Some(_) => {}
    }
    let envelope: ReadEnvelope =
        serde_json::from_value(value).map_err(|e| refused(format!("is not a uzpay flow snapshot: {e}")))?;
    let _ = envelope.uzpay_flow;
    if envelope.flow != flow {
        return Err(refused(format!("is of the flow `{}`, not `{flow}`", envelope.flow)));
    }
    // serde's own message names the field; a path tracker would cost the npm package's
    // module more than it says here.
    let state: S =
        serde_json::from_value(envelope.state).map_err(|e| refused(format!("has a malformed state: {e}")))?;
    let state_json = serde_json::to_string(&state).unwrap_or_default();
    if check_of(flow, &state_json) != envelope.check {
        return Err(refused("was changed after it was saved (its check does not match its content)"));
    }
    Ok(state)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct State {
        step: String,
        attempt: u32,
    }

    fn state() -> State {
        State { step: "registering".into(), attempt: 2 }
    }

    fn message(e: Error) -> String {
        assert_eq!(e.field(), Some("snapshot"));
        e.message()
    }

    #[test]
    fn round_trips_whatever_the_key_order() {
        let text = write("paylov.fiscalization", &state());
        assert_eq!(read::<State>("paylov.fiscalization", &text).unwrap(), state());
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let reordered = format!(
            r#"{{"check":{},"state":{{"attempt":2,"step":"registering"}},"flow":"paylov.fiscalization","uzpay_flow":1}}"#,
            value["check"]
        );
        assert_eq!(read::<State>("paylov.fiscalization", &reordered).unwrap(), state());
    }

    #[test]
    fn refuses_what_is_not_an_unchanged_snapshot_of_this_flow() {
        let text = write("paylov.fiscalization", &state());
        let cases = [
            ("{", "not JSON"),
            ("[]", "no `uzpay_flow`"),
            (r#"{"uzpay_flow":1}"#, "not a uzpay flow snapshot"),
            (&text.replace(r#""uzpay_flow":1"#, r#""uzpay_flow":2"#), "newer uzpay"),
            (&text.replace("paylov.fiscalization", "via.card_payment"), "not `paylov.fiscalization`"),
            (&text.replace(r#""attempt":2"#, r#""attempt":1"#), "was changed"),
            (&text.replace(r#""attempt":2"#, r#""attempt":"2""#), "malformed state: invalid type: string \"2\""),
            (&text.replace(r#""attempt":2"#, r#""attempt":2,"pan":"8600""#), "malformed state"),
        ];
        for (snapshot, want) in cases {
            let got = message(read::<State>("paylov.fiscalization", snapshot).unwrap_err());
            assert!(got.contains(want), "{snapshot}: {got}");
        }
        let huge = " ".repeat(MAX_SNAPSHOT_BYTES + 1);
        assert!(message(read::<State>("paylov.fiscalization", &huge).unwrap_err()).contains("more than"));
    }
}
