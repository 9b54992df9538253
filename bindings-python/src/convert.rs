//! What the generated codec (`generated.rs`) stands on: reading a Python value as one
//! of the core's scalars, strictly, and making a record of the core's output.
//!
//! Reading is strict on purpose: a value is taken only where the core's JSON decoder
//! would take its JSON form as the same value (a `bool` is no number, a `float` no
//! integer, only a `dict` or one of the records is an object). Anything else is
//! declined (`None`), and the build goes the JSON way, where the core's decoder names
//! the field and says what is wrong.

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
