// HttpRequest, what every builder returns, and the reading of an HttpResponse, what
// every parser takes. Both are plain data: uzpay never sends anything itself (see
// send.js for a fetch helper).

import { isText } from './codec.js';
import { invalidInput, UzpayError } from './errors.js';
import { inspectAs, inspectSymbol } from './inspect.js';
import { bytes, callCore } from './runtime.js';

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
    const wanted = lowerText(name);
    if (wanted === undefined) return undefined;
    for (const pair of Array.isArray(this.headers) ? this.headers : []) {
      if (Array.isArray(pair) && lowerText(pair[0]) === wanted) return pair[1];
    }
    return undefined;
  }

  /** A copy safe to show a person: the core's HttpRequest::redacted(). */
  redacted() {
    const { method, url, headers, body } = this;
    const text = (value) => {
      if (typeof value !== 'string') throw invalidInput('request', 'is not a request uzpay built');
      return value;
    };
    const flat = (Array.isArray(headers) ? headers : []).flatMap((pair) => (Array.isArray(pair) ? pair.map(text) : []));
    return requestFromCore(callCore((core) => core.redact([text(method), text(body), text(url), ...flat])));
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

/** A header name in lower case; undefined for a value with no string form. */
function lowerText(value) {
  try {
    return String(value).toLowerCase();
  } catch {}
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

/** The core's request (method, body, URL, then header names and values) as an HttpRequest. */
export function requestFromCore([method, body, url, ...flat]) {
  const headers = [];
  for (let i = 0; i < flat.length; i += 2) headers.push([flat[i], flat[i + 1]]);
  return new HttpRequest({ method, url, headers, body });
}

/**
 * An HttpResponse `{status, headers?, body}` as the core's arguments: status, the
 * headers as JSON `[name, value]` pairs, and the body's UTF-8 bytes. Headers may also
 * be a Headers object or a plain record; names and values are read as strings, as
 * fetch's Headers does.
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
  return [status, headerText(headers), bytes(body)];
}

const HEADERS = 'must be [name, value] pairs, a Headers object or a record of names to values';

function headerText(headers) {
  if (headers === undefined || headers === null) return '[]';
  try {
    return JSON.stringify(headerPairs(headers).map(([name, value]) => [headerString(name), headerString(value)]));
  } catch (e) {
    // A name or value that cannot become a string (Object.create(null), a toString
    // that throws) or an iterable that throws: still the caller's headers are wrong.
    throw e instanceof UzpayError ? e : invalidInput('headers', HEADERS);
  }
}

function headerPairs(headers) {
  if (typeof headers[Symbol.iterator] === 'function') {
    const pairs = [];
    for (const pair of headers) {
      if (!Array.isArray(pair) || pair.length !== 2) throw invalidInput('headers', HEADERS);
      pairs.push(pair);
    }
    return pairs;
  }
  if (typeof headers === 'object') return Object.entries(headers);
  throw invalidInput('headers', HEADERS);
}

/** A header name or value read as a string, as fetch's Headers does; it must be text. */
function headerString(value) {
  const text = String(value);
  if (!isText(text)) throw invalidInput('headers', 'must be text, and one has a lone UTF-16 surrogate (half of a character)');
  return text;
}
