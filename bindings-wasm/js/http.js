// HttpRequest, what every builder returns, and the reading of an HttpResponse, what
// every parser takes. Both are plain data: uzpay never sends anything itself (see
// send.js for a fetch helper).

import { encode } from './encode.js';
import { invalidInput } from './errors.js';
import { inspectAs, inspectSymbol } from './inspect.js';
import { callCore } from './wasm.js';

/**
 * A request built by uzpay: `method`, `url`, `headers` (`[name, value]` pairs, in
 * order) and `body` (JSON text, '' for GET), exact, ready for any HTTP client.
 * Printing it (toString(), toJSON(), util.inspect) shows `redacted()` instead:
 * credential headers as '***' and card numbers masked, by the core's own rules.
 */
export class HttpRequest {
  constructor({ method, url, headers, body }) {
    this.method = method;
    this.url = url;
    this.headers = headers;
    this.body = body;
  }

  /** The first header with this name (case-insensitive), or undefined. */
  header(name) {
    const wanted = String(name).toLowerCase();
    for (const pair of Array.isArray(this.headers) ? this.headers : []) {
      if (Array.isArray(pair) && String(pair[0]).toLowerCase() === wanted) return pair[1];
    }
    return undefined;
  }

  /** A copy safe to show a person: the core's HttpRequest::redacted(). */
  redacted() {
    const { method, url, headers, body } = this;
    const text = callCore('redact', [encode({ method, url, headers, body })], [this]);
    return new HttpRequest(JSON.parse(text));
  }

  toJSON() {
    const { method, url, headers, body } = shown(this);
    return { method, url, headers, body };
  }

  toString() {
    return `HttpRequest ${JSON.stringify(this.toJSON())}`;
  }

  [inspectSymbol](depth, options, inspect) {
    return inspectAs('HttpRequest', this.toJSON(), depth, options, inspect);
  }
}

/** The redacted form, or a placeholder when the request was changed into one the
 * core cannot read (printing must never throw, nor fall back to the secrets). */
function shown(request) {
  try {
    return request.redacted();
  } catch {
    return { method: '?', url: '?', headers: [], body: '<not shown: not a request uzpay can read>' };
  }
}

/** The request JSON text of the core as an HttpRequest. */
export function requestFromCore(text) {
  return new HttpRequest(JSON.parse(text));
}

/**
 * An HttpResponse `{status, headers?, body}` as the core's arguments: status, the
 * headers as JSON text of `[name, value]` pairs ('' for none), and the body. Headers
 * may also be a Headers object or a plain record; names and values are read as
 * strings, as fetch's Headers does.
 */
export function responseParts(response) {
  if (response === null || typeof response !== 'object') {
    throw invalidInput('response', 'must be an object {status, headers, body}');
  }
  const { status, headers, body } = response;
  if (!Number.isInteger(status) || status < 0 || status > 65535) {
    throw invalidInput('status', 'must be the HTTP status code, a whole number');
  }
  if (typeof body !== 'string') {
    throw invalidInput('body', "must be the response's text, a string (e.g. await response.text())");
  }
  return [status, headerText(headers), body];
}

function headerText(headers) {
  if (headers === undefined || headers === null) return '';
  let pairs;
  if (typeof headers[Symbol.iterator] === 'function') {
    pairs = [];
    for (const pair of headers) {
      if (!Array.isArray(pair) || pair.length !== 2) {
        throw invalidInput('headers', 'must be [name, value] pairs, a Headers object or a record of names to values');
      }
      pairs.push([String(pair[0]), String(pair[1])]);
    }
  } else if (typeof headers === 'object') {
    pairs = Object.entries(headers).map(([name, value]) => [name, String(value)]);
  } else {
    throw invalidInput('headers', 'must be [name, value] pairs, a Headers object or a record of names to values');
  }
  return pairs.length === 0 ? '' : JSON.stringify(pairs);
}
