// Credentials never print: configs and requests, through every way JavaScript shows
// an object.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { format, inspect } from 'node:util';
import { buildAuthToken, buildConfirmPay, buildConfirmPayVerify, buildRegisterReceipt, PaylovConfig, UzpayError, ViaConfig } from 'uzpay';
import { calls, item, paylov, paymentsgate, via } from './fixtures.mjs';

/** Every way an object turns into text. */
function shows(value) {
  return [
    String(value),
    `${value}`,
    JSON.stringify(value),
    JSON.stringify({ nested: [value] }),
    inspect(value),
    inspect(value, { depth: 0 }),
    inspect({ deep: { er: value } }, { depth: 5 }),
    format('%o %O %s %j', value, value, value, value),
  ];
}

function assertHidden(value, ...secrets) {
  for (const text of shows(value)) {
    for (const secret of secrets) assert.ok(!text.includes(secret), `${secret} in ${text}`);
  }
}

test('configs never show a credential', () => {
  assertHidden(paylov, 'sentinel-paylov-key');
  assertHidden(paymentsgate, 'sentinel-pg-token');
  assertHidden(via, 'sentinel-via-secret');
  assertHidden(via.with({ clientSecret: 'sentinel-2' }), 'sentinel-2');
  // ...nor any property, key or spread of them.
  assertHidden({ ...via }, 'sentinel-via-secret');
  assert.deepEqual(Object.keys(via), ['baseUrl', 'clientId']);
  assert.equal(Object.getOwnPropertySymbols(via).length, 0);
});

test('configs show what is safe, and *** for credentials', () => {
  assert.deepEqual(paylov.toJSON(), { apiKey: '***', baseUrl: 'https://dev.gw.paylov.uz' });
  assert.equal(
    inspect(via, { breakLength: Infinity }),
    "ViaConfig { baseUrl: 'https://api.viasandbox.uz', clientId: 'system', clientSecret: '***' }",
  );
  assert.equal(String(paylov), 'PaylovConfig {"apiKey":"***","baseUrl":"https://dev.gw.paylov.uz"}');
  assert.equal(via.clientId, 'system');
  assert.equal(via.clientSecret, undefined);
});

test('a misspelt credential option is refused when the config is made, its value never shown', () => {
  assert.throws(
    () => new PaylovConfig({ apiKye: 'sentinel-typo', apiKey: 'k' }),
    (e) => e instanceof UzpayError && e.field === 'apiKye' && !String(e).includes('sentinel-typo') && !e.stack.includes('sentinel-typo'),
  );
});

test('configs are immutable; with() makes a changed copy', () => {
  assert.throws(() => {
    'use strict';
    via.baseUrl = 'https://evil.example';
  }, TypeError);
  const other = via.with({ baseUrl: 'https://api.via.uz' });
  assert.ok(other instanceof ViaConfig);
  assert.equal(other.baseUrl, 'https://api.via.uz');
  assert.equal(via.baseUrl, 'https://api.viasandbox.uz');
});

test('requests print redacted: credential headers, card numbers, body credentials', () => {
  const register = buildRegisterReceipt(paylov, { transactionId: 't-1', items: [item] });
  assert.equal(register.header('api-key'), 'sentinel-paylov-key', 'the request itself is exact');
  assertHidden(register, 'sentinel-paylov-key');
  assert.ok(inspect(register).includes("[ 'api-key', '***' ]"), inspect(register));
  assert.ok(inspect(register).startsWith('HttpRequest {'));

  const pay = buildConfirmPay(via, calls.ConfirmPay.input);
  assertHidden(pay, 'sentinel-via-secret', '8600000000000007');
  assert.ok(JSON.stringify(pay).includes('860000******0007'));

  const auth = buildAuthToken(paymentsgate, { accountId: 'a', publicKey: 'sentinel-public-key' });
  assertHidden(auth, 'sentinel-public-key');
  assert.deepEqual(JSON.parse(auth.redacted().body), { account_id: 'a', public_key: '***' });
});

test('a request changed into something unreadable still prints without secrets', () => {
  const request = buildRegisterReceipt(paylov, { transactionId: 't-1', items: [item] });
  request.method = 'PUT';
  assertHidden(request, 'sentinel-paylov-key');
});

test('errors never echo a credential or a card number', () => {
  try {
    buildConfirmPay(via, { ...calls.ConfirmPay.input, card: { pan: '8600000000000008', expiry: '0127' } });
    assert.fail('accepted a bad card');
  } catch (e) {
    assert.equal(e.field, 'card.pan');
    assertHidden(e, '8600000000000008', 'sentinel-via-secret');
  }
});

test('a printed request masks the SMS code and a card number typed into free text', () => {
  const verify = buildConfirmPayVerify(via, { verifyId: 'trx_1', verifyCode: '716261' });
  assert.ok(!String(verify).includes('716261') && !inspect(verify).includes('716261'));
  const pay = buildConfirmPay(via, { merchantId: 'm', card: { pan: '8600000000000007', expiry: '0127' }, externalId: 'o', amount: 100, note: 'card 4242424242424242' });
  const shown = String(pay);
  assert.ok(!shown.includes('4242424242424242') && shown.includes('424242******4242'), shown);
});
