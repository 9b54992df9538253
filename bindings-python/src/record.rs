//! Outputs as instances of their Python record classes (`uzpay._record.Record`).
//!
//! `Class.from_dict(d)` is the record's public way in, from the canonical JSON form;
//! it does in Python what is done here faster for an output the core has already
//! checked: each field's value (a list becomes a tuple, an object in a `_nested` field
//! becomes that record) is set with `object.__setattr__` on an instance made by
//! `object.__new__`, exactly as `from_dict` and `Record.__init__` do. So it is done
//! here only for classes that keep those (every uzpay output); for any other class,
//! or an output whose fields are not exactly the slots, `from_dict` is called with the
//! canonical JSON and decides, as before.
//!
//! A typed output is serialized straight into Python objects ([`RecordClass::output`])
//! rather than into a `serde_json::Value` first; the values are those `serde_json`
//! and `convert::to_python` would give (a non-finite float is `None`, as in JSON, and
//! a plain dict has its keys in the `Value`'s sorted order). Anything else (a map with
//! keys that are not strings, bytes, an enum variant with data) takes the `Value` way.

use std::fmt;

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple, PyType};
use serde::ser::{self, Serialize};
use serde_json::Value;

use crate::convert;

/// How deep records may nest in records before `from_dict` takes over: far beyond
/// uzpay's outputs (two levels), and a bound for a class that nests itself.
const MAX_NESTING: usize = 8;

/// A record class, with what it takes to fill it from Rust.
pub(crate) struct RecordClass {
    class: Py<PyType>,
    /// `None` when the class has its own `from_dict`, `__init__` or `__new__`.
    fields: Option<Vec<Field>>,
}

struct Field {
    name: String,
    py_name: Py<PyString>,
    /// The record class of a `_nested` field.
    nested: Option<RecordClass>,
}

impl RecordClass {
    /// The class `name` of the module `module`.
    pub(crate) fn import(py: Python<'_>, module: &str, name: &str) -> PyResult<RecordClass> {
        let class = py.import(module)?.getattr(name)?.cast_into::<PyType>()?;
        RecordClass::of(&class, 0)
    }

    fn of(class: &Bound<'_, PyType>, depth: usize) -> PyResult<RecordClass> {
        let fields = if depth <= MAX_NESTING { fields(class, depth)? } else { None };
        Ok(RecordClass { class: class.clone().unbind(), fields })
    }

    /// A typed output as an instance of the class, serialized straight into Python;
    /// `None` when that is not the way (see the module's documentation), and then
    /// [`RecordClass::wrap`] of its `Value` is.
    pub(crate) fn output<'py, T: Serialize>(&self, py: Python<'py>, output: &T) -> Option<Bound<'py, PyAny>> {
        output.serialize(ToPy { py, mode: Mode::Record(self) }).ok()
    }

    /// The canonical JSON output as an instance of the class.
    pub(crate) fn wrap<'py>(&self, py: Python<'py>, output: &Value) -> PyResult<Bound<'py, PyAny>> {
        if let (Some(fields), Value::Object(map)) = (&self.fields, output) {
            if map.len() == fields.len() {
                let values: Option<Vec<&Value>> = fields.iter().map(|f| map.get(&f.name)).collect();
                if let Some(values) = values {
                    let (new, setattr) = object_methods(py)?;
                    let record = new.bind(py).call1((self.class.bind(py),))?;
                    for (field, value) in fields.iter().zip(values) {
                        let value = inflate(py, value, field.nested.as_ref())?;
                        setattr.bind(py).call1((&record, field.py_name.bind(py), value))?;
                    }
                    return Ok(record);
                }
            }
        }
        self.class.bind(py).call_method1("from_dict", (convert::to_python(py, output)?,))
    }
}

/// `_inflate` of `uzpay/_record.py`: a list becomes a tuple (of inflated items), an
/// object in a record field becomes that record, anything else plain Python.
fn inflate<'py>(py: Python<'py>, value: &Value, record: Option<&RecordClass>) -> PyResult<Bound<'py, PyAny>> {
    match (value, record) {
        (Value::Array(items), _) => {
            let items = items.iter().map(|item| inflate(py, item, record)).collect::<PyResult<Vec<_>>>()?;
            Ok(PyTuple::new(py, items)?.into_any())
        }
        (Value::Object(_), Some(record)) => record.wrap(py, value),
        _ => convert::to_python(py, value),
    }
}

/// The slots of a class that keeps `Record`'s `from_dict`, `__init__` and `__new__`,
/// with the record class of each `_nested` field; `None` for any other class.
fn fields(class: &Bound<'_, PyType>, depth: usize) -> PyResult<Option<Vec<Field>>> {
    let py = class.py();
    let record = record_methods(py)?;
    let keeps = |name: &str, theirs: &Py<PyAny>| -> PyResult<bool> {
        let ours = class.getattr(name)?;
        // `from_dict` is a classmethod: compare the functions under the bound methods.
        let ours = if name == "from_dict" { ours.getattr("__func__")? } else { ours };
        Ok(ours.is(theirs.bind(py)))
    };
    if !(keeps("from_dict", &record.from_dict)? && keeps("__init__", &record.init)? && keeps("__new__", &record.new)?) {
        return Ok(None);
    }
    let Ok(slots) = class.getattr("__slots__")?.cast_into::<PyTuple>() else {
        return Ok(None);
    };
    let nested = class.getattr("_nested")?;
    let mut fields = Vec::with_capacity(slots.len());
    for slot in slots.iter() {
        let Ok(py_name) = slot.cast_exact::<PyString>() else {
            return Ok(None);
        };
        let nested = match nested.call_method1("get", (py_name,))? {
            n if n.is_none() => None,
            n => match n.cast_into::<PyType>() {
                Ok(n) => Some(RecordClass::of(&n, depth + 1)?),
                Err(_) => return Ok(None),
            },
        };
        fields.push(Field { name: py_name.to_cow()?.into_owned(), py_name: py_name.clone().unbind(), nested });
    }
    Ok(Some(fields))
}

struct RecordMethods {
    from_dict: Py<PyAny>,
    init: Py<PyAny>,
    new: Py<PyAny>,
}

/// `Record.from_dict` (its function), `Record.__init__` and `Record.__new__`.
fn record_methods(py: Python<'_>) -> PyResult<&RecordMethods> {
    static METHODS: PyOnceLock<RecordMethods> = PyOnceLock::new();
    METHODS.get_or_try_init(py, || {
        let record = py.import("uzpay._record")?.getattr("Record")?;
        Ok(RecordMethods {
            from_dict: record.getattr("from_dict")?.getattr("__func__")?.unbind(),
            init: record.getattr("__init__")?.unbind(),
            new: record.getattr("__new__")?.unbind(),
        })
    })
}

/// `object.__new__` and `object.__setattr__` (a record's own `__setattr__` refuses:
/// records are frozen, and `Record.__init__` goes around it the same way).
fn object_methods(py: Python<'_>) -> PyResult<&(Py<PyAny>, Py<PyAny>)> {
    static OBJECT: PyOnceLock<(Py<PyAny>, Py<PyAny>)> = PyOnceLock::new();
    OBJECT.get_or_try_init(py, || {
        let object = py.get_type::<PyAny>();
        Ok((object.getattr("__new__")?.unbind(), object.getattr("__setattr__")?.unbind()))
    })
}

/// What a serialized value becomes, as `from_dict` would have it.
#[derive(Clone, Copy)]
enum Mode<'a> {
    /// The record itself: an object whose keys are the class's slots.
    Record(&'a RecordClass),
    /// A record's field: `_inflate(value, nested)`, so a list is a tuple (of items
    /// inflated alike) and an object is the nested record, or a plain dict.
    Field(Option<&'a RecordClass>),
    /// Inside a plain dict: `to_python`, so a list is a list and an object a dict.
    Plain,
}

/// Not on the fast way: the `Value` way decides.
#[derive(Debug)]
struct Mismatch;

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not on the fast way")
    }
}

impl std::error::Error for Mismatch {}

impl ser::Error for Mismatch {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Mismatch
    }
}

impl From<PyErr> for Mismatch {
    fn from(_: PyErr) -> Self {
        Mismatch
    }
}

type Out<'py> = Result<Bound<'py, PyAny>, Mismatch>;

/// A serializer into Python objects.
struct ToPy<'a, 'py> {
    py: Python<'py>,
    mode: Mode<'a>,
}

impl<'a, 'py> ToPy<'a, 'py> {
    /// A scalar: fine anywhere but where a record must be.
    fn scalar(&self, value: Bound<'py, PyAny>) -> Out<'py> {
        match self.mode {
            Mode::Record(_) => Err(Mismatch),
            _ => Ok(value),
        }
    }

    fn int<I: IntoPyObject<'py, Target = PyInt, Output = Bound<'py, PyInt>>>(&self, value: I) -> Out<'py> {
        let value = value.into_pyobject(self.py).map_err(|_| Mismatch)?.into_any();
        self.scalar(value)
    }

    fn float(&self, value: f64) -> Out<'py> {
        // As `serde_json::Value::from(f64)`: a NaN or an infinity is null.
        if value.is_finite() {
            self.scalar(PyFloat::new(self.py, value).into_any())
        } else {
            self.scalar(self.py.None().into_bound(self.py))
        }
    }

    fn text(&self, value: &str) -> Out<'py> {
        self.scalar(PyString::new(self.py, value).into_any())
    }

    fn none(&self) -> Out<'py> {
        self.scalar(self.py.None().into_bound(self.py))
    }

    /// The mode of a sequence's items and whether the sequence is a tuple.
    fn items(&self) -> Result<(Mode<'a>, bool), Mismatch> {
        match self.mode {
            Mode::Record(_) => Err(Mismatch),
            Mode::Field(nested) => Ok((Mode::Field(nested), true)),
            Mode::Plain => Ok((Mode::Plain, false)),
        }
    }

    fn sequence(self, len: Option<usize>) -> Result<Sequence<'a, 'py>, Mismatch> {
        let (mode, tuple) = self.items()?;
        Ok(Sequence { py: self.py, mode, tuple, items: Vec::with_capacity(len.unwrap_or(0)) })
    }
}

impl<'a, 'py> ser::Serializer for ToPy<'a, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Mismatch;
    type SerializeSeq = Sequence<'a, 'py>;
    type SerializeTuple = Sequence<'a, 'py>;
    type SerializeTupleStruct = Sequence<'a, 'py>;
    type SerializeTupleVariant = ser::Impossible<Bound<'py, PyAny>, Mismatch>;
    type SerializeMap = Object<'a, 'py>;
    type SerializeStruct = Object<'a, 'py>;
    type SerializeStructVariant = ser::Impossible<Bound<'py, PyAny>, Mismatch>;

    fn serialize_bool(self, v: bool) -> Out<'py> {
        self.scalar(PyBool::new(self.py, v).to_owned().into_any())
    }
    fn serialize_i8(self, v: i8) -> Out<'py> {
        self.int(v)
    }
    fn serialize_i16(self, v: i16) -> Out<'py> {
        self.int(v)
    }
    fn serialize_i32(self, v: i32) -> Out<'py> {
        self.int(v)
    }
    fn serialize_i64(self, v: i64) -> Out<'py> {
        self.int(v)
    }
    fn serialize_u8(self, v: u8) -> Out<'py> {
        self.int(v)
    }
    fn serialize_u16(self, v: u16) -> Out<'py> {
        self.int(v)
    }
    fn serialize_u32(self, v: u32) -> Out<'py> {
        self.int(v)
    }
    fn serialize_u64(self, v: u64) -> Out<'py> {
        self.int(v)
    }
    fn serialize_f32(self, v: f32) -> Out<'py> {
        self.float(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Out<'py> {
        self.float(v)
    }
    fn serialize_char(self, v: char) -> Out<'py> {
        self.text(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Out<'py> {
        self.text(v)
    }
    fn serialize_bytes(self, _v: &[u8]) -> Out<'py> {
        Err(Mismatch)
    }
    fn serialize_none(self) -> Out<'py> {
        self.none()
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Out<'py> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Out<'py> {
        self.none()
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Out<'py> {
        self.none()
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Out<'py> {
        self.text(variant)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _name: &'static str, value: &T) -> Out<'py> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Out<'py> {
        Err(Mismatch)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Sequence<'a, 'py>, Mismatch> {
        self.sequence(len)
    }
    fn serialize_tuple(self, len: usize) -> Result<Sequence<'a, 'py>, Mismatch> {
        self.sequence(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Sequence<'a, 'py>, Mismatch> {
        self.sequence(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Mismatch> {
        Err(Mismatch)
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Object<'a, 'py>, Mismatch> {
        match self.mode {
            // A record is a struct; a map there (a flattened struct) takes the `Value` way.
            Mode::Record(_) | Mode::Field(Some(_)) => Err(Mismatch),
            Mode::Field(None) | Mode::Plain => Ok(Object::dict(self.py, len.unwrap_or(0))),
        }
    }
    fn serialize_struct(self, name: &'static str, len: usize) -> Result<Object<'a, 'py>, Mismatch> {
        if name.starts_with("$serde_json") {
            return Err(Mismatch); // a RawValue
        }
        match self.mode {
            Mode::Record(record) | Mode::Field(Some(record)) => match &record.fields {
                Some(fields) => {
                    Ok(Object::Record { py: self.py, record, values: fields.iter().map(|_| None).collect() })
                }
                None => Err(Mismatch),
            },
            Mode::Field(None) | Mode::Plain => Ok(Object::dict(self.py, len)),
        }
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Mismatch> {
        Err(Mismatch)
    }
}

/// A sequence being serialized: a tuple in a record's field, a list in a plain dict.
struct Sequence<'a, 'py> {
    py: Python<'py>,
    mode: Mode<'a>,
    tuple: bool,
    items: Vec<Bound<'py, PyAny>>,
}

impl<'py> Sequence<'_, 'py> {
    fn push<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Mismatch> {
        self.items.push(value.serialize(ToPy { py: self.py, mode: self.mode })?);
        Ok(())
    }

    fn finish(self) -> Out<'py> {
        Ok(if self.tuple {
            PyTuple::new(self.py, self.items)?.into_any()
        } else {
            PyList::new(self.py, self.items)?.into_any()
        })
    }
}

impl<'py> ser::SerializeSeq for Sequence<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Mismatch;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Mismatch> {
        self.push(value)
    }
    fn end(self) -> Out<'py> {
        self.finish()
    }
}

impl<'py> ser::SerializeTuple for Sequence<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Mismatch;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Mismatch> {
        self.push(value)
    }
    fn end(self) -> Out<'py> {
        self.finish()
    }
}

impl<'py> ser::SerializeTupleStruct for Sequence<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Mismatch;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Mismatch> {
        self.push(value)
    }
    fn end(self) -> Out<'py> {
        self.finish()
    }
}

/// An object being serialized: a record (its values by slot), or a plain dict.
enum Object<'a, 'py> {
    Record { py: Python<'py>, record: &'a RecordClass, values: Vec<Option<Bound<'py, PyAny>>> },
    Dict { py: Python<'py>, entries: Vec<(String, Bound<'py, PyAny>)>, key: Option<String> },
}

impl<'py> Object<'_, 'py> {
    fn dict(py: Python<'py>, len: usize) -> Self {
        Object::Dict { py, entries: Vec::with_capacity(len), key: None }
    }

    fn field<T: ?Sized + Serialize>(&mut self, key: &str, value: &T) -> Result<(), Mismatch> {
        match self {
            Object::Record { py, record, values } => {
                let fields = record.fields.as_ref().ok_or(Mismatch)?;
                let index = fields.iter().position(|f| f.name == key).ok_or(Mismatch)?;
                let field = fields.get(index).ok_or(Mismatch)?;
                let value = value.serialize(ToPy { py: *py, mode: Mode::Field(field.nested.as_ref()) })?;
                match values.get_mut(index) {
                    Some(slot @ None) => *slot = Some(value),
                    _ => return Err(Mismatch), // a key given twice
                }
            }
            Object::Dict { py, entries, .. } => {
                let value = value.serialize(ToPy { py: *py, mode: Mode::Plain })?;
                entries.push((key.to_owned(), value));
            }
        }
        Ok(())
    }

    fn finish(self) -> Out<'py> {
        match self {
            Object::Record { py, record, values } => {
                let fields = record.fields.as_ref().ok_or(Mismatch)?;
                let (new, setattr) = object_methods(py)?;
                let instance = new.bind(py).call1((record.class.bind(py),))?;
                for (field, value) in fields.iter().zip(values) {
                    // Every slot, as `Record.__init__` requires.
                    let value = value.ok_or(Mismatch)?;
                    setattr.bind(py).call1((&instance, field.py_name.bind(py), value))?;
                }
                Ok(instance)
            }
            Object::Dict { py, mut entries, .. } => {
                // In the order of the `Value`'s map (sorted keys); a later key wins.
                entries.sort_by(|(a, _), (b, _)| a.cmp(b));
                let dict = PyDict::new(py);
                for (key, value) in entries {
                    dict.set_item(key, value)?;
                }
                Ok(dict.into_any())
            }
        }
    }
}

impl<'py> ser::SerializeStruct for Object<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Mismatch;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<(), Mismatch> {
        self.field(key, value)
    }
    fn end(self) -> Out<'py> {
        self.finish()
    }
}

impl<'py> ser::SerializeMap for Object<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Mismatch;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), Mismatch> {
        let Object::Dict { key: slot, .. } = self else {
            return Err(Mismatch);
        };
        // String keys only; `serde_json` would turn others into text.
        *slot = Some(key.serialize(KeyText)?);
        Ok(())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Mismatch> {
        let key = match self {
            Object::Dict { key, .. } => key.take().ok_or(Mismatch)?,
            Object::Record { .. } => return Err(Mismatch),
        };
        self.field(&key, value)
    }
    fn end(self) -> Out<'py> {
        self.finish()
    }
}

/// A map key that is a string.
struct KeyText;

impl ser::Serializer for KeyText {
    type Ok = String;
    type Error = Mismatch;
    type SerializeSeq = ser::Impossible<String, Mismatch>;
    type SerializeTuple = ser::Impossible<String, Mismatch>;
    type SerializeTupleStruct = ser::Impossible<String, Mismatch>;
    type SerializeTupleVariant = ser::Impossible<String, Mismatch>;
    type SerializeMap = ser::Impossible<String, Mismatch>;
    type SerializeStruct = ser::Impossible<String, Mismatch>;
    type SerializeStructVariant = ser::Impossible<String, Mismatch>;

    fn serialize_str(self, v: &str) -> Result<String, Mismatch> {
        Ok(v.to_owned())
    }
    fn serialize_bool(self, _v: bool) -> Result<String, Mismatch> {
        Err(Mismatch)
    }
    fn serialize_i8(self, _v: i8) -> Result<String, Mismatch> {
        Err(Mismatch)
    }
    fn serialize_i16(self, _v: i16) -> Result<String, Mismatch> {
        Err(Mismatch)
    }
    fn serialize_i32(self, _v: i32) -> Result<String, Mismatch> {
        Err(Mismatch)
    }
    fn serialize_i64(self, _v: i64) -> Result<String, Mismatch> {
        Err(Mismatch)
    }
    fn serialize_u8(self, _v: u8) -> Result<String, Mismatch> {
        Err(Mismatch)
    }
    fn serialize_u16(self, _v: u16) -> Result<String, Mismatch> {
        Err(Mismatch)
    }
    fn serialize_u32(self, _v: u32) -> Result<String, Mismatch> {
        Err(Mismatch)
    }
    fn serialize_u64(self, _v: u64) -> Result<String, Mismatch> {
        Err(Mismatch)
    }
    fn serialize_f32(self, _v: f32) -> Result<String, Mismatch> {
        Err(Mismatch)
    }
    fn serialize_f64(self, _v: f64) -> Result<String, Mismatch> {
        Err(Mismatch)
    }
    fn serialize_char(self, _v: char) -> Result<String, Mismatch> {
        Err(Mismatch)
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<String, Mismatch> {
        Err(Mismatch)
    }
    fn serialize_none(self) -> Result<String, Mismatch> {
        Err(Mismatch)
    }
    fn serialize_some<T: ?Sized + Serialize>(self, _value: &T) -> Result<String, Mismatch> {
        Err(Mismatch)
    }
    fn serialize_unit(self) -> Result<String, Mismatch> {
        Err(Mismatch)
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<String, Mismatch> {
        Err(Mismatch)
    }
    fn serialize_unit_variant(self, _n: &'static str, _i: u32, _v: &'static str) -> Result<String, Mismatch> {
        Err(Mismatch)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _n: &'static str, _v: &T) -> Result<String, Mismatch> {
        Err(Mismatch)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _n: &'static str,
        _i: u32,
        _variant: &'static str,
        _v: &T,
    ) -> Result<String, Mismatch> {
        Err(Mismatch)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Mismatch> {
        Err(Mismatch)
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Mismatch> {
        Err(Mismatch)
    }
    fn serialize_tuple_struct(self, _n: &'static str, _len: usize) -> Result<Self::SerializeTupleStruct, Mismatch> {
        Err(Mismatch)
    }
    fn serialize_tuple_variant(
        self,
        _n: &'static str,
        _i: u32,
        _v: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Mismatch> {
        Err(Mismatch)
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Mismatch> {
        Err(Mismatch)
    }
    fn serialize_struct(self, _n: &'static str, _len: usize) -> Result<Self::SerializeStruct, Mismatch> {
        Err(Mismatch)
    }
    fn serialize_struct_variant(
        self,
        _n: &'static str,
        _i: u32,
        _v: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Mismatch> {
        Err(Mismatch)
    }
}
