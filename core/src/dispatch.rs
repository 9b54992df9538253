//! Every operation by name, with JSON in and out.
//!
//! For bindings and tools that hold inputs as JSON (a JavaScript object, a Python
//! dict, a CLI's file): `build("paylov.register_receipt", &config, &input)` decodes
//! the config and input with field-named errors ([`crate::json`]), validates and
//! builds; `parse(op, &response)` returns the output in its canonical JSON form
//! (snake_case names, enums as the provider's wire strings). The typed functions in
//! each provider module are the same code.

use serde_json::Value;

use crate::error::{Error, Result};
use crate::function::Function;
use crate::http::{HttpRequest, HttpResponse};
use crate::operation::Operation;

/// Calls the macro `$callback` with every operation of uzpay, one per line:
/// `$type, $function, $build, $parse;` (e.g. `$crate::paylov::RegisterReceipt,
/// register_receipt, build_register_receipt, parse_register_receipt;`).
///
/// This is the one list of operations. Code that needs an item per operation (the
/// Kotlin binding's exported functions, this module's dispatch by name) expands it
/// instead of listing them again; code in other languages is generated from
/// `uzpay::describe`, which reads the same list.
#[macro_export]
macro_rules! for_each_operation {
    ($callback:path) => {
        $callback! {
            $crate::fiscalbox::ClickPayment, click_payment, build_click_payment, parse_click_payment;
            $crate::fiscalbox::ClickConfirm, click_confirm, build_click_confirm, parse_click_confirm;
            $crate::fiscalbox::AnorPayment, anor_payment, build_anor_payment, parse_anor_payment;
            $crate::fiscalbox::AnorConfirm, anor_confirm, build_anor_confirm, parse_anor_confirm;
            $crate::paylov::RegisterReceipt, register_receipt, build_register_receipt, parse_register_receipt;
            $crate::paylov::ReceiptStatus, receipt_status, build_receipt_status, parse_receipt_status;
            $crate::paylov::RefundReceipt, refund_receipt, build_refund_receipt, parse_refund_receipt;
            $crate::paymentsgate::AuthToken, auth_token, build_auth_token, parse_auth_token;
            $crate::paymentsgate::RefreshToken, refresh_token, build_refresh_token, parse_refresh_token;
            $crate::paymentsgate::CreatePayin, create_payin, build_create_payin, parse_create_payin;
            $crate::paymentsgate::PayinCredentials, payin_credentials, build_payin_credentials, parse_payin_credentials;
            $crate::paymentsgate::GetDealStatus, deal_status, build_deal_status, parse_deal_status;
            $crate::via::ConfirmPay, confirm_pay, build_confirm_pay, parse_confirm_pay;
            $crate::via::ConfirmPayVerify, confirm_pay_verify, build_confirm_pay_verify, parse_confirm_pay_verify;
            $crate::via::ResendCode, resend_code, build_resend_code, parse_resend_code;
            $crate::via::GetTransaction, get_transaction, build_get_transaction, parse_get_transaction;
        }
    };
}

/// Calls the macro `$callback` with every function of [`crate::function`], one per
/// line: `$type, $function;` (e.g. `$crate::function::Totals, receipt_totals;`). The
/// one list of the functions, as [`for_each_operation!`] is of the operations.
#[macro_export]
macro_rules! for_each_function {
    ($callback:path) => {
        $callback! {
            $crate::function::Totals, receipt_totals;
            $crate::function::VatIncludedIn, vat_included;
            $crate::function::ParseReceiptUrl, parse_receipt_url;
            $crate::function::BuildReceiptUrl, build_receipt_url;
        }
    };
}

/// Something to do with one function's types, chosen by its name: see [`visit_function`].
pub trait FunctionVisitor {
    /// What the visit gives.
    type Output;
    /// Does it with the function `F`.
    fn visit<F: Function>(self) -> Self::Output;
}

macro_rules! functions {
    ($($f:ty, $function:ident;)+) => {
        /// The names of every function of [`crate::function`], `<module>.<function>`.
        pub const FUNCTIONS: &[&str] = &[$(<$f as Function>::NAME),+];

        /// Calls `visitor` with the function named `name`; `None` for a name uzpay does
        /// not know.
        pub fn visit_function<V: FunctionVisitor>(name: &str, visitor: V) -> Option<V::Output> {
            $(if name == <$f as Function>::NAME {
                return Some(visitor.visit::<$f>());
            })+
            None
        }

        /// Every function described, its types added to `registry`.
        #[cfg(feature = "describe")]
        pub(crate) fn describe_functions(
            registry: &mut crate::describe::Registry,
        ) -> Vec<crate::describe::FunctionDesc> {
            vec![$(describe_function::<$f>(registry, stringify!($function))),+]
        }
    };
}

for_each_function!(functions);

/// Calls the function `name` with its input (JSON text, decoded with field-named
/// errors) and gives its output as JSON text.
pub fn call_json(name: &str, input: &str) -> Result<String> {
    struct Call<'a>(&'a str);
    impl FunctionVisitor for Call<'_> {
        type Output = Result<String>;
        fn visit<F: Function>(self) -> Self::Output {
            let output = F::call(&crate::json::from_json_str(self.0)?)?;
            serde_json::to_string(&output).map_err(|e| Error::Decode {
                message: format!("the output could not be represented as JSON: {e}"),
                retryable: false,
            })
        }
    }
    visit_function(name, Call(input)).unwrap_or_else(|| {
        Err(Error::invalid_input(
            "function",
            format!("`{name}` is not a function of uzpay; known: {}", FUNCTIONS.join(", ")),
        ))
    })
}

#[cfg(feature = "describe")]
fn describe_function<F: Function>(
    registry: &mut crate::describe::Registry,
    function: &'static str,
) -> crate::describe::FunctionDesc
where
    F::Input: crate::describe::Describe,
    F::Output: crate::describe::Describe,
{
    let name_of = |shape| crate::describe::named(&shape).unwrap_or("?");
    crate::describe::FunctionDesc {
        name: F::NAME,
        function,
        summary: F::SUMMARY.trim(),
        input: name_of(registry.add::<F::Input>()),
        output: name_of(registry.add::<F::Output>()),
        rust_path: std::any::type_name::<F>(),
    }
}

/// Something to do with one operation's types, chosen by the operation's name: see
/// [`visit`].
pub trait OperationVisitor {
    /// What the visit gives.
    type Output;
    /// Does it with the operation `O`.
    fn visit<O: Operation>(self) -> Self::Output;
}

macro_rules! registry {
    ($($op:ty, $function:ident, $build:ident, $parse:ident;)+) => {
        /// The names of every operation uzpay implements, `<provider>.<operation>`.
        pub const OPERATIONS: &[&str] = &[$(<$op as Operation>::NAME),+];

        /// Calls `visitor` with the operation named `op`; `None` for a name uzpay does
        /// not know.
        pub fn visit<V: OperationVisitor>(op: &str, visitor: V) -> Option<V::Output> {
            $(if op == <$op as Operation>::NAME {
                return Some(visitor.visit::<$op>());
            })+
            None
        }

        /// Every operation described, its types added to `registry`.
        #[cfg(feature = "describe")]
        pub(crate) fn describe_operations(
            registry: &mut crate::describe::Registry,
        ) -> Vec<crate::describe::OperationDesc> {
            vec![$(describe_operation::<$op>(registry, stringify!($function))),+]
        }
    };
}

for_each_operation!(registry);

/// The effect of the operation `op` (see [`crate::operation::Effect`]).
pub fn effect(op: &str) -> Option<crate::operation::Effect> {
    struct Of;
    impl OperationVisitor for Of {
        type Output = crate::operation::Effect;
        fn visit<O: Operation>(self) -> Self::Output {
            O::EFFECT
        }
    }
    visit(op, Of)
}

/// Decodes `config` and `input` for the operation `op`, validates, and builds its
/// request.
pub fn build(op: &str, config: &Value, input: &Value) -> Result<HttpRequest> {
    struct Build<'a>(&'a Value, &'a Value);
    impl OperationVisitor for Build<'_> {
        type Output = Result<HttpRequest>;
        fn visit<O: Operation>(self) -> Self::Output {
            build_with::<O>(self.0, self.1)
        }
    }
    visit(op, Build(config, input)).unwrap_or_else(|| Err(unknown(op)))
}

/// [`build`] from JSON text: the config's and the input's. Faster than parsing the
/// text into `Value`s first (see [`crate::json::from_json_str`]), with the same
/// results and errors.
pub fn build_json(op: &str, config: &str, input: &str) -> Result<HttpRequest> {
    struct Build<'a>(&'a str, &'a str);
    impl OperationVisitor for Build<'_> {
        type Output = Result<HttpRequest>;
        fn visit<O: Operation>(self) -> Self::Output {
            build_json_with::<O>(self.0, self.1)
        }
    }
    visit(op, Build(config, input)).unwrap_or_else(|| Err(unknown(op)))
}

/// An operation's input, as JSON text or as a JSON value.
#[derive(Debug, Clone, Copy)]
pub enum JsonInput<'a> {
    /// JSON text.
    Text(&'a str),
    /// A JSON value.
    Value(&'a Value),
}

/// [`build`] with a config the caller has already decoded (a binding keeps one per
/// config object).
pub fn build_for(op: &str, config: &ProviderConfig, input: JsonInput<'_>) -> Result<HttpRequest> {
    struct Build<'a>(&'a ProviderConfig, JsonInput<'a>);
    impl OperationVisitor for Build<'_> {
        type Output = Result<HttpRequest>;
        fn visit<O: Operation>(self) -> Self::Output {
            let config = O::Config::from_provider_config(self.0).ok_or_else(|| {
                Error::invalid_input(
                    "config",
                    format!("is a {} config; {} needs a {} config", self.0.provider(), O::NAME, O::Config::PROVIDER),
                )
            })?;
            let input = match self.1 {
                JsonInput::Text(text) => crate::json::from_json_str(text)?,
                JsonInput::Value(value) => crate::json::from_json_value(value)?,
            };
            O::build(config, &input)
        }
    }
    visit(op, Build(config, input)).unwrap_or_else(|| Err(unknown(op)))
}

/// [`parse`] with the output as JSON text, written straight from the typed output
/// (no `Value` in between): the same names and values, the keys in the output type's
/// own order.
pub fn parse_json(op: &str, response: &HttpResponse) -> Result<String> {
    struct Parse<'a>(&'a HttpResponse);
    impl OperationVisitor for Parse<'_> {
        type Output = Result<String>;
        fn visit<O: Operation>(self) -> Self::Output {
            parse_json_with::<O>(self.0)
        }
    }
    visit(op, Parse(response)).unwrap_or_else(|| Err(unknown(op)))
}

/// Parses a response of the operation `op` into its canonical JSON output.
pub fn parse(op: &str, response: &HttpResponse) -> Result<Value> {
    struct Parse<'a>(&'a HttpResponse);
    impl OperationVisitor for Parse<'_> {
        type Output = Result<Value>;
        fn visit<O: Operation>(self) -> Self::Output {
            parse_with::<O>(self.0)
        }
    }
    visit(op, Parse(response)).unwrap_or_else(|| Err(unknown(op)))
}

/// The config of any provider, for code that holds configs by provider (a binding's
/// config objects) and builds by operation name ([`build_for`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProviderConfig {
    /// FiscalBox's.
    FiscalBox(crate::fiscalbox::FiscalBoxConfig),
    /// Paylov's.
    Paylov(crate::paylov::PaylovConfig),
    /// PaymentsGate's.
    PaymentsGate(crate::paymentsgate::PaymentsGateConfig),
    /// VIA's.
    Via(crate::via::ViaConfig),
}

impl ProviderConfig {
    /// Decodes the config of `provider` (`fiscalbox`, `paylov`, `paymentsgate`, `via`)
    /// from JSON text, with field-named errors.
    pub fn from_json(provider: &str, config: &str) -> Result<ProviderConfig> {
        use crate::json::from_json_str;
        let config = match provider {
            "fiscalbox" => ProviderConfig::FiscalBox(from_json_str(config)?),
            "paylov" => ProviderConfig::Paylov(from_json_str(config)?),
            "paymentsgate" => ProviderConfig::PaymentsGate(from_json_str(config)?),
            "via" => ProviderConfig::Via(from_json_str(config)?),
            other => {
                return Err(Error::invalid_input(
                    "provider",
                    format!("`{other}` is not a provider of uzpay; known: fiscalbox, paylov, paymentsgate, via"),
                ))
            }
        };
        config.check()?;
        Ok(config)
    }

    /// Checks the config (see [`Config::check`]).
    pub fn check(&self) -> Result<()> {
        match self {
            ProviderConfig::FiscalBox(c) => c.check(),
            ProviderConfig::Paylov(c) => c.check(),
            ProviderConfig::PaymentsGate(c) => c.check(),
            ProviderConfig::Via(c) => c.check(),
        }
    }

    /// Whose config this is.
    pub fn provider(&self) -> crate::Provider {
        match self {
            ProviderConfig::FiscalBox(_) => crate::Provider::FiscalBox,
            ProviderConfig::Paylov(_) => crate::Provider::Paylov,
            ProviderConfig::PaymentsGate(_) => crate::Provider::PaymentsGate,
            ProviderConfig::Via(_) => crate::Provider::Via,
        }
    }
}

/// A provider's config type, as one case of [`ProviderConfig`].
pub trait Config: Sized {
    /// The provider it configures.
    const PROVIDER: crate::Provider;
    /// The provider's well-known hosts by name (`production`, `sandbox`, or `default`
    /// for the one `base_url` defaults to); a binding offers each as a constant and
    /// the sandbox as a constructor.
    const BASE_URLS: &'static [(&'static str, &'static str)];
    /// The config inside `config`, if it is this provider's.
    fn from_provider_config(config: &ProviderConfig) -> Option<&Self>;

    /// Checks the config as a whole, as a binding does when one is made: the base URL
    /// (https, except to this machine) and the credentials every call needs, each
    /// error naming its field. A build checks them again.
    fn check(&self) -> Result<()>;
}

macro_rules! config {
    ($($variant:ident => $ty:ty, [$(($host:literal, $url:expr)),*];)+) => {$(
        impl Config for $ty {
            const PROVIDER: crate::Provider = crate::Provider::$variant;
            const BASE_URLS: &'static [(&'static str, &'static str)] = &[$(($host, $url)),*];
            fn from_provider_config(config: &ProviderConfig) -> Option<&Self> {
                match config {
                    ProviderConfig::$variant(c) => Some(c),
                    #[allow(unreachable_patterns)]
                    _ => None,
                }
            }

            fn check(&self) -> Result<()> {
                crate::validate::endpoint_url(&self.base_url, "")?;
                self.check_credentials()
            }
        }
    )+};
}

config! {
    FiscalBox => crate::fiscalbox::FiscalBoxConfig, [("default", crate::fiscalbox::DEFAULT_BASE_URL)];
    Paylov => crate::paylov::PaylovConfig,
        [("production", crate::paylov::PRODUCTION_BASE_URL), ("sandbox", crate::paylov::SANDBOX_BASE_URL)];
    // PaymentsGate's host is per account.
    PaymentsGate => crate::paymentsgate::PaymentsGateConfig, [];
    Via => crate::via::ViaConfig, [("sandbox", crate::via::SANDBOX_BASE_URL)];
}

#[cfg(feature = "describe")]
fn describe_operation<O: Operation>(
    registry: &mut crate::describe::Registry,
    function: &'static str,
) -> crate::describe::OperationDesc
where
    O::Config: crate::describe::Describe,
    O::Input: crate::describe::Describe,
    O::Output: crate::describe::Describe,
{
    use crate::describe::named;
    let name_of = |shape| named(&shape).unwrap_or("?");
    crate::describe::OperationDesc {
        name: O::NAME,
        provider: O::Config::PROVIDER.as_str(),
        function,
        summary: O::SUMMARY.trim(),
        config: name_of(registry.add::<O::Config>()),
        input: name_of(registry.add::<O::Input>()),
        output: name_of(registry.add::<O::Output>()),
        rust_path: std::any::type_name::<O>(),
    }
}

/// Every provider described, its config type added to `registry`.
#[cfg(feature = "describe")]
pub(crate) fn describe_providers(registry: &mut crate::describe::Registry) -> Vec<crate::describe::ProviderDesc> {
    fn one<C: Config + crate::describe::Describe>(
        registry: &mut crate::describe::Registry,
    ) -> crate::describe::ProviderDesc {
        crate::describe::ProviderDesc {
            id: C::PROVIDER.as_str(),
            display_name: C::PROVIDER.display_name(),
            base_urls: C::BASE_URLS.to_vec(),
            config: crate::describe::named(&registry.add::<C>()).unwrap_or("?"),
        }
    }
    vec![
        one::<crate::fiscalbox::FiscalBoxConfig>(registry),
        one::<crate::paylov::PaylovConfig>(registry),
        one::<crate::paymentsgate::PaymentsGateConfig>(registry),
        one::<crate::via::ViaConfig>(registry),
    ]
}

/// [`build`] for a known operation type.
pub fn build_with<O: Operation>(config: &Value, input: &Value) -> Result<HttpRequest> {
    let config: O::Config = crate::json::from_json_value(config)?;
    let input: O::Input = crate::json::from_json_value(input)?;
    O::build(&config, &input)
}

/// [`build_json`] for a known operation type.
pub fn build_json_with<O: Operation>(config: &str, input: &str) -> Result<HttpRequest> {
    let config: O::Config = crate::json::from_json_str(config)?;
    let input: O::Input = crate::json::from_json_str(input)?;
    O::build(&config, &input)
}

/// [`parse`] for a known operation type.
pub fn parse_with<O: Operation>(response: &HttpResponse) -> Result<Value> {
    let output = O::parse(response)?;
    serde_json::to_value(&output).map_err(|e| Error::Decode {
        message: format!("the output could not be represented as JSON: {e}"),
        retryable: false,
    })
}

/// [`parse_json`] for a known operation type.
pub fn parse_json_with<O: Operation>(response: &HttpResponse) -> Result<String> {
    let output = O::parse(response)?;
    serde_json::to_string(&output).map_err(|e| Error::Decode {
        message: format!("the output could not be represented as JSON: {e}"),
        retryable: false,
    })
}

fn unknown(op: &str) -> Error {
    Error::invalid_input("op", format!("`{op}` is not a known operation; known: {}", OPERATIONS.join(", ")))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn every_name_dispatches() {
        for op in OPERATIONS {
            // An empty input is refused by the operation itself, not as unknown.
            let e = build(op, &json!({}), &json!({})).unwrap_err();
            assert_ne!(e.field(), Some("op"), "{op}");
            let e = parse(op, &HttpResponse::new(500, "")).unwrap_err();
            assert_eq!(e.status(), Some(500), "{op}");
            assert_eq!(parse_json(op, &HttpResponse::new(500, "")).unwrap_err(), e, "{op}");
        }
        assert_eq!(build("nope.op", &json!({}), &json!({})).unwrap_err().field(), Some("op"));
        assert_eq!(build_json("nope.op", "{}", "{}").unwrap_err().field(), Some("op"));
    }

    /// A 5xx is retryable exactly where sending the request again cannot double its
    /// effect; a 429 (never processed) for every operation.
    #[test]
    fn retryable_follows_each_operations_effect() {
        use crate::operation::Effect;
        for op in OPERATIONS {
            let effect = super::effect(op).unwrap();
            for (status, body) in [(500, ""), (502, "<html>Bad Gateway</html>"), (503, "{\"error\":{\"code\":\"x\"}}")]
            {
                let e = parse(op, &HttpResponse::new(status, body)).unwrap_err();
                assert_eq!(e.retryable(), effect != Effect::Once, "{op} {status} {body}: {e:?}");
            }
            let e = parse(op, &HttpResponse::new(429, "")).unwrap_err();
            assert!(e.retryable(), "{op} 429: {e:?}");
        }
    }

    /// The README's table of effects is the core's (it cannot drift).
    #[test]
    fn the_readme_states_each_operations_effect() {
        let readme = include_str!("../../README.md");
        for op in OPERATIONS {
            let effect = super::effect(op).unwrap();
            let row = format!("| `{op}` | {}", effect.as_str());
            assert!(readme.contains(&row), "README.md has no row starting {row:?}");
        }
    }

    /// From text or from a `Value`, the same request or the same error.
    #[test]
    fn text_and_value_agree() {
        let config = json!({"api_key": "k"});
        let item = json!({"title": "Tea", "price": 100, "count": 1, "code": "01902001001000000",
            "vat_percent": 12, "package_code": "1", "tin": "310100000"});
        let inputs = [
            json!({"transaction_id": "t1", "items": [item.clone()]}),
            json!({"transaction_id": "t1", "items": [item.clone(), {"price": "1"}]}),
            json!({"transaction_id": "t1", "items": [], "extra": 1}),
            json!({"transaction_id": 5, "items": [item]}),
            json!([1, 2]),
        ];
        for input in inputs {
            let a = build("paylov.register_receipt", &config, &input);
            let b = build_json("paylov.register_receipt", &config.to_string(), &input.to_string());
            assert_eq!(a, b, "{input}");
        }
        // A key given twice: the last one counts, as in a Value.
        let twice = r#"{"transaction_id": "a b", "transaction_id": "t1", "items": []}"#;
        let e = build_json("paylov.register_receipt", "{\"api_key\":\"k\"}", twice).unwrap_err();
        assert_eq!(e.field(), Some("items"));
        let e = build_json("paylov.register_receipt", "{\"api_key\":\"k\"}", "{").unwrap_err();
        assert_eq!(e.field(), Some(""));
        assert!(e.message().starts_with("is not valid JSON"), "{e}");
    }

    #[test]
    fn canonical_output() {
        let r = HttpResponse::new(200, r#"{"data":{"status":"successfully"},"error":null,"is_success":true}"#);
        assert_eq!(parse("fiscalbox.click_confirm", &r).unwrap()["status"], "successfully");
        let text = parse_json("fiscalbox.click_confirm", &r).unwrap();
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), parse("fiscalbox.click_confirm", &r).unwrap());
    }
}
