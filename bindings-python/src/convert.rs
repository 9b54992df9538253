//! Python values to JSON and back: the JSON path of an input, the one that decides.
//!
//! Inputs become a `serde_json::Value` and go to the core, which decodes and validates
//! them with its own field paths and messages. (An input the fast path, `crate::de`,
//! decodes and the core accepts never comes here; every other input does, so every
//! refusal is made here or by the core.) Only what Python can say and JSON
//! cannot is decided here: a value of a type uzpay inputs never take (a float or a
//! `Decimal`, bytes, a set) and an int beyond 64 bits. No uzpay input has a fraction
//! (money is integer tiyin), so a float is refused wherever it appears, without
//! knowing which fields are money.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple, PyType};
use serde_json::{Map, Number, Value};

/// How deep an input may nest. Real inputs are three levels deep; the bound keeps a
/// list that contains itself from recursing until the stack overflows.
pub(crate) const MAX_DEPTH: usize = 32;

/// Why a Python value has no JSON form, with the path of the value in the input.
#[derive(Debug)]
pub(crate) enum Refusal {
    /// A type uzpay inputs never take (a float, a `Decimal`, bytes): a `TypeError`.
    Type { field: String, message: String },
    /// The right type but a value JSON cannot carry (an int beyond 64 bits).
    Value { field: String, message: String },
    /// Python raised while the value was read (a mapping whose `items()` failed).
    Python(PyErr),
}

impl From<PyErr> for Refusal {
    fn from(err: PyErr) -> Self {
        Refusal::Python(err)
    }
}

/// Converts an input (a dict, a list, an `Item`, a scalar) to JSON. `field` is the
/// path of `value` in the whole input (`""` at the top, `"items"` for a list of items)
/// so that refusals name the same path the core would (`items[0].price`).
pub(crate) fn to_json(value: &Bound<'_, PyAny>, field: &str) -> Result<Value, Refusal> {
    let mut path = field.to_owned();
    convert(value, &mut path, 0)
}

fn convert(value: &Bound<'_, PyAny>, path: &mut String, depth: usize) -> Result<Value, Refusal> {
    if depth > MAX_DEPTH {
        return Err(refuse_value(path, "is nested too deeply"));
    }
    if value.is_none() {
        return Ok(Value::Null);
    }
    // bool before int: in Python a bool is an int, in JSON (and to the core) it is not.
    if let Ok(b) = value.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if value.is_instance_of::<PyInt>() {
        return int(value, path);
    }
    if let Ok(s) = value.cast::<PyString>() {
        let text = s.to_cow().map_err(|_| refuse_value(path, "is not valid Unicode text"))?;
        return Ok(Value::String(text.into_owned()));
    }
    if let Ok(dict) = value.cast::<PyDict>() {
        // A snapshot of the entries, as `items()` would give, without its tuples.
        let entries: Vec<_> = dict.iter().collect();
        return object(entries.into_iter().map(Ok), path, depth);
    }
    if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
        return array(value, path, depth);
    }
    if value.is_instance_of::<PyFloat>() {
        return Err(not_a_fraction(path, "a float"));
    }
    if value.is_instance(record_class(value.py())?)? {
        // An `Item` (or any uzpay record): its canonical dict, at the same path.
        let dict = value.call_method0("to_dict")?;
        return convert(&dict, path, depth + 1);
    }
    if let Ok(mapping) = value.cast::<PyMapping>() {
        return object(mapping.items()?.iter().map(|pair| pair.extract()), path, depth);
    }
    let type_name = type_name(value);
    if value.is_instance(number_class(value.py())?)? {
        // Decimal, Fraction, numpy floats...: no exact integer meaning either.
        return Err(not_a_fraction(path, &format!("a {type_name}")));
    }
    Err(refuse_type(path, &format!("must be a str, int, bool, None, list or dict, not {type_name}")))
}

fn int(value: &Bound<'_, PyAny>, path: &str) -> Result<Value, Refusal> {
    if let Ok(i) = value.extract::<i64>() {
        return Ok(Value::Number(Number::from(i)));
    }
    if let Ok(u) = value.extract::<u64>() {
        return Ok(Value::Number(Number::from(u)));
    }
    Err(refuse_value(path, "is out of range: whole numbers in uzpay fit in 64 bits"))
}

type Entry<'py> = (Bound<'py, PyAny>, Bound<'py, PyAny>);

fn object<'py>(
    entries: impl Iterator<Item = PyResult<Entry<'py>>>,
    path: &mut String,
    depth: usize,
) -> Result<Value, Refusal> {
    let mut map = Map::new();
    for entry in entries {
        let (key, value) = entry?;
        let Ok(key) = key.cast::<PyString>() else {
            return Err(refuse_type(path, &format!("has a key that is not a str but {}", type_name(&key))));
        };
        let key = key.to_cow().map_err(|_| refuse_value(path, "has a key that is not valid Unicode text"))?;
        let len = path.len();
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(&key);
        let converted = convert(&value, path, depth + 1)?;
        path.truncate(len);
        map.insert(key.into_owned(), converted);
    }
    Ok(Value::Object(map))
}

fn array(value: &Bound<'_, PyAny>, path: &mut String, depth: usize) -> Result<Value, Refusal> {
    let mut items = Vec::new();
    for (index, item) in value.try_iter()?.enumerate() {
        let len = path.len();
        path.push_str(&format!("[{index}]"));
        let converted = convert(&item?, path, depth + 1)?;
        path.truncate(len);
        items.push(converted);
    }
    Ok(Value::Array(items))
}

/// Converts a JSON value from the core (a canonical output, a request body) to plain
/// Python: dicts, lists, str, int, float, bool and None.
pub(crate) fn to_python<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else {
                // Rates such as VIA's `fee_percent`; never money, which is integer.
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let items = items.iter().map(|v| to_python(py, v)).collect::<PyResult<Vec<_>>>()?;
            PyList::new(py, items)?.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, v) in map {
                dict.set_item(k, to_python(py, v)?)?;
            }
            dict.into_any()
        }
    })
}

fn not_a_fraction(path: &str, what: &str) -> Refusal {
    refuse_type(
        path,
        &format!(
            "must be an int, not {what}: money is integer tiyin (1 UZS = 100 tiyin, \
             so 11,200.00 UZS is 1120000) and uzpay inputs never take fractions"
        ),
    )
}

fn refuse_type(path: &str, message: &str) -> Refusal {
    Refusal::Type { field: path.to_owned(), message: message.to_owned() }
}

fn refuse_value(path: &str, message: &str) -> Refusal {
    Refusal::Value { field: path.to_owned(), message: message.to_owned() }
}

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "an unknown type".to_owned())
}

/// `uzpay._record.Record`, the base of `Item` and of every output.
fn record_class(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static RECORD: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    RECORD.import(py, "uzpay._record", "Record")
}

/// `numbers.Number`, to recognise a `Decimal` or a `Fraction` without importing
/// `decimal` up front.
fn number_class(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static NUMBER: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    NUMBER.import(py, "numbers", "Number")
}

/// The value at a core field path (`items[0].price`) in a JSON input, if there is one.
pub(crate) fn at_path<'v>(root: &'v Value, field: &str) -> Option<&'v Value> {
    let mut current = root;
    for part in field.split('.') {
        let (key, indexes) = part.split_once('[').unwrap_or((part, ""));
        if !key.is_empty() {
            current = current.get(key)?;
        }
        if !indexes.is_empty() {
            for index in indexes.trim_end_matches(']').split("][") {
                current = current.get(index.parse::<usize>().ok()?)?;
            }
        }
    }
    Some(current)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn paths_reach_nested_values() {
        let v = json!({"items": [{"price": 1}, {"price": true}], "a": {"b": [[0, 5]]}});
        assert_eq!(at_path(&v, "items[1].price"), Some(&json!(true)));
        assert_eq!(at_path(&v, "a.b[0][1]"), Some(&json!(5)));
        assert_eq!(at_path(&v, "items[2].price"), None);
        assert_eq!(at_path(&v, "nope"), None);
    }
}
