//! The fast path of an input: Python values decoded straight into the core's typed
//! input, with no JSON in between.
//!
//! The JSON path (`convert::to_json`, then `uzpay::json`) stays the one that decides
//! and explains: this path only ever answers "here is the same typed value the JSON
//! path would decode" or "not on the fast path" ([`Bail`]), and the callers then run
//! the JSON path, which gives the answer, error or not, with its field path and its
//! words. So this path can be strict without being exact about errors: it takes the
//! plain shapes of real inputs (exact `dict`, `list`, `tuple`, `str` keys, `None`,
//! `bool`, `int`, `str`, uzpay's records) and bails on anything else (a float, a
//! `Mapping` that is not a dict, a `list` subclass, an unknown field, a value the
//! type refuses, a Python error, a value that would be ignored rather than read).
//!
//! What it must get right is the success case: for every input it decodes, the typed
//! value equals the JSON path's. It mirrors how `serde_json::Value` feeds a visitor:
//! `None` is null (`visit_none` for an option, `visit_unit` otherwise), an int is
//! `visit_u64` when it is not negative and `visit_i64` when it is, a string is owned
//! text, a list or tuple is a sequence that must be read to its end, a dict is a map
//! whose every entry is read. A record (`Item`) is read as its `to_dict()` would be,
//! when its class keeps `Record.to_dict`.

use std::fmt;
use std::sync::Mutex;

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyInt, PyList, PyString, PyTuple, PyType};
use serde::de::value::{BorrowedStrDeserializer, StringDeserializer};
use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};

use crate::convert::MAX_DEPTH;

/// Not on the fast path: run the JSON path, which gives the answer.
#[derive(Debug)]
pub(crate) struct Bail;

impl fmt::Display for Bail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not on the fast path")
    }
}

impl std::error::Error for Bail {}

impl de::Error for Bail {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Bail
    }
}

impl From<PyErr> for Bail {
    fn from(_: PyErr) -> Self {
        Bail
    }
}

type Result<T> = std::result::Result<T, Bail>;

/// A single value (an argument, a list of items) as a `T`.
pub(crate) fn decode<T: DeserializeOwned>(value: &Bound<'_, PyAny>) -> Result<T> {
    T::deserialize(Value { value: value.clone(), depth: 0 })
}

/// An operation's input: the input dict (or `None`) and the keyword arguments, as one
/// struct. A field in both reaches the struct twice, which it refuses (and the JSON
/// path then raises the `TypeError` that says so).
pub(crate) fn input<'py, T: DeserializeOwned>(
    py: Python<'py>,
    input: Option<&Bound<'py, PyAny>>,
    kwargs: Option<&Bound<'py, PyDict>>,
) -> Result<T> {
    let mut entries = Vec::new();
    if let Some(input) = input.filter(|i| !i.is_none()) {
        entries = dict_entries(input.cast::<PyDict>().map_err(|_| Bail)?);
    }
    if let Some(kwargs) = kwargs {
        entries.extend(kwargs.iter());
    }
    T::deserialize(Fields { py, entries })
}

/// The top level of an input: the entries of the dict and the keyword arguments,
/// read only as a struct.
struct Fields<'py> {
    py: Python<'py>,
    entries: Vec<(Bound<'py, PyAny>, Bound<'py, PyAny>)>,
}

impl<'de> de::Deserializer<'de> for Fields<'_> {
    type Error = Bail;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(Bail)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        let names = field_names(self.py, fields)?;
        visit_struct(visitor, self.entries, fields, Some(names), 0)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

/// One Python value.
struct Value<'py> {
    value: Bound<'py, PyAny>,
    depth: usize,
}

/// What a Python value is, as the JSON path sees it.
enum Shape<'py> {
    Null,
    Bool(bool),
    Int(Bound<'py, PyAny>),
    Str(Bound<'py, PyString>),
    Seq(Vec<Bound<'py, PyAny>>),
    Map(Vec<(Bound<'py, PyAny>, Bound<'py, PyAny>)>),
}

impl<'py> Value<'py> {
    fn shape(&self) -> Result<Shape<'py>> {
        if self.depth > MAX_DEPTH {
            return Err(Bail);
        }
        let v = &self.value;
        if v.is_none() {
            return Ok(Shape::Null);
        }
        // bool before int, as in the JSON path: a bool is an int in Python only.
        if let Ok(b) = v.cast::<PyBool>() {
            return Ok(Shape::Bool(b.is_true()));
        }
        if v.is_instance_of::<PyInt>() {
            return Ok(Shape::Int(v.clone()));
        }
        if let Ok(s) = v.cast::<PyString>() {
            return Ok(Shape::Str(s.clone()));
        }
        if let Ok(dict) = v.cast::<PyDict>() {
            return Ok(Shape::Map(dict_entries(dict)));
        }
        // Exact types only: a subclass may iterate in its own way.
        if let Ok(list) = v.cast_exact::<PyList>() {
            return Ok(Shape::Seq(list.iter().collect()));
        }
        if let Ok(tuple) = v.cast_exact::<PyTuple>() {
            return Ok(Shape::Seq(tuple.iter().collect()));
        }
        record_entries(v).map(Shape::Map)
    }
}

fn dict_entries<'py>(dict: &Bound<'py, PyDict>) -> Vec<(Bound<'py, PyAny>, Bound<'py, PyAny>)> {
    // A snapshot, as the JSON path reads one (`items()`): Python code that runs
    // later (a record's attribute) cannot change what is read.
    dict.iter().collect()
}

/// A uzpay record (`Item`) as the entries of its `to_dict()`, read from its slots:
/// every field but those of `_omit_none` that are `None`. Only for classes that keep
/// `Record.to_dict`; another `to_dict` could say anything.
fn record_entries<'py>(value: &Bound<'py, PyAny>) -> Result<Vec<(Bound<'py, PyAny>, Bound<'py, PyAny>)>> {
    let py = value.py();
    let (record, to_dict) = record_class(py)?;
    if !value.is_instance(record.bind(py))? {
        return Err(Bail);
    }
    let class = value.get_type();
    if !class.getattr("to_dict")?.is(to_dict.bind(py)) {
        return Err(Bail);
    }
    let slots = class.getattr("__slots__")?;
    let slots = slots.cast_exact::<PyTuple>().map_err(|_| Bail)?;
    let omit = class.getattr("_omit_none")?;
    let mut entries = Vec::with_capacity(slots.len());
    for slot in slots.iter() {
        let field = value.getattr(slot.cast_exact::<PyString>().map_err(|_| Bail)?)?;
        if field.is_none() && omit.contains(&slot)? {
            continue;
        }
        entries.push((slot, field));
    }
    Ok(entries)
}

/// `uzpay._record.Record` and its `to_dict`.
fn record_class(py: Python<'_>) -> Result<&(Py<PyType>, Py<PyAny>)> {
    static RECORD: PyOnceLock<(Py<PyType>, Py<PyAny>)> = PyOnceLock::new();
    Ok(RECORD.get_or_try_init(py, || -> PyResult<_> {
        let class = py.import("uzpay._record")?.getattr("Record")?.cast_into::<PyType>()?;
        let to_dict = class.getattr("to_dict")?.unbind();
        Ok((class.unbind(), to_dict))
    })?)
}

/// The field names of a struct as a dict `{name: index}`, so that a key is matched
/// by a dict lookup (the key's cached hash, then its characters) rather than copied
/// out as UTF-8. One dict per struct type, made on first use. (The lock is never held
/// while Python runs: Python code could switch threads, and another thread here would
/// then wait for the lock while holding the GIL.)
fn field_names<'py>(py: Python<'py>, fields: &'static [&'static str]) -> Result<Bound<'py, PyDict>> {
    type Known = Vec<((usize, usize), Py<PyDict>)>;
    static KNOWN: Mutex<Known> = Mutex::new(Vec::new());
    let id = (fields.as_ptr() as usize, fields.len());
    let find = |known: &Known| known.iter().find(|(i, _)| *i == id).map(|(_, names)| names.bind(py).clone());
    if let Some(names) = find(&*KNOWN.lock().map_err(|_| Bail)?) {
        return Ok(names);
    }
    let names = PyDict::new(py);
    for (index, name) in fields.iter().enumerate() {
        names.set_item(name, index)?;
    }
    let mut known = KNOWN.lock().map_err(|_| Bail)?;
    match find(&known) {
        Some(first) => Ok(first), // made meanwhile by another thread
        None => {
            known.push((id, names.clone().unbind()));
            Ok(names)
        }
    }
}

/// A struct from map entries: each key is one of the struct's fields (or the path
/// bails), each value read in turn.
fn visit_struct<'de, 'py, V: Visitor<'de>>(
    visitor: V,
    entries: Vec<(Bound<'py, PyAny>, Bound<'py, PyAny>)>,
    fields: &'static [&'static str],
    names: Option<Bound<'py, PyDict>>,
    depth: usize,
) -> Result<V::Value> {
    let mut access = Entries { entries: entries.into_iter(), value: None, names: names.map(|n| (n, fields)), depth };
    let value = visitor.visit_map(&mut access)?;
    access.end()?;
    Ok(value)
}

/// A map's entries; with `names`, the keys are a struct's fields.
struct Entries<'py> {
    entries: std::vec::IntoIter<(Bound<'py, PyAny>, Bound<'py, PyAny>)>,
    value: Option<Bound<'py, PyAny>>,
    names: Option<(Bound<'py, PyDict>, &'static [&'static str])>,
    depth: usize,
}

impl Entries<'_> {
    /// Every entry must have been read, as `serde_json` requires of a map.
    fn end(self) -> Result<()> {
        if self.entries.len() == 0 && self.value.is_none() {
            Ok(())
        } else {
            Err(Bail)
        }
    }
}

impl<'de> de::MapAccess<'de> for Entries<'_> {
    type Error = Bail;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        // Exact str keys only: a subclass's hash and equality are its own.
        let key = key.cast_exact::<PyString>().map_err(|_| Bail)?;
        self.value = Some(value);
        let key = match &self.names {
            Some((names, fields)) => {
                let index: usize = names.get_item(key)?.ok_or(Bail)?.extract()?;
                let name: &'static str = fields.get(index).ok_or(Bail)?;
                seed.deserialize(BorrowedStrDeserializer::<Bail>::new(name))?
            }
            None => {
                let text = key.to_cow()?.into_owned();
                seed.deserialize(StringDeserializer::<Bail>::new(text))?
            }
        };
        Ok(Some(key))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let value = self.value.take().ok_or(Bail)?;
        seed.deserialize(Value { value, depth: self.depth + 1 })
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// A sequence's items.
struct Items<'py> {
    items: std::vec::IntoIter<Bound<'py, PyAny>>,
    depth: usize,
}

impl<'de> de::SeqAccess<'de> for Items<'_> {
    type Error = Bail;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        match self.items.next() {
            Some(value) => seed.deserialize(Value { value, depth: self.depth + 1 }).map(Some),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

fn visit_seq<'de, V: Visitor<'de>>(visitor: V, items: Vec<Bound<'_, PyAny>>, depth: usize) -> Result<V::Value> {
    let mut access = Items { items: items.into_iter(), depth };
    let value = visitor.visit_seq(&mut access)?;
    // Every item must have been read, as `serde_json` requires of an array.
    if access.items.len() == 0 {
        Ok(value)
    } else {
        Err(Bail)
    }
}

fn visit_int<'de, V: Visitor<'de>>(visitor: V, int: &Bound<'_, PyAny>) -> Result<V::Value> {
    // As `serde_json::Number` holds it: not negative is u64, negative is i64.
    if let Ok(i) = int.extract::<i64>() {
        return match u64::try_from(i) {
            Ok(u) => visitor.visit_u64(u),
            Err(_) => visitor.visit_i64(i),
        };
    }
    visitor.visit_u64(int.extract::<u64>()?)
}

fn text(s: &Bound<'_, PyString>) -> Result<String> {
    Ok(s.to_cow()?.into_owned())
}

impl<'de> de::Deserializer<'de> for Value<'_> {
    type Error = Bail;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.shape()? {
            Shape::Null => visitor.visit_unit(),
            Shape::Bool(b) => visitor.visit_bool(b),
            Shape::Int(i) => visit_int(visitor, &i),
            Shape::Str(s) => visitor.visit_string(text(&s)?),
            Shape::Seq(items) => visit_seq(visitor, items, self.depth),
            Shape::Map(entries) => visit_struct(visitor, entries, &[], None, self.depth),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.shape()? {
            Shape::Bool(b) => visitor.visit_bool(b),
            _ => Err(Bail),
        }
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_number(visitor)
    }
    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_number(visitor)
    }
    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_number(visitor)
    }
    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_number(visitor)
    }
    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_number(visitor)
    }
    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_number(visitor)
    }
    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_number(visitor)
    }
    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_number(visitor)
    }
    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_number(visitor)
    }
    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_number(visitor)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_string(visitor)
    }
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_string(visitor)
    }
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.shape()? {
            Shape::Str(s) => visitor.visit_string(text(&s)?),
            _ => Err(Bail),
        }
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(Bail)
    }
    fn deserialize_byte_buf<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(Bail)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.value.is_none() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.shape()? {
            Shape::Null => visitor.visit_unit(),
            _ => Err(Bail),
        }
    }
    fn deserialize_unit_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.shape()? {
            Shape::Seq(items) => visit_seq(visitor, items, self.depth),
            _ => Err(Bail),
        }
    }
    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }
    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.shape()? {
            Shape::Map(entries) => visit_struct(visitor, entries, &[], None, self.depth),
            _ => Err(Bail),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        match self.shape()? {
            Shape::Map(entries) => {
                let names = field_names(self.value.py(), fields)?;
                visit_struct(visitor, entries, fields, Some(names), self.depth)
            }
            _ => Err(Bail),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        // A string is a unit variant, as in `serde_json`; an object (a variant with
        // data) is left to the JSON path.
        match self.shape()? {
            Shape::Str(s) => visitor.visit_enum(IntoDeserializer::<Bail>::into_deserializer(text(&s)?)),
            _ => Err(Bail),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_string(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        // A value the type would skip is still converted whole by the JSON path,
        // which may refuse it (a float): only that path can say.
        Err(Bail)
    }
}

impl Value<'_> {
    fn deserialize_number<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.shape()? {
            Shape::Int(i) => visit_int(visitor, &i),
            _ => Err(Bail),
        }
    }
}
