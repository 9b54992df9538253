//! Provider enumerations that stay open: a value a provider adds tomorrow is kept
//! verbatim in an `Other` case instead of failing the parse (a new status must never
//! crash a POS app).

/// Declares an open enum with known wire strings and an `Other(String)` case.
/// It serializes as, and deserializes from, the provider's own wire string.
macro_rules! wire_enum {
    (
        $(#[doc = $doc:literal])*
        $vis:vis enum $name:ident {
            $( $(#[doc = $vdoc:literal])* $variant:ident = $wire:literal, )+
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        // Foreign code gets the `Other` case too, and `toString()` is the wire string.
        #[cfg_attr(feature = "uniffi", derive(uniffi::Enum), uniffi::export(Display))]
        $vis enum $name {
            $( $(#[doc = $vdoc])* $variant, )+
            /// A value this version of uzpay does not know, kept as the provider sent it.
            Other(String),
        }

        impl $name {
            /// The provider's wire string.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $wire, )+
                    $name::Other(s) => s,
                }
            }

            /// The case for a wire string; unknown strings become `Other`.
            pub fn from_wire(s: &str) -> Self {
                match s {
                    $( $wire => $name::$variant, )+
                    other => $name::Other(other.to_owned()),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        // An open enumeration: its known wire strings, and any other string kept.
        #[cfg(feature = "describe")]
        impl $crate::describe::Describe for $name {
            fn shape() -> $crate::describe::Shape {
                $crate::describe::Shape::Named { name: stringify!($name) }
            }

            fn register(registry: &mut $crate::describe::Registry) {
                if registry.claim(stringify!($name)) {
                    let doc = concat!($($doc, "\n"),*);
                    let variants = vec![$($crate::describe::Variant {
                        rust_name: stringify!($variant),
                        wire: $wire,
                        doc: concat!($($vdoc, "\n"),*).trim(),
                    }),+];
                    registry.define($crate::describe::TypeDesc {
                        name: stringify!($name),
                        rust_path: ::std::any::type_name::<Self>(),
                        doc: doc.trim(),
                        kind: $crate::describe::Kind::Enum { variants, open: true },
                    });
                }
            }
        }

        #[cfg(feature = "describe")]
        impl $crate::describe::DefaultValue for $name {
            fn default_json(&self) -> ::serde_json::Value {
                ::serde_json::Value::from(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                let s = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(d)?;
                Ok($name::from_wire(&s))
            }
        }
    };
}

pub(crate) use wire_enum;
