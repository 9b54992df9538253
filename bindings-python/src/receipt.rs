//! Receipt arithmetic from the core's `uzpay::receipt`: line totals and the VAT
//! included in a VAT-inclusive amount, all in integer tiyin.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use serde::Deserialize;
use serde_json::{json, Value};
use uzpay::receipt::ReceiptItem;

use crate::args::arg;
use crate::errors::{self, Class};
use crate::record::RecordClass;
use crate::{convert, de};

/// The items as the core decodes them, so errors name `items[0].price`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Items {
    items: Vec<ReceiptItem>,
}

/// Validates the items (dicts or `Item`s) and computes each line's total and VAT and
/// the receipt's totals, as a `ReceiptTotals`.
#[pyfunction]
pub(crate) fn receipt_totals<'py>(py: Python<'py>, items: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    errors::guard(py, || {
        // Straight from Python when it can be; the JSON path names the field of an error.
        let totals = match de::decode::<Vec<ReceiptItem>>(items) {
            Ok(items) => uzpay::receipt::receipt_totals(&items).ok(),
            Err(_) => None,
        };
        let totals = match totals {
            Some(totals) => totals,
            None => {
                let list = convert::to_json(items, "items").map_err(|r| errors::from_refusal(py, r))?;
                if !list.is_array() {
                    return Err(PyTypeError::new_err("items must be a list of items"));
                }
                let input = json!({ "items": list });
                let Items { items } =
                    uzpay::json::from_json_value(&input).map_err(|e| errors::from_core_input(py, &e, &[&input]))?;
                uzpay::receipt::receipt_totals(&items).map_err(|e| errors::from_core(py, &e, Class::OfKind))?
            }
        };
        static TOTALS: PyOnceLock<RecordClass> = PyOnceLock::new();
        let class = TOTALS.get_or_try_init(py, || RecordClass::import(py, "uzpay.receipt", "ReceiptTotals"))?;
        if let Some(record) = class.output(py, &totals) {
            return Ok(record);
        }
        let value: Value =
            serde_json::to_value(&totals).map_err(|e| errors::internal(py, &format!("ReceiptTotals as JSON: {e}")))?;
        class.wrap(py, &value).map_err(|e| errors::internal_from(py, "ReceiptTotals", e))
    })
}

/// The VAT included in a VAT-inclusive amount: `gross x rate / (100 + rate)`, rounded
/// half up to the tiyin (1,000.00 UZS at 12% carries 107.14: 100000 -> 10714).
#[pyfunction]
pub(crate) fn vat_included(py: Python<'_>, gross: &Bound<'_, PyAny>, rate_percent: &Bound<'_, PyAny>) -> PyResult<u64> {
    errors::guard(py, || {
        let gross: u64 = arg(py, "gross", gross)?;
        let rate_percent: u32 = arg(py, "rate_percent", rate_percent)?;
        Ok(uzpay::receipt::vat_included(gross, rate_percent))
    })
}
