// uzpay: build and parse requests to Uzbek payment and fiscalization providers.
// Handwritten declarations of the public API (bindings-wasm/js/api.js).

export type { HeaderPairs, HttpResponse, Integer, OpenEnum, Tiyin } from './common.js';
export { HttpRequest } from './common.js';
export type { LocalizedMessages, ProviderName, UzpayErrorInit, UzpayErrorKind } from './errors.js';
export { UzpayError } from './errors.js';
export type { FiscalBoxConfigOptions, PaylovConfigOptions, PaymentsGateConfigOptions, ViaConfigOptions } from './config.js';
export { FiscalBoxConfig, PaylovConfig, PaymentsGateConfig, ViaConfig } from './config.js';
export type * from './fiscalbox.js';
export type * from './paylov.js';
export type * from './paymentsgate.js';
export type * from './via.js';
export type { LineAmounts, OfdReceipt, OfdReceiptKind, OfdReceiptParts, ReceiptItem, ReceiptTotals } from './fiscal.js';
export { buildReceiptUrl, parseReceiptUrl, receiptTotals, vatIncluded } from './fiscal.js';
export * from './operations.js';
export type { FetchInit, FetchLike, FetchResponseLike, SendOptions } from './send.js';
export { send } from './send.js';
