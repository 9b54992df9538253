// A small fetch helper: an HttpRequest in, an HttpResponse out. The core stays
// sans-IO; this is the one place the package touches the network, and only when
// called. Any client works as well: send request.method, request.url,
// request.headers and request.body, and hand {status, headers, body} to parseX.

import { invalidInput, UzpayError } from './errors.js';

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Sends `request` with `fetch` (globalThis.fetch unless given) and reads the whole
 * answer as an HttpResponse `{status, headers: [name, value][], body}`, whatever its
 * status: deciding what a status means is the parser's job.
 *
 * Rejects with an UzpayError of kind `http` and no `status` when no answer came (a
 * network failure, or no answer within `timeoutMs`, 30 s by default). The request
 * may have reached the provider, so it is not `retryable`; look the payment up
 * before trying again.
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
    const init = { method, headers, signal: controller.signal };
    if (method !== 'GET' && method !== 'HEAD') init.body = body;
    const response = await fetch(url, init);
    // Reading the body is covered by the same timeout.
    const text = await response.text();
    const answerHeaders = [];
    response.headers.forEach((value, name) => answerHeaders.push([name, value]));
    return { status: response.status, headers: answerHeaders, body: text };
  } catch (cause) {
    const why = timedOut ? `no answer within ${timeoutMs} ms` : `${cause?.message ?? cause}`;
    throw new UzpayError({
      kind: 'http',
      message: `${method} ${withoutQuery(url)} got no answer: ${why}`,
      reason: why,
      retryable: false,
      cause,
    });
  } finally {
    clearTimeout(timer);
  }
}

// The query may carry a customer's id: the message keeps only where the request went.
function withoutQuery(url) {
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}
