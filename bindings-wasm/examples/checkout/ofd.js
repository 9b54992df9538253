// The OFD receipt box: a pasted receipt URL, read by uzpay.

import { parseReceiptUrl, UzpayError } from 'uzpay';

const $ = (id) => document.getElementById(id);

export function watchOfdBox() {
  $('ofd-url').addEventListener('input', (event) => show(event.target.value.trim()));
}

function show(url) {
  $('ofd-error').textContent = '';
  $('ofd-receipt').hidden = true;
  if (url === '') return;
  try {
    const receipt = parseReceiptUrl(url);
    $('ofd-terminal').textContent = receipt.terminalId;
    $('ofd-number').textContent = String(receipt.receiptNumber);
    $('ofd-date').textContent = dateText(receipt.dateTime);
    $('ofd-sign').textContent = receipt.fiscalSign;
    $('ofd-receipt').hidden = false;
  } catch (e) {
    if (!(e instanceof UzpayError)) throw e;
    $('ofd-error').textContent = `${partName(e.field)} ${e.reason}`;
  }
}

/** "20230104121801" (checked by uzpay to be a real date) -> "2023-01-04 12:18:01". */
function dateText(c) {
  return `${c.slice(0, 4)}-${c.slice(4, 6)}-${c.slice(6, 8)} ${c.slice(8, 10)}:${c.slice(10, 12)}:${c.slice(12, 14)}`;
}

/** `url.c` -> "The date (c)". */
function partName(field) {
  const parts = { 'url.t': 'The terminal (t)', 'url.r': 'The receipt number (r)', 'url.c': 'The date (c)', 'url.s': 'The fiscal sign (s)' };
  return parts[field] ?? 'The URL';
}
