//! The public surface of uzpay as data: every operation, the types of its config,
//! input and output (canonical field names, docs, which fields are money, secrets,
//! optional or left out when absent), the flows and the error kinds.
//!
//! This is the one declaration the bindings are generated from: `cargo xtask codegen`
//! reads [`surface`] and writes the TypeScript types and tables of the npm package,
//! the Python record classes and function stubs, and the Kotlin and conformance
//! tables. Types describe themselves with `#[derive(Describe)]` (crate `uzpay-derive`),
//! which reads the same `serde` attributes that decide the canonical JSON form, so a
//! field's name, optionality and docs are written once, on the Rust type.
//!
//! Behind the `describe` feature: the SDK itself never needs it.

use std::collections::BTreeMap;

use serde::Serialize;

pub use uzpay_derive::Describe;

/// The JSON shape of a value in the canonical form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Shape {
    /// `true` or `false`.
    Bool,
    /// A whole number of `bits` bits, signed or not.
    Int {
        /// Whether it may be negative.
        signed: bool,
        /// 8, 16, 32 or 64.
        bits: u8,
    },
    /// A number with a fraction (a rate; never money).
    Float,
    /// Text.
    String,
    /// Text that is a credential, a card number or a one-time code: never shown.
    Secret,
    /// Any JSON value.
    Json,
    /// The value or `null`.
    Option {
        /// The value's shape.
        of: Box<Shape>,
    },
    /// A list.
    List {
        /// Each item's shape.
        of: Box<Shape>,
    },
    /// A type described in [`Surface::types`].
    Named {
        /// Its name.
        name: &'static str,
    },
}

/// One field of a struct.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Field {
    /// The Rust field's name (what uniffi's Kotlin names after, in camelCase).
    pub rust_name: &'static str,
    /// The name an input is read by (serde's deserialize name).
    pub input_name: &'static str,
    /// The name an output is written by (serde's serialize name).
    pub output_name: &'static str,
    /// The field's doc comment.
    pub doc: &'static str,
    /// Its shape.
    pub shape: Shape,
    /// Must be given in an input (no default, not an `Option`).
    pub required: bool,
    /// Left out of the canonical form when `None`.
    pub omit_if_none: bool,
    /// Money: integer tiyin.
    pub money: bool,
    /// The value an absent input field takes, as JSON (`None`: required, or `None`
    /// for an `Option`).
    pub default: Option<serde_json::Value>,
    /// An absent field takes its value from the type's own `Default` (serde's
    /// container `default`), not from its field type's.
    pub container_default: bool,
}

/// One case of an enumeration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Variant {
    /// The Rust variant's name.
    pub rust_name: &'static str,
    /// Its canonical (wire) string.
    pub wire: &'static str,
    /// Its doc comment.
    pub doc: &'static str,
}

/// What a named type is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Kind {
    /// An object of named fields.
    Struct {
        /// Its fields, in declaration order.
        fields: Vec<Field>,
        /// Whether an unknown field is refused (inputs and configs).
        deny_unknown_fields: bool,
    },
    /// A string from a fixed set.
    Enum {
        /// The known cases.
        variants: Vec<Variant>,
        /// Whether any other string is kept as it is (a provider's open enumeration)
        /// instead of refused.
        open: bool,
    },
}

/// A named type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TypeDesc {
    /// The Rust type's name (and the name every binding uses).
    pub name: &'static str,
    /// Its path in the core, e.g. `uzpay::receipt::ReceiptItem` (for generated Rust).
    pub rust_path: &'static str,
    /// Its doc comment.
    pub doc: &'static str,
    /// A struct or an enum.
    #[serde(flatten)]
    pub kind: Kind,
}

/// A type that can describe itself; see the module docs.
pub trait Describe {
    /// The shape of a value of this type.
    fn shape() -> Shape;

    /// Adds this type and the types it is made of to `registry` (for named types).
    fn register(registry: &mut Registry) {
        let _ = registry;
    }
}

/// A field default's canonical JSON value, for [`Field::default`].
pub trait DefaultValue {
    /// The value as JSON.
    fn default_json(&self) -> serde_json::Value;
}

macro_rules! default_value {
    ($($ty:ty),+) => {$(
        impl DefaultValue for $ty {
            fn default_json(&self) -> serde_json::Value {
                serde_json::Value::from(self.clone())
            }
        }
    )+};
}

default_value!(bool, u8, u16, u32, u64, i64, f64, String);

impl DefaultValue for crate::Secret {
    fn default_json(&self) -> serde_json::Value {
        // Only an empty secret is ever a default ("none given").
        serde_json::Value::String(String::new())
    }
}

// Settings whose default is a whole object (a flow's retry policy): its canonical form.
macro_rules! default_by_serialize {
    ($($ty:ty),+) => {$(
        impl DefaultValue for $ty {
            fn default_json(&self) -> serde_json::Value {
                serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
            }
        }
    )+};
}

default_by_serialize!(crate::flow::RetryPolicy);

// A default `Option` is `None`, whatever it would hold.
impl<T> DefaultValue for Option<T> {
    fn default_json(&self) -> serde_json::Value {
        serde_json::Value::Null
    }
}

impl<T: DefaultValue> DefaultValue for Vec<T> {
    fn default_json(&self) -> serde_json::Value {
        serde_json::Value::Array(self.iter().map(DefaultValue::default_json).collect())
    }
}

/// The named types met so far.
#[derive(Debug, Default)]
pub struct Registry {
    types: BTreeMap<&'static str, Option<TypeDesc>>,
}

impl Registry {
    /// Registers `T` and everything it is made of.
    pub fn add<T: Describe>(&mut self) -> Shape {
        T::register(self);
        T::shape()
    }

    /// Claims `name` for a definition: false if it was claimed before (so recursion
    /// and shared types are described once).
    pub fn claim(&mut self, name: &'static str) -> bool {
        if self.types.contains_key(name) {
            return false;
        }
        self.types.insert(name, None);
        true
    }

    /// Defines a claimed type.
    pub fn define(&mut self, desc: TypeDesc) {
        self.types.insert(desc.name, Some(desc));
    }

    fn into_types(self) -> Vec<TypeDesc> {
        self.types.into_values().flatten().collect()
    }
}

macro_rules! scalar {
    ($($ty:ty => $shape:expr;)+) => {
        $(impl Describe for $ty {
            fn shape() -> Shape {
                $shape
            }
        })+
    };
}

scalar! {
    bool => Shape::Bool;
    u8 => Shape::Int { signed: false, bits: 8 };
    u16 => Shape::Int { signed: false, bits: 16 };
    u32 => Shape::Int { signed: false, bits: 32 };
    u64 => Shape::Int { signed: false, bits: 64 };
    i64 => Shape::Int { signed: true, bits: 64 };
    f64 => Shape::Float;
    String => Shape::String;
    &'static str => Shape::String;
    crate::Secret => Shape::Secret;
    crate::card::Pan => Shape::Secret;
    serde_json::Value => Shape::Json;
}

/// A request built by the core: each binding has its own type for it (the one its
/// `build_*` functions return), so it is named, never described field by field.
impl Describe for crate::HttpRequest {
    fn shape() -> Shape {
        Shape::Named { name: HTTP_REQUEST }
    }
}

/// The name [`crate::HttpRequest`] goes by in [`Shape::Named`]; no [`TypeDesc`] has it.
pub const HTTP_REQUEST: &str = "HttpRequest";

impl<T: Describe> Describe for Option<T> {
    fn shape() -> Shape {
        Shape::Option { of: Box::new(T::shape()) }
    }

    fn register(registry: &mut Registry) {
        T::register(registry);
    }
}

impl<T: Describe> Describe for Vec<T> {
    fn shape() -> Shape {
        Shape::List { of: Box::new(T::shape()) }
    }

    fn register(registry: &mut Registry) {
        T::register(registry);
    }
}

/// One operation of [`crate::dispatch`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OperationDesc {
    /// `<provider>.<operation>`, e.g. `paylov.register_receipt`.
    pub name: &'static str,
    /// `paylov`.
    pub provider: &'static str,
    /// `register_receipt`: the functions are `build_<it>` and `parse_<it>`.
    pub function: &'static str,
    /// What the operation does, in a sentence.
    pub summary: &'static str,
    /// The config type's name.
    pub config: &'static str,
    /// The input type's name.
    pub input: &'static str,
    /// The output type's name.
    pub output: &'static str,
    /// The operation's unit type in the core, e.g. `uzpay::paylov::RegisterReceipt`.
    pub rust_path: &'static str,
}

/// One function of [`crate::function`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FunctionDesc {
    /// `<module>.<function>`, e.g. `receipt.totals`.
    pub name: &'static str,
    /// The function's name in the bindings, e.g. `receipt_totals`.
    pub function: &'static str,
    /// What it does, in a sentence.
    pub summary: &'static str,
    /// The input type's name.
    pub input: &'static str,
    /// The output type's name.
    pub output: &'static str,
    /// Its unit type in the core, e.g. `uzpay::function::Totals`.
    pub rust_path: &'static str,
}

/// One flow of [`crate::flow`]: a state machine every binding exposes with the same
/// verbs (`start`, `resume`, `on_response`, `on_transport_failure`, `snapshot`,
/// `restore`, and for a flow that asks for an SMS code `provide_verify_code` and
/// `resend_code`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FlowDesc {
    /// `<provider>.<flow>`, e.g. `paylov.fiscalization`.
    pub name: &'static str,
    /// `paylov`.
    pub provider: &'static str,
    /// The flow's type name, e.g. `PaylovFiscalizationFlow` (every binding's class).
    pub class: &'static str,
    /// What the flow does, in a sentence.
    pub summary: &'static str,
    /// The config type's name.
    pub config: &'static str,
    /// The input type's name.
    pub input: &'static str,
    /// The outcome type's name.
    pub outcome: &'static str,
    /// Whether its restore takes the account's credentials too (their type's name).
    pub restore_credentials: Option<&'static str>,
    /// Whether it asks for an SMS code.
    pub asks_for_code: bool,
}

/// One kind of [`crate::Error`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorKindDesc {
    /// The canonical name, e.g. `invalid_input`.
    pub name: &'static str,
    /// The Rust variant's name, e.g. `InvalidInput`.
    pub rust_name: &'static str,
    /// When it happens.
    pub doc: &'static str,
    /// The fields of [`crate::ErrorRecord`] it carries (see [`Surface::error_record`]).
    pub fields: &'static [&'static str],
}

/// One provider.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProviderDesc {
    /// The canonical id, e.g. `paymentsgate`.
    pub id: &'static str,
    /// As a person writes it, e.g. `PaymentsGate`.
    pub display_name: &'static str,
    /// Its config type's name.
    pub config: &'static str,
    /// Its well-known hosts by name (see [`crate::dispatch::Config::BASE_URLS`]).
    pub base_urls: Vec<(&'static str, &'static str)>,
}

/// The names of the types every flow shares (see [`Surface::flow_types`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FlowTypes {
    /// [`crate::flow::FlowOptions`].
    pub options: &'static str,
    /// [`crate::flow::Step`].
    pub step: &'static str,
    /// [`crate::flow::AwaitVerifyCode`].
    pub await_verify_code: &'static str,
    /// [`crate::flow::FlowState`].
    pub state: &'static str,
}

fn describe_flows(registry: &mut Registry) -> Vec<FlowDesc> {
    use crate::flow::FlowKind;
    macro_rules! flows {
        ($($flow:ident, $name:literal, $config:ty, $input:ty, $outcome:ty;)+) => {
            vec![$({
                type F = crate::flow::$flow;
                FlowDesc {
                    name: F::NAME,
                    provider: F::NAME.split('.').next().unwrap_or_default(),
                    class: stringify!($flow),
                    summary: F::SUMMARY,
                    config: named(&registry.add::<$config>()).unwrap_or("?"),
                    input: named(&registry.add::<$input>()).unwrap_or("?"),
                    outcome: named(&registry.add::<$outcome>()).unwrap_or("?"),
                    restore_credentials: F::RESTORE_NEEDS_CREDENTIALS
                        .then(|| named(&registry.add::<crate::paymentsgate::AuthTokenInput>()).unwrap_or("?")),
                    asks_for_code: F::ASKS_FOR_CODE,
                }
            }),+]
        };
    }
    crate::for_each_flow!(flows)
}

/// Everything a binding is generated from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Surface {
    /// The crate's version.
    pub version: &'static str,
    /// The providers, in the order of [`crate::Provider`].
    pub providers: Vec<ProviderDesc>,
    /// Every operation, in the order of [`crate::OPERATIONS`].
    pub operations: Vec<OperationDesc>,
    /// Every function of [`crate::function`].
    pub functions: Vec<FunctionDesc>,
    /// Every flow, in the order of [`crate::flow::FLOWS`].
    pub flows: Vec<FlowDesc>,
    /// What every flow takes and gives besides its own types: its options
    /// ([`crate::flow::FlowOptions`]), a request to send ([`crate::flow::Step`]) and an
    /// SMS-code request ([`crate::flow::AwaitVerifyCode`]), by name.
    pub flow_types: FlowTypes,
    /// The error kinds.
    pub error_kinds: Vec<ErrorKindDesc>,
    /// The name of the type every error is given as, [`crate::ErrorRecord`].
    pub error_record: &'static str,
    /// Every named type the above are made of, by name.
    pub types: Vec<TypeDesc>,
}

/// The whole public surface.
pub fn surface() -> Surface {
    let mut registry = Registry::default();
    let operations = crate::dispatch::describe_operations(&mut registry);
    let providers = crate::dispatch::describe_providers(&mut registry);
    let functions = crate::dispatch::describe_functions(&mut registry);
    let flows = describe_flows(&mut registry);
    let flow_types = FlowTypes {
        options: named(&registry.add::<crate::flow::FlowOptions>()).unwrap_or("?"),
        step: named(&registry.add::<crate::flow::Step>()).unwrap_or("?"),
        await_verify_code: named(&registry.add::<crate::flow::AwaitVerifyCode>()).unwrap_or("?"),
        state: named(&registry.add::<crate::flow::FlowState>()).unwrap_or("?"),
    };
    // The Kotlin binding's receipt URL value (its functions take and give it).
    registry.add::<crate::ofd::OfdReceiptUrl>();
    let error_kinds = crate::error::ErrorKind::ALL
        .iter()
        .map(|kind| ErrorKindDesc {
            name: kind.as_str(),
            rust_name: kind.rust_name(),
            doc: kind.doc(),
            fields: kind.fields(),
        })
        .collect();
    let error_record = named(&registry.add::<crate::ErrorRecord>()).unwrap_or("?");
    Surface {
        version: env!("CARGO_PKG_VERSION"),
        providers,
        operations,
        functions,
        flows,
        flow_types,
        error_kinds,
        error_record,
        types: registry.into_types(),
    }
}

/// The name of a shape's named type, if it is one (through options and lists).
pub fn named(shape: &Shape) -> Option<&'static str> {
    match shape {
        Shape::Named { name } => Some(name),
        Shape::Option { of } | Shape::List { of } => named(of),
        _ => None,
    }
}
