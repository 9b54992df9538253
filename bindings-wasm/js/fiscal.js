// The fiscal domain without HTTP: OFD receipt URLs and receipt arithmetic, each one
// call into the core with the same JSON conversion as the operations.

import { decode } from './decode.js';
import { encode } from './encode.js';
import { callCore } from './wasm.js';

function compute(name, input) {
  return decode(callCore(name, [encode(input)], [input]));
}

/**
 * Parses the OFD receipt URL printed as a QR code on a fiscal receipt:
 * `{kind, terminalId, receiptNumber, dateTime, fiscalSign, url}` (`url` rebuilt
 * canonically). Errors name `url`, `url.t`, `url.r`, `url.c` or `url.s`.
 */
export function parseReceiptUrl(url) {
  return compute('parse_receipt_url', { url });
}

/** The canonical OFD receipt URL of `{kind?, terminalId, receiptNumber, dateTime, fiscalSign}`. */
export function buildReceiptUrl(parts) {
  return compute('build_receipt_url', parts).url;
}

/**
 * Validates every receipt line and computes `{lines: [{total, vat}], total, vat}` in
 * tiyin: line total = price x count - discount, VAT included rounded half up.
 * Errors name the line's field: `items[0].vatPercent`.
 */
export function receiptTotals(items) {
  return compute('receipt_totals', { items });
}

/** The VAT included in a VAT-inclusive amount of tiyin, rounded half up. */
export function vatIncluded(gross, ratePercent) {
  return compute('vat_included', { gross, ratePercent }).vat;
}
