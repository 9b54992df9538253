//! Every operation as a pair of Python functions, `build_<name>` and `parse_<name>`,
//! from one table.
//!
//! Both go through `uzpay::dispatch` by the operation's core name: the build
//! function turns its dict and keyword arguments into JSON for
//! `uzpay::dispatch::build`; the parse function hands the response to
//! `uzpay::dispatch::parse` and wraps its canonical JSON output in the output class
//! named in the table, which lives in the provider's Python module
//! (`uzpay.fiscalbox.ClickConfirmOutput`). Adding an operation is one line in the
//! table, its output class, and its lines in `_uzpay.pyi`.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyModule, PyType};
use serde_json::{Map, Value};

use crate::config;
use crate::convert;
use crate::errors::{self, Class};
use crate::request::HttpRequest;
use crate::response;

macro_rules! operations {
    ($($op:literal => $build:ident, $parse:ident -> $output:literal;)+) => {
        $(
            #[doc = concat!(
                "Validates the input and builds the `", $op, "` request; nothing is sent.\n\n",
                "The input is a dict, keyword arguments, or both (canonical snake_case names)."
            )]
            #[pyfunction]
            #[pyo3(signature = (config, input = None, /, **kwargs))]
            fn $build(
                py: Python<'_>,
                config: &Bound<'_, PyAny>,
                input: Option<&Bound<'_, PyAny>>,
                kwargs: Option<&Bound<'_, PyDict>>,
            ) -> PyResult<HttpRequest> {
                build(py, $op, config, input, kwargs)
            }

            #[doc = concat!(
                "Parses a response to `", $op, "` into a `", $output, "`, or raises ",
                "the `UzpayError` the response means."
            )]
            #[pyfunction]
            fn $parse<'py>(
                py: Python<'py>,
                status: &Bound<'py, PyAny>,
                headers: &Bound<'py, PyAny>,
                body: &Bound<'py, PyAny>,
            ) -> PyResult<Bound<'py, PyAny>> {
                static OUTPUT: PyOnceLock<Py<PyType>> = PyOnceLock::new();
                parse(py, $op, ($output, &OUTPUT), (status, headers, body))
            }
        )+

        /// The core names of the operations in the table.
        #[cfg_attr(not(test), allow(dead_code))]
        pub(crate) const TABLE: &[&str] = &[$($op),+];

        /// Adds every function of the table to the module.
        pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
            $(
                m.add_function(wrap_pyfunction!($build, m)?)?;
                m.add_function(wrap_pyfunction!($parse, m)?)?;
            )+
            Ok(())
        }
    };
}

operations! {
    "fiscalbox.click_payment" => build_click_payment, parse_click_payment -> "ClickPaymentOutput";
    "fiscalbox.click_confirm" => build_click_confirm, parse_click_confirm -> "ClickConfirmOutput";
    "fiscalbox.anor_payment" => build_anor_payment, parse_anor_payment -> "AnorPaymentOutput";
    "fiscalbox.anor_confirm" => build_anor_confirm, parse_anor_confirm -> "AnorConfirmOutput";
    "paylov.register_receipt" => build_register_receipt, parse_register_receipt -> "RegisterReceiptOutput";
    "paylov.receipt_status" => build_receipt_status, parse_receipt_status -> "ReceiptStatusOutput";
    "paylov.refund_receipt" => build_refund_receipt, parse_refund_receipt -> "RefundReceiptOutput";
    "paymentsgate.auth_token" => build_auth_token, parse_auth_token -> "AuthTokenOutput";
    "paymentsgate.refresh_token" => build_refresh_token, parse_refresh_token -> "AuthTokenOutput";
    "paymentsgate.create_payin" => build_create_payin, parse_create_payin -> "CreatePayinOutput";
    "paymentsgate.payin_credentials" => build_payin_credentials, parse_payin_credentials -> "PayinCredentialsOutput";
    "paymentsgate.deal_status" => build_deal_status, parse_deal_status -> "DealStatusOutput";
    "via.confirm_pay" => build_confirm_pay, parse_confirm_pay -> "ConfirmPayOutput";
    "via.confirm_pay_verify" => build_confirm_pay_verify, parse_confirm_pay_verify -> "ViaTransaction";
    "via.resend_code" => build_resend_code, parse_resend_code -> "ResendCodeOutput";
    "via.get_transaction" => build_get_transaction, parse_get_transaction -> "ViaTransaction";
}

/// `fiscalbox` of `fiscalbox.click_confirm`.
fn provider(op: &str) -> &str {
    op.split_once('.').map_or(op, |(provider, _)| provider)
}

/// `build_<name>`: the config and the input to JSON, then the core builds and checks.
fn build(
    py: Python<'_>,
    op: &str,
    config: &Bound<'_, PyAny>,
    input: Option<&Bound<'_, PyAny>>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<HttpRequest> {
    errors::guard(py, || {
        let config = config::json_for(provider(op), config)?;
        let input = input_json(py, input, kwargs)?;
        uzpay::dispatch::build(op, &config, &input)
            .map(HttpRequest)
            .map_err(|e| errors::from_core_input(py, &e, &[&input, &config]))
    })
}

/// The input dict and the keyword arguments as one JSON object.
fn input_json(py: Python<'_>, input: Option<&Bound<'_, PyAny>>, kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<Value> {
    let mut fields = match input.filter(|i| !i.is_none()) {
        None => Map::new(),
        Some(input) => match convert::to_json(input, "") {
            Ok(Value::Object(map)) => map,
            Ok(_) => {
                return Err(PyTypeError::new_err(
                    "input must be a dict of the operation's fields (or pass them as keyword arguments)",
                ))
            }
            Err(refusal) => return Err(errors::from_refusal(py, refusal)),
        },
    };
    for (key, value) in kwargs.into_iter().flat_map(|k| k.iter()) {
        let key: String = key.extract()?;
        if fields.contains_key(&key) {
            return Err(PyTypeError::new_err(format!(
                "{key} is given twice: in the input dict and as a keyword argument"
            )));
        }
        let value = convert::to_json(&value, &key).map_err(|r| errors::from_refusal(py, r))?;
        fields.insert(key, value);
    }
    Ok(Value::Object(fields))
}

/// The output class of an operation (its name, and where it is kept once imported).
type Output = (&'static str, &'static PyOnceLock<Py<PyType>>);

/// `parse_<name>`: the core parses; its canonical output becomes the output class.
fn parse<'py>(
    py: Python<'py>,
    op: &str,
    (class_name, class): Output,
    (status, headers, body): (&Bound<'py, PyAny>, &Bound<'py, PyAny>, &Bound<'py, PyAny>),
) -> PyResult<Bound<'py, PyAny>> {
    errors::guard(py, || {
        let response = response::from_python(status, headers, body)?;
        let output = uzpay::dispatch::parse(op, &response).map_err(|e| errors::from_core(py, &e, Class::OfKind))?;
        let module = format!("uzpay.{}", provider(op));
        let class = class.import(py, &module, class_name)?;
        wrap(py, class, &output).map_err(|e| errors::internal_from(py, &format!("{op}: {class_name}"), e))
    })
}

/// The canonical JSON output as an instance of its Python class.
pub(crate) fn wrap<'py>(py: Python<'py>, class: &Bound<'py, PyType>, output: &Value) -> PyResult<Bound<'py, PyAny>> {
    class.call_method1("from_dict", (convert::to_python(py, output)?,))
}

#[cfg(test)]
mod tests {
    use super::TABLE;

    #[test]
    fn the_table_covers_exactly_the_core_operations() {
        let mut table = TABLE.to_vec();
        let mut core = uzpay::OPERATIONS.to_vec();
        table.sort_unstable();
        core.sort_unstable();
        assert_eq!(table, core);
    }
}
