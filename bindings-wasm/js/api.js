// The public API, the same for every build (Node CommonJS and ESM, browsers).

export { UzpayError } from './errors.js';
export { FiscalBoxConfig, PaylovConfig, PaymentsGateConfig, ViaConfig } from './configs.js';
export { HttpRequest } from './http.js';
export * from './operations.js';
export { buildReceiptUrl, parseReceiptUrl, receiptTotals, vatIncluded } from './fiscal.js';
export { send } from './send.js';
