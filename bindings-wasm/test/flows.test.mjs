// The flows' JavaScript face: the classes, their actions, snapshots and `run` (the
// state machines themselves are the core's, checked by the flow conformance cases).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { flows, FiscalBoxPaymentFlow, PaylovFiscalizationFlow, PaymentsGateConfig, PaymentsGatePayinFlow, SendError, UzpayError, ViaCardPaymentFlow } from 'uzpay';
import { fiscalbox, item, paylov, QR, via } from './fixtures.mjs';

const REGISTERED = '{"result":{"ofd":{"receiptUrl":"u1","terminalId":"T1","receiptId":7,"fiscalSign":"F1"}}}';
const STATUS = '{"result":{"success":true,"receiptUrl":"u1","terminalId":"T1","receiptId":7,"fiscalSign":"F1"}}';
const card = { pan: '8600000000000007', expiry: '0127' };
const viaInput = { merchantId: 'm-1', card, externalId: 'order-7', amount: 150_000 };
const txn = (status) => `{"transactionId":"trx_1","merchantId":"m-1","amount":150000,"status":"${status}","currency":"UZS"}`;

/** A send answering from a script: text for a 200, a number for that status, a failure name to throw. */
function script(...answers) {
  const sent = [];
  const send = async (request) => {
    sent.push(request);
    const answer = answers.shift();
    if (answer === 'not_sent' || answer === 'maybe_sent') throw new SendError(answer, 'scripted');
    return typeof answer === 'number' ? { status: answer, body: '' } : { status: 200, headers: [['content-type', 'application/json']], body: answer };
  };
  return { send, sent };
}

test('a flow gives typed actions: send, then done', () => {
  const flow = new PaylovFiscalizationFlow(paylov, { transactionId: 't-1', items: [item] });
  assert.equal(flow.state, 'ready');
  const step = flow.start();
  assert.equal(flow.state, 'sending');
  assert.equal(step.type, 'send');
  assert.equal(step.operation, 'paylov.register_receipt');
  assert.deepEqual([step.attempt, step.delayMs], [1, 0]);
  assert.equal(step.request.header('api-key'), 'sentinel-paylov-key');
  const done = flow.onResponse({ status: 200, body: REGISTERED });
  assert.deepEqual(done, { type: 'done', outcome: { receiptUrl: 'u1', terminalId: 'T1', receiptId: 7, fiscalSign: 'F1', alreadyExisted: false } });
  assert.equal(flow.state, 'done');
  assert.equal(flows['paylov.fiscalization'], PaylovFiscalizationFlow);
});

test('the input is checked when the flow is made, naming the field as the caller wrote it', () => {
  assert.throws(
    () => new FiscalBoxPaymentFlow(fiscalbox, { wallet: 'click', amount: 150_050, paymentQr: 'q', receiptUrl: QR }),
    (e) => e instanceof UzpayError && e.kind === 'invalid_input' && e.field === 'amount',
  );
  assert.throws(() => new ViaCardPaymentFlow(via, { ...viaInput, card: { pan: '1234', expiry: '0127' } }), (e) => e.field === 'card.pan');
  assert.throws(() => new ViaCardPaymentFlow(paylov, viaInput), (e) => e.field === 'config');
  assert.throws(() => new PaylovFiscalizationFlow(paylov, { transactionId: 't', items: [item] }, { retries: 2 }), (e) => e.field === 'retries');
});

test('run drives to the outcome, sleeping the pauses and saving before every request', async () => {
  const flow = new PaylovFiscalizationFlow(paylov, { transactionId: 't-1', items: [item] });
  const { send, sent } = script(502, 'maybe_sent', REGISTERED);
  const saved = [];
  const pauses = [];
  const done = await flow.run({ send, save: (s) => saved.push(s), sleep: async (ms) => pauses.push(ms) });
  assert.equal(done.outcome.receiptId, 7);
  assert.equal(sent.length, 3);
  assert.deepEqual(pauses, [200, 400]);
  assert.equal(saved.length, 4);
  assert.ok(saved.every((s) => !s.includes('sentinel-paylov-key')));
  const step = (snapshot) => Object.keys(JSON.parse(snapshot).state.state)[0];
  assert.deepEqual(saved.map(step), ['registering', 'registering', 'registering', 'done']);
});

test('a restored flow goes on where it was saved', async () => {
  const flow = new PaylovFiscalizationFlow(paylov, { transactionId: 't-1', items: [item] });
  flow.start(); // the register is in flight when the process dies
  const restored = PaylovFiscalizationFlow.restore(paylov, flow.snapshot());
  const step = restored.resume();
  assert.deepEqual([step.operation, step.attempt], ['paylov.register_receipt', 2]);
  const { send } = script('{"error":{"code":"ofd_check_already_generated","message":"x"}}', STATUS);
  const done = await restored.run({ send, action: step, sleep: async () => {} });
  assert.equal(done.outcome.alreadyExisted, true);
  assert.deepEqual(PaylovFiscalizationFlow.restore(paylov, restored.snapshot()).resume(), done);
});

test('a snapshot that is not one is refused naming it; none holds the card or the secret', () => {
  const flow = new ViaCardPaymentFlow(via, viaInput);
  flow.start();
  const snapshot = flow.snapshot();
  assert.ok(!snapshot.includes('8600000000000007') && !snapshot.includes('sentinel-via-secret'));
  for (const [bad, words] of [
    ['{', /not JSON/],
    [snapshot.replace('"amount":150000', '"amount":1'), /was changed/],
    [snapshot.replace('"uzpay_flow":1', '"uzpay_flow":9'), /newer uzpay/],
  ]) {
    assert.throws(() => ViaCardPaymentFlow.restore(via, bad), (e) => e.field === 'snapshot' && words.test(e.message));
  }
  assert.throws(() => PaylovFiscalizationFlow.restore(paylov, snapshot), (e) => /not `paylov\.fiscalization`/.test(e.message));
});

test('run without askCode stops at the code; the page goes on later', async () => {
  const flow = new ViaCardPaymentFlow(via, viaInput);
  const ask = await flow.run(script('{"verifyId":"trx_1"}'));
  assert.deepEqual(ask, { type: 'awaitVerifyCode', verifyId: 'trx_1', attemptsLeft: 3 });
  assert.equal(flow.state, 'awaiting_code');
  const later = ViaCardPaymentFlow.restore(via, flow.snapshot());
  assert.deepEqual(later.resume(), ask);
  const done = await later.run({ ...script(txn('SUCCESS')), action: later.provideVerifyCode('123456') });
  assert.equal(done.outcome.paid, true);
});

test('askCode gives the code, or null for a new SMS', async () => {
  const flow = new ViaCardPaymentFlow(via, viaInput);
  const codes = [null, '654321'];
  const { send, sent } = script('{"verifyId":"trx_1"}', '{"verifyId":"trx_1"}', txn('REJECT'));
  const done = await flow.run({ send, askCode: async () => codes.shift() });
  assert.equal(done.outcome.paid, false);
  assert.deepEqual(sent.map((r) => r.url.split('/').at(-1)), ['pay', 'resend', 'verify']);
  assert.equal(JSON.parse(sent[2].body).verifyCode, '654321');
});

test('a lost charge ends the flow with a transport error, not retryable', async () => {
  const flow = new FiscalBoxPaymentFlow(fiscalbox, { wallet: 'click', amount: 150_000, paymentQr: 'https://my.click.uz/pay/q', receiptUrl: QR });
  await assert.rejects(flow.run(script('maybe_sent')), (e) => {
    assert.ok(e instanceof UzpayError);
    assert.deepEqual([e.kind, e.operation, e.failure, e.retryable], ['transport', 'fiscalbox.click_payment', 'maybe_sent', false]);
    return true;
  });
  assert.throws(() => flow.resume(), /already ended/);
  assert.equal(flow.state, 'failed');
});

test('a payin is restored with its credentials given again', () => {
  const config = new PaymentsGateConfig({ baseUrl: 'https://pg.example' });
  const credentials = { accountId: 'acc-1', publicKey: 'pk-sentinel' };
  const flow = new PaymentsGatePayinFlow(config, { credentials, payin: { amount: 51_650, invoiceId: 'inv-1' } });
  flow.start();
  flow.onResponse({ status: 200, body: '{"access_token":"tok-sentinel","refresh_token":"ref-sentinel","expires_in":60}' });
  const snapshot = flow.snapshot();
  assert.ok(['pk-sentinel', 'tok-sentinel', 'ref-sentinel'].every((s) => !snapshot.includes(s)));
  assert.throws(() => PaymentsGatePayinFlow.restore(config, snapshot), (e) => e.field === 'credentials');
  assert.equal(PaymentsGatePayinFlow.restore(config, snapshot, credentials).resume().operation, 'paymentsgate.auth_token');
});

test('a flow prints no secret', () => {
  const flow = new ViaCardPaymentFlow(via, viaInput);
  assert.equal(JSON.stringify(flow), '{"flow":"via.card_payment","state":"ready"}');
  const step = flow.start();
  assert.ok(!String(step.request).includes('8600000000000007') && !String(step.request).includes('sentinel-via-secret'));
});
