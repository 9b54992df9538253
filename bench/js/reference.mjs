// A reference implementation, in plain JavaScript with no dependencies, of three uzpay
// operations, for the side-by-side benchmark (bench/README.md, issue 8):
//
//   buildRegisterReceipt / parseRegisterReceipt   Paylov  paylov.register_receipt
//   buildConfirmPayVerify / parseConfirmPayVerify  VIA     via.confirm_pay_verify
//   parseReceiptUrl                                 OFD     ofd.parse_receipt_url
//
// It has the public shape of the npm package `uzpay` (camelCase configs, inputs and
// outputs; a request {method, url, headers: [[name, value]...], body}; errors thrown as
// UzpayError with kind, field, reason, code, status, retryable) and the same rules and
// results as uzpay's Rust core, message for message: the rules are restated here from
// core/src (validate.rs, receipt.rs, request.rs, response.rs, wire.rs, json.rs, ...)
// and from the binding's own input conversion (bindings-wasm/js/codec.js). It is
// what a JavaScript developer would write by hand instead of using uzpay, and
// reference.test.mjs holds it to the conformance vectors and to uzpay itself.
//
// Where the core's behaviour hangs on details JavaScript does not see, the happy path
// stays plain JavaScript and the detail is handled off it:
// - Inputs: the core decodes the JSON the binding writes with serde, whose first error
//   is the first bad key in sorted order, then a missing field; and the binding
//   refuses what JSON cannot carry (NaN, an unsafe integer, a lone surrogate) before
//   the core sees anything. Only when an input is not well formed does `decodeArgs`
//   work out which of its problems the core would name.
// - Responses: serde_json tells integer literals from floats (`"amount": 100.0` is not
//   an amount) and reads 64-bit integers exactly; JSON.parse reads every number as a
//   double. `parseJson` swaps the literals a double would not read the same way for
//   markers before JSON.parse; the common integer literals are read as they are.
//
// Known differences, both in bodies no provider sends: serde_json refuses a duplicate
// key of an object it reads into a struct, and a \u escape of a lone surrogate in a
// string it reads (a key of such an object, or a value it keeps); JSON.parse takes
// both (the last key wins; the string keeps half a character).

// --- errors -------------------------------------------------------------------------

/** Everything this module throws: kind `invalid_input`, `provider`, `http` or `decode`. */
export class UzpayError extends Error {
  constructor(init) {
    super(init.message);
    this.name = 'UzpayError';
    this.kind = init.kind;
    this.reason = init.reason;
    this.retryable = init.retryable;
    for (const key of ['field', 'code', 'status', 'provider', 'messages', 'details']) {
      if (init[key] !== undefined) this[key] = init[key];
    }
  }
}

function invalidInput(field, reason) {
  const message = `invalid input: ${field}: ${reason}`;
  return new UzpayError({ kind: 'invalid_input', message, reason, field, retryable: false });
}

/** A refused input named by its canonical (snake_case) path; `named` turns the path into the caller's names. */
class Invalid {
  constructor(field, reason) {
    this.field = field;
    this.reason = reason;
  }
}

/** A response body that is not the shape an operation reads (serde's error). */
class Shape {
  constructor(problem) {
    this.problem = problem;
  }
}

const statusRetryable = (status) => status === 408 || status === 425 || status === 429 || (status >= 500 && status <= 599);
const isSuccess = (status) => status >= 200 && status <= 299;

function httpError(status) {
  const message = `unexpected HTTP status ${status}`;
  return new UzpayError({ kind: 'http', message, reason: message, status, retryable: statusRetryable(status) });
}

function decodeError(problem, retryable) {
  return new UzpayError({ kind: 'decode', message: `could not decode the response: ${problem}`, reason: problem, retryable });
}

/** A body that is not what the operation reads and holds no provider error. */
function unexpected(status, body, problem) {
  if (!isSuccess(status)) return httpError(status);
  const html = HTML_START.test(body);
  const reason = html ? `the body is an HTML page, not JSON (a gateway or proxy answered): ${problem}` : problem;
  return decodeError(reason, html || statusRetryable(status));
}

function providerError(provider, name, { code, message, messages, status, details, retryable }) {
  if (isBlank(message)) {
    message = `${name} refused the request without a message (${code === '' ? 'no code' : `code ${code}`}, HTTP ${status})`;
  }
  return new UzpayError({
    kind: 'provider',
    message: `${name} refused the request: ${message} (code ${code})`,
    reason: message,
    retryable,
    provider,
    code,
    status,
    messages,
    details,
  });
}

// --- text rules (Rust's definitions: char::is_whitespace, char::is_control) ---------

const WHITE_SPACE = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const BLANK = new RegExp(`^[${WHITE_SPACE}]*$`);
const TRIM = new RegExp(`^[${WHITE_SPACE}]+|[${WHITE_SPACE}]+$`, 'g');
const HAS_WHITE_SPACE = new RegExp(`[${WHITE_SPACE}]`);
const HAS_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const HAS_SPACE_OR_CONTROL = new RegExp(`[${WHITE_SPACE}\\u0000-\\u001f\\u007f-\\u009f]`);
const DIGITS = /^[0-9]*$/;
const PRINTABLE_ASCII = /^[\x21-\x7e]*$/;
const HTML_START = /^[ \t\n\f\r]*</; // Rust's is_ascii_whitespace: no \v
const ARRAY_START = /^[ \t\n\f\r]*\[/;

const isBlank = (value) => BLANK.test(value);

/** Whether a string has a UTF-8 form (no lone surrogate). */
const isText =
  typeof String.prototype.isWellFormed === 'function' ? (s) => s.isWellFormed() : (s) => !/\p{Cs}/u.test(s);

/** Characters (code points) of a well-formed string. */
function charCount(s) {
  let pairs = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) pairs++;
  }
  return s.length - pairs;
}

/** Bytes of the UTF-8 form of a well-formed string. */
function utf8Length(s) {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) n += c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 1 : 2;
  }
  return n;
}

/** Strings ordered as Rust orders them: by code point (JavaScript's `<` compares UTF-16 units). */
function byCodePoint(a, b) {
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    const x = a.codePointAt(i);
    const y = b.codePointAt(j);
    if (x !== y) return x - y;
    i += x > 0xffff ? 2 : 1;
    j += y > 0xffff ? 2 : 1;
  }
  return charCount(a) - charCount(b);
}

function boundedText(field, value, max) {
  if (isBlank(value)) throw new Invalid(field, 'is required and must not be empty');
  const chars = value.length <= max ? 0 : charCount(value);
  if (chars > max) throw new Invalid(field, `is too long: ${chars} characters, at most ${max}`);
  if (HAS_CONTROL.test(value)) throw new Invalid(field, 'must not contain control characters');
}

const text = (field, value) => boundedText(field, value, 1024);

function id(field, value) {
  boundedText(field, value, 128);
  if (HAS_WHITE_SPACE.test(value)) throw new Invalid(field, 'must not contain spaces');
}

/** Describes a refused value without echoing it. */
function describe(value) {
  const n = charCount(value);
  if (n === 0) return 'an empty value';
  let nonDigits = 0;
  for (const c of value) if (c < '0' || c > '9') nonDigits++;
  return nonDigits === 0 ? `${n} digits` : `${n} characters, ${nonDigits} of them not digits`;
}

function digitsExact(field, value, length, what) {
  if (value.length !== length || !DIGITS.test(value)) {
    throw new Invalid(field, `must be ${what}: exactly ${length} digits, got ${describe(value)}`);
  }
}

function digits(field, value, max) {
  if (value === '') throw new Invalid(field, 'is required and must not be empty');
  if (value.length > max || !DIGITS.test(value)) {
    throw new Invalid(field, `must be digits only (at most ${max}), got ${describe(value)}`);
  }
}

function credential(field, value) {
  if (isBlank(value)) throw new Invalid(field, 'is required: set it in the provider config');
  if (value.length > 8192 && charCount(value) > 8192) throw new Invalid(field, 'is too long: at most 8192 characters');
  if (!PRINTABLE_ASCII.test(value)) {
    throw new Invalid(field, 'must be printable ASCII (letters, digits, punctuation; no spaces or line breaks)');
  }
}

const HTTP_PREFIX = /^https?:\/\//i; // case-insensitive for ASCII only (no /u)

/** The base URL joined with an endpoint path; the base may end with / or not. */
function endpointUrl(baseUrl, path) {
  const field = 'base_url';
  if (baseUrl === '') throw new Invalid(field, 'is required and must not be empty');
  if (baseUrl.length > 2048 && charCount(baseUrl) > 2048) throw new Invalid(field, 'is too long: at most 2048 characters');
  if (HAS_SPACE_OR_CONTROL.test(baseUrl)) throw new Invalid(field, 'must not contain spaces or control characters');
  const scheme = HTTP_PREFIX.exec(baseUrl);
  if (scheme === null) throw new Invalid(field, 'must be an absolute http:// or https:// URL');
  const rest = baseUrl.slice(scheme[0].length);
  const authority = rest.slice(0, rest.search(/[/?#]|$/));
  if (authority === '' || authority[0] === ':' || authority.includes('@')) {
    throw new Invalid(field, 'must name a host (and no user info)');
  }
  if (rest.includes('?') || rest.includes('#')) throw new Invalid(field, 'must not contain a query or a fragment');
  let end = baseUrl.length;
  while (end > 0 && baseUrl[end - 1] === '/') end--;
  return `${baseUrl.slice(0, end)}/${path}`;
}

// --- names ----------------------------------------------------------------------------

const SNAKE = new Map();
const CAMEL = new Map();

/** `vatPercent` -> `vat_percent`; a snake_case name stays as it is. */
function snakeName(key) {
  let name = SNAKE.get(key);
  if (name === undefined) {
    if (SNAKE.size >= 2048) SNAKE.clear();
    name = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    SNAKE.set(key, name);
  }
  return name;
}

function camelName(key) {
  let name = CAMEL.get(key);
  if (name === undefined) {
    if (CAMEL.size >= 2048) CAMEL.clear();
    name = key.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
    CAMEL.set(key, name);
  }
  return name;
}

/**
 * A canonical field path (`items[0].vat_percent`) in the names the caller used, found
 * in the caller's objects (`items[0].vatPercent`); names not found there are camelCased.
 */
function callerPath(path, roots) {
  if (!path) return path;
  const segments = path.match(/[^.[\]]+|\[\d+\]/g) ?? [];
  let node = roots.find((root) => callerKey(root, segments[0]) !== undefined);
  let out = '';
  for (const segment of segments) {
    if (segment[0] === '[') {
      out += segment;
      node = Array.isArray(node) ? node[Number(segment.slice(1, -1))] : undefined;
      continue;
    }
    const key = callerKey(node, segment);
    out += (out ? '.' : '') + (key ?? camelName(segment));
    node = key === undefined ? undefined : node[key];
  }
  return out;
}

function callerKey(node, snake) {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
  const keys = Object.keys(node).filter((key) => snakeName(key) === snake);
  return keys.find((key) => node[key] !== undefined) ?? keys[0];
}

const named = (e, roots) => (e instanceof Invalid ? invalidInput(callerPath(e.field, roots), e.reason) : e);

// --- input conversion: what JSON cannot carry (as the binding refuses it) -------------

const MAX_DEPTH = 64;
const isRawJSON = typeof JSON.isRawJSON === 'function' ? JSON.isRawJSON : () => false;
const HALF = 'a lone UTF-16 surrogate (half of a character)';

/**
 * The first value in `value` (in the order JSON.stringify visits it) that JSON cannot
 * carry exactly, as the binding's `invalid_input` error naming it in the caller's keys;
 * null if there is none.
 */
function refusalIn(value) {
  const path = [];
  const reason = refusal(value, 0, path);
  if (reason === null) return null;
  let field = '';
  for (const segment of path.reverse()) field += typeof segment === 'number' ? `[${segment}]` : (field ? '.' : '') + segment;
  return invalidInput(field, reason);
}

function refusal(value, depth, path) {
  switch (typeof value) {
    case 'string':
      return isText(value) ? null : `must be text, and this has ${HALF}`;
    case 'number':
      if (Number.isSafeInteger(value) || (Number.isFinite(value) && !Number.isInteger(value))) return null;
      if (Number.isNaN(value)) return 'must be a number, not NaN';
      if (!Number.isFinite(value)) return 'must be a finite number';
      return (
        'is beyond Number.MAX_SAFE_INTEGER, so it may no longer be the number you meant: ' +
        'pass it as a bigint (e.g. 9007199254740993n)'
      );
    case 'bigint':
    case 'boolean':
    case 'undefined':
      return null;
    case 'object': {
      if (value === null || isRawJSON(value)) return null;
      if (depth >= MAX_DEPTH) return 'is nested too deeply (does it contain itself?)';
      if (typeof value.toJSON === 'function') return refusal(value.toJSON(), depth + 1, path);
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          const reason = refusal(value[i], depth + 1, path);
          if (reason !== null) return path.push(i), reason;
        }
        return null;
      }
      const keys = Object.keys(value);
      for (const key of keys) {
        // A field under both spellings: the binding refuses it at the first one.
        const twice = value[key] !== undefined && keys.some((k) => k !== key && value[k] !== undefined && snakeName(k) === snakeName(key));
        if (twice) return path.push(key), 'is given twice (in camelCase and in snake_case)';
        const reason = isText(key) ? refusal(value[key], depth + 1, path) : `is not a field name: it has ${HALF}`;
        if (reason !== null) return path.push(key), reason;
      }
      return null;
    }
    default:
      return `must be data (a string, number, boolean, object or array), not a ${typeof value}`;
  }
}

/** Thrown by the input readers for a value the binding refuses; `decodeArgs` names it. */
const REFUSED = Symbol('refused');

// --- input decoding: serde's rules over the JSON the binding writes ------------------

const U64_MAX = 18446744073709551615n;
const I64_MIN = -9223372036854775808n;
const I64_MAX = 9223372036854775807n;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** A JSON number literal kept as text: from JSON.rawJSON, or a marker of `parseJson`. */
class Literal {
  constructor(text) {
    this.text = text;
  }
}

/** How serde_json reads a number literal: `u64`, `i64` or `f64` (and `-0` is a float). */
function literalKind(text) {
  if (!/^-?[0-9]+$/.test(text) || text === '-0') return 'f64';
  const n = BigInt(text);
  return n >= 0n ? (n <= U64_MAX ? 'u64' : 'f64') : n >= I64_MIN ? 'i64' : 'f64';
}

/** An exact integer as JavaScript holds it: a number when safe, else a bigint. */
const exact = (n) => (n <= MAX_SAFE && n >= -MAX_SAFE ? Number(n) : n);

/** The value as the JSON the binding writes for it: toJSON() applied, raw JSON read. */
function resolve(value) {
  for (let depth = 0; typeof value === 'object' && value !== null; depth++) {
    if (isRawJSON(value)) {
      const raw = value.rawJSON;
      return /^-?[0-9]/.test(raw) ? new Literal(raw) : JSON.parse(raw);
    }
    if (value instanceof Literal || typeof value.toJSON !== 'function') return value;
    if (depth === MAX_DEPTH) throw REFUSED;
    value = value.toJSON();
  }
  return value;
}

/** A JSON value in serde's words ("must be a string, not an integer"). */
function typeName(value) {
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'boolean':
      return 'a boolean';
    case 'number':
      if (!Number.isSafeInteger(value) && !(Number.isFinite(value) && !Number.isInteger(value))) throw REFUSED;
      return Number.isInteger(value) ? 'an integer' : 'a number with a fraction';
    case 'bigint':
      return literalKind(String(value)) === 'f64' ? 'a number with a fraction' : 'an integer';
    case 'undefined':
      return 'null';
    case 'object':
      if (value === null) return 'null';
      if (value instanceof Literal) return literalKind(value.text) === 'f64' ? 'a number with a fraction' : 'an integer';
      return Array.isArray(value) ? 'an array' : 'an object';
    default:
      throw REFUSED;
  }
}

function readString(value, path) {
  if (typeof value === 'string') {
    if (isText(value)) return value;
    throw REFUSED;
  }
  value = resolve(value);
  if (typeof value === 'string') return readString(value, path);
  throw new Invalid(path, `must be a string, not ${typeName(value)}`);
}

function readOptionalString(value, path) {
  value = resolve(value);
  return value === null ? undefined : readString(value, path);
}

function readBool(value, path) {
  if (typeof value === 'boolean') return value;
  value = resolve(value);
  if (typeof value === 'boolean') return value;
  throw new Invalid(path, `must be true or false, not ${typeName(value)}`);
}

const WHOLE = 'a whole number, zero or more';

/** An unsigned 64-bit integer (serde's u64): a number, or a bigint beyond 2^53. */
function readU64(value, path) {
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value)) {
      if (value >= 0) return value + 0; // -0 is written as 0
      throw new Invalid(path, 'must not be negative');
    }
    if (Number.isFinite(value) && !Number.isInteger(value)) {
      throw new Invalid(path, `must be ${WHOLE}, not a number with a fraction`);
    }
    throw REFUSED;
  }
  value = resolve(value);
  let text;
  if (typeof value === 'bigint') text = String(value);
  else if (value instanceof Literal) text = value.text;
  else if (typeof value === 'number') return readU64(value, path);
  else throw new Invalid(path, `must be ${WHOLE}, not ${typeName(value)}`);
  const kind = literalKind(text);
  if (kind === 'u64') return exact(BigInt(text));
  if (kind === 'i64') throw new Invalid(path, 'must not be negative');
  // JSON reads a whole number beyond 64 bits as a float; the core names it as such.
  const f = Number(text);
  if (Number.isInteger(f) && Math.abs(f) >= 9.223372036854776e18) {
    throw new Invalid(path, 'is out of range: whole numbers in uzpay fit in 64 bits');
  }
  throw new Invalid(path, `must be ${WHOLE}, not a number with a fraction`);
}

function readU32(value, path) {
  const n = readU64(value, path);
  if (n > 4294967295) throw new Invalid(path, `is out of range: must be ${WHOLE}`);
  return n;
}

/** A struct: its fields in declaration order, each `[name, read, fallback]` (no fallback: required). */
function struct(fields, make) {
  const names = fields.map(([name]) => name);
  const index = new Map();
  names.forEach((name, i) => index.set(name, i).set(camelName(name), i));
  const sorted = names.map((_, i) => i).sort((a, b) => byCodePoint(names[a], names[b]));
  return { fields, names, index, sorted, make };
}

const sub = (path, name) => (path ? `${path}.${name}` : name);

/**
 * Reads a struct as serde does from the JSON the binding writes: keys snake_cased;
 * the first error in sorted key order wins, an unknown key being one, then the first
 * missing field; an array is read by position.
 */
function readStruct(value, spec, path) {
  value = resolve(value);
  if (value === null || typeof value !== 'object' || value instanceof Literal) {
    throw new Invalid(path, `must be an object, not ${typeName(value)}`);
  }
  if (Array.isArray(value)) return readPositional(value, spec, path);
  const { fields, names, index } = spec;
  const values = new Array(fields.length);
  let unknown;
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (v === undefined) continue; // left out, as JSON.stringify does
    const i = index.get(key) ?? index.get(snakeName(key));
    if (i !== undefined) {
      // The same field under both spellings: the binding refuses it (refusalIn says where).
      if (values[i] !== undefined) throw REFUSED;
      values[i] = v;
    }
    else if (unknown === undefined || byCodePoint(snakeName(key), unknown) < 0) unknown = snakeName(key);
  }
  for (const i of spec.sorted) {
    if (unknown !== undefined && byCodePoint(unknown, names[i]) < 0) break;
    if (values[i] !== undefined) values[i] = fields[i][1](values[i], sub(path, names[i]));
  }
  if (unknown !== undefined) throw new Invalid(sub(path, unknown), 'is not a known field (check its spelling)');
  for (let i = 0; i < fields.length; i++) {
    if (values[i] !== undefined) continue;
    const fallback = fields[i][2];
    if (fallback === undefined) throw new Invalid(sub(path, names[i]), 'is required');
    values[i] = fallback;
  }
  return spec.make(values);
}

function readPositional(array, spec, path) {
  const { fields } = spec;
  const values = new Array(fields.length);
  for (let i = 0; i < fields.length; i++) {
    if (i < array.length) values[i] = fields[i][1](array[i] ?? null, `${path}[${i}]`);
    else if (fields[i][2] !== undefined) values[i] = fields[i][2];
    else throw new Invalid(path, 'must be an object with named fields, not an array');
  }
  if (array.length > fields.length) throw new Invalid(path, 'has the wrong number of elements');
  return spec.make(values);
}

function readList(read) {
  return (value, path) => {
    value = resolve(value);
    if (!Array.isArray(value)) throw new Invalid(path, `must be a sequence, not ${typeName(value)}`);
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = read(value[i] ?? null, `${path}[${i}]`);
    return out;
  };
}

const asStruct = (spec) => (value, path) => readStruct(value, spec, path);

/**
 * The config and the input, decoded, or the error the binding and the core give for
 * them: a config that is not an object; then a value JSON cannot carry, in the config
 * first; then the config's first decoding error; then the input's.
 */
function decodeArgs(config, input, configSpec, inputSpec, configName) {
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw invalidInput('config', `must be a ${configName} or an object of its options`);
  }
  try {
    return [readStruct(config, configSpec, ''), readStruct(input ?? null, inputSpec, '')];
  } catch (problem) {
    throw refusalIn(config) ?? refusalIn(input) ?? named(problem, [input, config]);
  }
}

// --- requests --------------------------------------------------------------------------

/** A built request: method, url, headers ([name, value] pairs) and body (JSON text). */
export class HttpRequest {
  constructor(method, url, headers, body) {
    this.method = method;
    this.url = url;
    this.headers = headers;
    this.body = body;
  }

  /** The first header with this name (case-insensitive). */
  header(name) {
    const wanted = String(name).toLowerCase();
    for (const [key, value] of this.headers) if (key.toLowerCase() === wanted) return value;
    return undefined;
  }
}

/** JSON.stringify, with amounts beyond 2^53 (bigints) written exactly. */
function jsonText(value) {
  try {
    return JSON.stringify(value);
  } catch {
    // Only a bigint makes it throw; validated strings hold no control characters.
    return JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? `\u0000${v}` : v)).replace(/"\\u0000(\d+)"/g, '$1');
  }
}

// --- responses --------------------------------------------------------------------------

const HEADERS = 'must be [name, value] pairs, a Headers object or a record of names to values';

/** The status and body of an HttpResponse {status, headers?, body}, checked as the binding does. */
function responseParts(response) {
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
  if (headers !== undefined && headers !== null) checkHeaders(headers);
  // The core reads UTF-8: a lone surrogate arrives as U+FFFD.
  return { status, body: isText(body) ? body : body.toWellFormed() };
}

/** Headers as the binding takes them (the operations here do not read any). */
function checkHeaders(headers) {
  try {
    let pairs;
    if (typeof headers[Symbol.iterator] === 'function') {
      pairs = Array.isArray(headers) ? headers : [...headers];
      for (const pair of pairs) if (!Array.isArray(pair) || pair.length !== 2) throw invalidInput('headers', HEADERS);
    } else if (typeof headers === 'object') {
      pairs = Object.entries(headers);
    } else {
      throw invalidInput('headers', HEADERS);
    }
    for (const [name, value] of pairs) {
      if (!isText(String(name)) || !isText(String(value))) {
        throw invalidInput('headers', `must be text, and one has ${HALF}`);
      }
    }
  } catch (e) {
    throw e instanceof UzpayError ? e : invalidInput('headers', HEADERS);
  }
}

const MAX_BODY_BYTES = 1024 * 1024;

function bodyTooLarge(body) {
  if (body.length * 3 <= MAX_BODY_BYTES) return null;
  const bytes = utf8Length(body);
  return bytes > MAX_BODY_BYTES ? `the body is ${bytes} bytes, more than the ${MAX_BODY_BYTES} uzpay reads` : null;
}

const MARK = `\u0000number:${Math.random().toString(36).slice(2)}`;
const NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

/**
 * JSON.parse, but each number literal a double does not hold as serde_json reads it (a
 * fraction or an exponent, `-0`, more than 15 digits) is replaced by a marker,
 * `[MARK, literal]`, that the readers below take as that literal. An array, so a
 * literal where JSON allows no value (a key) still fails to parse.
 */
function parseJson(text) {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      let end = i;
      let count = 0;
      let float = false;
      for (; end < text.length; end++) {
        const d = text.charCodeAt(end);
        if (d >= 0x30 && d <= 0x39) count++;
        else if (d === 0x2e || d === 0x65 || d === 0x45) float = true;
        else if (d !== 0x2b && d !== 0x2d) break;
      }
      if (float || count > 15 || (count === 1 && c === 0x2d && text.charCodeAt(i + 1) === 0x30 && end === i + 2)) {
        const literal = text.slice(i, end);
        if (NUMBER.test(literal)) {
          out += `${text.slice(from, i)}["\\u0000${MARK.slice(1)}","${literal}"]`;
          from = end;
        }
      }
      i = end - 1;
    }
  }
  return JSON.parse(from === 0 ? text : out + text.slice(from));
}

const markedLiteral = (v) => (Array.isArray(v) && v.length === 2 && v[0] === MARK ? v[1] : undefined);

function jsonType(v) {
  if (v === null) return 'null';
  if (typeof v !== 'object') return typeof v === 'number' ? 'a number' : `a ${typeof v}`;
  if (markedLiteral(v) !== undefined) return 'a number';
  return Array.isArray(v) ? 'an array' : 'an object';
}

/** A wire struct: an object, or an array read by position (as serde reads one). */
function wireStruct(v, names, what) {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v;
  if (!Array.isArray(v) || markedLiteral(v) !== undefined) {
    throw new Shape(`invalid type: ${jsonType(v)}, expected struct ${what}`);
  }
  if (v.length > names.length) throw new Shape(`invalid length ${v.length}, expected fewer elements in array`);
  const out = {};
  for (let i = 0; i < v.length; i++) out[names[i]] = v[i];
  return out;
}

const missing = (name) => new Shape(`missing field \`${name}\``);

function wireString(v, name) {
  if (typeof v === 'string') return v;
  throw v === undefined ? missing(name) : new Shape(`${name}: invalid type: ${jsonType(v)}, expected a string`);
}

const wireOptionalString = (v, name) => (v == null ? null : wireString(v, name));

function wireU64(v, name) {
  if (typeof v === 'number' && v >= 0) return v;
  const literal = markedLiteral(v);
  if (literal !== undefined && literalKind(literal) === 'u64') return exact(BigInt(literal));
  throw v === undefined ? missing(name) : new Shape(`${name}: expected u64, got ${jsonType(v)}`);
}

function wireOptionalI64(v, name) {
  if (v == null || typeof v === 'number') return v ?? null;
  const literal = markedLiteral(v);
  if (literal !== undefined && literalKind(literal) !== 'f64' && BigInt(literal) <= I64_MAX) return exact(BigInt(literal));
  throw new Shape(`${name}: expected i64, got ${jsonType(v)}`);
}

function wireF64(v, name) {
  if (typeof v === 'number') return v;
  const literal = markedLiteral(v);
  if (literal === undefined) throw new Shape(`${name}: expected f64, got ${jsonType(v)}`);
  return literalKind(literal) === 'f64' ? serdeFloat(literal) : Number(BigInt(literal));
}

/** A number literal as serde_json writes it back: integers exactly, floats as it reads and writes them. */
function literalText(literal) {
  return literalKind(literal) === 'f64' ? floatText(serdeFloat(literal)) : String(BigInt(literal));
}

const POW10 = Array.from({ length: 309 }, (_, i) => Number(`1e${i}`));
const FLOAT = /^(-?)([0-9]+)(?:\.([0-9]+))?(?:[eE]([+-]?)([0-9]+))?$/;

/**
 * A float literal as serde_json reads it (without its `float_roundtrip` feature): the
 * first digits that fit in a u64, then one multiplication or division by a power of
 * ten. That is not always the nearest double (`12345678901234567.0`); JavaScript's is.
 */
function serdeFloat(literal) {
  const [, sign, int, fraction = '', expSign, expDigits] = FLOAT.exec(literal);
  let significand;
  let exponent = -fraction.length;
  if (int.length + fraction.length <= 19) {
    significand = Number(int + fraction); // below 2^64: as u64 -> f64 rounds it
  } else {
    // Digits beyond a u64 are dropped: in the integer part each scales by ten.
    let s = 0n;
    let full = false;
    exponent = 0;
    for (const d of int) {
      if (!full && s * 10n + BigInt(d) <= U64_MAX) s = s * 10n + BigInt(d);
      else (full = true), exponent++;
    }
    full = false;
    for (const d of fraction) {
      if (full || s * 10n + BigInt(d) > U64_MAX) full = true;
      else (s = s * 10n + BigInt(d)), exponent--;
    }
    significand = Number(s);
  }
  if (expDigits !== undefined) {
    let exp = 0;
    for (const d of expDigits) {
      exp = exp * 10 + Number(d);
      if (exp > 2147483647) {
        if (significand !== 0 && expSign !== '-') throw new Shape('number out of range');
        return sign ? -0 : 0;
      }
    }
    exponent = Math.max(-2147483648, Math.min(2147483647, expSign === '-' ? exponent - exp : exponent + exp));
  }
  let f = significand;
  for (;;) {
    const pow = POW10[Math.abs(exponent)];
    if (pow !== undefined) {
      if (exponent < 0) f /= pow;
      else if (!Number.isFinite((f *= pow))) throw new Shape('number out of range');
      break;
    }
    if (f === 0) break;
    if (exponent >= 0) throw new Shape('number out of range');
    f /= 1e308;
    exponent += 308;
  }
  return sign ? -f : f;
}

/** An f64 as serde_json writes it (its `zmij` formatter): 1.0, 0.001, 1e+16, 1.5e-7. */
function floatText(x) {
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const [mantissa, exponent] = Math.abs(x).toExponential().split('e'); // the shortest digits
  const digits = mantissa.replace('.', '');
  const e = Number(exponent); // 10^e <= |x| < 10^(e+1)
  let out;
  if (e < -5 || e > 15) out = `${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ''}e${exponent}`;
  else if (digits.length - 1 <= e) out = `${digits}${'0'.repeat(e - digits.length + 1)}.0`;
  else if (e >= 0) out = `${digits.slice(0, e + 1)}.${digits.slice(e + 1)}`;
  else out = `0.${'0'.repeat(-e - 1)}${digits}`;
  return sign + out;
}

/** A string, or a number as its decimal text (serde's string_or_number); null for null. */
function wireStringOrNumber(v, name) {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (v == null) return null;
  const literal = markedLiteral(v);
  if (literal !== undefined) return literalText(literal);
  throw new Shape(`${name}: expected a string or a number, got ${jsonType(v)}`);
}

function wireRequiredStringOrNumber(v, name) {
  if (v === undefined) throw missing(name);
  const text = wireStringOrNumber(v, name);
  if (text === null) throw new Shape(`${name}: expected a string, got null`);
  return text;
}

/** An i64, or a string holding one (serde's int_or_numeric_string). */
function wireIntOrNumericString(v, name) {
  if (typeof v === 'number') return v;
  let text = markedLiteral(v);
  if (text === undefined) {
    if (typeof v !== 'string') {
      throw v === undefined ? missing(name) : new Shape(`${name}: expected an integer, got ${jsonType(v)}`);
    }
    text = v.replace(TRIM, '');
    if (!/^[+-]?[0-9]+$/.test(text)) throw new Shape(`${name}: expected an integer, got a non-numeric string`);
  } else if (literalKind(text) === 'f64') {
    throw new Shape(`${name}: expected an integer, got a fraction or an out-of-range number`);
  }
  const n = BigInt(text);
  if (n < I64_MIN || n > I64_MAX) throw new Shape(`${name}: expected an integer, got a fraction or an out-of-range number`);
  return exact(n);
}

/**
 * Any JSON value, checked as serde_json reads one into a Value: floats in range, and
 * no deeper than its recursion limit, 128 arrays and objects counted from the body's
 * root (`depth` is how many hold this value).
 */
function wireValue(v, depth) {
  const literal = markedLiteral(v);
  if (literal !== undefined) literalText(literal);
  else if (v !== null && typeof v === 'object') {
    if (depth + 1 >= 128) throw new Shape('recursion limit exceeded');
    for (const item of Array.isArray(v) ? v : Object.values(v)) wireValue(item, depth + 1);
  }
  return v;
}

/** A JSON value as serde_json writes a Value: compact, keys sorted, numbers as it reads them. */
function valueText(v) {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  const literal = markedLiteral(v);
  if (literal !== undefined) return literalText(literal);
  if (Array.isArray(v)) return `[${v.map(valueText).join(',')}]`;
  const keys = Object.keys(v).sort(byCodePoint);
  return `{${keys.map((key) => `${JSON.stringify(key)}:${valueText(v[key])}`).join(',')}}`;
}

/** An error code as text: a string as itself, null as '', anything else as JSON. */
const codeText = (v) => (typeof v === 'string' ? v : v === null ? '' : valueText(v));

/** The body as JSON, or why not: too large, an array, not JSON (serde's decode). */
function readBody(status, body) {
  const tooLarge = bodyTooLarge(body);
  if (tooLarge !== null) throw unexpected(status, body, tooLarge);
  if (ARRAY_START.test(body)) throw unexpected(status, body, 'the body is a JSON array, not an object');
  try {
    return parseJson(body);
  } catch {
    throw unexpected(status, body, 'the body is not the expected JSON: not valid JSON');
  }
}

// --- Paylov: register_receipt -------------------------------------------------------

const PAYLOV_CONFIG = struct(
  [
    ['base_url', readString, 'https://gw.paylov.uz'],
    ['api_key', readString],
    ['use_deprecated_register_path', readBool, false],
  ],
  ([baseUrl, apiKey, deprecatedPath]) => ({ baseUrl, apiKey, deprecatedPath }),
);

// An item is written to the body as it is read: Paylov's item names are snake_case.
const RECEIPT_ITEM = struct(
  [
    ['title', readString],
    ['price', readU64],
    ['discount', readU64, 0],
    ['count', readU64],
    ['code', readString],
    ['vat_percent', readU32],
    ['package_code', readString],
    ['pinfl', readOptionalString, null],
    ['tin', readOptionalString, null],
  ],
  ([title, price, discount, count, code, vat_percent, package_code, pinfl, tin]) => ({
    title,
    price,
    discount,
    count,
    code,
    vat_percent,
    package_code,
    pinfl: pinfl ?? undefined,
    tin: tin ?? undefined,
  }),
);

const REGISTER_INPUT = struct(
  [
    ['transaction_id', readOptionalString, null],
    ['external_id', readOptionalString, null],
    ['phone_number', readOptionalString, null],
    ['items', readList(asStruct(RECEIPT_ITEM))],
  ],
  ([transactionId, externalId, phoneNumber, items]) => ({
    transactionId: transactionId ?? undefined,
    externalId: externalId ?? undefined,
    phoneNumber: phoneNumber ?? undefined,
    items,
  }),
);

const PHONE = /^\+998[0-9]{9}$/;

function validatePayment({ transactionId, externalId, phoneNumber }) {
  const cash = externalId !== undefined || phoneNumber !== undefined;
  if (transactionId !== undefined) {
    if (cash) {
      throw new Invalid(
        'transaction_id',
        'give either transaction_id (a card payment) or external_id with phone_number (a cash payment), not both',
      );
    }
    return id('transaction_id', transactionId);
  }
  if (!cash) {
    throw new Invalid('transaction_id', 'is required for a card payment; for a cash payment give external_id and phone_number');
  }
  if (externalId === undefined) throw new Invalid('external_id', 'is required for a cash payment (with phone_number)');
  id('external_id', externalId);
  if (phoneNumber === undefined) throw new Invalid('phone_number', 'is required for a cash payment (with external_id)');
  if (!PHONE.test(phoneNumber)) {
    throw new Invalid('phone_number', 'must be an Uzbek phone number: +998 followed by 9 digits, e.g. +998901234567');
  }
}

function validateItems(items) {
  if (items.length === 0) throw new Invalid('items', 'must contain at least one item');
  if (items.length > 1000) throw new Invalid('items', `has ${items.length} items, at most 1000 are allowed`);
  for (let i = 0; i < items.length; i++) validateItem(items[i], i);
}

function validateItem(item, i) {
  const { title, price, discount, count, code, vat_percent: vat, package_code: packageCode, pinfl, tin } = item;
  const at = (name) => `items[${i}].${name}`;
  text(at('title'), title);
  if (count === 0) throw new Invalid(at('count'), 'must be at least 1');
  if (discount > price) throw new Invalid(at('discount'), `must not exceed the price (${price} tiyin), got ${discount} tiyin`);
  digitsExact(at('code'), code, 17, 'the IKPU/MXIK code');
  if (vat > 100) throw new Invalid(at('vat_percent'), `must be a percentage from 0 to 100, got ${vat}`);
  digits(at('package_code'), packageCode, 32);
  if (pinfl !== undefined && tin !== undefined) {
    throw new Invalid(`items[${i}]`, 'give either pinfl (an individual seller) or tin (a company), not both');
  }
  if (pinfl !== undefined) digitsExact(at('pinfl'), pinfl, 14, 'a PINFL');
  else if (tin !== undefined) digitsExact(at('tin'), tin, 9, 'a TIN');
  else throw new Invalid(`items[${i}]`, "needs the seller's pinfl (14 digits) or tin (9 digits)");
  // price x count must fit in 64 bits (the discount never exceeds it once it is below the price)
  const large = typeof price === 'bigint' || typeof count === 'bigint' || price * count > Number.MAX_SAFE_INTEGER;
  if (large && BigInt(price) * BigInt(count) > U64_MAX) {
    throw new Invalid(at('count'), 'price x count is too large to compute (over 2^64 tiyin)');
  }
}

/** Validates a receipt (a card or a cash payment, 1 to 1000 items) and builds Paylov's register request. */
export function buildRegisterReceipt(config, input) {
  const [paylov, receipt] = decodeArgs(config, input, PAYLOV_CONFIG, REGISTER_INPUT, 'PaylovConfig');
  let url;
  try {
    validatePayment(receipt);
    validateItems(receipt.items);
    credential('api_key', paylov.apiKey);
    url = endpointUrl(
      paylov.baseUrl,
      paylov.deprecatedPath ? 'merchant/registerFiscalReceipt/' : 'merchant/fiscalization/register/',
    );
  } catch (e) {
    throw named(e, [input, config]);
  }
  const headers = [
    ['Content-Type', 'application/json'],
    ['Accept', 'application/json'],
    ['api-key', paylov.apiKey],
  ];
  return new HttpRequest('POST', url, headers, jsonText(receipt));
}

/** Reads Paylov's answer: the registered receipt, or the error. */
export function parseRegisterReceipt(response) {
  const { status, body } = responseParts(response);
  const json = readBody(status, body);
  let error;
  let ofd;
  try {
    const envelope = wireStruct(json, ['result', 'error'], 'Envelope');
    if (envelope.error != null) {
      const e = wireStruct(envelope.error, ['code', 'message', 'data'], 'CodeMessageData');
      // two levels down: the body, then `error`
      error = {
        code: wireValue(e.code ?? null, 2),
        message: wireOptionalString(e.message, 'message'),
        data: wireValue(e.data ?? null, 2),
      };
    }
    if (envelope.result != null) {
      const result = wireStruct(envelope.result, ['ofd'], 'WireResult');
      ofd = result.ofd == null ? null : readReceipt(result.ofd);
    }
  } catch (e) {
    if (!(e instanceof Shape)) throw e;
    throw unexpected(status, body, `the body is not the expected JSON: ${e.problem}`);
  }
  if (error !== undefined) {
    const code = codeText(error.code);
    throw providerError('paylov', 'Paylov', {
      code,
      message: error.message ?? code,
      status,
      details: error.data === null ? undefined : valueText(error.data),
      retryable: code === 'ofd_error' || code === 'server_error' || statusRetryable(status),
    });
  }
  if (!isSuccess(status)) throw httpError(status);
  if (ofd === undefined) throw unexpected(status, body, 'the body has no result');
  if (ofd === null) throw unexpected(status, body, 'the body has no result.ofd');
  return ofd;
}

function readReceipt(v) {
  const ofd = wireStruct(v, ['receiptUrl', 'terminalId', 'receiptId', 'fiscalSign'], 'RegisterReceiptOutput');
  return {
    receiptUrl: wireString(ofd.receiptUrl, 'receiptUrl'),
    terminalId: wireRequiredStringOrNumber(ofd.terminalId, 'terminalId'),
    receiptId: wireIntOrNumericString(ofd.receiptId, 'receiptId'),
    fiscalSign: wireRequiredStringOrNumber(ofd.fiscalSign, 'fiscalSign'),
  };
}

// --- VIA: confirm_pay_verify ---------------------------------------------------------

const VIA_CONFIG = struct(
  [
    ['base_url', readString],
    ['client_id', readString],
    ['client_secret', readString],
  ],
  ([baseUrl, clientId, clientSecret]) => ({ baseUrl, clientId, clientSecret }),
);

const VERIFY_INPUT = struct(
  [
    ['verify_id', readString],
    ['verify_code', readString],
  ],
  ([verifyId, verifyCode]) => ({ verifyId, verifyCode }),
);

/** Validates the SMS code confirmation and builds VIA's verify request. */
export function buildConfirmPayVerify(config, input) {
  const [via, verify] = decodeArgs(config, input, VIA_CONFIG, VERIFY_INPUT, 'ViaConfig');
  let url;
  try {
    id('verify_id', verify.verifyId);
    if (verify.verifyCode === '') throw new Invalid('verify_code', 'is required: the code from the SMS');
    digits('verify_code', verify.verifyCode, 12);
    credential('client_id', via.clientId);
    credential('client_secret', via.clientSecret);
    url = endpointUrl(via.baseUrl, 'partner/merchant/confirm/pay/verify');
  } catch (e) {
    throw named(e, [input, config]);
  }
  const headers = [
    ['Content-Type', 'application/json'],
    ['Accept', 'application/json'],
    ['client-id', via.clientId],
    ['client-secret', via.clientSecret],
  ];
  return new HttpRequest('POST', url, headers, JSON.stringify(verify));
}

const TRANSACTION = [
  'transactionId', 'processingTransactionId', 'merchantId', 'amount', 'createdAt', 'payedAt', 'status', 'fee',
  'feePercent', 'currency', 'epos', 'errorCode', 'errorMessage', 'refundedAmount', 'process',
];

function readTransaction(json) {
  const t = wireStruct(json, TRANSACTION, 'ViaTransaction');
  let epos = null;
  if (t.epos != null) {
    const e = wireStruct(t.epos, ['merchantId', 'terminalId'], 'Epos');
    epos = {
      merchantId: wireStringOrNumber(e.merchantId, 'merchantId'),
      terminalId: wireStringOrNumber(e.terminalId, 'terminalId'),
    };
  }
  return {
    transactionId: wireString(t.transactionId, 'transactionId'),
    processingTransactionId: wireStringOrNumber(t.processingTransactionId, 'processingTransactionId'),
    merchantId: t.merchantId === undefined ? '' : wireString(t.merchantId, 'merchantId'),
    amount: wireU64(t.amount, 'amount'),
    createdAt: wireOptionalI64(t.createdAt, 'createdAt'),
    payedAt: wireOptionalI64(t.payedAt, 'payedAt'),
    status: wireString(t.status, 'status'),
    fee: t.fee === undefined ? 0 : wireU64(t.fee, 'fee'),
    feePercent: t.feePercent === undefined ? 0 : wireF64(t.feePercent, 'feePercent'),
    currency: t.currency === undefined ? '' : wireString(t.currency, 'currency'),
    epos,
    errorCode: wireStringOrNumber(t.errorCode, 'errorCode'),
    errorMessage: wireOptionalString(t.errorMessage, 'errorMessage'),
    refundedAmount: t.refundedAmount == null ? null : wireU64(t.refundedAmount, 'refundedAmount'),
    process: wireOptionalString(t.process, 'process'),
  };
}

/** VIA's error body, {status: {code, message}, error: {path, message: {uz, ru, en}}}, as the error; null if it is not one. */
function viaError(json, status) {
  let code;
  let statusMessage;
  let path = null;
  let uz = null;
  let ru = null;
  let en = null;
  try {
    const e = wireStruct(json, ['status', 'error'], 'WireError');
    if (e.status === undefined) return null;
    const s = wireStruct(e.status, ['code', 'message'], 'WireStatus');
    if (s.code === undefined) return null;
    code = codeText(wireValue(s.code, 2));
    statusMessage = wireOptionalString(s.message, 'message');
    if (e.error != null) {
      const detail = wireStruct(e.error, ['path', 'message'], 'WireDetail');
      if (detail.path != null) path = typeof detail.path === 'string' ? detail.path : valueText(wireValue(detail.path, 2));
      if (detail.message != null) {
        const m = wireStruct(detail.message, ['uz', 'ru', 'en'], 'WireMessages');
        uz = wireOptionalString(m.uz, 'uz');
        ru = wireOptionalString(m.ru, 'ru');
        en = wireOptionalString(m.en, 'en');
      }
    }
  } catch (e) {
    if (e instanceof Shape) return null;
    throw e;
  }
  let messages;
  if (uz !== null || ru !== null || en !== null) {
    messages = {};
    if (uz !== null) messages.uz = uz;
    if (ru !== null) messages.ru = ru;
    if (en !== null) messages.en = en;
  }
  return providerError('via', 'VIA', {
    code,
    message: en ?? statusMessage ?? `VIA refused the request (code ${code})`,
    messages,
    status,
    details: path === null ? undefined : JSON.stringify({ path }),
    retryable: statusRetryable(status),
  });
}

/** Reads VIA's answer: the transaction (whatever its status), or the error. */
export function parseConfirmPayVerify(response) {
  const { status, body } = responseParts(response);
  let json;
  let problem;
  try {
    json = readBody(status, body);
    const transaction = readTransaction(json);
    if (isSuccess(status)) return transaction;
  } catch (e) {
    if (e instanceof Shape) problem = unexpected(status, body, `the body is not the expected JSON: ${e.problem}`);
    else if (e instanceof UzpayError) problem = e;
    else throw e;
  }
  // Not a transaction with a 2xx: VIA's error body, whatever the status.
  if (json === undefined && bodyTooLarge(body) === null) {
    try {
      json = parseJson(body);
    } catch {
      // not JSON: no error body either
    }
  }
  throw (json !== undefined && viaError(json, status)) || problem || httpError(status);
}

// --- OFD receipt URLs ------------------------------------------------------------------

const OFD_INPUT = struct([['url', readString]], ([url]) => url);
const OFD_HOST = /^ofd\.soliq\.uz$/i;
const TERMINAL_ID = /^[A-Za-z0-9]{1,32}$/;
const FISCAL_SIGN = /^[0-9]{1,32}$/;
const DATE_TIME = /^[0-9]{14}$/;

const pad = (n, width) => String(n).padStart(width, '0');

/**
 * Reads the OFD receipt URL printed as a QR code on a fiscal receipt:
 * {kind, terminalId, receiptNumber, dateTime, fiscalSign, url}, `url` rebuilt
 * canonically. Errors name `url`, or the part: `url.t`, `url.r`, `url.c`, `url.s`.
 */
export function parseReceiptUrl(url) {
  let text = url;
  if (typeof url !== 'string' || !isText(url)) {
    const input = { url };
    try {
      text = readStruct(input, OFD_INPUT, '');
    } catch (problem) {
      throw refusalIn(input) ?? named(problem, [input]);
    }
  }
  try {
    return receiptUrl(text);
  } catch (e) {
    throw e instanceof Invalid ? invalidInput(e.field, e.reason) : e;
  }
}

function receiptUrl(url) {
  const refuse = (why) => new Invalid('url', `is not an OFD receipt URL: ${why}`);
  if (url.length > 682 && utf8Length(url) > 2048) throw refuse('it is too long');
  const scheme = HTTP_PREFIX.exec(url);
  if (scheme === null) throw refuse('it must start with https://ofd.soliq.uz/');
  const rest = url.slice(scheme[0].length);
  const q = rest.indexOf('?');
  if (q < 0) throw refuse('it has no query (?t=..&r=..&c=..&s=..)');
  const location = rest.slice(0, q);
  const query = rest.slice(q + 1);
  const slash = location.indexOf('/');
  const host = slash < 0 ? location : location.slice(0, slash);
  const path = slash < 0 ? '' : location.slice(slash);
  if (!OFD_HOST.test(host)) throw refuse('its host must be ofd.soliq.uz');
  const kind = path === '/check' ? 'check' : path === '/epi' ? 'epi' : undefined;
  if (kind === undefined) throw refuse('its path must be /check or /epi');
  if (query.includes('#')) throw refuse('it must not have a fragment (#...)');

  const params = { t: undefined, r: undefined, c: undefined, s: undefined };
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    if (key !== 't' && key !== 'r' && key !== 'c' && key !== 's') throw refuse('it has a parameter other than t, r, c and s');
    if (params[key] !== undefined) throw new Invalid(`url.${key}`, 'is given more than once');
    params[key] = eq < 0 ? '' : pair.slice(eq + 1);
  }
  for (const key of ['t', 'r', 'c', 's']) {
    if (!params[key]) throw new Invalid(`url.${key}`, 'is required and must not be empty');
  }
  const { t, r, c, s } = params;

  if (!TERMINAL_ID.test(t)) throw new Invalid('url.t', 'must be the terminal id: 1 to 32 ASCII letters and digits');
  if (r.length > 20 || !DIGITS.test(r)) throw new Invalid('url.r', 'must be the receipt number: digits only');
  const number = r.length <= 15 ? Number(r) : BigInt(r);
  if (number > U64_MAX) throw new Invalid('url.r', 'is too large for a receipt number');
  const receiptNumber = typeof number === 'bigint' ? exact(number) : number;
  checkDateTime(c);
  if (!FISCAL_SIGN.test(s)) throw new Invalid('url.s', 'must be the fiscal sign: 1 to 32 digits');
  return {
    dateTime: c,
    fiscalSign: s,
    kind,
    receiptNumber,
    terminalId: t,
    url: `https://ofd.soliq.uz/${kind}?t=${t}&r=${receiptNumber}&c=${c}&s=${s}`,
  };
}

/** `YYYYMMDDhhmmss`, a real calendar date and time of day. */
function checkDateTime(c) {
  const field = 'url.c';
  if (!DATE_TIME.test(c)) throw new Invalid(field, 'must be a date-time as YYYYMMDDhhmmss (14 digits)');
  const year = Number(c.slice(0, 4));
  const month = Number(c.slice(4, 6));
  const day = Number(c.slice(6, 8));
  const hour = Number(c.slice(8, 10));
  const minute = Number(c.slice(10, 12));
  const second = Number(c.slice(12, 14));
  if (year < 1) throw new Invalid(field, `has year ${year}, which is not 1..=9999`);
  if (month < 1 || month > 12) throw new Invalid(field, `has month ${month}, which is not 1..=12`);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const last = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  if (day === 0 || day > last) throw new Invalid(field, `has day ${day}, but ${pad(year, 4)}-${pad(month, 2)} has ${last} days`);
  if (hour > 23 || minute > 59 || second > 59) {
    throw new Invalid(field, `has time ${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}, which is not a time of day`);
  }
}
