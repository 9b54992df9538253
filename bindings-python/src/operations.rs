//! Every operation as a pair of Python functions, `build_<name>` and `parse_<name>`,
//! from one table.
//!
//! The build function decodes its dict and keyword arguments straight into the
//! operation's typed input (`crate::de`) and builds with the typed config the config
//! object keeps; an input that path does not take, or one the core refuses, goes the
//! JSON way (`uzpay::dispatch::build` over the input as JSON), which gives every error
//! its field path and its words. The parse function hands the response to the core
//! and makes its canonical JSON output an instance of the output class named in the
//! table, which lives in the provider's Python module
//! (`uzpay.fiscalbox.ClickConfirmOutput`). Adding an operation is one line in the
//! table, its output class, and its lines in `_uzpay.pyi`.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyModule};
use serde_json::{Map, Value};
use uzpay::{fiscalbox, paylov, paymentsgate, via, Operation};

use crate::config::{self, CoreConfig};
use crate::convert;
use crate::de;
use crate::errors::{self, Class};
use crate::record::RecordClass;
use crate::request::HttpRequest;
use crate::response;

macro_rules! operations {
    ($($op:literal => $ty:ty: $build:ident, $parse:ident -> $output:literal;)+) => {
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
                build::<$ty>(py, config, input, kwargs)
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
                static OUTPUT: PyOnceLock<RecordClass> = PyOnceLock::new();
                parse::<$ty>(py, ($output, &OUTPUT), (status, headers, body))
            }
        )+

        /// The core names of the operations in the table, each with the name of the
        /// core type it dispatches to.
        #[cfg_attr(not(test), allow(dead_code))]
        pub(crate) const TABLE: &[(&str, &str)] = &[$(($op, <$ty as Operation>::NAME)),+];

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
    "fiscalbox.click_payment" => fiscalbox::ClickPayment: build_click_payment, parse_click_payment -> "ClickPaymentOutput";
    "fiscalbox.click_confirm" => fiscalbox::ClickConfirm: build_click_confirm, parse_click_confirm -> "ClickConfirmOutput";
    "fiscalbox.anor_payment" => fiscalbox::AnorPayment: build_anor_payment, parse_anor_payment -> "AnorPaymentOutput";
    "fiscalbox.anor_confirm" => fiscalbox::AnorConfirm: build_anor_confirm, parse_anor_confirm -> "AnorConfirmOutput";
    "paylov.register_receipt" => paylov::RegisterReceipt: build_register_receipt, parse_register_receipt -> "RegisterReceiptOutput";
    "paylov.receipt_status" => paylov::ReceiptStatus: build_receipt_status, parse_receipt_status -> "ReceiptStatusOutput";
    "paylov.refund_receipt" => paylov::RefundReceipt: build_refund_receipt, parse_refund_receipt -> "RefundReceiptOutput";
    "paymentsgate.auth_token" => paymentsgate::AuthToken: build_auth_token, parse_auth_token -> "AuthTokenOutput";
    "paymentsgate.refresh_token" => paymentsgate::RefreshToken: build_refresh_token, parse_refresh_token -> "AuthTokenOutput";
    "paymentsgate.create_payin" => paymentsgate::CreatePayin: build_create_payin, parse_create_payin -> "CreatePayinOutput";
    "paymentsgate.payin_credentials" => paymentsgate::PayinCredentials: build_payin_credentials, parse_payin_credentials -> "PayinCredentialsOutput";
    "paymentsgate.deal_status" => paymentsgate::GetDealStatus: build_deal_status, parse_deal_status -> "DealStatusOutput";
    "via.confirm_pay" => via::ConfirmPay: build_confirm_pay, parse_confirm_pay -> "ConfirmPayOutput";
    "via.confirm_pay_verify" => via::ConfirmPayVerify: build_confirm_pay_verify, parse_confirm_pay_verify -> "ViaTransaction";
    "via.resend_code" => via::ResendCode: build_resend_code, parse_resend_code -> "ResendCodeOutput";
    "via.get_transaction" => via::GetTransaction: build_get_transaction, parse_get_transaction -> "ViaTransaction";
}

/// `fiscalbox` of `fiscalbox.click_confirm`.
fn provider(op: &str) -> &str {
    op.split_once('.').map_or(op, |(provider, _)| provider)
}

/// `build_<name>`: the input decoded straight into the core's typed input and built
/// with the config's typed core config; if that does not give a request, the JSON
/// path, which gives the error (or, were the fast path stricter than the core, the
/// request).
fn build<O: Operation>(
    py: Python<'_>,
    config: &Bound<'_, PyAny>,
    input: Option<&Bound<'_, PyAny>>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<HttpRequest>
where
    O::Config: CoreConfig,
{
    errors::guard(py, || {
        let fast = config::core::<O::Config>(config).and_then(|config| {
            let input: O::Input = de::input(py, input, kwargs).ok()?;
            O::build(config, &input).ok()
        });
        match fast {
            Some(request) => Ok(HttpRequest(request)),
            None => build_json(py, O::NAME, config, input, kwargs),
        }
    })
}

/// The JSON path of `build_<name>`: the config and the input to JSON, then the core
/// decodes (naming the field of any error), checks and builds.
fn build_json(
    py: Python<'_>,
    op: &str,
    config: &Bound<'_, PyAny>,
    input: Option<&Bound<'_, PyAny>>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<HttpRequest> {
    let config = config::json_for(provider(op), config)?;
    let input = input_json(py, input, kwargs)?;
    uzpay::dispatch::build(op, &config, &input)
        .map(HttpRequest)
        .map_err(|e| errors::from_core_input(py, &e, &[&input, &config]))
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
type Output = (&'static str, &'static PyOnceLock<RecordClass>);

/// `parse_<name>`: the core parses; its typed output becomes the output class.
fn parse<'py, O: Operation>(
    py: Python<'py>,
    (class_name, class): Output,
    (status, headers, body): (&Bound<'py, PyAny>, &Bound<'py, PyAny>, &Bound<'py, PyAny>),
) -> PyResult<Bound<'py, PyAny>> {
    errors::guard(py, || {
        let response = response::from_python(status, headers, body)?;
        let output = O::parse(&response).map_err(|e| errors::from_core(py, &e, Class::OfKind))?;
        let class = class
            .get_or_try_init(py, || RecordClass::import(py, &format!("uzpay.{}", provider(O::NAME)), class_name))?;
        if let Some(record) = class.output(py, &output) {
            return Ok(record);
        }
        // The canonical JSON output, and `from_dict` decides.
        let output =
            uzpay::dispatch::parse_with::<O>(&response).map_err(|e| errors::from_core(py, &e, Class::OfKind))?;
        class.wrap(py, &output).map_err(|e| errors::internal_from(py, &format!("{}: {class_name}", O::NAME), e))
    })
}

#[cfg(test)]
mod tests {
    use super::TABLE;

    #[test]
    fn the_table_covers_exactly_the_core_operations() {
        for (name, core_name) in TABLE {
            assert_eq!(name, core_name, "the table's name and type disagree");
        }
        let mut table: Vec<&str> = TABLE.iter().map(|(name, _)| *name).collect();
        let mut core = uzpay::OPERATIONS.to_vec();
        table.sort_unstable();
        core.sort_unstable();
        assert_eq!(table, core);
    }
}
