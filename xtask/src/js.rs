//! JavaScript and TypeScript for the npm package: `js/generated.js` (every type's
//! fields in the caller's and the core's names, the config classes, a build/parse
//! function per operation and a function per fiscal function) and
//! `types/generated.d.ts` (their declarations, with the core's docs).
//!
//! Names: camelCase of the canonical (snake_case) names; an input may use either.

use std::collections::BTreeSet;
use std::fmt::Write;

use uzpay::describe::{Field, Kind, ProviderDesc, Shape, Surface, TypeDesc};

use crate::common::{banner, camel, doc_lines, fields, find, input_types, is_struct, output_types, pascal, unoptional};
use crate::File;

pub fn files(surface: &Surface) -> Vec<File> {
    vec![
        File { path: "bindings-wasm/js/generated-types.js", text: tables(surface) },
        File { path: "bindings-wasm/js/generated.js", text: module(surface) },
        File { path: "bindings-wasm/types/generated.d.ts", text: declarations(surface) },
    ]
}

/// A JSDoc/TSDoc comment.
fn jsdoc(out: &mut String, indent: &str, doc: &str) {
    let lines: Vec<String> = doc_lines(doc).into_iter().map(|l| l.replace("*/", "*&#47;")).collect();
    let text = lines.join("\n");
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    if !text.contains('\n') {
        let _ = writeln!(out, "{indent}/** {text} */");
        return;
    }
    let _ = writeln!(out, "{indent}/**");
    for line in text.lines() {
        let _ = writeln!(out, "{indent} *{}{line}", if line.is_empty() { "" } else { " " });
    }
    let _ = writeln!(out, "{indent} */");
}

/// A field's kind for the codec: the struct it holds, `int` for a whole number (a
/// bigint beyond 2^53), or empty.
fn codec_kind(surface: &Surface, shape: &Shape) -> String {
    match shape {
        Shape::Option { of } | Shape::List { of } => codec_kind(surface, of),
        Shape::Int { bits: 64, .. } => "int".into(),
        Shape::Named { name } if is_struct(find(surface, name)) => (*name).into(),
        _ => String::new(),
    }
}

/// The functions' parameters: the input's fields in order when there are at most two
/// and each is required (`vatIncluded(gross, ratePercent)`), one object otherwise.
fn positional(input: &[Field]) -> bool {
    input.len() <= 2 && input.iter().all(|f| f.required)
}

/// `generated-types.js`: the tables the codec reads (not public).
fn tables(surface: &Surface) -> String {
    let mut out = format!("// {}\n", banner());
    out.push_str("// The core's types and error kinds, for the codec (codec.js) and UzpayError.\n\n");
    let mut all = input_types(surface);
    all.extend(output_types(surface));
    out.push_str(
        "/**\n * Each struct's fields: `[name in JavaScript, canonical name, kind]`, where kind is the\n * struct a field holds, `int` for a 64-bit whole number, or empty.\n */\nexport const TYPES = {\n",
    );
    for name in &all {
        let t = find(surface, name);
        if !is_struct(t) {
            continue;
        }
        let entries: Vec<String> = fields(t)
            .iter()
            .map(|f| {
                let canonical = if input_types(surface).contains(name) { f.input_name } else { f.output_name };
                format!("[{:?}, {:?}, {:?}]", camel(f.output_name), canonical, codec_kind(surface, &f.shape))
            })
            .collect();
        let _ = writeln!(out, "  {name}: [{}],", entries.join(", "));
    }
    let f = &surface.flow_types;
    let credentials = surface.flows.iter().find_map(|f| f.restore_credentials).unwrap_or_default();
    let _ = write!(
        out,
        "}};\n\n/** The core types every flow takes and gives. */\nexport const FLOW_TYPES = {{ options: {:?}, step: {:?}, awaitVerifyCode: {:?}, credentials: {credentials:?} }};\n",
        f.options, f.step, f.await_verify_code
    );
    out.push_str("\n/** The kinds of `UzpayError` the core gives. */\nexport const ERROR_KINDS = [");
    let kinds: Vec<String> = surface.error_kinds.iter().map(|k| format!("{:?}", k.name)).collect();
    let _ = writeln!(out, "{}];", kinds.join(", "));
    out
}

/// `generated.js`: the public configs, operations and functions.
fn module(surface: &Surface) -> String {
    let mut out = format!("// {}\n", banner());
    out.push_str(
        "// Every config, operation and function of the core, for the npm package: each\n\
         // function is one call into the core (runtime.js).\n\n\
         import { Flow } from './flows.js';\nimport { build, call, parse, ProviderConfig } from './runtime.js';\n",
    );
    for p in &surface.providers {
        config_class(surface, &mut out, p);
    }
    for op in &surface.operations {
        let name = pascal(op.function);
        let config = surface.providers.iter().find(|p| p.id == op.provider).map_or("", |p| p.config);
        out.push('\n');
        jsdoc(
            &mut out,
            "",
            &format!("{}\n\nValidates the input and builds the `{}` request; nothing is sent.", op.summary, op.name),
        );
        let _ = writeln!(
            out,
            "export function build{name}(config, input) {{\n  return build({:?}, {config}, {:?}, config, input);\n}}\n",
            op.name, op.input
        );
        jsdoc(
            &mut out,
            "",
            &format!(
                "Reads the provider's answer to `{}` into a `{}`, or throws the `UzpayError` it means.",
                op.name, op.output
            ),
        );
        let _ = writeln!(
            out,
            "export function parse{name}(response) {{\n  return parse({:?}, {:?}, response);\n}}",
            op.name, op.output
        );
    }
    for f in &surface.flows {
        out.push('\n');
        jsdoc(&mut out, "", &flow_doc(f));
        let _ = writeln!(
            out,
            "export class {} extends Flow {{\n  static flowName = {:?};\n  static Config = {};\n  static inputType = {:?};\n  static outcomeType = {:?};",
            f.class, f.name, f.config, f.input, f.outcome
        );
        if f.asks_for_code {
            out.push_str(
                "\n  /** The SMS code the card holder typed, after `awaitVerifyCode`. */\n  provideVerifyCode(code) {\n    return this._event('provideVerifyCode', code);\n  }\n\n  \
                 /** Sends the card holder a new SMS code, after `awaitVerifyCode`. */\n  resendCode() {\n    return this._event('resendCode');\n  }\n",
            );
        }
        out.push_str("}\n");
    }
    out.push_str("\n/** Every operation by its core name: `{ build, parse }`, for code that treats them alike. */\nexport const operations = Object.freeze({\n");
    for op in &surface.operations {
        let name = pascal(op.function);
        let _ = writeln!(out, "  {:?}: Object.freeze({{ build: build{name}, parse: parse{name} }}),", op.name);
    }
    out.push_str("});\n");
    out.push_str("\n/** Every flow class by its core name. */\nexport const flows = Object.freeze({\n");
    for f in &surface.flows {
        let _ = writeln!(out, "  {:?}: {},", f.name, f.class);
    }
    out.push_str("});\n");
    out.push_str("\n/** Every function by its core name, taking its whole input and giving its whole output. */\nexport const functions = Object.freeze({\n");
    for f in &surface.functions {
        let _ = writeln!(out, "  {:?}: (input) => call({:?}, {:?}, {:?}, input),", f.name, f.name, f.input, f.output);
    }
    out.push_str("});\n");
    for f in &surface.functions {
        let input = fields(find(surface, f.input));
        let output = fields(find(surface, f.output));
        let js = camel(f.function);
        let (params, data) = if positional(input) {
            let names: Vec<String> = input.iter().map(|f| camel(f.input_name)).collect();
            (names.join(", "), format!("{{ {} }}", names.join(", ")))
        } else {
            ("input".to_owned(), "input".to_owned())
        };
        let unwrap = match output {
            [only] => format!(".{}", camel(only.output_name)),
            _ => String::new(),
        };
        out.push('\n');
        jsdoc(&mut out, "", f.summary);
        let _ = writeln!(
            out,
            "export function {js}({params}) {{\n  return call({:?}, {:?}, {:?}, {data}){unwrap};\n}}",
            f.name, f.input, f.output
        );
    }
    out
}

fn config_class(surface: &Surface, out: &mut String, p: &ProviderDesc) {
    let t = find(surface, p.config);
    let shown: Vec<String> = fields(t)
        .iter()
        .filter(|f| !matches!(unoptional(&f.shape), Shape::Secret))
        .map(|f| format!("{:?}", f.input_name))
        .collect();
    out.push('\n');
    jsdoc(
        out,
        "",
        &format!(
            "{}\n\nCredentials never print: `toString()`, `toJSON()` and `util.inspect` show them as `***`.",
            t.doc
        ),
    );
    let _ = writeln!(out, "export class {} extends ProviderConfig {{", p.config);
    let _ = writeln!(out, "  static provider = {:?};\n  static type = {:?};", p.id, p.config);
    let _ = writeln!(out, "  /** The fields shown as they are (canonical names); the others are credentials. */");
    let _ = writeln!(out, "  static shown = [{}];", shown.join(", "));
    for (host, url) in &p.base_urls {
        let _ = writeln!(out, "  static {}_BASE_URL = {url:?};", host.to_uppercase());
    }
    out.push_str("}\n");
}

/// A flow class's doc: what it does, and how it is driven.
fn flow_doc(f: &uzpay::describe::FlowDesc) -> String {
    let code = if f.asks_for_code {
        " When it asks for the card holder's SMS code (`awaitVerifyCode`), give it with `provideVerifyCode()` or ask \
         for a new one with `resendCode()`."
    } else {
        ""
    };
    format!(
        "{}\n\n`new {}(config, input, options?)` checks the input now. `start()` gives the first action: a `send` \
         to send, then `onResponse()` with its answer or `onTransportFailure()` when none came, until `done`.{code} \
         `snapshot()` saves it as text (no credential in it); `{}.restore()` makes it again in another process, and \
         `resume()` goes on. `run()` drives it with `fetch`.",
        f.summary, f.class, f.class
    )
}

/// The TypeScript type of a shape, in an input (`given`) or an output.
fn ts(shape: &Shape, money: bool, given: bool) -> String {
    match shape {
        Shape::Bool => "boolean".into(),
        Shape::Int { .. } if money => "Tiyin".into(),
        Shape::Int { bits: 64, .. } => "Integer".into(),
        Shape::Int { .. } | Shape::Float => "number".into(),
        Shape::String | Shape::Secret => "string".into(),
        Shape::Json => "unknown".into(),
        Shape::Option { of } => format!("{} | null", ts(of, money, given)),
        Shape::List { of } if given => format!("readonly {}[]", ts(of, money, given)),
        Shape::List { of } => format!("{}[]", ts(of, money, given)),
        Shape::Named { name } => (*name).into(),
    }
}

fn interface(out: &mut String, t: &TypeDesc, given: bool) {
    out.push('\n');
    jsdoc(out, "", t.doc);
    let _ = writeln!(out, "export interface {} {{", t.name);
    for f in fields(t) {
        jsdoc(out, "  ", f.doc);
        let optional = if given && !f.required { "?" } else { "" };
        let _ = writeln!(out, "  {}{optional}: {};", camel(f.output_name), ts(&f.shape, f.money, given));
    }
    out.push_str("}\n");
}

fn declarations(surface: &Surface) -> String {
    let mut out = format!("// {}\n", banner());
    out.push_str("import type { HttpRequest, HttpResponse, Integer, OpenEnum, Tiyin } from './common.js';\n");
    out.push_str(
        "import type { FlowAction, FlowAwaitVerifyCode, FlowDone, TransportFailure } from './flows.js';\nimport type { RunOptions } from './transport.js';\n",
    );
    let inputs = input_types(surface);
    let outputs = output_types(surface);
    let configs: BTreeSet<&str> = surface.providers.iter().map(|p| p.config).collect();
    let mut all = inputs.clone();
    all.extend(outputs.iter().copied());
    for name in &all {
        let t = find(surface, name);
        match &t.kind {
            Kind::Struct { .. } if configs.contains(name) => {}
            Kind::Struct { .. } => interface(&mut out, t, inputs.contains(name)),
            Kind::Enum { variants, open } => {
                out.push('\n');
                jsdoc(&mut out, "", t.doc);
                let wires: Vec<String> = variants.iter().map(|v| format!("{:?}", v.wire)).collect();
                let union = wires.join(" | ");
                let ty = if *open { format!("OpenEnum<{union}>") } else { union };
                let _ = writeln!(out, "export type {} = {ty};", t.name);
            }
        }
    }
    for p in &surface.providers {
        let t = find(surface, p.config);
        out.push('\n');
        jsdoc(&mut out, "", &format!("The options of a `{}`.", p.config));
        let _ = writeln!(out, "export interface {}Options {{", p.config);
        for f in fields(t) {
            jsdoc(&mut out, "  ", f.doc);
            let optional = if f.required { "" } else { "?" };
            let _ = writeln!(out, "  {}{optional}: {};", camel(f.input_name), ts(&f.shape, f.money, true));
        }
        out.push_str("}\n\n");
        jsdoc(&mut out, "", &format!("{}\n\nCredentials never print, and no property holds one.", t.doc));
        let _ = writeln!(out, "export declare class {} {{", p.config);
        // A config of one provider is never taken for another's.
        let _ = writeln!(out, "  private readonly provider: {:?};", p.id);
        let optional = if fields(t).iter().all(|f| !f.required) { "?" } else { "" };
        let _ = writeln!(out, "  constructor(options{optional}: {}Options);", p.config);
        for f in fields(t).iter().filter(|f| !matches!(unoptional(&f.shape), Shape::Secret)) {
            let _ = writeln!(out, "  readonly {}?: {};", camel(f.input_name), ts(&f.shape, f.money, true));
        }
        let _ = writeln!(out, "  /** A copy with some options replaced, e.g. `config.with({{ accessToken }})`. */");
        let _ = writeln!(out, "  with(changes: Partial<{}Options>): {};", p.config, p.config);
        out.push_str("  /** The options, every credential as `***`. */\n  toJSON(): Record<string, unknown>;\n  toString(): string;\n");
        let _ = writeln!(out, "  static readonly provider: {:?};", p.id);
        for (host, _) in &p.base_urls {
            let _ = writeln!(out, "  static readonly {}_BASE_URL: string;", host.to_uppercase());
        }
        out.push_str("}\n");
        let _ = writeln!(
            out,
            "\n/** A `{c}` or a plain object of its options (whose credentials are then as visible as you left them). */\nexport type {c}Like = {c} | {c}Options;",
            c = p.config
        );
    }
    for op in &surface.operations {
        let name = pascal(op.function);
        let config = surface.providers.iter().find(|p| p.id == op.provider).map_or("", |p| p.config);
        out.push('\n');
        jsdoc(&mut out, "", &format!("{}\n\nValidates the input and builds the `{}` request; nothing is sent. Throws an `UzpayError` of kind `invalid_input` naming the field.", op.summary, op.name));
        let _ = writeln!(
            out,
            "export declare function build{name}(config: {config}Like, input: {}): HttpRequest;",
            op.input
        );
        jsdoc(
            &mut out,
            "",
            &format!("Reads the provider's answer to `{}`, or throws the `UzpayError` it means.", op.name),
        );
        let _ = writeln!(out, "export declare function parse{name}(response: HttpResponse): {};", op.output);
    }
    for f in &surface.flows {
        let ask = if f.asks_for_code { ", true" } else { "" };
        let action = format!("FlowAction<{}{ask}>", f.outcome);
        out.push('\n');
        jsdoc(&mut out, "", &flow_doc(f));
        let _ = writeln!(out, "export declare class {} {{", f.class);
        let _ = writeln!(out, "  /** The core's name of the flow (what to store beside a snapshot). */\n  static readonly flowName: {:?};", f.name);
        let _ = writeln!(
            out,
            "  constructor(config: {}Like, input: {}, options?: {});",
            f.config, f.input, surface.flow_types.options
        );
        let restore = match f.restore_credentials {
            Some(credentials) => format!("config: {}Like, snapshot: string, credentials: {credentials}", f.config),
            None => format!("config: {}Like, snapshot: string", f.config),
        };
        let _ = writeln!(
            out,
            "  /** The flow saved in `snapshot`; call `resume()` next. */\n  static restore({restore}): {};",
            f.class
        );
        let _ = writeln!(out, "  /** The first action. */\n  start(): {action};");
        let _ = writeln!(out, "  /** The next action after `restore()`: a request in flight when saved counts as `maybe_sent`. */\n  resume(): {action};");
        let _ =
            writeln!(out, "  /** The answer to the last `send`. */\n  onResponse(response: HttpResponse): {action};");
        let _ = writeln!(out, "  /** The last `send` got no answer: it never left, or it may have arrived. */\n  onTransportFailure(failure: TransportFailure): {action};");
        if f.asks_for_code {
            let _ = writeln!(
                out,
                "  /** The SMS code the card holder typed. */\n  provideVerifyCode(code: string): {action};"
            );
            let _ = writeln!(out, "  /** Sends the card holder a new SMS code. */\n  resendCode(): {action};");
        }
        let _ = writeln!(
            out,
            "  /** The flow as text to store (no credential, card number or code in it). */\n  snapshot(): string;"
        );
        let _ = writeln!(
            out,
            "  /** Where the flow stands (`sending`: a request is out, or may have been). */\n  readonly state: {};",
            surface.flow_types.state
        );
        let ends = if f.asks_for_code {
            format!("FlowDone<{}> | FlowAwaitVerifyCode", f.outcome)
        } else {
            format!("FlowDone<{}>", f.outcome)
        };
        let _ = writeln!(out, "  /** Drives the flow with `fetch` (or `send`) to its end. */\n  run(options?: RunOptions<{action}>): Promise<{ends}>;");
        out.push_str("}\n");
    }
    out.push_str("\n/** Every operation by its canonical name: its config, input and output. */\nexport interface OperationTypes {\n");
    for op in &surface.operations {
        let config = surface.providers.iter().find(|p| p.id == op.provider).map_or("", |p| p.config);
        let _ =
            writeln!(out, "  {:?}: {{ config: {config}Like; input: {}; output: {} }};", op.name, op.input, op.output);
    }
    out.push_str(
        "}\n\n/** An operation's canonical name, `<provider>.<operation>`. */\nexport type OperationName = keyof OperationTypes;\n\n\
         /** Every operation by its core name, for code that treats operations alike. */\n\
         export declare const operations: {\n  readonly [K in OperationName]: {\n    readonly build: (config: OperationTypes[K]['config'], input: OperationTypes[K]['input']) => HttpRequest;\n    readonly parse: (response: HttpResponse) => OperationTypes[K]['output'];\n  };\n};\n",
    );
    for f in &surface.functions {
        let input = fields(find(surface, f.input));
        let output = fields(find(surface, f.output));
        let params = if positional(input) {
            let params: Vec<String> =
                input.iter().map(|p| format!("{}: {}", camel(p.input_name), ts(&p.shape, p.money, true))).collect();
            params.join(", ")
        } else {
            format!("input: {}", f.input)
        };
        let returns = match output {
            [only] => ts(&only.shape, only.money, false),
            _ => f.output.to_owned(),
        };
        out.push('\n');
        jsdoc(
            &mut out,
            "",
            &format!(
                "{}\n\nThrows an `UzpayError` of kind `invalid_input` naming the field of a refused input.",
                f.summary
            ),
        );
        let _ = writeln!(out, "export declare function {}({params}): {returns};", camel(f.function));
    }
    out.push_str("\n/** Every flow class by its core name. */\nexport declare const flows: {\n");
    for f in &surface.flows {
        let _ = writeln!(out, "  readonly {:?}: typeof {};", f.name, f.class);
    }
    out.push_str("};\n");
    out.push_str("\n/** Every function by its core name, taking its whole input and giving its whole output. */\nexport declare const functions: {\n");
    for f in &surface.functions {
        let _ = writeln!(out, "  readonly {:?}: (input: {}) => {};", f.name, f.input, f.output);
    }
    out.push_str("};\n");
    let kinds: Vec<String> = surface.error_kinds.iter().map(|k| format!("{:?}", k.name)).collect();
    let _ = writeln!(out, "\n/** The kinds of `UzpayError` the core gives, the same in every language. */\nexport type CoreErrorKind = {};", kinds.join(" | "));
    out
}
