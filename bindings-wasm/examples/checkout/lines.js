// The receipt lines table: reading a line into an uzpay ReceiptItem, and showing
// uzpay's verdict on it (an error next to its field, or the line's VAT and total).

import { tiyinFromSom, somFromTiyin } from './money.js';

const tbody = () => document.querySelector('#lines tbody');

export function addLine(values = {}) {
  const row = document.getElementById('line-template').content.firstElementChild.cloneNode(true);
  for (const [name, value] of Object.entries(values)) row.querySelector(`[name="${name}"]`).value = value;
  tbody().append(row);
  return row;
}

export function lineRows() {
  return [...tbody().rows];
}

/** The row as an uzpay ReceiptItem (camelCase, money in tiyin). */
export function readLine(row) {
  const value = (name) => row.querySelector(`[name="${name}"]`).value.trim();
  const item = {
    title: value('title'),
    code: value('code'),
    packageCode: value('packageCode'),
    price: tiyinFromSom(value('price')),
    count: value('count') === '' ? undefined : Number(value('count')),
    discount: value('discount') === '' ? 0 : tiyinFromSom(value('discount')),
    vatPercent: Number(value('vatPercent')),
  };
  item[value('sellerKind')] = value('seller');
  return item;
}

/** Money fields the page reads itself: an unreadable amount is the page's to explain. */
export function unreadableAmount(item) {
  for (const field of ['price', 'discount']) {
    if (typeof item[field] === 'number' && Number.isNaN(item[field])) return field;
  }
  return undefined;
}

/** Shows an error under the input `field` of the row ('' clears every error). */
export function showLineError(row, field, message) {
  for (const slot of row.querySelectorAll('[data-error-for]')) {
    const here = slot.dataset.errorFor === field;
    slot.textContent = here ? message : '';
    row.querySelector(`[name="${slot.dataset.errorFor}"]`)?.setAttribute('aria-invalid', String(here));
  }
  if (field) {
    row.dataset.valid = 'false';
    showAmounts(row, undefined);
  }
}

/** Shows the line's amounts (`{total, vat}` in tiyin), or dashes. */
export function showAmounts(row, amounts) {
  row.querySelector('[data-out="vat"]').textContent = amounts ? somFromTiyin(amounts.vat) : '–';
  row.querySelector('[data-out="total"]').textContent = amounts ? somFromTiyin(amounts.total) : '–';
  if (amounts) row.dataset.valid = 'true';
}
