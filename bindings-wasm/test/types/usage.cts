// The CommonJS view of the same declarations (require resolves dist/types/*.d.cts).

import uzpay = require('uzpay');

const config = new uzpay.PaylovConfig({ apiKey: 'k' });
const request: uzpay.HttpRequest = uzpay.buildRefundReceipt(config, { receiptId: 1 });
const output: uzpay.RefundReceiptOutput = uzpay.parseRefundReceipt({ status: 200, body: '{"result":{"success":true}}' });
const error: uzpay.UzpayError = new uzpay.UzpayError({ kind: 'decode', message: 'm' });
export = { request, output, error };
