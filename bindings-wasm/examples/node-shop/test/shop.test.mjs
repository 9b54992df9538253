// The shop against the real uzpay sandbox over HTTP (started here as a child process):
// the pages a customer goes through, the state file they leave, a restart, a process
// killed while its request is in flight, and `node resume.mjs`.
//
// The sandbox is target/debug/uzpay-sandbox when it is built (UZPAY_SANDBOX_BIN names
// another binary), else `cargo run -p uzpay-sandbox`.

import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { buildReceiptStatus, parseReceiptStatus, PaylovConfig, PaylovFiscalizationFlow, send } from 'uzpay';
import { shopServer } from '../server.mjs';
import { settingsFromEnv } from '../settings.mjs';
import { openShop } from '../shop.mjs';

const EXAMPLE = join(dirname(fileURLToPath(import.meta.url)), '..');
const ROOT = join(EXAMPLE, '..', '..', '..');
const CARD = '8600123412341239'; // the sandbox pays it
const DECLINED_CARD = '9860490000010002'; // the sandbox's bank refuses it (REJECT)
const TEA = 1_120_000; // tiyin: the catalogue's tea

let sandbox;
const dataDirs = [];
before(async () => {
  sandbox = await startSandbox();
});
after(async () => {
  sandbox?.stop();
  await Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** The uzpay sandbox as a child process on a free port, with its test-only endpoints. */
async function startSandbox() {
  const binary = process.env.UZPAY_SANDBOX_BIN ?? join(ROOT, 'target', 'debug', 'uzpay-sandbox');
  const [command, args] = existsSync(binary) ? [binary, []] : ['cargo', ['run', '--quiet', '-p', 'uzpay-sandbox', '--']];
  // Its own process group, so that stop() ends cargo's child too.
  const child = spawn(command, [...args, '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let log = '';
  child.stderr.on('data', (chunk) => (log = (log + chunk).slice(-2000)));
  const [first] = await Promise.race([once(createInterface({ input: child.stdout }), 'line'), once(child, 'exit').then(() => [''])]);
  const match = /^uzpay sandbox listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(first.trim());
  if (!match) {
    child.kill();
    throw new Error(`the sandbox did not start (${JSON.stringify(first)}): ${log}`);
  }
  const get = async (path) => (await fetch(match[1] + path)).json();
  return {
    url: match[1],
    stats: () => get('/_sandbox/stats'),
    /** The code VIA "texted" the card holder. */
    smsCode: async (verifyId) => (await get(`/_sandbox/via/sms/${verifyId}`)).verifyCode,
    stop: () => child.exitCode === null && process.kill(-child.pid, 'SIGTERM'),
  };
}

/** The shop on a new data directory (or `dataDir`), served on a free port, resuming what it finds there first. */
async function startShop(overrides = {}, dataDir = undefined) {
  if (dataDir === undefined) dataDirs.push((dataDir = await mkdtemp(join(tmpdir(), 'node-shop-'))));
  const settings = { ...settingsFromEnv({ UZPAY_SANDBOX_URL: sandbox.url, SHOP_DATA_DIR: dataDir }), ...overrides };
  const shop = await openShop(settings);
  const resumed = await shop.resumeUnfinished();
  const server = shopServer(shop).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${server.address().port}`;
  const stop = async () => {
    server.close();
    await shop.close();
  };
  return {
    settings,
    dataDir,
    url,
    resumed,
    stop,
    /** Stops the shop and starts it again on the same state file. */
    restart: async (changes = {}) => {
      await stop();
      return startShop(changes, dataDir);
    },
    /** What the state file on disk holds. */
    state: async () => JSON.parse(await readFile(join(dataDir, 'shop.json'), 'utf8')),
    buy: async () => Number(/\/orders\/(\d+)$/.exec((await post(`${url}/orders`, { product: 'tea' })).url)[1]),
    pay: (orderId, pan = CARD) => post(`${url}/orders/${orderId}/pay`, { pan, expiry: '1229' }),
    verify: (orderId, code) => post(`${url}/orders/${orderId}/verify`, { code }),
    resend: (orderId) => post(`${url}/orders/${orderId}/resend`, {}),
  };
}

/** Posts a form and follows the redirect, as a browser does: the final URL and page. */
async function post(url, fields) {
  const response = await fetch(url, { method: 'POST', body: new URLSearchParams(fields) });
  return { status: response.status, url: response.url, html: await response.text() };
}

async function paymentOf(shop, orderId) {
  const state = await shop.state();
  const payment = state.payments.filter((p) => p.orderId === orderId).at(-1);
  return { state, payment, flows: state.flows.filter((f) => f.paymentId === payment?.id) };
}

/** What Paylov (the sandbox) holds for the payment. */
async function receiptAtPaylov(transactionId) {
  const paylov = new PaylovConfig({ baseUrl: `${sandbox.url}/paylov`, apiKey: 'sandbox-paylov-key' });
  return parseReceiptStatus(await send(buildReceiptStatus(paylov, { transactionId })));
}

async function assertPaidWithReceipt(shop, orderId, page) {
  const { state, payment, flows } = await paymentOf(shop, orderId);
  assert.equal(payment.status, 'paid');
  const receipt = state.receipts.find((r) => r.paymentId === payment.id);
  assert.match(page.html, /Paid\. Thank you!/);
  assert.ok(page.html.includes(`No. ${receipt.receiptId}`));
  assert.equal((await receiptAtPaylov(payment.transactionId)).receiptId, receipt.receiptId);
  assert.deepEqual(
    flows.map((f) => [f.flow, f.status]),
    [
      ['via.card_payment', 'done'],
      ['paylov.fiscalization', 'done'],
    ],
  );
  return { state, payment, receipt };
}

test('a card payment through the pages, then its receipt', async (t) => {
  const shop = await startShop();
  t.after(shop.stop);
  assert.match(await (await fetch(`${shop.url}/`)).text(), /Green tea, 100 g: 11,200\.00 UZS/);
  const orderId = await shop.buy();
  const page = await shop.pay(orderId);
  assert.match(page.html, /The code we sent by SMS/);
  assert.match(page.html, /Tries left: 3/);
  const { payment, flows } = await paymentOf(shop, orderId);
  assert.deepEqual([payment.status, payment.amount], ['pending', TEA]);
  assert.deepEqual(
    flows.map((f) => [f.flow, f.status]),
    [['via.card_payment', 'awaiting_code']],
  );
  assert.ok(payment.transactionId);

  const code = await sandbox.smsCode(payment.transactionId);
  const { receipt } = await assertPaidWithReceipt(shop, orderId, await shop.verify(orderId, code));
  assert.ok(receipt.receiptUrl.startsWith('https://ofd.soliq.uz/check?'));
  // What the state file holds: no card number, SMS code or credential.
  const file = await readFile(join(shop.dataDir, 'shop.json'), 'utf8');
  for (const secret of [CARD, `"${code}"`, 'sandbox-secret', 'sandbox-paylov-key']) assert.ok(!file.includes(secret), secret);
});

test('a wrong code, then the right one', async (t) => {
  const shop = await startShop();
  t.after(shop.stop);
  const orderId = await shop.buy();
  await shop.pay(orderId);
  const { payment } = await paymentOf(shop, orderId);
  const right = await sandbox.smsCode(payment.transactionId);
  let page = await shop.verify(orderId, '12ab'); // refused by uzpay before anything is sent
  assert.match(page.html, /Please check code: must be digits only/);
  assert.match(page.html, /Tries left: 3/);
  page = await shop.verify(orderId, right === '000000' ? '111111' : '000000');
  assert.match(page.html, /That code did not work\. Tries left: 2\./);
  assert.match(page.html, /The code we sent by SMS/);
  assert.equal((await paymentOf(shop, orderId)).flows[0].status, 'awaiting_code');
  await assertPaidWithReceipt(shop, orderId, await shop.verify(orderId, right));
});

test('a new code replaces the old one', async (t) => {
  const shop = await startShop();
  t.after(shop.stop);
  const orderId = await shop.buy();
  await shop.pay(orderId);
  const { payment } = await paymentOf(shop, orderId);
  const old = await sandbox.smsCode(payment.transactionId);
  assert.match((await shop.resend(orderId)).html, /We sent you a new code/);
  const fresh = await sandbox.smsCode(payment.transactionId);
  assert.notEqual(fresh, old);
  assert.match((await shop.verify(orderId, old)).html, /That code did not work/);
  await assertPaidWithReceipt(shop, orderId, await shop.verify(orderId, fresh));
});

test('a declined card leaves the order open; a bad card is refused before anything is stored', async (t) => {
  const shop = await startShop();
  t.after(shop.stop);
  const orderId = await shop.buy();
  let page = await shop.pay(orderId, '8600123412341234'); // fails the Luhn check
  assert.match(page.html, /Please check card\.pan/);
  assert.deepEqual((await shop.state()).payments, []);

  await shop.pay(orderId, DECLINED_CARD);
  const { payment } = await paymentOf(shop, orderId);
  page = await shop.verify(orderId, await sandbox.smsCode(payment.transactionId));
  assert.match(page.html, /Your bank declined the card/);
  assert.match(page.html, /Card number/); // another card may be tried
  const after = await paymentOf(shop, orderId);
  assert.equal(after.payment.status, 'declined');
  assert.deepEqual(
    after.flows.map((f) => [f.flow, f.status]),
    [['via.card_payment', 'done']],
  );
});

test('after a restart, a payment waiting for its code still waits, and its code still pays it', async (t) => {
  let shop = await startShop();
  t.after(() => shop.stop());
  const orderId = await shop.buy();
  await shop.pay(orderId);
  const before = await paymentOf(shop, orderId);
  const requests = (await sandbox.stats()).requests;
  shop = await shop.restart();
  assert.equal((await sandbox.stats()).requests, requests + 1); // that stats call only
  assert.deepEqual(
    shop.resumed.map(({ flow, error }) => [flow.flow, flow.status, error]),
    [['via.card_payment', 'awaiting_code', undefined]],
  );
  assert.deepEqual((await paymentOf(shop, orderId)).flows, before.flows);
  const page = await shop.verify(orderId, await sandbox.smsCode(before.payment.transactionId));
  await assertPaidWithReceipt(shop, orderId, page);
});

test('a receipt that failed retryably is registered again by a person, not by the shop', async (t) => {
  const closed = await unusedPort();
  let shop = await startShop({ paylov: new PaylovConfig({ baseUrl: `http://127.0.0.1:${closed}/paylov`, apiKey: 'sandbox-paylov-key' }) });
  t.after(() => shop.stop());
  const orderId = await shop.buy();
  await shop.pay(orderId);
  const { payment } = await paymentOf(shop, orderId);
  // Paylov is unreachable while the payment goes through.
  let page = await shop.verify(orderId, await sandbox.smsCode(payment.transactionId));
  assert.match(page.html, /Paid\. Thank you!/);
  assert.match(page.html, /Register the receipt again/);
  const failed = (await paymentOf(shop, orderId)).flows[1];
  assert.deepEqual([failed.flow, failed.status, failed.retryable], ['paylov.fiscalization', 'failed', true]);
  // Restarted (Paylov reachable again), the shop still does not try again by itself.
  shop = await shop.restart();
  assert.deepEqual(shop.resumed, []);
  page = await post(`${shop.url}/orders/${orderId}/receipt`, {});
  const { state } = await paymentOf(shop, orderId);
  assert.equal(state.receipts.length, 1);
  assert.ok(page.html.includes(`No. ${state.receipts[0].receiptId}`));
  assert.equal((await receiptAtPaylov(payment.transactionId)).receiptId, state.receipts[0].receiptId);
});

// The shop in a second process: it confirms the payment with the code, and the receipt
// flow that follows sends its register with `X-Sandbox-Fault: delay=...`, so that the
// sandbox holds it and the process can be killed while it is in flight.
const CHILD = `
import { send } from ${JSON.stringify(pathToFileURL(join(EXAMPLE, '..', '..', 'dist', 'uzpay.mjs')).href)};
import { settingsFromEnv } from ${JSON.stringify(pathToFileURL(join(EXAMPLE, 'settings.mjs')).href)};
import { openShop } from ${JSON.stringify(pathToFileURL(join(EXAMPLE, 'shop.mjs')).href)};

const [orderId, code, fault] = process.argv.slice(1);
const held = (request) =>
  request.url.includes('/fiscalization/register/') ? { ...request, headers: [...request.headers, ['x-sandbox-fault', fault]] } : request;
const shop = await openShop(settingsFromEnv(), { send: (request) => send(held(request), fetch, { timeoutMs: 60_000 }) });
await shop.provideCode(Number(orderId), code);
`;

test('a receipt flow killed while its register is in flight is finished by resume.mjs, once', { timeout: 20_000 }, async (t) => {
  const shop = await startShop();
  const orderId = await shop.buy();
  await shop.pay(orderId);
  const { payment } = await paymentOf(shop, orderId);
  const code = await sandbox.smsCode(payment.transactionId);
  await shop.stop(); // the second process owns the state file now

  const env = { ...process.env, SHOP_DATA_DIR: shop.dataDir, UZPAY_SANDBOX_URL: sandbox.url };
  const before = await sandbox.stats();
  const delayMs = 2000;
  const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD, String(orderId), code, `delay=${delayMs}`], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  t.after(() => child.kill('SIGKILL')); // if the test fails before killing it
  let childErrors = '';
  child.stderr.on('data', (chunk) => (childErrors += chunk));
  // The register is at the sandbox, held: in flight. Kill the process now.
  for (;;) {
    if (child.exitCode !== null) assert.fail(`the second process ended first: ${childErrors}`);
    if ((await sandbox.stats()).faults_injected > before.faults_injected) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const heldSince = Date.now();
  child.kill('SIGKILL');
  await once(child, 'exit');

  // The snapshot saved before the request left is on disk: restored, the flow knows the
  // register may have arrived (Paylov answers "already generated" if it did).
  let { state, flows } = await paymentOf(shop, orderId);
  assert.equal(state.payments.at(-1).status, 'paid');
  assert.deepEqual(state.receipts, []);
  const receiptFlow = flows.find((f) => f.flow === 'paylov.fiscalization');
  assert.equal(receiptFlow.status, 'running');
  const step = PaylovFiscalizationFlow.restore({ apiKey: 'unused' }, receiptFlow.snapshot).resume();
  assert.deepEqual([step.type, step.operation, step.attempt], ['send', 'paylov.register_receipt', 2]);

  const { stdout } = await promisify(execFile)(process.execPath, [join(EXAMPLE, 'resume.mjs')], { env });
  assert.equal(stdout, `paylov.fiscalization flow ${receiptFlow.id} of payment ${receiptFlow.paymentId}: done\n`);
  ({ state, flows } = await paymentOf(shop, orderId));
  assert.deepEqual(
    flows.map((f) => f.status),
    ['done', 'done'],
  );
  assert.equal(state.receipts.length, 1);
  assert.equal((await receiptAtPaylov(payment.transactionId)).receiptId, state.receipts[0].receiptId);
  // Let the killed request's hold run out: if the sandbox goes on with it, Paylov answers
  // that the receipt exists. One receipt for the payment, never two.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, heldSince + delayMs + 300 - Date.now())));
  const after = await sandbox.stats();
  assert.equal(after.paylov_receipts - before.paylov_receipts, 1);
  assert.equal(after.paylov_duplicate_receipts, 0);
});

/** A port nothing listens on. */
async function unusedPort() {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}
