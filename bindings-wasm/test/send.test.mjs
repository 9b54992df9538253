// send(): a real fetch round trip against a local HTTP server.

import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import { buildConfirmPayVerify, buildGetTransaction, parseConfirmPayVerify, parseGetTransaction, send, UzpayError } from 'uzpay';
import { calls, via } from './fixtures.mjs';

let server;
let base;
const seen = [];

before(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      if (req.url.startsWith('/slow')) return; // never answers
      if (req.url.startsWith('/partner/transaction')) {
        res.writeHead(503, { 'content-type': 'text/html', 'x-trace': 'a' }).end('<html>down</html>');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', 'x-trace': 'b' }).end(calls.ConfirmPayVerify.answer);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
});

after(() => {
  server.closeAllConnections();
  server.close();
});

test('build -> send -> parse', async () => {
  const config = via.with({ baseUrl: base });
  const transaction = parseConfirmPayVerify(await send(buildConfirmPayVerify(config, { verifyId: 'trx_2VQ', verifyCode: '005646' })));
  assert.equal(transaction.status, 'SUCCESS');
  const got = seen.at(-1);
  assert.equal(got.method, 'POST');
  assert.equal(got.url, '/partner/merchant/confirm/pay/verify');
  assert.equal(got.headers['client-secret'], 'sentinel-via-secret');
  assert.equal(got.headers['content-type'], 'application/json');
  assert.deepEqual(JSON.parse(got.body), { verifyId: 'trx_2VQ', verifyCode: '005646' });
});

test('the answer comes back whatever its status, headers as pairs', async () => {
  const config = via.with({ baseUrl: base });
  const response = await send(buildGetTransaction(config, { externalId: 'o/1' }));
  assert.equal(response.status, 503);
  assert.equal(response.body, '<html>down</html>');
  assert.ok(response.headers.some(([n, v]) => n === 'x-trace' && v === 'a'));
  assert.equal(seen.at(-1).url, '/partner/transaction?externalId=o%2F1');
  assert.equal(seen.at(-1).body, '');
  assert.throws(() => parseGetTransaction(response), (e) => e instanceof UzpayError && e.kind === 'http' && e.status === 503 && e.retryable);
});

test('any fetch-shaped function works', async () => {
  const calls = [];
  const fake = async (url, init) => {
    calls.push({ url, init });
    return { status: 200, headers: new Headers({ a: '1' }), text: async () => 'ok' };
  };
  const request = buildGetTransaction(via, { externalId: 'x' });
  assert.deepEqual(await send(request, fake), { status: 200, headers: [['a', '1']], body: 'ok' });
  assert.equal(calls[0].init.method, 'GET');
  assert.equal(calls[0].init.body, undefined);
  assert.deepEqual(calls[0].init.headers, request.headers);
});

test('bad arguments are refused as invalid_input', async () => {
  await assert.rejects(send(null), (e) => e instanceof UzpayError && e.field === 'request');
  const request = buildGetTransaction(via, { externalId: 'x' });
  await assert.rejects(send(request, 'fetch'), (e) => e.field === 'fetch');
  await assert.rejects(send(request, fetch, { timeoutMs: 0 }), (e) => e.field === 'timeoutMs');
});
