//! Every operation of [`uzpay::OPERATIONS`] as two exported functions:
//! `build_<name>(config, input)` (Kotlin `buildClickConfirm(config, input)`) and
//! `parse_<name>(response)` (Kotlin `parseClickConfirm(response)`).
//!
//! The list is the core's own (`uzpay::for_each_operation!`) and the types come from
//! each operation's [`Operation`] impl, so a new operation in the core needs nothing
//! here.

use uzpay::Operation;

use crate::error::UzpayError;
use crate::http::{HttpRequest, HttpResponse};

macro_rules! exports {
    ($($op:ty, $function:ident, $build:ident, $parse:ident;)+) => {
        $(
            /// Validates the input and builds the provider request. Nothing is sent:
            /// send the request with any HTTP client, then give the answer to the
            /// matching `parse` function. Bad input throws
            /// `UzpayException.InvalidInput` naming the field.
            #[uniffi::export]
            pub fn $build(
                config: <$op as Operation>::Config,
                input: <$op as Operation>::Input,
            ) -> Result<HttpRequest, UzpayError> {
                Ok(<$op as Operation>::build(&config, &input)?.into())
            }

            /// Parses the provider's answer into the output, or throws the provider's
            /// refusal (`UzpayException.Provider`), an unexpected status
            /// (`UzpayException.Http`) or an unreadable body (`UzpayException.Decode`).
            #[uniffi::export]
            pub fn $parse(response: HttpResponse) -> Result<<$op as Operation>::Output, UzpayError> {
                Ok(<$op as Operation>::parse(&response.try_into()?)?)
            }
        )+
    };
}

// The core's one list of operations, each as a build and a parse function.
uzpay::for_each_operation!(exports);

/// The names of every operation, `<provider>.<operation>` (the core's
/// `uzpay::OPERATIONS`); `buildX`/`parseX` exist for each.
#[uniffi::export]
pub fn operations() -> Vec<String> {
    uzpay::OPERATIONS.iter().map(|name| (*name).to_owned()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_build_and_a_parse() {
        let config = uzpay::fiscalbox::FiscalBoxConfig::default();
        let input = uzpay::fiscalbox::ClickConfirmInput {
            payment_id: "4710103925".into(),
            qr_code: "https://ofd.soliq.uz/check?t=UZ170703100597&r=2421&c=20230104121801&s=514343190161".into(),
        };
        let request = build_click_confirm(config, input).unwrap();
        assert_eq!(request.url, "https://api.fiscalbox.uz/payment/click_confirm");
        let body = br#"{"data":{"status":"successfully"},"error":null,"is_success":true}"#.to_vec();
        let output = parse_click_confirm(HttpResponse { status: 200, headers: vec![], body }).unwrap();
        assert_eq!(output.status.as_str(), "successfully");
        let e = parse_click_confirm(HttpResponse { status: 500, headers: vec![], body: vec![] }).unwrap_err();
        assert_eq!(e, UzpayError::Http { status: 500, retryable: true });
    }
}
