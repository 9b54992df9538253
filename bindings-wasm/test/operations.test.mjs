// Every operation of the core, built and parsed through the public API.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as uzpay from 'uzpay';
import { calls } from './fixtures.mjs';

// The table is generated from the core's declarations (cargo xtask codegen --check
// keeps it so); here every operation in it must work, with a fixture each.
test('every operation of the table has its functions and a fixture', () => {
  const ops = Object.keys(uzpay.operations);
  assert.equal(Object.keys(calls).length, ops.length, 'a fixture for every operation');
  for (const op of ops) {
    const { build, parse } = uzpay.operations[op];
    assert.equal(uzpay[build.name], build);
    assert.equal(uzpay[parse.name], parse);
    assert.ok(calls[build.name.slice('build'.length)], `fixture for ${op}`);
  }
});

for (const [name, call] of Object.entries(calls)) {
  test(`build${name} and parse${name}`, () => {
    const request = uzpay[`build${name}`](call.config, call.input);
    assert.ok(request instanceof uzpay.HttpRequest);
    assert.equal(request.method, call.method);
    assert.equal(request.url, call.url);
    for (const [header, value] of Object.entries(call.headers ?? {})) assert.equal(request.header(header), value);
    if (call.method === 'GET') assert.equal(request.body, '');
    else assert.deepEqual(JSON.parse(request.body), call.body);
    assert.ok(request.headers.every((h) => Array.isArray(h) && h.length === 2));

    const output = uzpay[`parse${name}`]({ status: call.status ?? 200, headers: [['content-type', 'application/json']], body: call.answer });
    assert.deepEqual(pick(output, call.output), call.output);
  });
}

test('outputs use camelCase keys all the way down, and `type` stays `type`', () => {
  const output = uzpay.parsePayinCredentials({ status: 200, body: calls.PayinCredentials.answer });
  const keys = [];
  const walk = (v) => {
    if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) keys.push(k), walk(x);
  };
  walk(output);
  assert.ok(keys.includes('type') && keys.includes('isTopBank') && keys.includes('countryCode'));
  assert.ok(keys.every((k) => !k.includes('_')), keys.join());
});

test('snake_case input keys are accepted as they are', () => {
  const request = uzpay.buildClickConfirm({}, { payment_id: '1', qr_code: calls.ClickConfirm.input.qrCode });
  assert.equal(JSON.parse(request.body).payment_id, '1');
});

test('a plain options object works as a config', () => {
  const request = uzpay.buildRefundReceipt({ apiKey: 'k', baseUrl: 'https://h.uz' }, { receiptId: 1 });
  assert.equal(request.url, 'https://h.uz/merchant/fiscalization/refund/');
  assert.equal(request.header('API-KEY'), 'k');
});

test('response headers may be pairs, a Headers object, a record, or absent', () => {
  const body = calls.ResendCode.answer;
  for (const headers of [undefined, [], [['a', 'b']], new Headers({ a: 'b' }), { a: 'b' }, new Map([['a', 'b']])]) {
    assert.deepEqual(uzpay.parseResendCode({ status: 200, headers, body }), { verifyId: 'trx_2VQ' });
  }
});

/** The keys of `actual` that `expected` names. */
function pick(actual, expected) {
  if (Array.isArray(expected)) return actual.map((a, i) => pick(a, expected[i]));
  if (expected === null || typeof expected !== 'object' || actual === null || typeof actual !== 'object') return actual;
  return Object.fromEntries(Object.keys(expected).map((k) => [k, pick(actual[k], expected[k])]));
}
