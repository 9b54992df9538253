//! What the generated codec (`generated.rs`) stands on: reading a Python value as one
//! of the core's scalars, strictly, and making a record of the core's output.
//!
//! Reading is strict on purpose: a value is taken only where the core's JSON decoder
//! would take its JSON form as the same value (a `bool` is no number, a `float` no
//! integer, only a `dict` or one of the records is an object). Anything else is
//! declined (`None`) and read as JSON (`to_json`), where the core's decoder names the
//! field and says what is wrong.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple, PyType};
use uzpay::Method;

/// A core type read from a Python value; `None` declines it.
pub(crate) trait FromPy: Sized {
    fn from_py(obj: &Bound<'_, PyAny>) -> Option<Self>;
}

/// A core value as Python: records for structs, wire strings for enums.
pub(crate) trait ToPy {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>>;
}

impl FromPy for String {
    fn from_py(obj: &Bound<'_, PyAny>) -> Option<Self> {
        // `to_cow` fails on a lone surrogate, which the JSON way then names.
        obj.cast::<PyString>().ok()?.to_cow().ok().map(std::borrow::Cow::into_owned)
    }
}

impl FromPy for bool {
    fn from_py(obj: &Bound<'_, PyAny>) -> Option<Self> {
        obj.cast_exact::<PyBool>().ok().map(|b| b.is_true())
    }
}

macro_rules! integers {
    ($($ty:ty),+) => {$(
        impl FromPy for $ty {
            fn from_py(obj: &Bound<'_, PyAny>) -> Option<Self> {
                // In Python a bool is an int; to the core it is not a number.
                if !obj.is_instance_of::<PyInt>() || obj.is_instance_of::<PyBool>() {
                    return None;
                }
                obj.extract().ok()
            }
        }

        impl ToPy for $ty {
            fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                Ok(self.into_pyobject(py)?.into_any())
            }
        }
    )+};
}

integers!(u8, u16, u32, u64, i64);

impl FromPy for uzpay::Secret {
    fn from_py(obj: &Bound<'_, PyAny>) -> Option<Self> {
        String::from_py(obj).map(Self::from)
    }
}

impl FromPy for uzpay::card::Pan {
    fn from_py(obj: &Bound<'_, PyAny>) -> Option<Self> {
        String::from_py(obj).map(Self::new)
    }
}

impl<T: FromPy> FromPy for Option<T> {
    fn from_py(obj: &Bound<'_, PyAny>) -> Option<Self> {
        if obj.is_none() {
            return Some(None);
        }
        T::from_py(obj).map(Some)
    }
}

impl<T: FromPy> FromPy for Vec<T> {
    fn from_py(obj: &Bound<'_, PyAny>) -> Option<Self> {
        // A list or a plain tuple (a record is a tuple too, but an object to the core).
        if let Ok(list) = obj.cast_exact::<PyList>() {
            return list.iter().map(|item| T::from_py(&item)).collect();
        }
        obj.cast_exact::<PyTuple>().ok()?.iter().map(|item| T::from_py(&item)).collect()
    }
}

/// The values of an object's fields, by position in `names` (interned), `None` where
/// absent: a `dict` of these names (no other key), or the record class registered as
/// `class`.
pub(crate) fn fields<'py, const N: usize>(
    obj: &Bound<'py, PyAny>,
    class: &str,
    names: [&Bound<'py, PyString>; N],
) -> Option<[Option<Bound<'py, PyAny>>; N]> {
    if let Ok(dict) = obj.cast::<PyDict>() {
        // By lookup: with interned names, each is a pointer comparison. A key that is
        // none of them shows as a count that does not add up.
        let mut found = 0;
        let values = names.map(|name| {
            let value = dict.get_item(name).ok().flatten();
            found += usize::from(value.is_some());
            value
        });
        return (found == dict.len()).then_some(values);
    }
    let registered = classes(obj.py()).get_item(class).ok()??.cast_into::<PyType>().ok()?;
    if !obj.is_instance(&registered).ok()? {
        return None;
    }
    let record = obj.cast::<PyTuple>().ok()?;
    let mut items = record.iter();
    // A record's `None` is the field left out, as its `to_dict()` has it.
    Some(names.map(|_| items.next().filter(|v| !v.is_none())))
}

/// A field that must be given.
pub(crate) fn required<T: FromPy>(value: Option<Bound<'_, PyAny>>) -> Option<T> {
    T::from_py(&value?)
}

/// A field that may be left out: `absent()` then.
pub(crate) fn field<T: FromPy>(value: Option<Bound<'_, PyAny>>, absent: impl FnOnce() -> T) -> Option<T> {
    match value {
        None => Some(absent()),
        Some(value) => T::from_py(&value),
    }
}

/// `ToPy` by a conversion to something PyO3 makes a Python object of.
macro_rules! to_py {
    ($($ty:ty => |$py:ident, $v:ident| $e:expr;)+) => {$(
        impl ToPy for $ty {
            fn to_py<'py>(&self, $py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                let $v = self;
                Ok($e.into_pyobject($py)?.to_owned().into_any())
            }
        }
    )+};
}

to_py! {
    str => |py, s| PyString::new(py, s);
    String => |py, s| PyString::new(py, s);
    bool => |py, b| PyBool::new(py, *b);
    f64 => |py, f| PyFloat::new(py, *f);
    // An output that carries a token (`AuthTokenOutput`): the caller needs it; the
    // record's `repr()` masks it.
    uzpay::Secret => |py, s| PyString::new(py, s.expose());
    uzpay::ofd::OfdDateTime => |py, d| PyString::new(py, &d.to_string());
}

impl<T: ToPy> ToPy for Option<T> {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self {
            None => Ok(py.None().into_bound(py)),
            Some(value) => value.to_py(py),
        }
    }
}

impl<T: ToPy> ToPy for Vec<T> {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let items = self.iter().map(|item| item.to_py(py)).collect::<PyResult<Vec<_>>>()?;
        Ok(PyTuple::new(py, items)?.into_any())
    }
}

/// The record of the class registered as `class` (`uzpay._runtime.fields`), of these
/// values in its field order: `tuple.__new__(class, values)`, one call.
pub(crate) fn record<'py, const N: usize>(
    py: Python<'py>,
    class: &str,
    values: [Bound<'py, PyAny>; N],
) -> PyResult<Bound<'py, PyAny>> {
    static TUPLE_NEW: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let new = TUPLE_NEW.get_or_try_init(py, || py.get_type::<PyTuple>().getattr("__new__").map(Bound::unbind))?;
    let Some(class) = classes(py).get_item(class)? else {
        return Err(crate::errors::internal(py, &format!("no record class is registered for {class}")));
    };
    new.bind(py).call1((class, PyTuple::new(py, values)?))
}

/// The record classes by the core's type names, as `uzpay._generated` registers them.
pub(crate) fn classes(py: Python<'_>) -> &Bound<'_, PyDict> {
    static CLASSES: PyOnceLock<Py<PyDict>> = PyOnceLock::new();
    CLASSES.get_or_init(py, || PyDict::new(py).unbind()).bind(py)
}

/// `_uzpay._register({name: class})`: the classes the core makes records of.
#[pyfunction]
pub(crate) fn _register(py: Python<'_>, classes: &Bound<'_, PyDict>) -> PyResult<()> {
    self::classes(py).update(classes.as_mapping())
}

/// A request built by the core as the `uzpay.HttpRequest` record: `(method, url,
/// headers, body)`, headers as `(name, value)` pairs.
impl ToPy for uzpay::HttpRequest {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let headers = PyTuple::new(py, self.headers.iter().map(|h| (h.name.as_str(), h.value.as_str())))?;
        let (method, body) = (PyString::new(py, self.method.as_str()), PyBytes::new(py, &self.body));
        record(py, "HttpRequest", [method.into_any(), self.url.to_py(py)?, headers.into_any(), body.into_any()])
    }
}

impl FromPy for uzpay::HttpRequest {
    fn from_py(obj: &Bound<'_, PyAny>) -> Option<Self> {
        let (method, url, headers, body): (String, String, Vec<(String, String)>, Vec<u8>) = obj.extract().ok()?;
        let method = [Method::Get, Method::Post].into_iter().find(|m| m.as_str() == method)?;
        let headers = headers.into_iter().map(|(name, value)| uzpay::Header::new(name, value)).collect();
        Some(Self { method, url, headers, body })
    }
}

/// `HttpRequest.redacted()`: the core's copy safe to log.
#[pyfunction]
pub(crate) fn redacted<'py>(py: Python<'py>, request: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    crate::errors::guard(py, || match uzpay::HttpRequest::from_py(request) {
        Some(request) => request.redacted().to_py(py),
        None => Err(PyTypeError::new_err("redacted() takes an HttpRequest")),
    })
}

/// An input of the core from Python: JSON text, or data read by the generated codec,
/// or (what the codec declines) as JSON for the core's decoder, which names the field
/// of every refusal.
pub(crate) fn input<T: FromPy + serde::de::DeserializeOwned>(data: &Bound<'_, PyAny>) -> uzpay::Result<T> {
    if let Ok(text) = data.cast::<PyString>() {
        let text = text.to_cow().map_err(|_| uzpay::Error::invalid_input("", "is not valid Unicode text"))?;
        return uzpay::json::from_json_str(&text);
    }
    match T::from_py(data) {
        Some(value) => Ok(value),
        None => uzpay::json::from_json_value(&to_json(data, "", 0)?),
    }
}

/// What a money field never takes, in plain words.
const MONEY: &str =
    "money is integer tiyin (1 UZS = 100 tiyin, so 11,200.00 UZS is 1120000) and uzpay inputs never take fractions";

/// A Python value the generated codec declined, as JSON for the core's decoder (which
/// names the field of every refusal in the same words in every language). What JSON
/// cannot carry (a `Decimal`, bytes, a NaN, a key that is not a `str`) is refused here,
/// naming its path.
pub(crate) fn to_json(obj: &Bound<'_, PyAny>, path: &str, depth: usize) -> uzpay::Result<serde_json::Value> {
    use serde_json::Value;
    let refuse = |message: String| Err(uzpay::Error::invalid_input(path, message));
    if depth > 32 {
        return refuse("is nested too deeply (does it contain itself?)".into());
    }
    let at = |key: &str| if path.is_empty() { key.to_owned() } else { format!("{path}.{key}") };
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        // Beyond 64 bits as a float, which the core names as out of range.
        return Ok(match (obj.extract::<i64>(), obj.extract::<u64>()) {
            (Ok(i), _) => i.into(),
            (_, Ok(u)) => u.into(),
            _ => obj.extract::<f64>().ok().and_then(serde_json::Number::from_f64).map_or(Value::Null, Value::Number),
        });
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return match serde_json::Number::from_f64(f.value()) {
            Some(n) => Ok(Value::Number(n)),
            None => refuse("must be a finite number".into()),
        };
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return match s.to_cow() {
            Ok(s) => Ok(Value::String(s.into_owned())),
            Err(_) => refuse("is not valid Unicode text".into()),
        };
    }
    // A record: its canonical dict.
    if obj.is_instance_of::<PyTuple>() && obj.hasattr(pyo3::intern!(obj.py(), "to_dict")).unwrap_or(false) {
        return match obj.call_method0("to_dict") {
            Ok(dict) => to_json(&dict, path, depth + 1),
            Err(_) => refuse("could not be read".into()),
        };
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let items = obj.try_iter().map_err(|_| uzpay::Error::invalid_input(path, "could not be read"))?;
        let values = items
            .enumerate()
            .map(|(i, item)| match item {
                Ok(item) => to_json(&item, &format!("{path}[{i}]"), depth + 1),
                Err(_) => refuse("could not be read".into()),
            })
            .collect::<uzpay::Result<Vec<_>>>()?;
        return Ok(Value::Array(values));
    }
    // A dict, or any mapping (`keys()` and `[]`).
    if let Ok(keys) = obj.call_method0("keys") {
        let mut map = serde_json::Map::new();
        for key in keys.try_iter().map_err(|_| uzpay::Error::invalid_input(path, "could not be read"))? {
            let key = key.map_err(|_| uzpay::Error::invalid_input(path, "could not be read"))?;
            let Ok(name) = key.cast::<PyString>().map(|k| k.to_string_lossy().into_owned()) else {
                let kind = key.get_type().name().map(|n| n.to_string()).unwrap_or_default();
                return refuse(format!("has a key that is not a str but {kind}"));
            };
            let value = obj.get_item(&key).map_err(|_| uzpay::Error::invalid_input(at(&name), "could not be read"))?;
            map.insert(name.clone(), to_json(&value, &at(&name), depth + 1)?);
        }
        return Ok(Value::Object(map));
    }
    let name = obj.get_type().name().map(|n| n.to_string()).unwrap_or_default();
    if obj.hasattr("as_integer_ratio").unwrap_or(false) || name == "Decimal" || name == "Fraction" {
        return refuse(format!("must be an int, not a {name}: {MONEY}"));
    }
    refuse(format!("must be a str, int, bool, None, list or dict, not {name}"))
}

/// The core's refusal of `input`, in Python's words where they say more (a `float`
/// where the core takes a whole number is named as a float, with the money rule), and
/// whether it refuses the value's Python type (a bool, a float, a `Decimal`): then
/// Python raises `InputTypeError`, a `TypeError` too.
pub(crate) fn refusal(error: uzpay::Error, input: &Bound<'_, PyAny>) -> (uzpay::Error, bool) {
    let uzpay::Error::InvalidInput { field, message } = &error else { return (error, false) };
    let Some(value) = at(input, field) else { return (error, false) };
    if value.is_instance_of::<PyFloat>() && message.starts_with("must be a whole number") {
        return (uzpay::Error::invalid_input(field.clone(), format!("must be an int, not a float: {MONEY}")), true);
    }
    // A mapping whose key is no `str` (`to_json` names it): its Python type again.
    if message.starts_with("has a key that is not a str") {
        return (error, true);
    }
    let plain = value.is_none()
        || value.is_instance_of::<PyString>()
        || (value.is_instance_of::<PyInt>() && !value.is_instance_of::<PyBool>())
        || value.is_instance_of::<PyList>()
        || value.is_instance_of::<PyTuple>()
        || value.hasattr("keys").unwrap_or(false);
    (error, !plain)
}

/// The value at a core field path (`items[0].price`) in Python data, if it is there.
fn at<'py>(data: &Bound<'py, PyAny>, field: &str) -> Option<Bound<'py, PyAny>> {
    let mut value = data.clone();
    for part in field.replace('[', ".[").split('.').filter(|p| !p.is_empty()) {
        value = match part.strip_prefix('[').and_then(|p| p.strip_suffix(']')) {
            Some(index) => value.get_item(index.parse::<usize>().ok()?).ok()?,
            None if value.is_instance_of::<PyTuple>() => value.getattr(part).ok()?,
            None => value.get_item(part).ok()?,
        };
    }
    Some(value)
}
