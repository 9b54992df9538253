//! The four provider configs. Each keeps the JSON it was made from (what
//! `uzpay::dispatch::build` takes) and the core's typed config decoded from it, so a
//! missing or mistyped field is refused when the config is made, with the core's
//! field name, and the defaults (base URLs) are the core's. Builds use the typed
//! config as it is; the JSON serves the JSON path of a build (see `operations`).
//!
//! Credentials are `uzpay::Secret` in the typed config, which has no way to print
//! itself: the reprs below can only show them as the core's mask, `***`.

use pyo3::prelude::*;
use pyo3::types::{PyString, PyType};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use uzpay::http::REDACTED;
use uzpay::{fiscalbox, paylov, paymentsgate, via, Provider};

use crate::convert;
use crate::errors;

/// What every config class provides to the operations.
pub(crate) trait Config: Sized {
    /// The provider whose operations take this config.
    const PROVIDER: Provider;
    /// The Python class name.
    const NAME: &'static str;
    /// The config as the JSON the core decodes.
    fn json(&self) -> &Value;
    /// Decodes a JSON config (from keyword arguments or a dict).
    fn from_json(py: Python<'_>, json: Value) -> PyResult<Self>;
}

/// A core config type, with the Python class that keeps one (decoded, when the
/// config was made, from that class's JSON by the decoder the JSON path uses).
pub(crate) trait CoreConfig: Sized + 'static {
    /// The Python class.
    type Class: pyo3::PyClass<Frozen = pyo3::pyclass::boolean_struct::True> + Sync;
    /// The typed config an instance keeps.
    fn of(class: &Self::Class) -> &Self;
}

/// The typed core config of `config`, if it is the class of the core config `C`.
pub(crate) fn core<'a, C: CoreConfig>(config: &'a Bound<'_, PyAny>) -> Option<&'a C> {
    config.cast::<C::Class>().ok().map(|c| C::of(c.get()))
}

/// The JSON config an operation of `provider` needs, taken from `config`, which must
/// be that provider's config class.
pub(crate) fn json_for(provider: &str, config: &Bound<'_, PyAny>) -> PyResult<Value> {
    fn take<C: Config + pyo3::PyClass<Frozen = pyo3::pyclass::boolean_struct::True> + Sync>(
        provider: &str,
        config: &Bound<'_, PyAny>,
    ) -> Option<Value> {
        let c = config.cast::<C>().ok()?;
        (C::PROVIDER.as_str() == provider).then(|| c.get().json().clone())
    }
    take::<FiscalBoxConfig>(provider, config)
        .or_else(|| take::<PaylovConfig>(provider, config))
        .or_else(|| take::<PaymentsGateConfig>(provider, config))
        .or_else(|| take::<ViaConfig>(provider, config))
        .ok_or_else(|| {
            let wanted = match provider {
                "fiscalbox" => FiscalBoxConfig::NAME,
                "paylov" => PaylovConfig::NAME,
                "paymentsgate" => PaymentsGateConfig::NAME,
                "via" => ViaConfig::NAME,
                _ => "the provider's config",
            };
            let got = config.get_type().name().map(|n| n.to_string()).unwrap_or_default();
            pyo3::exceptions::PyTypeError::new_err(format!("config must be a {wanted}, not {got}"))
        })
}

/// A JSON object of the given arguments; `None` ones are left out so that the core's
/// defaults apply.
fn arguments(py: Python<'_>, fields: &[(&str, Option<&Bound<'_, PyAny>>)]) -> PyResult<Value> {
    let mut map = Map::new();
    for (name, value) in fields {
        if let Some(value) = value.filter(|v| !v.is_none()) {
            let json = convert::to_json(value, name).map_err(|r| errors::from_refusal(py, r))?;
            map.insert((*name).to_owned(), json);
        }
    }
    Ok(Value::Object(map))
}

/// A dict given to `from_dict`, as JSON.
fn dict_json(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<Value> {
    let json = convert::to_json(data, "").map_err(|r| errors::from_refusal(py, r))?;
    if json.is_object() {
        Ok(json)
    } else {
        Err(pyo3::exceptions::PyTypeError::new_err("from_dict() takes a dict of the config's fields"))
    }
}

/// The core's typed config, with the core's errors.
fn typed<T: DeserializeOwned>(py: Python<'_>, json: &Value) -> PyResult<T> {
    uzpay::json::from_json_value(json).map_err(|e| errors::from_core_input(py, &e, &[json]))
}

fn repr_str(py: Python<'_>, s: &str) -> PyResult<String> {
    Ok(PyString::new(py, s).repr()?.to_cow()?.into_owned())
}

fn repr_secret(py: Python<'_>) -> PyResult<String> {
    repr_str(py, REDACTED)
}

fn repr_bool(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

/// The `Config` impl every config class shares: its JSON form for the core and the
/// typed core config decoded from it (which validates it); and the `CoreConfig` impl
/// of that core config.
macro_rules! impl_config {
    ($class:ident, $core:ty, $provider:expr) => {
        impl Config for $class {
            const PROVIDER: Provider = $provider;
            const NAME: &'static str = stringify!($class);
            fn json(&self) -> &Value {
                &self.json
            }
            fn from_json(py: Python<'_>, json: Value) -> PyResult<Self> {
                let typed = typed(py, &json)?;
                Ok(Self { json, typed })
            }
        }

        impl CoreConfig for $core {
            type Class = $class;
            fn of(class: &$class) -> &$core {
                &class.typed
            }
        }
    };
}

/// How to reach FiscalBox. Its `/payment/*` calls take no credentials.
#[pyclass(frozen, eq, module = "uzpay", name = "FiscalBoxConfig")]
#[derive(PartialEq)]
pub(crate) struct FiscalBoxConfig {
    json: Value,
    typed: fiscalbox::FiscalBoxConfig,
}

impl_config!(FiscalBoxConfig, fiscalbox::FiscalBoxConfig, Provider::FiscalBox);

#[pymethods]
impl FiscalBoxConfig {
    /// FiscalBox's production base URL, the default.
    #[classattr]
    const DEFAULT_BASE_URL: &'static str = fiscalbox::DEFAULT_BASE_URL;

    #[new]
    #[pyo3(signature = (base_url = None))]
    fn new(py: Python<'_>, base_url: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        errors::guard(py, || Self::from_json(py, arguments(py, &[("base_url", base_url)])?))
    }

    /// A config from a dict of its fields (e.g. from Django settings).
    #[classmethod]
    fn from_dict(_cls: &Bound<'_, PyType>, data: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = data.py();
        errors::guard(py, || Self::from_json(py, dict_json(py, data)?))
    }

    #[getter]
    fn base_url(&self) -> &str {
        &self.typed.base_url
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        errors::guard(py, || Ok(format!("FiscalBoxConfig(base_url={})", repr_str(py, &self.typed.base_url)?)))
    }
}

/// How to reach Paylov. The api key never appears in `repr()` or `str()`.
#[pyclass(frozen, eq, module = "uzpay", name = "PaylovConfig")]
#[derive(PartialEq)]
pub(crate) struct PaylovConfig {
    json: Value,
    typed: paylov::PaylovConfig,
}

impl_config!(PaylovConfig, paylov::PaylovConfig, Provider::Paylov);

#[pymethods]
impl PaylovConfig {
    /// Paylov's production base URL, the default.
    #[classattr]
    const PRODUCTION_BASE_URL: &'static str = paylov::PRODUCTION_BASE_URL;
    /// Paylov's sandbox base URL (see `PaylovConfig.sandbox`).
    #[classattr]
    const SANDBOX_BASE_URL: &'static str = paylov::SANDBOX_BASE_URL;

    #[new]
    #[pyo3(signature = (api_key, base_url = None, use_deprecated_register_path = None))]
    fn new(
        py: Python<'_>,
        api_key: &Bound<'_, PyAny>,
        base_url: Option<&Bound<'_, PyAny>>,
        use_deprecated_register_path: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        errors::guard(py, || {
            let json = arguments(
                py,
                &[
                    ("base_url", base_url),
                    ("api_key", Some(api_key)),
                    ("use_deprecated_register_path", use_deprecated_register_path),
                ],
            )?;
            Self::from_json(py, json)
        })
    }

    /// A config for Paylov's sandbox with this api key.
    #[classmethod]
    fn sandbox(_cls: &Bound<'_, PyType>, api_key: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = api_key.py();
        errors::guard(py, || {
            let base_url = PyString::new(py, paylov::SANDBOX_BASE_URL).into_any();
            let json = arguments(py, &[("base_url", Some(&base_url)), ("api_key", Some(api_key))])?;
            Self::from_json(py, json)
        })
    }

    /// A config from a dict of its fields (e.g. from Django settings).
    #[classmethod]
    fn from_dict(_cls: &Bound<'_, PyType>, data: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = data.py();
        errors::guard(py, || Self::from_json(py, dict_json(py, data)?))
    }

    #[getter]
    fn base_url(&self) -> &str {
        &self.typed.base_url
    }

    #[getter]
    fn use_deprecated_register_path(&self) -> bool {
        self.typed.use_deprecated_register_path
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        errors::guard(py, || {
            Ok(format!(
                "PaylovConfig(api_key={}, base_url={}, use_deprecated_register_path={})",
                repr_secret(py)?,
                repr_str(py, &self.typed.base_url)?,
                repr_bool(self.typed.use_deprecated_register_path)
            ))
        })
    }
}

/// How to reach PaymentsGate: the account's base URL and a bearer token. The token
/// never appears in `repr()` or `str()`.
#[pyclass(frozen, eq, module = "uzpay", name = "PaymentsGateConfig")]
#[derive(PartialEq)]
pub(crate) struct PaymentsGateConfig {
    json: Value,
    typed: paymentsgate::PaymentsGateConfig,
}

impl_config!(PaymentsGateConfig, paymentsgate::PaymentsGateConfig, Provider::PaymentsGate);

#[pymethods]
impl PaymentsGateConfig {
    /// `access_token` may be left out only for `build_auth_token` and
    /// `build_refresh_token`, the calls that obtain one.
    #[new]
    #[pyo3(signature = (base_url, access_token = None))]
    fn new(py: Python<'_>, base_url: &Bound<'_, PyAny>, access_token: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        errors::guard(py, || {
            let json = arguments(py, &[("base_url", Some(base_url)), ("access_token", access_token)])?;
            Self::from_json(py, json)
        })
    }

    /// A config from a dict of its fields (e.g. from Django settings).
    #[classmethod]
    fn from_dict(_cls: &Bound<'_, PyType>, data: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = data.py();
        errors::guard(py, || Self::from_json(py, dict_json(py, data)?))
    }

    #[getter]
    fn base_url(&self) -> &str {
        &self.typed.base_url
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        errors::guard(py, || {
            // An absent token is worth seeing (the auth calls need none); a token is not.
            let token = if self.typed.access_token.is_empty() { "None".to_owned() } else { repr_secret(py)? };
            Ok(format!("PaymentsGateConfig(base_url={}, access_token={token})", repr_str(py, &self.typed.base_url)?))
        })
    }
}

/// How to reach VIA. The client secret never appears in `repr()` or `str()`.
#[pyclass(frozen, eq, module = "uzpay", name = "ViaConfig")]
#[derive(PartialEq)]
pub(crate) struct ViaConfig {
    json: Value,
    typed: via::ViaConfig,
}

impl_config!(ViaConfig, via::ViaConfig, Provider::Via);

#[pymethods]
impl ViaConfig {
    /// VIA's sandbox base URL.
    #[classattr]
    const SANDBOX_BASE_URL: &'static str = via::SANDBOX_BASE_URL;

    #[new]
    fn new(
        py: Python<'_>,
        base_url: &Bound<'_, PyAny>,
        client_id: &Bound<'_, PyAny>,
        client_secret: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        errors::guard(py, || {
            let json = arguments(
                py,
                &[("base_url", Some(base_url)), ("client_id", Some(client_id)), ("client_secret", Some(client_secret))],
            )?;
            Self::from_json(py, json)
        })
    }

    /// A config from a dict of its fields (e.g. from Django settings).
    #[classmethod]
    fn from_dict(_cls: &Bound<'_, PyType>, data: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = data.py();
        errors::guard(py, || Self::from_json(py, dict_json(py, data)?))
    }

    #[getter]
    fn base_url(&self) -> &str {
        &self.typed.base_url
    }

    #[getter]
    fn client_id(&self) -> &str {
        &self.typed.client_id
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        errors::guard(py, || {
            Ok(format!(
                "ViaConfig(base_url={}, client_id={}, client_secret={})",
                repr_str(py, &self.typed.base_url)?,
                repr_str(py, &self.typed.client_id)?,
                repr_secret(py)?
            ))
        })
    }
}
