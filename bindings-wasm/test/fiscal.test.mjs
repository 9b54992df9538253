// OFD receipt URLs and receipt arithmetic.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildReceiptUrl, parseReceiptUrl, receiptTotals, UzpayError } from 'uzpay';
import { item, QR } from './fixtures.mjs';

test('parseReceiptUrl reads every part and rebuilds the canonical URL', () => {
  assert.deepEqual(parseReceiptUrl(QR.replace('https://ofd', 'http://OFD')), {
    kind: 'check',
    terminalId: 'UZ170703100597',
    receiptNumber: 2421,
    dateTime: '20230104121801',
    fiscalSign: '514343190161',
    url: QR,
  });
  assert.equal(parseReceiptUrl(QR.replace('/check', '/epi')).kind, 'epi');
});

test('parseReceiptUrl names the bad part', () => {
  for (const [url, field] of [
    ['not a url', 'url'],
    [QR.replace('c=20230104', 'c=20230431'), 'url.c'],
    [QR.replace('r=2421', 'r=99999999999999999999'), 'url.r'],
    [QR.replace('&s=514343190161', ''), 'url.s'],
  ]) {
    assert.throws(() => parseReceiptUrl(url), (e) => e instanceof UzpayError && e.field === field);
  }
});

test('buildReceiptUrl is parseReceiptUrl backwards', () => {
  const { url, ...parts } = parseReceiptUrl(QR);
  assert.equal(buildReceiptUrl(parts), QR);
  assert.equal(buildReceiptUrl({ ...parts, kind: 'epi', receiptNumber: 2421n }), QR.replace('/check', '/epi'));
  assert.throws(() => buildReceiptUrl({ ...parts, dateTime: '2023' }), (e) => e.field === 'dateTime');
  assert.throws(() => buildReceiptUrl({ ...parts, terminalId: 'UZ-1' }), (e) => e.field === 'terminalId');
  assert.throws(() => buildReceiptUrl({ ...parts, kind: 'print' }), (e) => e.field === 'kind');
});

test('receiptTotals: lines, total and VAT in tiyin', () => {
  const t = receiptTotals([
    { ...item, price: 10_000, count: 3, discount: 2_000 },
    { ...item, price: 100_000, tin: undefined, pinfl: '12345678901234' },
  ]);
  assert.deepEqual(t, { lines: [{ total: 28_000, vat: 3_000 }, { total: 100_000, vat: 10_714 }], total: 128_000, vat: 13_714 });
});

test('receiptTotals names the line and field', () => {
  assert.throws(() => receiptTotals([item, { ...item, tin: '31010000' }]), (e) => e.field === 'items[1].tin');
  assert.throws(() => receiptTotals([{ ...item, discount: 2_000_000 }]), (e) => e.field === 'items[0].discount');
  assert.throws(() => receiptTotals([]), (e) => e.field === 'items');
});
