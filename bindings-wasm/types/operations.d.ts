import type { HttpRequest, HttpResponse } from './common.js';
import type {
  FiscalBoxConfig,
  FiscalBoxConfigOptions,
  PaylovConfig,
  PaylovConfigOptions,
  PaymentsGateConfig,
  PaymentsGateConfigOptions,
  ViaConfig,
  ViaConfigOptions,
} from './config.js';
import type * as F from './fiscalbox.js';
import type * as P from './paylov.js';
import type * as G from './paymentsgate.js';
import type * as V from './via.js';

/** A provider's config: its class (credentials never print) or a plain object of its options. */
export type FiscalBoxConfigLike = FiscalBoxConfig | FiscalBoxConfigOptions;
export type PaylovConfigLike = PaylovConfig | PaylovConfigOptions;
export type PaymentsGateConfigLike = PaymentsGateConfig | PaymentsGateConfigOptions;
export type ViaConfigLike = ViaConfig | ViaConfigOptions;

/** Every operation of the core by its canonical name: its config, input and output. */
export interface OperationTypes {
  'fiscalbox.click_payment': { config: FiscalBoxConfigLike; input: F.ClickPaymentInput; output: F.ClickPaymentOutput };
  'fiscalbox.click_confirm': { config: FiscalBoxConfigLike; input: F.ClickConfirmInput; output: F.ClickConfirmOutput };
  'fiscalbox.anor_payment': { config: FiscalBoxConfigLike; input: F.AnorPaymentInput; output: F.AnorPaymentOutput };
  'fiscalbox.anor_confirm': { config: FiscalBoxConfigLike; input: F.AnorConfirmInput; output: F.AnorConfirmOutput };
  'paylov.register_receipt': { config: PaylovConfigLike; input: P.RegisterReceiptInput; output: P.RegisterReceiptOutput };
  'paylov.receipt_status': { config: PaylovConfigLike; input: P.ReceiptStatusInput; output: P.ReceiptStatusOutput };
  'paylov.refund_receipt': { config: PaylovConfigLike; input: P.RefundReceiptInput; output: P.RefundReceiptOutput };
  'paymentsgate.auth_token': { config: PaymentsGateConfigLike; input: G.AuthTokenInput; output: G.AuthTokenOutput };
  'paymentsgate.refresh_token': { config: PaymentsGateConfigLike; input: G.RefreshTokenInput; output: G.AuthTokenOutput };
  'paymentsgate.create_payin': { config: PaymentsGateConfigLike; input: G.CreatePayinInput; output: G.CreatePayinOutput };
  'paymentsgate.payin_credentials': { config: PaymentsGateConfigLike; input: G.PayinCredentialsInput; output: G.PayinCredentialsOutput };
  'paymentsgate.deal_status': { config: PaymentsGateConfigLike; input: G.DealStatusInput; output: G.DealStatusOutput };
  'via.confirm_pay': { config: ViaConfigLike; input: V.ConfirmPayInput; output: V.ConfirmPayOutput };
  'via.confirm_pay_verify': { config: ViaConfigLike; input: V.ConfirmPayVerifyInput; output: V.ViaTransaction };
  'via.resend_code': { config: ViaConfigLike; input: V.ResendCodeInput; output: V.ResendCodeOutput };
  'via.get_transaction': { config: ViaConfigLike; input: V.GetTransactionInput; output: V.ViaTransaction };
}

/** `<provider>.<operation>`, e.g. `paylov.register_receipt`. */
export type OperationName = keyof OperationTypes;

/** Validates the input and builds the request; nothing is sent. Throws an `invalid_input` UzpayError naming the field. */
export type Build<Op extends OperationName> = (
  config: OperationTypes[Op]['config'],
  input: OperationTypes[Op]['input'],
) => HttpRequest;

/** Parses the provider's answer; throws a `provider`, `http` or `decode` UzpayError. */
export type Parse<Op extends OperationName> = (response: HttpResponse) => OperationTypes[Op]['output'];

/** Every operation by its canonical name, for code that treats operations alike. */
export declare const operations: { readonly [Op in OperationName]: { readonly build: Build<Op>; readonly parse: Parse<Op> } };

/** FiscalBox `POST /payment/click`: charge a Click payment QR. */
export declare const buildClickPayment: Build<'fiscalbox.click_payment'>;
export declare const parseClickPayment: Parse<'fiscalbox.click_payment'>;
/** FiscalBox `POST /payment/click_confirm`: attach the OFD receipt to a Click payment. */
export declare const buildClickConfirm: Build<'fiscalbox.click_confirm'>;
export declare const parseClickConfirm: Parse<'fiscalbox.click_confirm'>;
/** FiscalBox `POST /payment/anor`: charge an Anor payment QR. */
export declare const buildAnorPayment: Build<'fiscalbox.anor_payment'>;
export declare const parseAnorPayment: Parse<'fiscalbox.anor_payment'>;
/** FiscalBox `POST /payment/anor_confirm`: attach the OFD receipt to an Anor payment. */
export declare const buildAnorConfirm: Build<'fiscalbox.anor_confirm'>;
export declare const parseAnorConfirm: Parse<'fiscalbox.anor_confirm'>;
/** Paylov `POST /merchant/fiscalization/register/`: register a fiscal receipt. `ofd_check_already_generated` is final. */
export declare const buildRegisterReceipt: Build<'paylov.register_receipt'>;
export declare const parseRegisterReceipt: Parse<'paylov.register_receipt'>;
/** Paylov `GET /merchant/fiscalization/status/`: read a payment's receipt back. */
export declare const buildReceiptStatus: Build<'paylov.receipt_status'>;
export declare const parseReceiptStatus: Parse<'paylov.receipt_status'>;
/** Paylov `POST /merchant/fiscalization/refund/`: refund a fiscal receipt. */
export declare const buildRefundReceipt: Build<'paylov.refund_receipt'>;
export declare const parseRefundReceipt: Parse<'paylov.refund_receipt'>;
/** PaymentsGate `POST /auth/token`: the bearer tokens (no access token needed). */
export declare const buildAuthToken: Build<'paymentsgate.auth_token'>;
export declare const parseAuthToken: Parse<'paymentsgate.auth_token'>;
/** PaymentsGate `POST /auth/token/refresh`. */
export declare const buildRefreshToken: Build<'paymentsgate.refresh_token'>;
export declare const parseRefreshToken: Parse<'paymentsgate.refresh_token'>;
/** PaymentsGate `POST /deals/payin`: create a payin deal (oneclick). */
export declare const buildCreatePayin: Build<'paymentsgate.create_payin'>;
export declare const parseCreatePayin: Parse<'paymentsgate.create_payin'>;
/** PaymentsGate `GET /deals/{id}/credentials`: where the customer pays to. `ERROR_CREDENTIALS_NOT_FOUND` is retryable. */
export declare const buildPayinCredentials: Build<'paymentsgate.payin_credentials'>;
export declare const parsePayinCredentials: Parse<'paymentsgate.payin_credentials'>;
/** PaymentsGate `GET /deals/{id}`: a deal's status. */
export declare const buildDealStatus: Build<'paymentsgate.deal_status'>;
export declare const parseDealStatus: Parse<'paymentsgate.deal_status'>;
/** VIA `POST /partner/merchant/confirm/pay`: start a card payment (an SMS code goes to the card holder). */
export declare const buildConfirmPay: Build<'via.confirm_pay'>;
export declare const parseConfirmPay: Parse<'via.confirm_pay'>;
/** VIA `POST /partner/merchant/confirm/pay/verify`: confirm it with the SMS code. */
export declare const buildConfirmPayVerify: Build<'via.confirm_pay_verify'>;
export declare const parseConfirmPayVerify: Parse<'via.confirm_pay_verify'>;
/** VIA `POST /partner/merchant/pay/resend`: send a new SMS code. */
export declare const buildResendCode: Build<'via.resend_code'>;
export declare const parseResendCode: Parse<'via.resend_code'>;
/** VIA `GET /partner/transaction`: look a transaction up by VIA's id or yours. */
export declare const buildGetTransaction: Build<'via.get_transaction'>;
export declare const parseGetTransaction: Parse<'via.get_transaction'>;
