//! `uzpay.OfdReceiptUrl`: the fiscal receipt URL printed as a QR code, parsed and
//! built by the core's `uzpay::ofd`.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyString, PyTuple, PyType};
use uzpay::ofd::{OfdDateTime, OfdReceiptKind};
use uzpay::Error;

use crate::args::arg;
use crate::convert;
use crate::errors::{self, Class};

/// Every kind, for turning a name back into a kind.
const KINDS: [OfdReceiptKind; 2] = [OfdReceiptKind::Check, OfdReceiptKind::Epi];

/// A parsed OFD receipt URL,
/// `https://ofd.soliq.uz/check?t=UZ170703100597&r=2421&c=20230104121801&s=514343190161`.
#[pyclass(frozen, eq, hash, module = "uzpay", name = "OfdReceiptUrl")]
#[derive(PartialEq, Eq, Hash)]
pub(crate) struct OfdReceiptUrl(uzpay::ofd::OfdReceiptUrl);

#[pymethods]
impl OfdReceiptUrl {
    /// A receipt URL from its parts, each checked as `parse` checks it.
    #[new]
    #[pyo3(signature = (*, terminal_id, receipt_number, date_time, fiscal_sign, kind = None))]
    fn new(
        py: Python<'_>,
        terminal_id: &Bound<'_, PyAny>,
        receipt_number: &Bound<'_, PyAny>,
        date_time: &Bound<'_, PyAny>,
        fiscal_sign: &Bound<'_, PyAny>,
        kind: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        errors::guard(py, || {
            let kind = match kind.filter(|k| !k.is_none()) {
                None => OfdReceiptKind::Check,
                Some(kind) => kind_named(py, &arg::<String>(py, "kind", kind)?)?,
            };
            let terminal_id: String = arg(py, "terminal_id", terminal_id)?;
            let receipt_number: u64 = arg(py, "receipt_number", receipt_number)?;
            let date_time = ofd_date_time(py, date_time)?;
            let fiscal_sign: String = arg(py, "fiscal_sign", fiscal_sign)?;
            uzpay::ofd::OfdReceiptUrl::new(kind, &terminal_id, receipt_number, date_time, &fiscal_sign)
                .map(Self)
                .map_err(|e| errors::from_core(py, &e, Class::OfKind))
        })
    }

    /// Parses a receipt URL; errors name `url`, `url.t`, `url.r`, `url.c` or `url.s`.
    #[staticmethod]
    fn parse(py: Python<'_>, url: &Bound<'_, PyAny>) -> PyResult<Self> {
        errors::guard(py, || {
            let url: String = arg(py, "url", url)?;
            uzpay::ofd::OfdReceiptUrl::parse(&url).map(Self).map_err(|e| errors::from_core(py, &e, Class::OfKind))
        })
    }

    /// `"check"` (a fiscal module) or `"epi"` (a virtual cash register).
    #[getter]
    fn kind(&self) -> String {
        kind_name(self.0.kind)
    }

    /// `t`: the terminal (fiscal module) id.
    #[getter]
    fn terminal_id(&self) -> &str {
        &self.0.terminal_id
    }

    /// `r`: the receipt's number.
    #[getter]
    fn receipt_number(&self) -> u64 {
        self.0.receipt_number
    }

    /// `c`: when the receipt was issued, as the URL carries it (`YYYYMMDDhhmmss`).
    #[getter]
    fn date_time(&self, py: Python<'_>) -> PyResult<String> {
        errors::guard(py, || Ok(self.0.date_time.to_string()))
    }

    /// `c` as a naive `datetime.datetime`, in Tashkent local time as printed.
    #[getter]
    fn datetime<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let d = self.0.date_time;
        errors::guard(py, || datetime_class(py)?.call1((d.year, d.month, d.day, d.hour, d.minute, d.second)))
    }

    /// `s`: the fiscal sign.
    #[getter]
    fn fiscal_sign(&self) -> &str {
        &self.0.fiscal_sign
    }

    /// The canonical URL (as `str()`).
    #[getter]
    fn url(&self, py: Python<'_>) -> PyResult<String> {
        errors::guard(py, || Ok(self.0.to_string()))
    }

    /// The canonical dict: kind, terminal_id, receipt_number, date_time, fiscal_sign.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        errors::guard(py, || {
            let value = serde_json::to_value(&self.0)
                .map_err(|e| errors::internal(py, &format!("OfdReceiptUrl as JSON: {e}")))?;
            convert::to_python(py, &value)
        })
    }

    fn __str__(&self, py: Python<'_>) -> PyResult<String> {
        errors::guard(py, || Ok(self.0.to_string()))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        errors::guard(py, || {
            let url = PyString::new(py, &self.0.to_string()).repr()?;
            Ok(format!("OfdReceiptUrl.parse({url})"))
        })
    }

    /// Pickles as its URL.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        errors::guard(py, || {
            let parse = slf.get_type().getattr("parse")?;
            let args = PyTuple::new(py, [slf.get().0.to_string()])?;
            PyTuple::new(py, [parse, args.into_any()])
        })
    }
}

/// The canonical name of a kind: its serialized form in the core.
fn kind_name(kind: OfdReceiptKind) -> String {
    serde_json::to_value(kind).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

fn kind_named(py: Python<'_>, name: &str) -> PyResult<OfdReceiptKind> {
    KINDS.into_iter().find(|k| kind_name(*k) == name).ok_or_else(|| {
        let names: Vec<String> = KINDS.into_iter().map(kind_name).collect();
        let e = Error::invalid_input("kind", format!("must be one of {}", names.join(", ")));
        errors::from_core(py, &e, Class::OfKind)
    })
}

/// `date_time` as 14 digits, or a `datetime.datetime` whose wall-clock fields are
/// taken as they are.
fn ofd_date_time(py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<OfdDateTime> {
    const FIELD: &str = "date_time";
    let checked = if value.is_instance(datetime_class(py)?)? {
        let part = |name: &str| value.getattr(name)?.extract::<u16>();
        let small = |name: &str| value.getattr(name)?.extract::<u8>();
        OfdDateTime::new(
            FIELD,
            part("year")?,
            small("month")?,
            small("day")?,
            small("hour")?,
            small("minute")?,
            small("second")?,
        )
    } else {
        OfdDateTime::parse(FIELD, &arg::<String>(py, FIELD, value)?)
    };
    checked.map_err(|e| errors::from_core(py, &e, Class::OfKind))
}

fn datetime_class(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static DATETIME: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    DATETIME.import(py, "datetime", "datetime")
}
