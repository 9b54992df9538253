// The checkout page: as the cashier types, every line is checked and computed by
// uzpay (the same core the server uses), and the Paylov register request is built
// for preview. The page computes nothing itself: totals, VAT and every rule come
// from uzpay.

import { buildRegisterReceipt, PaylovConfig, receiptTotals, UzpayError } from 'uzpay';
import { addLine, lineRows, readLine, showAmounts, showLineError, unreadableAmount } from './lines.js';
import { somFromTiyin } from './money.js';
import { watchOfdBox } from './ofd.js';

// No real key in a browser: the server adds it. The builder needs one to build, and
// the preview shows it as *** anyway.
const paylov = new PaylovConfig({ apiKey: 'added-by-your-server' });

function refresh() {
  const rows = lineRows();
  const items = rows.map((row) => checkLine(row));
  const valid = items.every(Boolean);
  showTotals(valid ? receiptTotals(items) : undefined);
  showPreview(valid ? items : undefined);
}

/** The row's item if uzpay accepts it (its amounts shown), else undefined (its error shown). */
function checkLine(row) {
  const item = readLine(row);
  const unreadable = unreadableAmount(item);
  if (unreadable) {
    showLineError(row, unreadable, "must be an amount in so'm, e.g. 11200 or 11200.50");
    return undefined;
  }
  try {
    const [amounts] = receiptTotals([item]).lines;
    showLineError(row, '', '');
    showAmounts(row, amounts);
    return item;
  } catch (e) {
    if (!(e instanceof UzpayError)) throw e;
    showLineError(row, inputOf(e.field), e.reason);
    return undefined;
  }
}

/** The row input an error about `items[0].<field>` belongs to. */
function inputOf(field = '') {
  const name = field.replace(/^items\[\d+\]\.?/, '');
  return name === '' || name === 'tin' || name === 'pinfl' ? 'seller' : name;
}

function showTotals(totals) {
  document.getElementById('receipt-total').textContent = totals ? `${somFromTiyin(totals.total)} so'm` : '–';
  document.getElementById('receipt-vat').textContent = totals ? `${somFromTiyin(totals.vat)} so'm` : '–';
}

function showPreview(items) {
  const preview = document.getElementById('preview');
  const error = document.querySelector('[data-error-for="transactionId"]');
  error.textContent = '';
  if (!items) {
    preview.textContent = 'Fix the receipt lines to see the request.';
    return;
  }
  try {
    const transactionId = document.getElementById('transaction-id').value.trim();
    const request = buildRegisterReceipt(paylov, { transactionId, items }).redacted();
    const headers = request.headers.map(([name, value]) => `${name}: ${value}`).join('\n');
    preview.textContent = `${request.method} ${request.url}\n${headers}\n\n${JSON.stringify(JSON.parse(request.body), null, 2)}`;
  } catch (e) {
    if (!(e instanceof UzpayError)) throw e;
    error.textContent = e.reason;
    preview.textContent = 'Enter the payment to see the request.';
  }
}

document.getElementById('add-line').addEventListener('click', () => {
  addLine();
  refresh();
});
document.getElementById('lines').addEventListener('click', (event) => {
  if (!event.target.matches('.remove')) return;
  event.target.closest('tr').remove();
  if (lineRows().length === 0) addLine();
  refresh();
});
document.querySelector('main').addEventListener('input', (event) => {
  if (event.target.id !== 'ofd-url') refresh();
});

addLine({ packageCode: '1437667' });
refresh();
watchOfdBox();
document.body.dataset.ready = 'true';
