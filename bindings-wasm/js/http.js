// HttpRequest, what every builder returns, and the reading of an HttpResponse, what
// every parser takes. Both are plain data: uzpay never sends anything itself (see
// send.js for a fetch helper).

import { encode, isText } from './encode.js';
import { invalidInput, UzpayError } from './errors.js';
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

/** A header name in lower case, or undefined for a value with no string form
 * (`Object.create(null)`, an object whose toString throws). */
function lowerText(value) {
  try {
    return String(value).toLowerCase();
  } catch {
    return undefined;
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

/**
 * The request text of the core as an HttpRequest: its parts joined by NUL (method,
 * url, each header's name and value, body; see bindings-wasm/src/request.rs), or
 * JSON in the one case a part holds a NUL itself.
 */
export function requestFromCore(text) {
  if (text.charCodeAt(0) === 123 /* { */) return new HttpRequest(JSON.parse(text));
  const parts = text.split('\0');
  const headers = [];
  for (let i = 2; i < parts.length - 1; i += 2) headers.push([parts[i], parts[i + 1]]);
  return new HttpRequest({ method: parts[0], url: parts[1], headers, body: parts[parts.length - 1] });
}

/**
 * An HttpResponse `{status, headers?, body}` as the core's arguments: status, the
 * headers as text (names and values joined by NUL, or JSON `[name, value]` pairs; ''
 * for none), and the body. Headers
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

const HEADERS = 'must be [name, value] pairs, a Headers object or a record of names to values';

function headerText(headers) {
  if (headers === undefined || headers === null) return '';
  try {
    const pairs = headerPairs(headers).map(([name, value]) => [headerString(name), headerString(value)]);
    if (pairs.length === 0) return '';
    // Names and values joined by NUL (split in one step on the wasm side), or JSON
    // for the header no HTTP client sends: one holding a NUL itself, or a first name
    // starting with '[' (which marks JSON).
    const parts = pairs.flat();
    if (parts[0].startsWith('[') || parts.some((part) => part.includes('\0'))) return JSON.stringify(pairs);
    return parts.join('\0');
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
