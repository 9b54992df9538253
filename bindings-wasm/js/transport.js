// Sending uzpay's requests with fetch, and driving flows. The core stays sans-IO:
// this is the one place the package touches the network, and only when called. Any
// client works as well: send request.method, request.url, request.headers and
// request.body, and hand {status, headers, body} to parseX or a flow's onResponse.

import { invalidInput, UzpayError } from './errors.js';

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * No answer came. `failure` is `not_sent` when the request certainly never reached
 * the provider (DNS, a refused connection, a TLS handshake, a timeout connecting) and
 * `maybe_sent` when it may have (a timeout or a reset after the request was written;
 * anything a browser's fetch does not explain). What to do then is the flow's
 * decision (`onTransportFailure`), never this helper's.
 */
export class SendError extends Error {
  constructor(failure, message, cause) {
    super(message, { cause });
    this.name = 'SendError';
    this.failure = failure;
  }
}

// Node's fetch (undici) names what failed; these all fail before a request is written.
const BEFORE_SENDING = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EAI_FAIL|ENETUNREACH|EHOSTUNREACH|UND_ERR_CONNECT_TIMEOUT|EPROTO|ERR_SSL_.*|ERR_TLS_.*|CERT_.*|UNABLE_TO_.*|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)$/;

function failureOf(error) {
  for (let cause = error?.cause; cause; cause = cause.cause) {
    if (typeof cause.code === 'string' && BEFORE_SENDING.test(cause.code)) return 'not_sent';
    // fetch refuses some ports (Fetch standard "bad port") before connecting.
    if (cause.message === 'bad port') return 'not_sent';
  }
  return 'maybe_sent';
}

/**
 * Sends `request` with `fetch` (globalThis.fetch unless given) and reads the whole
 * answer as an HttpResponse `{status, headers: [name, value][], body}`, whatever its
 * status: what a status means is the parser's job. Redirects are not followed (a
 * credential never travels to another host). Rejects with a `SendError` when no answer
 * came within `timeoutMs` (30 s by default), body included.
 */
export async function send(request, fetch = globalThis.fetch, { timeoutMs = DEFAULT_TIMEOUT_MS } = {}) {
  if (request === null || typeof request !== 'object' || typeof request.url !== 'string') {
    throw invalidInput('request', 'must be an HttpRequest, as a buildX function returns it');
  }
  if (typeof fetch !== 'function') {
    throw invalidInput('fetch', 'must be a fetch function (Node 18+ and browsers have globalThis.fetch)');
  }
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
    throw invalidInput('timeoutMs', 'must be a number of milliseconds greater than zero');
  }
  const { method, url, headers, body } = request;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    const init = { method, headers, signal: controller.signal, redirect: 'manual' };
    if (method !== 'GET' && method !== 'HEAD') init.body = body;
    const response = await fetch(url, init);
    const text = await response.text();
    const answerHeaders = [];
    response.headers.forEach((value, name) => answerHeaders.push([name, value]));
    return { status: response.status, headers: answerHeaders, body: text };
  } catch (cause) {
    const why = timedOut ? `no answer within ${timeoutMs} ms` : `${cause?.cause?.message ?? cause?.message ?? cause}`;
    // The query may carry a customer's id: the message keeps only where the request went.
    throw new SendError(timedOut ? 'maybe_sent' : failureOf(cause), `${method} ${url.split(/[?#]/)[0]} got no answer: ${why}`, cause);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Drives `flow` until it is done (gives `{ type: 'done', outcome }`) or, without
 * `askCode`, until it asks for an SMS code (gives that action: a checkout page asks the
 * customer and goes on with `provideVerifyCode()` and `run({ action })`). Options:
 * `send` (one request to its answer; by default `send` above with `fetch` and
 * `timeoutMs`), `action` (where to go on from; by default `start()`), `askCode(ask)`
 * (the code, or `null` for a new SMS), `save(snapshot)` (after every event, before the
 * next request leaves, and once more when the flow throws: store it, and a restart
 * resumes from there), `sleep(ms)`.
 * Rejects with the UzpayError the flow ends with (kind `transport` when answers were
 * lost).
 */
export async function run(flow, options = {}) {
  const { fetch, timeoutMs, askCode, save } = options;
  const sendOne = options.send ?? ((request) => send(request, fetch, { timeoutMs }));
  const sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  try {
    let action = options.action ?? flow.start();
    for (;;) {
      if (save) await save(flow.snapshot());
      if (action.type === 'done') return action;
      if (action.type === 'awaitVerifyCode') {
        if (!askCode) return action;
        const code = await askCode(action);
        action = code === null || code === undefined ? flow.resendCode() : flow.provideVerifyCode(code);
        continue;
      }
      if (action.delayMs > 0) await sleep(Number(action.delayMs));
      let response;
      try {
        response = await sendOne(action.request);
      } catch (error) {
        if (!(error instanceof SendError)) throw error;
        action = flow.onTransportFailure(error.failure);
        continue;
      }
      action = flow.onResponse(response);
    }
  } catch (error) {
    // The flow as it ended (or, after a refused resend, still waiting), then the error.
    if (save && error instanceof UzpayError) await save(flow.snapshot());
    throw error;
  }
}
