//! A credential that never prints.

use std::fmt;

use serde::{Deserialize, Deserializer};

/// A credential (api key, client secret, access token).
///
/// Its `Debug` shows `***`; it has no `Display` and no `Serialize`, so it cannot end
/// up in a log line, an error message or a serialized config by accident. The value
/// is read only through [`Secret::expose`], at the one place that puts it in a header.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret(String);

impl Secret {
    /// Wraps a credential.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The credential itself. Call it only where the value must go on the wire.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// True when no credential was given.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(\"***\")")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_owned())
    }
}

// A plain string on the foreign side: the records that hold a secret export their
// masked `Debug` as the foreign `toString()`, so no generated code prints it.
#[cfg(feature = "uniffi")]
uniffi::custom_type!(Secret, String, { lower: |secret| secret.0, try_lift: |value| Ok(Secret(value)) });

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Secret)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_value() {
        let s = Secret::new("sentinel-1234");
        assert_eq!(format!("{s:?}"), "Secret(\"***\")");
        assert_eq!(s.expose(), "sentinel-1234");
    }
}
