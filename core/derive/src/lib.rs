//! `#[derive(Describe)]`: a type of the uzpay core describes itself as data
//! (`uzpay::describe`), for the code generator that writes every binding's types.
//!
//! It reads what the type already says and nothing else: the doc comments, and the
//! `serde` attributes that decide the canonical JSON form (`rename`, `rename_all`,
//! `default`, `skip_serializing_if`, `deny_unknown_fields`). A field whose type is
//! written `Tiyin` is money. So the description cannot drift from the type: it is read
//! off the same declaration.
//!
//! Supported: structs with named fields, and enums of unit variants (serialized as
//! their names). Anything else is a compile error that says so.

use proc_macro::TokenStream;
use proc_macro2::{Span, TokenStream as Tokens};
use quote::quote;
use syn::{parse_macro_input, Data, DeriveInput, Fields, LitStr, Type};

/// Derives `uzpay::describe::Describe`; see the crate docs.
#[proc_macro_derive(Describe)]
pub fn derive_describe(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    match expand(&input) {
        Ok(tokens) => tokens.into(),
        Err(error) => error.to_compile_error().into(),
    }
}

fn expand(input: &DeriveInput) -> syn::Result<Tokens> {
    let name = &input.ident;
    let name_text = name.to_string();
    let doc = doc_of(&input.attrs);
    let container = Serde::read(&input.attrs)?;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let (kind, members, extra) = match &input.data {
        Data::Struct(data) => {
            let (kind, members) = struct_kind(data, &container)?;
            (kind, members, Tokens::new())
        }
        Data::Enum(data) => {
            let (kind, arms) = enum_kind(data, &container)?;
            // An enum field's default is its wire string.
            let extra = quote! {
                impl #impl_generics ::uzpay::describe::DefaultValue for #name #ty_generics #where_clause {
                    fn default_json(&self) -> ::serde_json::Value {
                        ::serde_json::Value::from(match self { #(#arms),* })
                    }
                }
            };
            (kind, Vec::new(), extra)
        }
        Data::Union(_) => return Err(syn::Error::new(Span::call_site(), "Describe: unions are not supported")),
    };
    Ok(quote! {
        #extra

        impl #impl_generics ::uzpay::describe::Describe for #name #ty_generics #where_clause {
            fn shape() -> ::uzpay::describe::Shape {
                ::uzpay::describe::Shape::Named { name: #name_text }
            }

            fn register(registry: &mut ::uzpay::describe::Registry) {
                if !registry.claim(#name_text) {
                    return;
                }
                #(#members)*
                registry.define(::uzpay::describe::TypeDesc {
                    name: #name_text,
                    rust_path: ::std::any::type_name::<Self>(),
                    doc: #doc,
                    kind: #kind,
                });
            }
        }
    })
}

/// The kind of a struct, and the registrations of its fields' types.
fn struct_kind(data: &syn::DataStruct, container: &Serde) -> syn::Result<(Tokens, Vec<Tokens>)> {
    let Fields::Named(named) = &data.fields else {
        return Err(syn::Error::new(Span::call_site(), "Describe: only structs with named fields are supported"));
    };
    let mut fields = Vec::new();
    let mut members = Vec::new();
    for field in &named.named {
        let serde = Serde::read(&field.attrs)?;
        if serde.skip {
            continue;
        }
        let Some(ident) = &field.ident else { continue };
        let rust_name = ident.to_string();
        let rename = |explicit: &Option<String>, rule: &Option<String>| -> String {
            explicit.clone().unwrap_or_else(|| rule.as_deref().map_or(rust_name.clone(), |r| field_case(&rust_name, r)))
        };
        let input_name = rename(&serde.rename_de, &container.rename_all_de);
        let output_name = rename(&serde.rename_ser, &container.rename_all_ser);
        let doc = doc_of(&field.attrs);
        let ty = &field.ty;
        let optional = is_option(ty);
        // serde reads a missing `Option` as `None`, unless a `deserialize_with` reads it.
        let required = !(serde.default || container.default || (optional && !serde.deserialize_with));
        let omit_if_none = serde.skip_serializing_if;
        let container_default = container.default && !serde.default && serde.default_fn.is_none();
        let money = mentions(ty, "Tiyin");
        let default = match (&serde.default_fn, serde.default || container.default) {
            (Some(path), _) => {
                quote! { ::std::option::Option::Some(::uzpay::describe::DefaultValue::default_json(&#path())) }
            }
            // A container `default`: the field of the type's own default (a retry
            // policy's 4 tries), not the field type's (0).
            (None, true) if !serde.default => quote! {
                ::std::option::Option::Some(::uzpay::describe::DefaultValue::default_json(
                    &<Self as ::std::default::Default>::default().#ident,
                ))
            },
            (None, true) => quote! {
                ::std::option::Option::Some(::uzpay::describe::DefaultValue::default_json(
                    &<#ty as ::std::default::Default>::default(),
                ))
            },
            (None, false) => quote! { ::std::option::Option::None },
        };
        fields.push(quote! {
            ::uzpay::describe::Field {
                rust_name: #rust_name,
                input_name: #input_name,
                output_name: #output_name,
                doc: #doc,
                shape: <#ty as ::uzpay::describe::Describe>::shape(),
                required: #required,
                omit_if_none: #omit_if_none,
                money: #money,
                default: #default,
                container_default: #container_default,
            }
        });
        members.push(quote! { <#ty as ::uzpay::describe::Describe>::register(registry); });
    }
    let deny = container.deny_unknown_fields;
    let kind = quote! {
        ::uzpay::describe::Kind::Struct { fields: ::std::vec![#(#fields),*], deny_unknown_fields: #deny }
    };
    Ok((kind, members))
}

/// The kind of an enum of unit variants.
fn enum_kind(data: &syn::DataEnum, container: &Serde) -> syn::Result<(Tokens, Vec<Tokens>)> {
    let mut variants = Vec::new();
    let mut arms = Vec::new();
    for variant in &data.variants {
        if !matches!(variant.fields, Fields::Unit) {
            return Err(syn::Error::new_spanned(variant, "Describe: only enums of unit variants are supported"));
        }
        let serde = Serde::read(&variant.attrs)?;
        let rust_name = variant.ident.to_string();
        // Enums are read and written alike; the serialize name is the canonical one.
        let wire = serde.rename_ser.clone().unwrap_or_else(|| {
            container.rename_all_ser.as_deref().map_or(rust_name.clone(), |rule| variant_case(&rust_name, rule))
        });
        let doc = doc_of(&variant.attrs);
        variants.push(quote! { ::uzpay::describe::Variant { rust_name: #rust_name, wire: #wire, doc: #doc } });
        let ident = &variant.ident;
        arms.push(quote! { Self::#ident => #wire });
    }
    let kind = quote! { ::uzpay::describe::Kind::Enum { variants: ::std::vec![#(#variants),*], open: false } };
    Ok((kind, arms))
}

/// The `serde` attributes that shape the canonical form.
#[derive(Default)]
struct Serde {
    rename_ser: Option<String>,
    rename_de: Option<String>,
    rename_all_ser: Option<String>,
    rename_all_de: Option<String>,
    default: bool,
    /// `default = "path"`: the function that gives the default.
    default_fn: Option<syn::Path>,
    skip: bool,
    skip_serializing_if: bool,
    deserialize_with: bool,
    deny_unknown_fields: bool,
}

impl Serde {
    fn read(attrs: &[syn::Attribute]) -> syn::Result<Serde> {
        let mut serde = Serde::default();
        for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
            attr.parse_nested_meta(|meta| {
                let key = meta.path.get_ident().map(ToString::to_string).unwrap_or_default();
                match key.as_str() {
                    "rename" | "rename_all" => {
                        let (ser, de) = both_ways(&meta)?;
                        let (ser_slot, de_slot) = if key == "rename" {
                            (&mut serde.rename_ser, &mut serde.rename_de)
                        } else {
                            (&mut serde.rename_all_ser, &mut serde.rename_all_de)
                        };
                        if ser.is_some() {
                            *ser_slot = ser;
                        }
                        if de.is_some() {
                            *de_slot = de;
                        }
                    }
                    "default" => {
                        serde.default = true;
                        if meta.input.peek(syn::Token![=]) {
                            serde.default_fn = Some(meta.value()?.parse::<LitStr>()?.parse()?);
                        }
                    }
                    "skip" => serde.skip = true,
                    "skip_serializing_if" => {
                        serde.skip_serializing_if = true;
                        skip_value(&meta)?;
                    }
                    "deserialize_with" | "with" => {
                        serde.deserialize_with = true;
                        skip_value(&meta)?;
                    }
                    "deny_unknown_fields" => serde.deny_unknown_fields = true,
                    "flatten" | "untagged" | "tag" | "content" => {
                        return Err(meta.error(format!("Describe: `serde({key})` is not supported")))
                    }
                    _ => skip_value(&meta)?,
                }
                Ok(())
            })?;
        }
        Ok(serde)
    }
}

/// `rename = "x"` (both ways) or `rename(serialize = "x", deserialize = "y")`.
fn both_ways(meta: &syn::meta::ParseNestedMeta<'_>) -> syn::Result<(Option<String>, Option<String>)> {
    if meta.input.peek(syn::Token![=]) {
        let text = meta.value()?.parse::<LitStr>()?.value();
        return Ok((Some(text.clone()), Some(text)));
    }
    let (mut ser, mut de) = (None, None);
    meta.parse_nested_meta(|inner| {
        let text = inner.value()?.parse::<LitStr>()?.value();
        if inner.path.is_ident("serialize") {
            ser = Some(text);
        } else if inner.path.is_ident("deserialize") {
            de = Some(text);
        }
        Ok(())
    })?;
    Ok((ser, de))
}

/// Consumes `= value` or `(...)` after a key this derive does not read.
fn skip_value(meta: &syn::meta::ParseNestedMeta<'_>) -> syn::Result<()> {
    if meta.input.peek(syn::Token![=]) {
        meta.value()?.parse::<syn::Expr>()?;
    } else if meta.input.peek(syn::token::Paren) {
        meta.parse_nested_meta(|inner| skip_value(&inner))?;
    }
    Ok(())
}

/// The doc comment, its lines trimmed and joined with newlines.
fn doc_of(attrs: &[syn::Attribute]) -> String {
    let lines: Vec<String> = attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) => match &nv.value {
                syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) => Some(s.value()),
                _ => None,
            },
            _ => None,
        })
        .map(|line| line.strip_prefix(' ').unwrap_or(&line).trim_end().to_owned())
        .collect();
    lines.join("\n").trim().to_owned()
}

fn is_option(ty: &Type) -> bool {
    last_segment(ty).is_some_and(|s| s.ident == "Option")
}

fn last_segment(ty: &Type) -> Option<&syn::PathSegment> {
    match ty {
        Type::Path(p) => p.path.segments.last(),
        _ => None,
    }
}

/// Whether the type's tokens name `ident` (`Tiyin`, `Option<Tiyin>`, `Vec<Tiyin>`).
fn mentions(ty: &Type, ident: &str) -> bool {
    fn walk(tokens: Tokens, ident: &str) -> bool {
        tokens.into_iter().any(|t| match t {
            proc_macro2::TokenTree::Ident(i) => i == ident,
            proc_macro2::TokenTree::Group(g) => walk(g.stream(), ident),
            _ => false,
        })
    }
    walk(quote!(#ty), ident)
}

/// serde's `rename_all` rule applied to a snake_case field name.
fn field_case(name: &str, rule: &str) -> String {
    match rule {
        "camelCase" | "PascalCase" => {
            let mut out = String::new();
            let mut upper = rule == "PascalCase";
            for c in name.chars() {
                if c == '_' {
                    upper = true;
                } else if upper {
                    out.extend(c.to_uppercase());
                    upper = false;
                } else {
                    out.push(c);
                }
            }
            out
        }
        "UPPERCASE" | "SCREAMING_SNAKE_CASE" => name.to_uppercase(),
        "kebab-case" => name.replace('_', "-"),
        _ => name.to_owned(),
    }
}

/// serde's `rename_all` rule applied to a PascalCase variant name.
fn variant_case(name: &str, rule: &str) -> String {
    let snake = {
        let mut out = String::new();
        for (i, c) in name.chars().enumerate() {
            if c.is_uppercase() && i > 0 {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        }
        out
    };
    match rule {
        "lowercase" => name.to_lowercase(),
        "UPPERCASE" => name.to_uppercase(),
        "snake_case" => snake,
        "SCREAMING_SNAKE_CASE" => snake.to_uppercase(),
        "kebab-case" => snake.replace('_', "-"),
        "camelCase" => {
            let mut chars = name.chars();
            chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
        }
        _ => name.to_owned(),
    }
}
