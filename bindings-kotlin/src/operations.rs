//! Every operation of [`uzpay::OPERATIONS`] as two exported functions:
//! `build_<name>(config, input)` (Kotlin `buildClickConfirm(config, input)`) and
//! `parse_<name>(response)` (Kotlin `parseClickConfirm(response)`).
//!
//! One line per operation: the types come from its [`Operation`] impl in the core, so
//! a new operation is one more line here and nothing else.

use uzpay::Operation;

use crate::error::UzpayError;
use crate::http::{HttpRequest, HttpResponse};

macro_rules! operations {
    ($($build:ident / $parse:ident => $op:ty;)+) => {
        /// The names of the operations exported below, `<provider>.<operation>`.
        #[cfg(test)]
        const EXPORTED: &[&str] = &[$(<$op as Operation>::NAME),+];

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

operations! {
    build_click_payment / parse_click_payment => uzpay::fiscalbox::ClickPayment;
    build_click_confirm / parse_click_confirm => uzpay::fiscalbox::ClickConfirm;
    build_anor_payment / parse_anor_payment => uzpay::fiscalbox::AnorPayment;
    build_anor_confirm / parse_anor_confirm => uzpay::fiscalbox::AnorConfirm;
    build_register_receipt / parse_register_receipt => uzpay::paylov::RegisterReceipt;
    build_receipt_status / parse_receipt_status => uzpay::paylov::ReceiptStatus;
    build_refund_receipt / parse_refund_receipt => uzpay::paylov::RefundReceipt;
    build_auth_token / parse_auth_token => uzpay::paymentsgate::AuthToken;
    build_refresh_token / parse_refresh_token => uzpay::paymentsgate::RefreshToken;
    build_create_payin / parse_create_payin => uzpay::paymentsgate::CreatePayin;
    build_payin_credentials / parse_payin_credentials => uzpay::paymentsgate::PayinCredentials;
    build_deal_status / parse_deal_status => uzpay::paymentsgate::GetDealStatus;
    build_confirm_pay / parse_confirm_pay => uzpay::via::ConfirmPay;
    build_confirm_pay_verify / parse_confirm_pay_verify => uzpay::via::ConfirmPayVerify;
    build_resend_code / parse_resend_code => uzpay::via::ResendCode;
    build_get_transaction / parse_get_transaction => uzpay::via::GetTransaction;
}

/// The names of every operation, `<provider>.<operation>` (the core's
/// `uzpay::OPERATIONS`); `buildX`/`parseX` exist for each.
#[uniffi::export]
pub fn operations() -> Vec<String> {
    uzpay::OPERATIONS.iter().map(|name| (*name).to_owned()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The core's list and the exported one are the same set, in the same order.
    #[test]
    fn every_operation_is_exported() {
        assert_eq!(EXPORTED, uzpay::OPERATIONS);
    }

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
