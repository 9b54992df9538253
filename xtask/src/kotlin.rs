//! Kotlin: the `Long` factories of the inputs that hold unsigned numbers (the
//! binding's idiomatic face over uniffi's `ULong` records), and the conformance
//! runner's tables (every operation, and each config, input and output read from or
//! written to a vector's canonical JSON).
//!
//! uniffi itself generates the records from the core's types; the names here follow
//! its rules: properties are the Rust field names in camelCase, enum entries the
//! variant names in SHOUTY_SNAKE_CASE.

use std::fmt::Write;

use uzpay::describe::{Field, Kind, Shape, Surface, TypeDesc};

use crate::common::{
    banner, camel, doc_lines, fields, find, is_struct, is_unsigned, pascal, reachable, shouty, unoptional,
};
use crate::File;

pub fn files(surface: &Surface) -> Vec<File> {
    vec![
        File { path: "bindings-kotlin/src/main/kotlin/uz/uzpay/model/Inputs.kt", text: factories(surface) },
        File { path: "bindings-kotlin/src/main/kotlin/uz/uzpay/FlowRuns.kt", text: flow_runs(surface) },
        File { path: "tests/conformance/kotlin/src/uz/uzpay/conformance/Generated.kt", text: runner(surface) },
        File { path: "bindings-kotlin/src/main/kotlin/uz/uzpay/Exceptions.kt", text: exceptions(surface) },
    ]
}

/// The types Kotlin reads from a caller: the operations' configs and inputs, the
/// flows' inputs, options and restore credentials. (Its fiscal functions are its own,
/// over uniffi's records.)
fn input_types(surface: &Surface) -> std::collections::BTreeSet<&'static str> {
    let flows = surface.flows.iter().flat_map(|f| [f.input].into_iter().chain(f.restore_credentials));
    let roots = surface.operations.iter().flat_map(|op| [op.config, op.input]).chain(flows);
    reachable(surface, roots.chain([surface.flow_types.options]))
}

/// The types Kotlin gives back: the operations' outputs, the flows' outcomes and code
/// requests, and its fiscal values.
fn output_types(surface: &Surface) -> std::collections::BTreeSet<&'static str> {
    let flows = surface.flows.iter().map(|f| f.outcome).chain([surface.flow_types.await_verify_code]);
    reachable(
        surface,
        surface.operations.iter().map(|op| op.output).chain(flows).chain(["OfdReceiptUrl", "ReceiptTotals"]),
    )
}

/// The input structs that get a factory: those with an unsigned number, and a field
/// that must be given (a factory whose every argument has a default would make `X()`
/// ambiguous with the constructor: settings like `RetryPolicy` keep their `UInt`s).
fn factory_types(surface: &Surface) -> Vec<&TypeDesc> {
    input_types(surface)
        .into_iter()
        .map(|name| find(surface, name))
        .filter(|t| fields(t).iter().any(|f| is_unsigned(&f.shape)) && fields(t).iter().any(|f| f.default.is_none()))
        .collect()
}

/// The factory's parameter type: the record's, with unsigned numbers as `Long`/`Int`.
fn param_type(shape: &Shape) -> String {
    match shape {
        Shape::Bool => "Boolean".into(),
        Shape::Int { bits: 64, .. } => "Long".into(),
        Shape::Int { .. } => "Int".into(),
        Shape::Float => "Double".into(),
        Shape::String | Shape::Secret => "String".into(),
        Shape::Option { of } => format!("{}?", param_type(of)),
        Shape::List { of } => format!("List<{}>", record_type(of)),
        Shape::Named { name } => (*name).into(),
        Shape::Json => unsupported("a JSON value in a Kotlin input"),
    }
}

/// The record's own (uniffi) type of a shape.
fn record_type(shape: &Shape) -> String {
    match shape {
        Shape::Int { signed: false, bits: 64 } => "ULong".into(),
        Shape::Int { signed: false, bits: 32 } => "UInt".into(),
        Shape::Int { signed: false, bits: 16 } => "UShort".into(),
        Shape::Int { signed: false, .. } => "UByte".into(),
        Shape::Option { of } => format!("{}?", record_type(of)),
        Shape::List { of } => format!("List<{}>", record_type(of)),
        other => param_type(other),
    }
}

/// A field's default as a Kotlin expression, if it has one.
fn default_expr(surface: &Surface, field: &Field) -> Option<String> {
    if let Shape::Option { .. } = field.shape {
        return Some("null".into());
    }
    let value = field.default.as_ref()?;
    Some(match (&field.shape, value) {
        (Shape::Named { name }, serde_json::Value::Object(_)) => format!("{name}()"),
        (Shape::Named { name }, serde_json::Value::String(wire)) => {
            format!("{name}.{}", enum_entry(surface, name, wire))
        }
        (_, serde_json::Value::String(s)) => format!("{s:?}"),
        (_, other) => other.to_string(),
    })
}

/// `FlowRuns.kt`: each flow as a `FlowMachine` (for the drivers) and its `run` and
/// `runSuspending`: the flow's outcome, or for a flow that asks for an SMS code and is
/// given no `askCode`, a `FlowEnd` that may be the code request.
fn flow_runs(surface: &Surface) -> String {
    let mut out = format!("// {}\npackage uz.uzpay\n\nimport uz.uzpay.model.*\n", banner());
    for f in &surface.flows {
        let (c, t) = (f.class, f.outcome);
        let _ = write!(
            out,
            "\n/** The flow as a [FlowMachine], for [drive] and [driveSuspending]. */\nfun {c}.machine(): FlowMachine<{t}> = object : FlowMachine<{t}> {{\n    \
             override fun start() = this@machine.start()\n    override fun resume() = this@machine.resume()\n    override fun onResponse(response: HttpResponse) = this@machine.onResponse(response)\n    \
             override fun onTransportFailure(failure: TransportFailure) = this@machine.onTransportFailure(failure)\n    \
             override fun provideVerifyCode(code: String) = this@machine.provideVerifyCode(code)\n    override fun resendCode() = this@machine.resendCode()\n    \
             override fun snapshot() = this@machine.snapshot()\n    override fun outcome() = this@machine.outcome()\n}}\n"
        );
        let (ask, ask_arg, ask_suspend, end, unwrap) = if f.asks_for_code {
            (
                "    askCode: ((AwaitVerifyCode) -> String?)? = null,\n",
                "askCode",
                "    askCode: (suspend (AwaitVerifyCode) -> String?)? = null,\n",
                format!("FlowEnd<{t}>"),
                "",
            )
        } else {
            ("", "null", "", t.to_owned(), ".let { (it as FlowEnd.Done).outcome }")
        };
        let doc = if f.asks_for_code {
            "Drives the flow with [transport] (see [drive]): its end, which without [askCode] may be the SMS code it waits for."
        } else {
            "Drives the flow with [transport] to its outcome (see [drive])."
        };
        let _ = write!(
            out,
            "\n/** {doc} */\n@Throws(UzpayException::class)\nfun {c}.run(\n    transport: Transport = JdkTransport(),\n    action: FlowAction? = null,\n{ask}    \
             save: ((String) -> Unit)? = null,\n): {end} = drive(machine(), transport, action, {ask_arg}, save){unwrap}\n\n\
             /** [run] for coroutines: no thread blocked while it waits (see [driveSuspending]). */\n@Throws(UzpayException::class)\n\
             suspend fun {c}.runSuspending(\n    transport: SuspendTransport = JdkTransport().suspending(),\n    action: FlowAction? = null,\n{ask_suspend}    \
             save: (suspend (String) -> Unit)? = null,\n): {end} = driveSuspending(machine(), transport, action, {ask_arg}, save){unwrap}\n"
        );
    }
    out
}

/// The Kotlin entry of a closed enum for a wire string.
fn enum_entry(surface: &Surface, name: &str, wire: &str) -> String {
    match &find(surface, name).kind {
        Kind::Enum { variants, .. } => {
            variants.iter().find(|v| v.wire == wire).map_or_else(|| shouty(wire), |v| shouty(v.rust_name))
        }
        Kind::Struct { .. } => unsupported("a struct default"),
    }
}

#[allow(clippy::panic, reason = "a build tool: a shape the Kotlin generator cannot write is a bug to stop at")]
fn unsupported(what: &str) -> ! {
    panic!("the Kotlin generator does not support {what}")
}

fn kdoc(out: &mut String, indent: &str, doc: &str) {
    let lines = doc_lines(doc);
    if lines.iter().all(String::is_empty) {
        return;
    }
    let _ = writeln!(out, "{indent}/**");
    for line in lines {
        let line = line.replace("*/", "*&#47;");
        let _ = writeln!(out, "{indent} *{}{line}", if line.is_empty() { "" } else { " " });
    }
    let _ = writeln!(out, "{indent} */");
}

/// `Inputs.kt`: one factory per input with unsigned numbers.
fn factories(surface: &Surface) -> String {
    let mut out = format!("// {}\npackage uz.uzpay.model\n\nimport uz.uzpay.UzpayException\n", banner());
    out.push_str(
        "
/*
 * The inputs that hold unsigned numbers, with amounts as `Long` tiyin (and counts and
 * rates as `Long`/`Int`) and the core's defaults as default arguments. Each factory has
 * the type's own name, so a call reads like the constructor:
 *
 *     ClickPaymentInput(amount = 150_000, qrCode = scanned)   // 1,500.00 UZS
 *
 * The primary constructors take the core's exact unsigned types (`amount = 150_000uL`);
 * these convert through `toTiyin`/`toUnsigned`, so a negative number throws
 * `UzpayException.InvalidInput` naming the field instead of wrapping around. Nothing
 * else is checked here: the `build*` function validates everything, once.
 */
",
    );
    for t in factory_types(surface) {
        out.push('\n');
        kdoc(&mut out, "", &format!("{}\n\nAmounts in tiyin as `Long`.", t.doc));
        let _ = writeln!(out, "@Throws(UzpayException::class)\nfun {}(", t.name);
        for f in fields(t) {
            let default = default_expr(surface, f).map(|d| format!(" = {d}")).unwrap_or_default();
            let _ = writeln!(out, "    {}: {}{default},", camel(f.rust_name), param_type(&f.shape));
        }
        let _ = writeln!(out, "): {} = {}(", t.name, t.name);
        for f in fields(t) {
            let name = camel(f.rust_name);
            let convert = match unoptional(&f.shape) {
                Shape::Int { signed: false, .. } if f.money => format!(".toTiyin({:?})", f.input_name),
                Shape::Int { signed: false, .. } => format!(".toUnsigned({:?})", f.input_name),
                _ => String::new(),
            };
            let dot = if matches!(f.shape, Shape::Option { .. }) && !convert.is_empty() { "?" } else { "" };
            let _ = writeln!(out, "    {name} = {name}{dot}{convert},");
        }
        out.push_str(")\n");
    }
    out
}

/// `Generated.kt` of the conformance runner.
fn runner(surface: &Surface) -> String {
    let mut out = format!(
        "// {}\npackage uz.uzpay.conformance\n\nimport com.fasterxml.jackson.databind.JsonNode\n\
         import com.fasterxml.jackson.databind.node.ObjectNode\nimport java.math.BigInteger\nimport uz.uzpay.*\n\
         import uz.uzpay.model.*\n",
        banner()
    );
    out.push_str(
        "
/*
 * Every operation, config, input and output of the core for the runner: a vector's
 * canonical JSON read into the typed Kotlin API (through the `Long` factories where
 * the numbers fit, the unsigned constructors where they do not) and the typed outputs
 * written back as canonical JSON. The readers check the JSON's shape as the core's
 * decoder would (`Obj` in Json.kt), with the same field paths.
 */

/** Every operation by its canonical name, through the typed Kotlin API (`buildX`, `parseX`). */
internal val OPS: Map<String, Op> = mapOf(
",
    );
    for op in &surface.operations {
        let name = pascal(op.function);
        let _ = writeln!(
            out,
            "    {:?} to Op(\n        {{ c, i -> build{name}(read{}(c, \"\"), read{}(i, \"\")) }},\n        {{ write(parse{name}(it)) }},\n    ),",
            op.name, op.config, op.input
        );
    }
    out.push_str(")\n");
    out.push_str("\n/** Every flow by its canonical name, through the typed Kotlin API (its class, `machine()`). */\n");
    out.push_str("internal val FLOWS: Map<String, FlowCase> = mapOf(\n");
    let options = surface.flow_types.options;
    for f in &surface.flows {
        let credentials =
            f.restore_credentials.map_or("null".to_owned(), |k| format!("k?.let {{ read{k}(it, \"credentials\") }}"));
        let _ = writeln!(
            out,
            "    {:?} to FlowCase(\n        {{ c, i, o -> {cls}(read{conf}(c, \"\"), read{input}(i, \"\"), o?.let {{ read{options}(it, \"options\") }} ?: {options}()).machine() }},\n        \
             {{ c, s, k -> {cls}.restore(read{conf}(c, \"\"), s, {credentials}).machine() }},\n        {{ write(it as {outcome}) }},\n    ),",
            f.name,
            cls = f.class,
            conf = f.config,
            input = f.input,
            outcome = f.outcome
        );
    }
    out.push_str(")\n");
    out.push_str("\n/** A provider's config (`fiscalbox`, `paylov`, ...) from a vector's `config`. */\n");
    out.push_str("internal fun readConfig(provider: String, json: JsonNode?): Any = when (provider) {\n");
    for p in &surface.providers {
        let _ = writeln!(out, "    {:?} -> read{}(json, \"\")", p.id, p.config);
    }
    out.push_str("    else -> error(\"no provider $provider\")\n}\n");
    for name in input_types(surface) {
        let t = find(surface, name);
        if is_struct(t) {
            reader(surface, &mut out, t);
        }
    }
    for name in output_types(surface) {
        let t = find(surface, name);
        match &t.kind {
            Kind::Struct { .. } => writer(surface, &mut out, t),
            // A closed enum is a Kotlin `enum class`, whose `toString()` is its entry's
            // name, not the wire string.
            Kind::Enum { variants, open: false } => {
                let _ = writeln!(out, "\ninternal fun wire(e: {}): String = when (e) {{", t.name);
                for v in variants {
                    let _ = writeln!(out, "    {}.{} -> {:?}", t.name, shouty(v.rust_name), v.wire);
                }
                out.push_str("}\n");
            }
            Kind::Enum { .. } => {}
        }
    }
    out
}

fn reader(surface: &Surface, out: &mut String, t: &TypeDesc) {
    let keys: Vec<String> = fields(t).iter().map(|f| format!("{:?}", f.input_name)).collect();
    let _ = write!(
        out,
        "\ninternal fun read{}(json: JsonNode?, path: String): {} {{\n    val o = Obj(json, path, setOf({}))\n",
        t.name,
        t.name,
        keys.join(", ")
    );
    let mut unsigned = Vec::new();
    for f in fields(t) {
        let key = format!("{:?}", f.input_name);
        let var = camel(f.rust_name);
        let required = format!("refuse(o.at({key}), \"is required\")");
        let read = match &f.shape {
            Shape::String | Shape::Secret => match &f.default {
                Some(serde_json::Value::String(d)) => format!("o.optStr({key}) ?: {d:?}"),
                _ => format!("o.str({key})"),
            },
            Shape::Option { of } if matches!(**of, Shape::String | Shape::Secret) => format!("o.optStr({key})"),
            Shape::Bool => {
                let default = f.default.as_ref().map_or("false".into(), ToString::to_string);
                format!("o.bool({key}, {default})")
            }
            Shape::Int { signed: false, bits: 64 } => {
                unsigned.push(f);
                let fallback = match &f.default {
                    Some(d) => format!("BigInteger.valueOf({d})"),
                    None => required,
                };
                format!("o.u64Raw({key}) ?: {fallback}")
            }
            Shape::Int { signed: false, bits: 32 } => match &f.default {
                Some(d) => format!("o.u32({key}) ?: {d}u"),
                None => format!("o.u32({key}) ?: {required}"),
            },
            Shape::Int { signed: true, bits: 64 } => format!("o.i64({key}) ?: {required}"),
            Shape::Named { name } if is_struct(find(surface, name)) && f.default.is_some() => {
                format!("o.node({key})?.let {{ read{name}(it, o.at({key})) }} ?: {name}()")
            }
            Shape::Named { name } if is_struct(find(surface, name)) => {
                format!("read{name}(o.node({key}) ?: {required}, o.at({key}))")
            }
            Shape::Named { name } => {
                let choices = choices(surface, name);
                let fallback = f
                    .default
                    .as_ref()
                    .and_then(|d| d.as_str())
                    .map_or(required, |wire| format!("{name}.{}", enum_entry(surface, name, wire)));
                format!("o.choice({key}, {choices}) ?: {fallback}")
            }
            Shape::Option { of } => match &**of {
                Shape::Named { name } if is_struct(find(surface, name)) => {
                    format!("o.node({key})?.let {{ read{name}(it, o.at({key})) }}")
                }
                Shape::Named { name } => format!("o.choice({key}, {})", choices(surface, name)),
                _ => unsupported("this optional input shape"),
            },
            Shape::List { of } => match &**of {
                Shape::Named { name } => format!("o.list({key}, ::read{name}) ?: {required}"),
                _ => unsupported("a list of scalars in an input"),
            },
            _ => unsupported("this input shape"),
        };
        let _ = writeln!(out, "    val {var} = {read}");
    }
    let args = |factory: bool| -> String {
        fields(t)
            .iter()
            .map(|f| {
                let name = camel(f.rust_name);
                let value = match (&f.shape, factory) {
                    (Shape::Int { signed: false, bits: 64 }, true) => format!("{name}.toLong()"),
                    (Shape::Int { signed: false, bits: 64 }, false) => format!("{name}.toULongExact()"),
                    (Shape::Int { signed: false, bits: 32 }, true) => format!("{name}.toInt()"),
                    _ => name.clone(),
                };
                format!("{name} = {value}")
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let has_factory = factory_types(surface).iter().any(|f| f.name == t.name);
    if unsigned.is_empty() || !has_factory {
        let _ = writeln!(out, "    return {}({})\n}}", t.name, args(false));
    } else if fields(t).iter().any(|f| matches!(f.shape, Shape::Int { signed: false, bits: 64 })) {
        let fits: Vec<String> = unsigned.iter().map(|f| camel(f.rust_name)).collect();
        let _ = writeln!(
            out,
            "    if (listOf({}).all {{ it.fitsLong() }}) return within(path) {{ {}({}) }}\n    return {}({})\n}}",
            fits.join(", "),
            t.name,
            args(true),
            t.name,
            args(false)
        );
    } else {
        let _ = writeln!(out, "    return within(path) {{ {}({}) }}\n}}", t.name, args(true));
    }
}

/// `mapOf("UZS" to Currency.UZS, ...)` of a closed enum.
fn choices(surface: &Surface, name: &str) -> String {
    match &find(surface, name).kind {
        Kind::Enum { variants, .. } => {
            let pairs: Vec<String> =
                variants.iter().map(|v| format!("{:?} to {name}.{}", v.wire, shouty(v.rust_name))).collect();
            format!("mapOf({})", pairs.join(", "))
        }
        Kind::Struct { .. } => unsupported("a struct as an enum"),
    }
}

fn writer(surface: &Surface, out: &mut String, t: &TypeDesc) {
    let record = |shape: &Shape| matches!(shape, Shape::Named { name } if is_struct(find(surface, name)));
    let closed = |shape: &Shape| matches!(shape, Shape::Named { name } if matches!(find(surface, name).kind, Kind::Enum { open: false, .. }));
    let _ = writeln!(out, "\ninternal fun write(o: {}): ObjectNode = obj(", t.name);
    for f in fields(t) {
        let prop = format!("o.{}", camel(f.rust_name));
        // Records through their own writer; enums and plain values through `obj`'s
        // conversion (an enum as its wire string).
        let value = match &f.shape {
            shape if record(shape) => format!("write({prop})"),
            shape if closed(shape) => format!("wire({prop})"),
            Shape::Option { of } if closed(of) => format!("{prop}?.let {{ wire(it) }}"),
            Shape::Option { of } if record(of) => format!("{prop}?.let {{ write(it) }}"),
            Shape::List { of } if record(of) => format!("{prop}.map {{ write(it) }}"),
            _ => prop,
        };
        let _ = writeln!(out, "    {:?} to {value},", f.output_name);
    }
    out.push_str(")\n");
}

/// `Exceptions.kt`: what every `UzpayException` answers, whatever its subclass (one per
/// error kind of the core): `retryable` and the kind's canonical name.
fn exceptions(surface: &Surface) -> String {
    let mut out = format!("// {}\npackage uz.uzpay\n", banner());
    out.push_str(
        "
/*
 * The generated sealed class carries `retryable` only on the kinds where it varies; these
 * extensions give it (and the kind's canonical name) on the base type, so a handler
 * needs no cast:
 *
 *     catch (e: UzpayException) { if (e.retryable) retryLater() else report(e.kind, e) }
 */

/** Whether the same request may safely be sent again (after a pause): the core's rule, per operation. */
val UzpayException.retryable: Boolean
    get() = when (this) {
",
    );
    for kind in &surface.error_kinds {
        let value = if kind.name == "invalid_input" { "false" } else { "this.retryable" };
        let _ = writeln!(out, "        is UzpayException.{} -> {value}", kind.rust_name);
    }
    out.push_str(
        "    }\n\n/** The kind's canonical name, the same in every language uzpay ships to. */\nval UzpayException.kind: String\n    get() = when (this) {\n",
    );
    for kind in &surface.error_kinds {
        let _ = writeln!(out, "        is UzpayException.{} -> {:?}", kind.rust_name, kind.name);
    }
    out.push_str("    }\n");
    out
}
