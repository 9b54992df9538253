//! Python: `uzpay/_generated.py`, every record class (outputs, inputs, the fiscal
//! values), the provider config classes, a `TypedDict` per input for type checkers,
//! and a `build_<name>`/`parse_<name>` function per operation. The hand-written
//! runtime they stand on is `uzpay/_runtime.py`.

use std::collections::BTreeSet;
use std::fmt::Write;

use uzpay::describe::{Field, FlowDesc, Kind, Shape, Surface, TypeDesc};

use crate::common::{banner, described, doc_lines, fields, find, input_types, is_struct, output_types, unoptional};
use crate::File;

pub fn files(surface: &Surface) -> Vec<File> {
    vec![
        File { path: "bindings-python/python/uzpay/_generated.py", text: module(surface) },
        File { path: "bindings-python/src/generated.rs", text: crate::rustfmt(&native(surface)) },
        File { path: "bindings-python/python/uzpay/_error_kinds.py", text: error_kinds(surface) },
    ]
}

/// A docstring's body: the doc's lines, escaped, indented.
fn docstring(out: &mut String, indent: &str, doc: &str) {
    let lines = doc_lines(doc);
    let text = lines.join("\n").replace('\\', "\\\\").replace("\"\"\"", "\\\"\\\"\\\"");
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    if !text.contains('\n') {
        let _ = writeln!(out, "{indent}\"\"\"{text}\"\"\"");
        return;
    }
    let _ = writeln!(out, "{indent}\"\"\"{}", text.lines().next().unwrap_or_default());
    for line in text.lines().skip(1) {
        if line.is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "{indent}{line}");
        }
    }
    let _ = writeln!(out, "{indent}\"\"\"");
}

/// The Python type of a shape, in a record's attribute (`tuple` for lists).
fn annotation(shape: &Shape) -> String {
    match shape {
        Shape::Bool => "bool".into(),
        Shape::Int { .. } => "int".into(),
        Shape::Float => "float".into(),
        Shape::String | Shape::Secret => "str".into(),
        Shape::Json => "Any".into(),
        Shape::Option { of } => format!("{} | None", annotation(of)),
        Shape::List { of } => format!("tuple[{}, ...]", annotation(of)),
        Shape::Named { name } => (*name).into(),
    }
}

/// The Python type a caller may give for a shape (records or their dicts, any sequence).
fn given(surface: &Surface, shape: &Shape) -> String {
    match shape {
        Shape::Option { of } => format!("{} | None", given(surface, of)),
        Shape::List { of } => format!("Sequence[{}]", given(surface, of)),
        Shape::Named { name } if is_struct(find(surface, name)) => format!("{name} | {name}Dict | Mapping[str, Any]"),
        other => annotation(other),
    }
}

/// A field's default as a Python literal, if it has one (a record's: the record made
/// with its own defaults).
fn default_literal(field: &Field) -> Option<String> {
    if let Shape::Option { .. } = field.shape {
        return Some("None".into());
    }
    Some(match field.default.as_ref()? {
        serde_json::Value::Object(_) => format!("{}()", described(&field.shape)?),
        serde_json::Value::Null => "None".into(),
        serde_json::Value::Bool(b) => if *b { "True" } else { "False" }.into(),
        serde_json::Value::String(s) => format!("{s:?}"),
        other => other.to_string(),
    })
}

/// The named types in an order where each comes after the types it holds.
fn ordered<'s>(surface: &'s Surface, names: &BTreeSet<&'static str>) -> Vec<&'s TypeDesc> {
    let mut done: BTreeSet<&str> = BTreeSet::new();
    let mut out = Vec::new();
    fn visit<'s>(surface: &'s Surface, name: &'static str, done: &mut BTreeSet<&str>, out: &mut Vec<&'s TypeDesc>) {
        if !done.insert(name) {
            return;
        }
        let t = find(surface, name);
        for f in fields(t) {
            if let Some(inner) = described(&f.shape) {
                visit(surface, inner, done, out);
            }
        }
        out.push(t);
    }
    for name in names {
        visit(surface, name, &mut done, &mut out);
    }
    out
}

fn module(surface: &Surface) -> String {
    let inputs = input_types(surface);
    let configs: BTreeSet<&str> = surface.providers.iter().map(|p| p.config).collect();
    let mut all = inputs.clone();
    all.extend(output_types(surface));
    let records: Vec<&TypeDesc> =
        ordered(surface, &all).into_iter().filter(|t| is_struct(t) && !configs.contains(t.name)).collect();
    let enums: Vec<&TypeDesc> = ordered(surface, &all).into_iter().filter(|t| !is_struct(t)).collect();

    let mut out = format!("# {}\n", banner());
    out.push_str(
        r#""""Every record, config and operation of uzpay, generated from the core's own types.

Import them from ``uzpay``. Records are frozen (``uzpay._runtime.Record``); configs check
their fields when made; each ``build_<name>`` validates and builds a request, each
``parse_<name>`` reads the provider's answer into the operation's output record.
"""

from __future__ import annotations

from uzpay import _uzpay
from uzpay._flows import Done, Flow
from uzpay._runtime import Config, HttpRequest, Record, build, call, fields, new_config

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence
    from typing import Any, ClassVar, Literal, Union

    from typing_extensions import TypeAlias, TypedDict, Unpack

    from uzpay.transport import AskCode, AsyncAskCode, AsyncSave, AsyncSend, Save, Send

    #: Response headers: a mapping (``requests``' headers, a dict) or ``(name, value)`` pairs.
    Headers: TypeAlias = Union[Mapping[str, str], Iterable[tuple[str, str]], None]
    #: A response body: bytes, or text (sent as UTF-8).
    Body: TypeAlias = Union[bytes, bytearray, memoryview, str, None]
"#,
    );
    // Enumerations: the wire strings (an open one takes any other string too).
    for t in &enums {
        let Kind::Enum { variants, open } = &t.kind else { continue };
        let literals: Vec<String> = variants.iter().map(|v| format!("{:?}", v.wire)).collect();
        let literal = format!("Literal[{}]", literals.join(", "));
        let alias = if *open { format!("Union[{literal}, str]") } else { literal };
        let _ = writeln!(out, "\n    #: {}\n    {}: TypeAlias = {alias}", doc_lines(t.doc).join(" "), t.name);
    }
    // A TypedDict per input struct, every key optional (a build takes a dict, keyword
    // arguments or both, so no single one must hold every required key).
    for t in ordered(surface, &inputs) {
        if !is_struct(t) || configs.contains(t.name) {
            continue;
        }
        let _ = writeln!(out, "\n    class {}Dict(TypedDict, total=False):", t.name);
        let _ = writeln!(out, "        \"\"\"``{}`` as a dict of canonical names.\"\"\"\n", t.name);
        for f in fields(t) {
            let _ = writeln!(out, "        {}: {}", f.input_name, given(surface, &f.shape));
        }
    }

    let mut names: Vec<String> = Vec::new();
    out.push_str("\n\nERROR_KINDS = (");
    for kind in &surface.error_kinds {
        let _ = write!(out, "{:?}, ", kind.name);
    }
    out.push_str(")\n\"\"\"The kinds of ``UzpayError`` the core gives, the same in every language.\"\"\"\n");

    for t in &records {
        record(surface, &mut out, t, inputs.contains(t.name));
        names.push(t.name.to_owned());
    }
    for p in &surface.providers {
        config(surface, &mut out, find(surface, p.config), p);
        names.push(p.config.to_owned());
    }
    for op in &surface.operations {
        let input = find(surface, op.input);
        let config = op.config;
        let _ = write!(
            out,
            "\n\ndef build_{f}(\n    config: {config},\n    input: {i}Dict | {i} | Mapping[str, Any] | None = None,\n    /,\n    \
             **fields: Unpack[{i}Dict],\n) -> HttpRequest:\n",
            f = op.function,
            i = input.name,
        );
        let doc = format!(
            "{}\n\nValidates the input and builds ``{}``; nothing is sent. The input is a dict, a ``{}``, keyword \
             arguments, or a dict and keyword arguments (canonical snake_case names). Raises ``InvalidInput`` \
             naming the field.",
            op.summary, op.name, input.name
        );
        docstring(&mut out, "    ", &doc);
        let _ = writeln!(out, "    return build({:?}, {config}, config, input, fields)", op.name);
        let _ = write!(
            out,
            "\n\ndef parse_{f}(status: int, headers: Headers, body: Body) -> {o}:\n",
            f = op.function,
            o = op.output
        );
        let doc = format!(
            "Reads the provider's answer to ``{}`` into a ``{}``, or raises the ``UzpayError`` it means.",
            op.name, op.output
        );
        docstring(&mut out, "    ", &doc);
        let _ = writeln!(
            out,
            "    output: {} = _uzpay.parse({:?}, status, headers, body)\n    return output",
            op.output, op.name
        );
        names.push(format!("build_{}", op.function));
        names.push(format!("parse_{}", op.function));
    }
    for f in &surface.functions {
        function(surface, &mut out, f);
        names.push(f.function.to_owned());
    }
    for f in &surface.flows {
        flow_class(surface, &mut out, f);
        names.push(f.class.to_owned());
    }
    // Public under `uzpay` (their repr, their pickles), where `uzpay/__init__.py` puts them.
    out.push_str("\n\nfor _class in (");
    for t in &records {
        let _ = write!(out, "{}, ", t.name);
    }
    for p in &surface.providers {
        let _ = write!(out, "{}, ", p.config);
    }
    for f in &surface.flows {
        let _ = write!(out, "{}, ", f.class);
    }
    out.push_str("):\n    _class.__module__ = \"uzpay\"\n");
    out.push_str("\nfields(");
    for t in &records {
        let _ = write!(out, "{}, ", t.name);
    }
    for p in &surface.providers {
        let _ = write!(out, "{}, ", p.config);
    }
    out.push_str(")\n");
    out.push_str("\n__all__ = [\n    \"ERROR_KINDS\",\n");
    for name in names {
        let _ = writeln!(out, "    {name:?},");
    }
    out.push_str("]\n");
    out
}

fn class_tables(surface: &Surface, out: &mut String, t: &TypeDesc) {
    let nested: Vec<String> = fields(t)
        .iter()
        .filter_map(|f| {
            described(&f.shape).filter(|n| is_struct(find(surface, n))).map(|n| format!("{:?}: {n}", f.output_name))
        })
        .collect();
    if !nested.is_empty() {
        let _ = writeln!(out, "    _nested = {{{}}}", nested.join(", "));
    }
    let secret: Vec<String> = fields(t)
        .iter()
        .filter(|f| matches!(unoptional(&f.shape), Shape::Secret))
        .map(|f| format!("{:?}", f.output_name))
        .collect();
    if !secret.is_empty() {
        let _ = writeln!(out, "    _secret = frozenset({{{}}})", secret.join(", "));
    }
    let omit: Vec<String> =
        fields(t).iter().filter(|f| f.omit_if_none).map(|f| format!("{:?}", f.output_name)).collect();
    if !omit.is_empty() {
        let _ = writeln!(out, "    _omit_none = frozenset({{{}}})", omit.join(", "));
    }
}

fn attributes(out: &mut String, t: &TypeDesc) {
    for f in fields(t) {
        if t.name.ends_with("Config") && matches!(unoptional(&f.shape), Shape::Secret) {
            continue; // held by the core only
        }
        // A record is a tuple: a field named like a tuple method shadows it.
        let shadows = if ["count", "index"].contains(&f.output_name) { "  # type: ignore[assignment]" } else { "" };
        let _ = writeln!(out, "\n    {}: {}{shadows}", f.output_name, annotation(&f.shape));
        docstring(out, "    ", f.doc);
    }
}

/// The names a record's fields go by in Python: the canonical output names, which are
/// the input names too for every type a caller constructs.
fn record(surface: &Surface, out: &mut String, t: &TypeDesc, is_input: bool) {
    let names: Vec<String> = fields(t).iter().map(|f| format!("{:?}, ", f.output_name)).collect();
    let _ = writeln!(out, "\n\nclass {}(Record):", t.name);
    docstring(out, "    ", t.doc);
    let _ = writeln!(out, "\n    __slots__ = ()\n    _fields = ({})", names.concat());
    class_tables(surface, out, t);
    attributes(out, t);
    // Keyword-only: two fields of one type (a price and a count) must never trade places.
    out.push_str("\n    def __new__(\n        cls,\n        *,\n");
    for f in fields(t) {
        let ty = if is_input { given(surface, &f.shape) } else { annotation(&f.shape) };
        let default = if is_input { default_literal(f) } else { None };
        let default = default.map(|d| format!(" = {d}")).unwrap_or_default();
        let _ = writeln!(out, "        {}: {ty}{default},", f.output_name);
    }
    let _ = writeln!(out, "    ) -> {}:", t.name);
    let values: Vec<String> = fields(t).iter().map(|f| format!("{}, ", f.output_name)).collect();
    let _ = writeln!(out, "        return cls._make(({}))", values.concat());
}

fn config(surface: &Surface, out: &mut String, t: &TypeDesc, provider: &uzpay::describe::ProviderDesc) {
    let secret = |f: &Field| matches!(unoptional(&f.shape), Shape::Secret);
    let shown: Vec<String> =
        fields(t).iter().filter(|f| !secret(f)).map(|f| format!("{:?}, ", f.output_name)).collect();
    let order: Vec<String> = fields(t).iter().map(|f| format!("{:?}, ", f.output_name)).collect();
    let _ = writeln!(out, "\n\nclass {}(Config):", t.name);
    let doc = format!(
        "{}\n\nChecked when made: a missing or malformed field raises ``InvalidInput`` naming it. The \
         credentials go to the core and stay there: no attribute holds them, ``repr()`` shows them as ``'***'``.",
        t.doc
    );
    docstring(out, "    ", &doc);
    let _ = writeln!(out, "\n    __slots__ = ()\n    _fields = ({})", shown.concat());
    let _ = writeln!(out, "    _order = ({})", order.concat());
    let _ = writeln!(out, "    _provider = {:?}", provider.id);
    class_tables(surface, out, t);
    let defaults: Vec<String> = fields(t)
        .iter()
        .filter_map(|f| default_literal(f).filter(|d| d != "None").map(|d| format!("{:?}: {d}", f.output_name)))
        .collect();
    let _ = writeln!(out, "    _defaults: ClassVar[Mapping[str, Any]] = {{{}}}", defaults.join(", "));
    for (host, url) in &provider.base_urls {
        let _ = writeln!(out, "    {}_BASE_URL = {url:?}", host.to_uppercase());
    }
    attributes(out, t);
    // Positional too, required fields first: `ViaConfig(base_url, client_id, secret)`.
    let mut ordered: Vec<&Field> = fields(t).iter().filter(|f| f.default.is_none()).collect();
    ordered.extend(fields(t).iter().filter(|f| f.default.is_some()));
    out.push_str("\n    def __new__(\n        cls,\n");
    for f in &ordered {
        let ty = annotation(&f.shape);
        // `None` for a field with a default means the default.
        let ty_default = if f.default.is_some() { format!("{ty} | None = None") } else { ty };
        let _ = writeln!(out, "        {}: {ty_default},", f.output_name);
    }
    let _ = writeln!(out, "    ) -> {}:", t.name);
    let pairs: Vec<String> = fields(t).iter().map(|f| format!("{n:?}: {n}", n = f.output_name)).collect();
    let _ = writeln!(out, "        return new_config(cls, {{{}}})", pairs.join(", "));
    if let Some((_, _)) = provider.base_urls.iter().find(|(host, _)| *host == "sandbox") {
        let creds: Vec<&Field> =
            ordered.iter().copied().filter(|f| f.default.is_none() && f.output_name != "base_url").collect();
        let params: Vec<String> =
            creds.iter().map(|f| format!("{}: {}", f.output_name, annotation(&f.shape))).collect();
        let args: Vec<String> = creds.iter().map(|f| format!("{n}={n}", n = f.output_name)).collect();
        let _ = writeln!(
            out,
            "\n    @classmethod\n    def sandbox(cls, {}) -> {}:\n        \"\"\"The provider's sandbox host with these credentials.\"\"\"\n        return cls({}base_url=cls.SANDBOX_BASE_URL)",
            params.join(", "),
            t.name,
            args.iter().map(|a| format!("{a}, ")).collect::<String>()
        );
    }
}

/// `uzpay::paylov::register_receipt::RegisterReceiptInput` -> `uzpay::paylov::RegisterReceiptInput`:
/// the path of the re-export every provider module makes of its types.
fn public_path(rust_path: &str) -> String {
    let parts: Vec<&str> = rust_path.split("::").collect();
    match parts.as_slice() {
        [krate, module, .., name] if parts.len() > 3 => format!("{krate}::{module}::{name}"),
        _ => rust_path.to_owned(),
    }
}

/// `bindings-python/src/generated.rs`: the codec between Python values and the
/// core's types, per type: `FromPy` for every input (plain dicts and the generated
/// records read field by field, strictly: anything the core's JSON decoder might read
/// otherwise is declined, and then goes as JSON text), `ToPy` for every output (the
/// record class made in one call).
pub fn native(surface: &Surface) -> String {
    let configs: BTreeSet<&str> = surface.providers.iter().map(|p| p.config).collect();
    let mut out = format!("// {}\n", banner());
    out.push_str(
        "//! The codec between Python values and the core's types, generated from the core's\n\
         //! description: `FromPy` reads every input strictly, `ToPy` makes every output's record.\n\n\
         use pyo3::intern;\nuse pyo3::prelude::*;\nuse uzpay::flow::Flow as _;\n\nuse crate::api::Config;\n\
         use crate::convert::{field, fields, record, required, FromPy, ToPy};\nuse crate::flows;\n",
    );
    for name in input_types(surface) {
        let t = find(surface, name);
        if configs.contains(name) {
            continue;
        }
        let path = public_path(t.rust_path);
        match &t.kind {
            Kind::Struct { fields: fs, .. } => {
                let names: Vec<String> = fs.iter().map(|f| format!("intern!(py, {:?})", f.input_name)).collect();
                let vars: Vec<String> = fs.iter().map(|f| format!("f_{}", f.rust_name)).collect();
                let _ = write!(
                    out,
                    "\nimpl FromPy for {path} {{\n    fn from_py(obj: &Bound<'_, PyAny>) -> Option<Self> {{\n        \
                     let py = obj.py();\n        let [{}] = fields(obj, {:?}, [{}])?;\n        Some(Self {{\n",
                    vars.join(", "),
                    t.name,
                    names.join(", ")
                );
                for f in fs {
                    let var = format!("f_{}", f.rust_name);
                    let value = match (&f.shape, f.required) {
                        (_, true) => format!("required({var})?"),
                        (Shape::Option { .. }, false) => format!("field({var}, || None)?"),
                        (_, false) if f.container_default => {
                            format!("field({var}, || <Self as Default>::default().{})?", f.rust_name)
                        }
                        (_, false) => format!("field({var}, Default::default)?"),
                    };
                    let _ = writeln!(out, "            {}: {value},", f.rust_name);
                }
                out.push_str("        })\n    }\n}\n");
            }
            Kind::Enum { variants, .. } => {
                let _ = write!(
                    out,
                    "\nimpl FromPy for {path} {{\n    fn from_py(obj: &Bound<'_, PyAny>) -> Option<Self> {{\n        \
                     match String::from_py(obj)?.as_str() {{\n"
                );
                for v in variants {
                    let _ = writeln!(out, "            {:?} => Some(Self::{}),", v.wire, v.rust_name);
                }
                out.push_str("            _ => None,\n        }\n    }\n}\n");
            }
        }
    }
    flow_classes(surface, &mut out);
    for name in output_types(surface) {
        let t = find(surface, name);
        let path = public_path(t.rust_path);
        let _ = write!(
            out,
            "\nimpl ToPy for {path} {{\n    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {{\n"
        );
        match &t.kind {
            Kind::Struct { fields: fs, .. } => {
                let values: Vec<String> = fs.iter().map(|f| format!("self.{}.to_py(py)?", f.rust_name)).collect();
                let _ = writeln!(out, "        record(py, {:?}, [{}])", t.name, values.join(", "));
            }
            Kind::Enum { open: true, .. } => out.push_str("        self.as_str().to_py(py)\n"),
            Kind::Enum { variants, open: false } => {
                out.push_str("        match self {\n");
                for v in variants {
                    let _ = writeln!(out, "            Self::{} => {:?},", v.rust_name, v.wire);
                }
                out.push_str("        }\n        .to_py(py)\n");
            }
        }
        out.push_str("    }\n}\n");
    }
    out
}

/// A flow: a class over the native flow (`uzpay._runtime.Flow`) whose verbs carry the
/// flow's own types; a flow that asks for an SMS code has the two code verbs.
fn flow_class(surface: &Surface, out: &mut String, f: &FlowDesc) {
    let (step, ask) = (surface.flow_types.step, surface.flow_types.await_verify_code);
    let action = if f.asks_for_code {
        format!("{step} | {ask} | Done[{}]", f.outcome)
    } else {
        format!("{step} | Done[{}]", f.outcome)
    };
    let _ = writeln!(out, "\n\nclass {}(Flow):", f.class);
    let code = if f.asks_for_code {
        " When it asks for the card holder's SMS code (``AwaitVerifyCode``), give it with ``provide_verify_code()`` \
         or ask for a new one with ``resend_code()``."
    } else {
        ""
    };
    let doc = format!(
        "{}\n\nMade from a config and the input (``{}``: a dict, a record or keyword arguments), checked now. \
         ``start()`` gives the first action: a ``Step`` to send, then ``on_response()`` with its answer or \
         ``on_transport_failure()`` when none came, until ``Done``.{code} ``snapshot()`` saves it as text \
         (no credential in it); ``restore()`` makes it again in another process, and ``resume()`` goes on. \
         ``uzpay.transport.run()`` drives it with an HTTP client.",
        f.summary, f.input
    );
    docstring(out, "    ", &doc);
    let _ = writeln!(
        out,
        "\n    __slots__ = ()\n    flow_name = {:?}\n    _config = {}\n    _native_class = _uzpay._{}",
        f.name, f.config, f.class
    );
    let _ = write!(
        out,
        "\n    def __init__(\n        self,\n        config: {c},\n        input: {i}Dict | {i} | Mapping[str, Any] | None = None,\n        \
         /,\n        *,\n        options: {o} | {o}Dict | Mapping[str, Any] | None = None,\n        **fields: Unpack[{i}Dict],\n    \
         ) -> None:\n        super().__init__(config, input, options, fields)\n",
        c = f.config,
        i = f.input,
        o = surface.flow_types.options,
    );
    match f.restore_credentials {
        Some(credentials) => {
            let _ = write!(
                out,
                "\n    @classmethod\n    def restore(\n        cls, config: {c}, snapshot: str, credentials: {k} | {k}Dict | Mapping[str, Any]\n    \
                 ) -> {n}:\n        \"\"\"The flow saved in ``snapshot``, with the config and the account's credentials given again \
                 (no snapshot holds them); call ``resume()`` next.\"\"\"\n        return cls._restore(config, snapshot, credentials)\n",
                c = f.config,
                k = credentials,
                n = f.class
            );
        }
        None => {
            let _ = write!(
                out,
                "\n    @classmethod\n    def restore(cls, config: {c}, snapshot: str) -> {n}:\n        \
                 \"\"\"The flow saved in ``snapshot``, with the config given again (no snapshot holds a credential); \
                 call ``resume()`` next.\"\"\"\n        return cls._restore(config, snapshot, None)\n",
                c = f.config,
                n = f.class
            );
        }
    }
    let verbs: [(&str, &str, &str, &str); 4] = [
        ("start", "", "", "The first action."),
        ("resume", "", "", "The next action after ``restore()``: a request in flight when the flow was saved counts as ``maybe_sent``."),
        ("on_response", ", status: int, headers: Headers, body: Body", ", status, headers, body", "The answer to the last ``Step`` (``on_response(*send(step.request))``)."),
        ("on_transport_failure", ", failure: Literal[\"not_sent\", \"maybe_sent\"]", ", failure", "The last ``Step`` got no answer: it never left (``not_sent``) or may have arrived (``maybe_sent``)."),
    ];
    let code_verbs: [(&str, &str, &str, &str); 2] = [
        (
            "provide_verify_code",
            ", code: str",
            ", code",
            "The SMS code the card holder typed, after ``AwaitVerifyCode``.",
        ),
        ("resend_code", "", "", "Sends the card holder a new SMS code, after ``AwaitVerifyCode``."),
    ];
    let all = verbs.iter().chain(if f.asks_for_code { &code_verbs[..] } else { &[] });
    for (verb, params, args, doc) in all {
        let _ = writeln!(out, "\n    def {verb}(self{params}) -> {action}:");
        docstring(out, "        ", doc);
        let _ = writeln!(out, "        action: {action} = self._event({verb:?}{args})\n        return action");
    }
    // The drivers: the end, or for a flow that asks for a code and has no `ask_code`,
    // the code request.
    let end = if f.asks_for_code { format!("Done[{}] | {ask}", f.outcome) } else { format!("Done[{}]", f.outcome) };
    for (verb, kind, prefix) in [("run", "", ""), ("arun", "Async", "async ")] {
        let (ask_param, ask_arg) = if f.asks_for_code {
            (format!("        ask_code: {kind}AskCode | None = None,\n"), "ask_code=ask_code, ")
        } else {
            (String::new(), "")
        };
        let _ = write!(
            out,
            "\n    {prefix}def {verb}(\n        self,\n        send: {kind}Send | None = None,\n        *,\n        timeout: float | None = None,\n        \
             action: {action} | None = None,\n{ask_param}        save: {kind}Save | None = None,\n    ) -> {end}:\n"
        );
        let doc = if verb == "run" {
            "Drives the flow to its end with ``uzpay.transport.run``: sends each step with ``send`` (by default \
             ``send_urllib`` with ``timeout``), from ``action`` (by default ``start()``), handing every snapshot \
             to ``save``."
        } else {
            "``run()`` for asyncio, with ``uzpay.transport.arun`` (by default ``send_httpx`` with ``timeout``)."
        };
        docstring(out, "        ", doc);
        let wait = if prefix.is_empty() { "" } else { "await " };
        let _ = writeln!(
            out,
            "        from uzpay.transport import {verb}\n\n        end: {end} = {wait}{verb}(self, send, timeout=timeout, \
             action=action, {ask_arg}save=save)\n        return end"
        );
    }
}

/// A native class per flow, `_uzpay._<Flow>`, with the flow's verbs (on `crate::flows`),
/// and `add_flows`, which adds them to the module.
fn flow_classes(surface: &Surface, out: &mut String) {
    for f in &surface.flows {
        let c = f.class;
        let _ = write!(
            out,
            "\n/// `{name}`, driven by `uzpay.{c}`.\n#[pyclass(frozen, module = \"uzpay._uzpay\", name = \"_{c}\")]\n\
             pub(crate) struct {c}(std::sync::Mutex<uzpay::flow::{c}>);\n\n#[pymethods]\nimpl {c} {{\n    \
             #[staticmethod]\n    fn new(py: Python<'_>, config: &Config, input: &Bound<'_, PyAny>, options: &Bound<'_, PyAny>) \
             -> PyResult<Self> {{\n        flows::create(py, &config.0, input, options).map(Self)\n    }}\n\n    \
             #[staticmethod]\n    fn restore(py: Python<'_>, config: &Config, snapshot: &str, credentials: &Bound<'_, PyAny>) \
             -> PyResult<Self> {{\n        flows::restore(py, &config.0, snapshot, credentials).map(Self)\n    }}\n\n    \
             fn start<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {{\n        flows::event(py, &self.0, |f| f.start())\n    }}\n\n    \
             fn resume<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {{\n        flows::event(py, &self.0, |f| f.resume())\n    }}\n\n    \
             fn on_response<'py>(&self, py: Python<'py>, status: &Bound<'py, PyAny>, headers: &Bound<'py, PyAny>, body: &Bound<'py, PyAny>) \
             -> PyResult<Bound<'py, PyAny>> {{\n        let response = crate::response::from_python(status, headers, body)?;\n        \
             flows::event(py, &self.0, |f| f.on_response(&response))\n    }}\n\n    \
             fn on_transport_failure<'py>(&self, py: Python<'py>, failure: &str) -> PyResult<Bound<'py, PyAny>> {{\n        \
             let failure = flows::failure(py, failure)?;\n        flows::event(py, &self.0, |f| f.on_transport_failure(failure))\n    }}\n",
            name = f.name,
        );
        if f.asks_for_code {
            out.push_str(
                "\n    fn provide_verify_code<'py>(&self, py: Python<'py>, code: &str) -> PyResult<Bound<'py, PyAny>> {\n        \
                 flows::event(py, &self.0, |f| f.provide_verify_code(code))\n    }\n\n    \
                 fn resend_code<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {\n        \
                 flows::event(py, &self.0, |f| f.resend_code())\n    }\n",
            );
        }
        out.push_str("\n    fn snapshot(&self, py: Python<'_>) -> PyResult<String> {\n        flows::snapshot(py, &self.0)\n    }\n\n    \
                      fn state(&self, py: Python<'_>) -> PyResult<&'static str> {\n        flows::state(py, &self.0)\n    }\n}\n");
    }
    out.push_str("\n/// Adds every flow's native class to the module.\npub(crate) fn add_flows(m: &Bound<'_, PyModule>) -> PyResult<()> {\n");
    for f in &surface.flows {
        let _ = writeln!(out, "    m.add_class::<{}>()?;", f.class);
    }
    out.push_str("    Ok(())\n}\n");
}

/// A function of the core: its input's fields as parameters (positional when there
/// are at most two and each is required, keyword-only otherwise); a one-field output is
/// given back as that field's value.
fn function(surface: &Surface, out: &mut String, f: &uzpay::describe::FunctionDesc) {
    let input = fields(find(surface, f.input));
    let output = find(surface, f.output);
    let positional = input.len() <= 2 && input.iter().all(|field| field.required);
    let mut params: Vec<String> = Vec::new();
    if !positional {
        params.push("*".into());
    }
    for field in input {
        let default = if field.required {
            String::new()
        } else {
            default_literal(field).map(|d| format!(" = {d}")).unwrap_or_default()
        };
        params.push(format!("{}: {}{default}", field.input_name, given(surface, &field.shape)));
    }
    let single = match fields(output) {
        [only] => Some(only),
        _ => None,
    };
    let returns = single.map_or_else(|| output.name.to_owned(), |only| annotation(&only.shape));
    let _ = writeln!(out, "\n\ndef {}({}) -> {returns}:", f.function, params.join(", "));
    docstring(out, "    ", &format!("{}\n\nRaises ``InvalidInput`` naming the field of a refused input.", f.summary));
    let data: Vec<String> = input.iter().map(|field| format!("{n:?}: {n}", n = field.input_name)).collect();
    let _ = writeln!(out, "    output: {} = call({:?}, {{{}}})", output.name, f.name, data.join(", "));
    match single {
        Some(only) => {
            let _ = writeln!(out, "    return output.{}", only.output_name);
        }
        None => out.push_str("    return output\n"),
    }
}

/// `uzpay/_error_kinds.py`: an exception class per error kind of the core, with the
/// fields of the core's error record that kind carries (`uzpay/errors.py` holds the
/// base class and re-exports these).
pub fn error_kinds(surface: &Surface) -> String {
    let record = find(surface, surface.error_record);
    let mut out = format!("# {}\n", banner());
    out.push_str(
        "\"\"\"The core's error kinds as exceptions; import them from ``uzpay`` (or ``uzpay.errors``).\"\"\"\n\n\
         from __future__ import annotations\n\nfrom uzpay.errors import UzpayError\n\nTYPE_CHECKING = False\n\
         if TYPE_CHECKING:\n    from typing import Any\n",
    );
    for kind in &surface.error_kinds {
        let class = format!("{}Error", kind.rust_name);
        let carried: Vec<&Field> =
            kind.fields.iter().filter_map(|name| fields(record).iter().find(|f| f.output_name == *name)).collect();
        let _ = writeln!(out, "\n\nclass {class}(UzpayError):");
        docstring(&mut out, "    ", kind.doc);
        let _ = writeln!(out, "\n    kind = {:?}", kind.name);
        if carried.is_empty() {
            continue;
        }
        out.push_str("\n    def __init__(\n        self,\n        text: str = \"\",\n        *,\n");
        for f in &carried {
            let _ = writeln!(out, "        {}: {},", f.output_name, error_param(f));
        }
        out.push_str("        message: str | None = None,\n        retryable: bool = False,\n    ) -> None:\n");
        out.push_str("        super().__init__(text, message=message, retryable=retryable)\n");
        for f in &carried {
            let value = if f.output_name == "messages" {
                "{} if messages is None else messages".to_owned()
            } else {
                f.output_name.to_owned()
            };
            let ty = error_param(f);
            let ty = ty.split(" =").next().unwrap_or_default().replace(" | None", "");
            let _ = writeln!(out, "        self.{}: {ty} = {value}", f.output_name);
            docstring(&mut out, "        ", f.doc);
        }
    }
    out.push_str("\n\n#: The class of each kind the core gives.\nKINDS: dict[str, type[UzpayError]] = {\n");
    for kind in &surface.error_kinds {
        let _ = writeln!(out, "    {:?}: {}Error,", kind.name, kind.rust_name);
    }
    out.push_str("}\n");
    out
}

/// An error field as a keyword parameter. `details` is the provider's JSON text in the
/// record, and Python gives its parsed value.
fn error_param(field: &Field) -> String {
    match (field.output_name, unoptional(&field.shape)) {
        ("details", _) => "Any = None".into(),
        (_, Shape::Int { .. }) => "int = 0".into(),
        (_, Shape::Named { .. }) => "dict[str, str] | None = None".into(),
        _ => "str = \"\"".into(),
    }
}
