// Money is integer tiyin: number (a safe integer) or bigint in, number out when safe.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildConfirmPay, buildCreatePayin, parseConfirmPayVerify, receiptTotals, UzpayError, vatIncluded } from 'uzpay';
import { calls, item, paymentsgate, via } from './fixtures.mjs';

const pay = (amount) => buildConfirmPay(via, { ...calls.ConfirmPay.input, amount });

function refusal(fn) {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof UzpayError);
    return e;
  }
  assert.fail('nothing was thrown');
}

test('a safe integer number and a bigint give the same request', () => {
  assert.equal(pay(2_320_000).body, pay(2_320_000n).body);
  assert.equal(JSON.parse(pay(9_007_199_254_740_991).body).amount, 9_007_199_254_740_991);
});

test('a bigint beyond 2^53 is written exactly', () => {
  const body = pay(18_446_744_073_709_551_615n).body;
  assert.match(body, /"amount":18446744073709551615[,}]/);
});

test('a bigint beyond u64 is refused by the core', () => {
  const e = refusal(() => pay(18_446_744_073_709_551_616n));
  assert.equal(e.field, 'amount');
});

test('NaN, Infinity and unsafe numbers are refused naming the field', () => {
  for (const [amount, reason] of [
    [NaN, /NaN/],
    [Infinity, /finite/],
    [-Infinity, /finite/],
    [2 ** 53, /MAX_SAFE_INTEGER.*bigint/],
    [1e21, /MAX_SAFE_INTEGER/],
  ]) {
    const e = refusal(() => pay(amount));
    assert.equal(e.kind, 'invalid_input');
    assert.equal(e.field, 'amount');
    assert.match(e.reason, reason);
  }
  const e = refusal(() => receiptTotals([item, { ...item, price: NaN }]));
  assert.equal(e.field, 'items[1].price');
});

test('fractions and negatives are refused by the core, in its words', () => {
  const e = refusal(() => pay(100.5));
  assert.equal(e.field, 'amount');
  assert.match(e.reason, /whole number/);
  assert.match(refusal(() => pay(-1)).reason, /negative/);
  assert.match(refusal(() => pay(-1n)).reason, /negative/);
  assert.match(refusal(() => pay(0)).reason, /greater than zero/);
});

test('PaymentsGate gets som as a decimal literal from integer tiyin', () => {
  const body = buildCreatePayin(paymentsgate, { amount: 51_601n, invoiceId: 'i' }).body;
  assert.match(body, /"amount":516\.01[,}]/);
});

test('outputs: numbers when safe, bigints beyond', () => {
  const answer = JSON.parse(calls.ConfirmPayVerify.answer);
  const safe = parseConfirmPayVerify({ status: 200, body: JSON.stringify(answer) });
  assert.equal(typeof safe.amount, 'number');
  const big = parseConfirmPayVerify({
    status: 200,
    body: JSON.stringify(answer).replace('"amount":2320000', '"amount":18446744073709551615').replace('"fee":0', '"fee":9007199254740993'),
  });
  assert.equal(big.amount, 18_446_744_073_709_551_615n);
  assert.equal(big.fee, 9_007_199_254_740_993n);
  assert.equal(big.createdAt, 1694760886762);
  assert.equal(big.feePercent, 0.5);
  assert.equal(big.epos.terminalId, '22222222');
});

test('receipt totals keep amounts exact beyond 2^53', () => {
  const t = receiptTotals([{ ...item, price: 9_007_199_254_740_993n, count: 2n }]);
  assert.equal(t.total, 18_014_398_509_481_986n);
  assert.equal(t.vat, Number((2n * t.total * 12n + 112n) / 224n), 'within 2^53: a number');
  assert.equal(t.lines[0].total, t.total);
  assert.equal(typeof receiptTotals([item]).total, 'number');
});

test('vatIncluded', () => {
  assert.equal(vatIncluded(112_000, 12), 12_000);
  assert.equal(vatIncluded(100_000, 12), 10_714);
  assert.equal(vatIncluded(100_000n, 0), 0);
  assert.equal(vatIncluded(18_446_744_073_709_551_615n, 100), 9_223_372_036_854_775_808n);
  assert.equal(refusal(() => vatIncluded(1.5, 12)).field, 'gross');
});
