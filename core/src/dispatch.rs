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
use crate::http::{HttpRequest, HttpResponse};
use crate::operation::Operation;

macro_rules! registry {
    ($($op:ty),+ $(,)?) => {
        /// The names of every operation uzpay implements, `<provider>.<operation>`.
        pub const OPERATIONS: &[&str] = &[$(<$op as Operation>::NAME),+];

        /// Decodes `config` and `input` for the operation `op`, validates, and builds
        /// its request.
        pub fn build(op: &str, config: &Value, input: &Value) -> Result<HttpRequest> {
            $(if op == <$op as Operation>::NAME {
                return build_with::<$op>(config, input);
            })+
            Err(unknown(op))
        }

        /// [`build`] from JSON text: the config's and the input's. Faster than
        /// parsing the text into `Value`s first (see [`crate::json::from_json_str`]),
        /// with the same results and errors.
        pub fn build_json(op: &str, config: &str, input: &str) -> Result<HttpRequest> {
            $(if op == <$op as Operation>::NAME {
                return build_json_with::<$op>(config, input);
            })+
            Err(unknown(op))
        }

        /// [`parse`] with the output as JSON text, written straight from the typed
        /// output (no `Value` in between): the same names and values, the keys in the
        /// output type's own order.
        pub fn parse_json(op: &str, response: &HttpResponse) -> Result<String> {
            $(if op == <$op as Operation>::NAME {
                return parse_json_with::<$op>(response);
            })+
            Err(unknown(op))
        }

        /// Parses a response of the operation `op` into its canonical JSON output.
        pub fn parse(op: &str, response: &HttpResponse) -> Result<Value> {
            $(if op == <$op as Operation>::NAME {
                return parse_with::<$op>(response);
            })+
            Err(unknown(op))
        }
    };
}

registry!(
    crate::fiscalbox::ClickPayment,
    crate::fiscalbox::ClickConfirm,
    crate::fiscalbox::AnorPayment,
    crate::fiscalbox::AnorConfirm,
    crate::paylov::RegisterReceipt,
    crate::paylov::ReceiptStatus,
    crate::paylov::RefundReceipt,
    crate::paymentsgate::AuthToken,
    crate::paymentsgate::RefreshToken,
    crate::paymentsgate::CreatePayin,
    crate::paymentsgate::PayinCredentials,
    crate::paymentsgate::GetDealStatus,
    crate::via::ConfirmPay,
    crate::via::ConfirmPayVerify,
    crate::via::ResendCode,
    crate::via::GetTransaction,
);

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
            assert_eq!(e, Error::Http { status: 500 }, "{op}");
            assert_eq!(parse_json(op, &HttpResponse::new(500, "")).unwrap_err(), e, "{op}");
        }
        assert_eq!(build("nope.op", &json!({}), &json!({})).unwrap_err().field(), Some("op"));
        assert_eq!(build_json("nope.op", "{}", "{}").unwrap_err().field(), Some("op"));
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
