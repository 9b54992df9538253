//! Small helpers shared by the provider emulations for reading request bodies and
//! writing JSON answers.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{Map, Value};

/// A JSON object body, or `None` for anything else (not JSON, an array, ...). Each
/// provider words that refusal its own way.
pub(crate) fn json_object(body: &[u8]) -> Option<Map<String, Value>> {
    match serde_json::from_slice(body) {
        Ok(Value::Object(map)) => Some(map),
        _ => None,
    }
}

/// A non-empty string field.
pub(crate) fn text<'a>(body: &'a Map<String, Value>, name: &str) -> Option<&'a str> {
    body.get(name).and_then(Value::as_str).filter(|s| !s.is_empty())
}

/// A JSON answer with this status.
pub(crate) fn json(status: StatusCode, body: Value) -> Response {
    (status, Json(body)).into_response()
}

/// The map of a `json!({...})` object literal, to add fields to it.
pub(crate) fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        // Not reachable for an object literal; an empty map is a harmless answer.
        _ => Map::new(),
    }
}
