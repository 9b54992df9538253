// Every error kind, field paths in the caller's names, and nothing but UzpayError
// thrown whatever JavaScript values come in.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as uzpay from 'uzpay';
import { UzpayError } from 'uzpay';
import { calls, item, paylov, via } from './fixtures.mjs';

/** The UzpayError `fn` throws. */
function thrown(fn) {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof UzpayError, `not an UzpayError: ${e?.stack ?? e}`);
    assert.ok(e instanceof Error);
    return e;
  }
  assert.fail('nothing was thrown');
}

test('invalid_input names the field as the caller wrote it', () => {
  const e = thrown(() =>
    uzpay.buildRegisterReceipt(paylov, { transactionId: 't-1', items: [item, { ...item, vatPercent: 101 }] }),
  );
  assert.equal(e.kind, 'invalid_input');
  assert.equal(e.field, 'items[1].vatPercent');
  assert.equal(e.retryable, false);
  assert.equal(e.name, 'UzpayError');
  assert.match(e.reason, /percentage from 0 to 100/);
  assert.equal(e.message, `invalid input: items[1].vatPercent: ${e.reason}`);
  assert.equal(e.code, undefined);
  assert.equal(e.status, undefined);
});

test('a missing field and a misspelt one are named in camelCase', () => {
  const { tin, ...noTin } = item;
  assert.equal(thrown(() => uzpay.receiptTotals([{ ...noTin, pinfl: '123' }])).field, 'items[0].pinfl');
  const { packageCode, ...noPackage } = item;
  assert.equal(thrown(() => uzpay.receiptTotals([noPackage])).field, 'items[0].packageCode');
  const e = thrown(() => uzpay.receiptTotals([{ ...item, vatPercnt: 12 }]));
  assert.equal(e.field, 'items[0].vatPercnt');
  assert.match(e.reason, /not a known field/);
});

test('snake_case keys come back as the caller wrote them', () => {
  const e = thrown(() => uzpay.receiptTotals([{ ...item, vatPercent: undefined, vat_percent: 300 }]));
  assert.equal(e.field, 'items[0].vat_percent');
});

test('config fields are named too', () => {
  assert.equal(thrown(() => uzpay.buildResendCode(via.with({ clientSecret: ' ' }), { verifyId: 'v' })).field, 'clientSecret');
  assert.equal(thrown(() => uzpay.buildRefundReceipt({ baseUrl: 'https://h.uz' }, { receiptId: 1 })).field, 'apiKey');
  assert.equal(thrown(() => uzpay.buildRefundReceipt({ apiKey: 'k', baseUrl: 'ftp://h' }, { receiptId: 1 })).field, 'baseUrl');
  const e = thrown(() => uzpay.buildRefundReceipt(via, { receiptId: 1 }));
  assert.equal(e.field, 'config');
  assert.match(e.reason, /PaylovConfig/);
});

test('sub-fields of a value keep the core name (qrCode.t)', () => {
  const e = thrown(() => uzpay.buildClickConfirm({}, { paymentId: '1', qrCode: calls.ClickConfirm.input.qrCode.replace('t=UZ', 't=U-Z') }));
  assert.equal(e.field, 'qrCode.t');
});

test('provider: code, status, localized messages, details', () => {
  const e = thrown(() =>
    uzpay.parseConfirmPayVerify({
      status: 400,
      body: JSON.stringify({
        status: { code: 7, message: 'Bad code' },
        error: { path: 'verifyCode', message: { uz: "Kod noto'g'ri", ru: 'Неверный код', en: 'Wrong code' } },
      }),
    }),
  );
  assert.equal(e.kind, 'provider');
  assert.equal(e.provider, 'via');
  assert.equal(e.code, '7');
  assert.equal(e.status, 400);
  assert.deepEqual(e.messages, { uz: "Kod noto'g'ri", ru: 'Неверный код', en: 'Wrong code' });
  assert.match(e.details, /verifyCode/);
  assert.equal(e.retryable, false);
  assert.equal(e.field, undefined);
});

test('provider: only the languages sent; retryable codes', () => {
  const e = thrown(() =>
    uzpay.parseRegisterReceipt({ status: 400, body: '{"result":null,"error":{"code":"ofd_error","message":"OFD is down"}}' }),
  );
  assert.equal(e.code, 'ofd_error');
  assert.equal(e.retryable, true);
  assert.equal(e.messages, undefined);
  const done = thrown(() =>
    uzpay.parseRegisterReceipt({ status: 400, body: '{"result":null,"error":{"code":"ofd_check_already_generated","message":"exists"}}' }),
  );
  assert.equal(done.retryable, false);
});

test('http: a status the operation does not accept', () => {
  const e = thrown(() => uzpay.parseDealStatus({ status: 503, body: '' }));
  assert.equal(e.kind, 'http');
  assert.equal(e.status, 503);
  assert.equal(e.retryable, true);
  assert.equal(thrown(() => uzpay.parseDealStatus({ status: 404, body: 'nope' })).retryable, false);
});

test('decode: a body of the wrong shape', () => {
  const e = thrown(() => uzpay.parseGetTransaction({ status: 200, body: '<html><body>Bad gateway</body></html>' }));
  assert.equal(e.kind, 'decode');
  assert.equal(e.retryable, true, 'a gateway page, for a read');
  // A charge's page says nothing of whether it went through: never sent again blind.
  assert.equal(thrown(() => uzpay.parseConfirmPay({ status: 200, body: '<html>Bad gateway</html>' })).retryable, false);
  assert.equal(thrown(() => uzpay.parseConfirmPay({ status: 200, body: '{"x":1}' })).kind, 'decode');
});

test('wrong JavaScript types become invalid_input with the field', () => {
  const cases = [
    [() => uzpay.buildClickConfirm({}, null), ''],
    [() => uzpay.buildClickConfirm({}, undefined), ''],
    [() => uzpay.buildClickConfirm({}, 'payment'), ''],
    [() => uzpay.buildClickConfirm({}, { paymentId: null, qrCode: 'x' }), 'paymentId'],
    [() => uzpay.buildClickConfirm({}, { paymentId: { id: 1 }, qrCode: 'x' }), 'paymentId'],
    [() => uzpay.buildClickConfirm({}, { paymentId: ['1'], qrCode: 'x' }), 'paymentId'],
    [() => uzpay.buildClickPayment({}, { amount: '1500', qrCode: 'x' }), 'amount'],
    [() => uzpay.buildClickPayment({}, { amount: true, qrCode: 'x' }), 'amount'],
    [() => uzpay.buildClickPayment({}, { amount: () => 1, qrCode: 'x' }), 'amount'],
    [() => uzpay.buildClickPayment({}, { amount: Symbol('x'), qrCode: 'x' }), 'amount'],
    [() => uzpay.buildRegisterReceipt(paylov, { transactionId: 't', items: 'tea' }), 'items'],
    [() => uzpay.buildRegisterReceipt(paylov, { transactionId: 't', items: [null] }), 'items[0]'],
    [() => uzpay.buildRegisterReceipt(paylov, { transactionId: 't', items: [{ ...item, count: '2' }] }), 'items[0].count'],
    [() => uzpay.buildConfirmPay(via, { ...calls.ConfirmPay.input, card: '8600000000000007' }), 'card'],
    [() => uzpay.buildClickConfirm(null, calls.ClickConfirm.input), 'config'],
    [() => uzpay.buildClickConfirm('https://api.fiscalbox.uz', calls.ClickConfirm.input), 'config'],
    [() => uzpay.parseClickConfirm(null), 'response'],
    [() => uzpay.parseClickConfirm('{}'), 'response'],
    [() => uzpay.parseClickConfirm({ status: '200', body: '{}' }), 'status'],
    [() => uzpay.parseClickConfirm({ status: 2000000, body: '{}' }), 'status'],
    [() => uzpay.parseClickConfirm({ status: 200, body: { data: 1 } }), 'body'],
    [() => uzpay.parseClickConfirm({ status: 200, body: '{}', headers: 5 }), 'headers'],
    [() => uzpay.parseClickConfirm({ status: 200, body: '{}', headers: [['a']] }), 'headers'],
    [() => uzpay.parseReceiptUrl(42), 'url'],
    [() => uzpay.parseReceiptUrl(), 'url'],
    [() => uzpay.buildReceiptUrl(null), ''],
    [() => uzpay.receiptTotals(), 'items'],
    [() => uzpay.vatIncluded('100', 12), 'gross'],
    [() => uzpay.vatIncluded(100, -1), 'ratePercent'],
    [() => new uzpay.PaylovConfig(null), 'config'],
  ];
  for (const [fn, field] of cases) {
    const e = thrown(fn);
    assert.equal(e.kind, 'invalid_input', `${fn}`);
    assert.equal(e.field, field, `${fn}: ${e.message}`);
  }
});

test('a value that contains itself is refused, not a stack overflow', () => {
  const input = { paymentId: '1', qrCode: 'x' };
  input.self = input;
  const e = thrown(() => uzpay.buildClickConfirm({}, input));
  assert.equal(e.kind, 'invalid_input');
  assert.match(e.field, /^self(\.self)*$/);
});

test('UzpayError can be made and checked by users', () => {
  const e = new UzpayError({ kind: 'http', message: 'no answer', retryable: true });
  assert.ok(e instanceof UzpayError && e instanceof Error);
  assert.equal(e.reason, 'no answer');
  assert.equal(e.retryable, true);
  assert.ok(!('field' in e));
});
