// Every operation of the core as a pair of functions, buildX(config, input) and
// parseX(response), made from one table: the core's operation name -> the name in
// JavaScript. A new core operation is one entry here (plus its types in types/).

import { configParts, FiscalBoxConfig, PaylovConfig, PaymentsGateConfig, ViaConfig } from './configs.js';
import { decode } from './decode.js';
import { encode } from './encode.js';
import { requestFromCore, responseParts } from './http.js';
import { callCore } from './wasm.js';

const NAMES = {
  'fiscalbox.click_payment': 'ClickPayment',
  'fiscalbox.click_confirm': 'ClickConfirm',
  'fiscalbox.anor_payment': 'AnorPayment',
  'fiscalbox.anor_confirm': 'AnorConfirm',
  'paylov.register_receipt': 'RegisterReceipt',
  'paylov.receipt_status': 'ReceiptStatus',
  'paylov.refund_receipt': 'RefundReceipt',
  'paymentsgate.auth_token': 'AuthToken',
  'paymentsgate.refresh_token': 'RefreshToken',
  'paymentsgate.create_payin': 'CreatePayin',
  'paymentsgate.payin_credentials': 'PayinCredentials',
  'paymentsgate.deal_status': 'DealStatus',
  'via.confirm_pay': 'ConfirmPay',
  'via.confirm_pay_verify': 'ConfirmPayVerify',
  'via.resend_code': 'ResendCode',
  'via.get_transaction': 'GetTransaction',
};

const CONFIGS = [FiscalBoxConfig, PaylovConfig, PaymentsGateConfig, ViaConfig];

function builder(op, Config) {
  return function build(config, input) {
    const { init, json } = configParts(config, Config);
    return requestFromCore(callCore('build', [op, json, encode(input)], [input, init]));
  };
}

function parser(op) {
  return function parse(response) {
    return decode(callCore('parse', [op, ...responseParts(response)], []));
  };
}

/**
 * Every operation by its core name: `operations['paylov.register_receipt']` is
 * `{ build: buildRegisterReceipt, parse: parseRegisterReceipt }`, for code that
 * treats operations alike.
 */
export const operations = {};
const functions = {};
for (const [op, name] of Object.entries(NAMES)) {
  const Config = CONFIGS.find((C) => C.provider === op.slice(0, op.indexOf('.')));
  const build = builder(op, Config);
  const parse = parser(op);
  // Named, so stack traces and the console say buildClickConfirm.
  Object.defineProperty(build, 'name', { value: `build${name}` });
  Object.defineProperty(parse, 'name', { value: `parse${name}` });
  functions[build.name] = build;
  functions[parse.name] = parse;
  operations[op] = Object.freeze({ build, parse });
}
Object.freeze(operations);

export const {
  buildClickPayment,
  parseClickPayment,
  buildClickConfirm,
  parseClickConfirm,
  buildAnorPayment,
  parseAnorPayment,
  buildAnorConfirm,
  parseAnorConfirm,
  buildRegisterReceipt,
  parseRegisterReceipt,
  buildReceiptStatus,
  parseReceiptStatus,
  buildRefundReceipt,
  parseRefundReceipt,
  buildAuthToken,
  parseAuthToken,
  buildRefreshToken,
  parseRefreshToken,
  buildCreatePayin,
  parseCreatePayin,
  buildPayinCredentials,
  parsePayinCredentials,
  buildDealStatus,
  parseDealStatus,
  buildConfirmPay,
  parseConfirmPay,
  buildConfirmPayVerify,
  parseConfirmPayVerify,
  buildResendCode,
  parseResendCode,
  buildGetTransaction,
  parseGetTransaction,
} = functions;
