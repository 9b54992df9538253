// What send() says when no answer comes: `not_sent` when the request certainly never
// reached the server, `maybe_sent` when it may have. It only classifies; the flow
// decides (onTransportFailure). The same cases run in the Python and Kotlin packages.

import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, test } from 'node:test';
import { buildClickPayment, FiscalBoxConfig, send, SendError } from 'uzpay';

const servers = [];
after(() => servers.forEach((s) => s.close()));

/** A TCP server on 127.0.0.1 treating each connection with `behaviour`. */
async function serve(behaviour) {
  const server = createServer(behaviour);
  servers.push(server);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${server.address().port}`;
}

/** Calls `then(socket)` once the whole request head has arrived. */
const afterRequest = (then) => (socket) => {
  let head = '';
  socket.on('data', (chunk) => {
    head += chunk;
    if (head.includes('\r\n\r\n')) then(socket);
  });
  socket.on('error', () => {});
};

// A POST with a body: a charge, where the classification matters.
const charge = (baseUrl) => buildClickPayment(new FiscalBoxConfig({ baseUrl }), { amount: 100_000, qrCode: 'https://my.click.uz/pay/q1' });

async function failureOf(baseUrl) {
  let failure;
  await assert.rejects(send(charge(baseUrl), fetch, { timeoutMs: 500 }), (e) => {
    assert.ok(e instanceof SendError, `${e}`);
    assert.ok(e.cause !== undefined);
    failure = e.failure;
    return true;
  });
  return failure;
}

async function closedPort() {
  const url = await serve(() => {});
  await new Promise((resolve) => servers.pop().close(resolve));
  return url;
}

test('a refused connection was not sent', async () => {
  assert.equal(await failureOf(await closedPort()), 'not_sent');
});

test('an unknown host was not sent', async () => {
  assert.equal(await failureOf('https://uzpay-test.invalid'), 'not_sent');
});

test('a failed TLS handshake was not sent', async () => {
  const url = await serve((socket) => {
    socket.on('error', () => {});
    socket.once('data', () => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
  });
  assert.equal(await failureOf(url.replace('http://', 'https://')), 'not_sent');
});

test('a connection closed after the request may have been sent', async () => {
  const url = await serve(afterRequest((socket) => socket.destroy()));
  assert.equal(await failureOf(url), 'maybe_sent');
});

test('a timeout waiting for the answer may have been sent', async () => {
  const url = await serve(afterRequest(() => {}));
  assert.equal(await failureOf(url), 'maybe_sent');
});

test('the error names the request, never its query or credentials', async () => {
  const url = await closedPort();
  await assert.rejects(send(charge(url), fetch, { timeoutMs: 500 }), (e) => {
    assert.match(e.message, /^POST http:\/\/127\.0\.0\.1:\d+\/payment\/click got no answer/);
    return true;
  });
});
