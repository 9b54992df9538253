// Whatever JavaScript values come in, every public function returns or throws an
// UzpayError: never a TypeError, a RangeError or a WebAssembly trap.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as uzpay from 'uzpay';
import { calls, item, QR } from './fixtures.mjs';

const cyclic = {};
cyclic.self = cyclic;
const WEIRD = [
  undefined, null, true, 0, -1, 1.5, NaN, Infinity, 2 ** 60, -(2 ** 63), 10n ** 30n, -1n, '', ' ', 'x', '\u0000',
  '\ud800', 'é'.repeat(5000), [], [null], {}, { a: 1 }, new Date(0), new Map([[1, 2]]), Symbol('s'), () => 1, cyclic,
  Object.create(null), new Uint8Array(3), JSON,
];

/** A label for any value (String() throws for some). */
function show(value) {
  try {
    return typeof value === 'symbol' ? value.toString() : String(value).slice(0, 20);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

function onlyUzpayErrors(what, fn) {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof uzpay.UzpayError, `${what}: threw ${e?.stack ?? e}`);
    assert.ok(['invalid_input', 'provider', 'http', 'decode'].includes(e.kind), what);
    assert.equal(typeof e.message, 'string');
  }
}

test('every builder, every field, every odd value', () => {
  for (const [name, call] of Object.entries(calls)) {
    const build = uzpay[`build${name}`];
    for (const value of WEIRD) {
      onlyUzpayErrors(`build${name}(config: ${show(value)})`, () => build(value, call.input));
      onlyUzpayErrors(`build${name}(input: ${show(value)})`, () => build(call.config, value));
      for (const key of Object.keys(call.input)) {
        onlyUzpayErrors(`build${name} ${key}: ${show(value)}`, () => build(call.config, { ...call.input, [key]: value }));
      }
    }
  }
});

test('every receipt line field, every odd value', () => {
  for (const value of WEIRD) {
    for (const key of [...Object.keys(item), 'pinfl', 'unknownField']) {
      const line = { ...item, [key]: value };
      onlyUzpayErrors(`items[0].${key}`, () => uzpay.buildRegisterReceipt(calls.RegisterReceipt.config, { transactionId: 't', items: [line] }));
      onlyUzpayErrors(`receiptTotals ${key}`, () => uzpay.receiptTotals([line]));
    }
    onlyUzpayErrors('receiptTotals', () => uzpay.receiptTotals(value));
    onlyUzpayErrors('vatIncluded', () => uzpay.vatIncluded(value, value));
    onlyUzpayErrors('parseReceiptUrl', () => uzpay.parseReceiptUrl(value));
    onlyUzpayErrors('buildReceiptUrl', () => uzpay.buildReceiptUrl(value));
  }
});

test('every parser, odd responses and bodies', () => {
  const bodies = [
    '', ' ', 'null', '[]', '{}', '"x"', '<html></html>', '{"data":', '[' .repeat(10_000), '{"a":'.repeat(5_000),
    '1e400', '{"amount":1e400}', '{"id":18446744073709551616}', '"\\ud800"', `{"x":"${'y'.repeat(2_000_000)}"}`,
    '{"status":{"code":1},"error":null}', '{"error":{"code":null}}', '{"result":{"ofd":{}}}', '{"data":{"status":"failed"}}',
  ];
  for (const [name, call] of Object.entries(calls)) {
    const parse = uzpay[`parse${name}`];
    for (const body of [...bodies, call.answer]) {
      for (const status of [0, 200, 201, 400, 429, 500, 65535]) {
        onlyUzpayErrors(`parse${name}(${status}, ${body.slice(0, 30)})`, () => parse({ status, body, headers: [['x', body.slice(0, 10)]] }));
      }
    }
    for (const value of WEIRD) {
      onlyUzpayErrors(`parse${name}(${show(value)})`, () => parse(value));
      onlyUzpayErrors(`parse${name} status`, () => parse({ status: value, body: call.answer }));
      onlyUzpayErrors(`parse${name} body`, () => parse({ status: 200, body: value }));
      onlyUzpayErrors(`parse${name} headers`, () => parse({ status: 200, body: call.answer, headers: value }));
    }
  }
});

test('configs and requests from odd values', () => {
  for (const Config of [uzpay.FiscalBoxConfig, uzpay.PaylovConfig, uzpay.PaymentsGateConfig, uzpay.ViaConfig]) {
    for (const value of WEIRD) {
      onlyUzpayErrors(`new ${Config.name}(${show(value)})`, () => String(new Config(value)));
      onlyUzpayErrors(`new ${Config.name}({baseUrl: ${show(value)}})`, () => new Config({ baseUrl: value }));
    }
  }
  const request = uzpay.buildClickConfirm({}, { paymentId: '1', qrCode: QR });
  for (const value of WEIRD) {
    for (const key of ['method', 'url', 'headers', 'body']) {
      const changed = Object.assign(Object.create(uzpay.HttpRequest.prototype), request, { [key]: value });
      onlyUzpayErrors(`redacted ${key}`, () => changed.redacted());
      assert.equal(typeof String(changed), 'string');
      assert.equal(typeof JSON.stringify(changed), 'string');
    }
  }
});
