// Hostile input to every public function, as bindings-python/tests/test_hostile.py
// does for Python. Whatever JavaScript values come in, each call returns or throws an
// UzpayError: never a TypeError, a RangeError or a WebAssembly trap. And more:
//
// - Every field of every input (the 16 builders' inputs and configs, and the fiscal
//   functions' arguments), found by walking a valid input (nested objects and the
//   first element of arrays: `items[0].price`, `card.pan`), gets every odd value of
//   HOSTILE. Each is accepted only when it is a legitimate value for the field
//   (null or undefined for an optional field, a plain string where a string
//   belongs...); otherwise it is refused as `invalid_input`, naming the field in the
//   caller's names (`items[0].vatPercent`), a path inside it (`card.pan`), or, for a
//   rule across fields (an item needs a pinfl or a tin), the object holding it; with
//   a plain sentence as its reason, and not echoing the value.
// - Every parser gets odd statuses, headers and bodies (1 MiB + 1, deeply nested,
//   1e999999, half characters).
// - The fiscal functions get every odd value as a whole argument too, and odd parts
//   inside an OFD receipt URL.
// - Configs are made and changed, and requests changed and printed, from odd values.
// - Failures caused by the core (which this package does not patch around) are
//   listed in CORE_ISSUES, shown, and must still occur.
//
// The valid inputs are the fixtures' and every documented request of the
// conformance vectors (tests/vectors/*.json), so a field a vector uses is covered
// without being listed here. The cases are counted and the count has a floor (see
// the last test): lost coverage fails.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import * as uzpay from 'uzpay';
import { calls, item, QR } from './fixtures.mjs';

const { UzpayError, HttpRequest } = uzpay;

// --- the odd values ------------------------------------------------------------

const cyclic = { name: 'x' };
cyclic.self = cyclic;
const MB = 1 << 20;

// Which fields may legitimately accept a value: 'absent' (null, undefined: an
// optional field, one the valid input still builds without), 'string' (where the
// valid input has a string), 'number' (where it has a number), 'boolean'; none: never.
const HOSTILE = [
  // a string where a number belongs (and where a string belongs, plain ones)
  ['a string', '12abc', 'string'],
  ['a numeric string', '12', 'string'],
  ['an empty string', '', 'string'],
  ['white space', ' \t', 'string'],
  ['a control character', 'a\u0000b', 'string'],
  // a number where a string belongs
  ['a number', 12, 'number'],
  ['a small bigint', 12n, 'number'],
  ['a boolean', true, 'boolean'],
  // money that is not whole tiyin, or not a number at all
  ['a float', 1.5],
  ['a tiny float', 1e-9],
  ['NaN', NaN],
  ['Infinity', Infinity],
  ['-Infinity', -Infinity],
  // nothing where a value is required
  ['null', null, 'absent'],
  ['undefined', undefined, 'absent'],
  // negative and huge
  ['-1', -1],
  ['-1n', -1n],
  ['-(2**63)', -(2 ** 63)],
  ['-(2n**63n)', -(2n ** 63n)],
  ['2**53', 2 ** 53],
  ['2**60', 2 ** 60],
  ['Number.MAX_VALUE', Number.MAX_VALUE],
  ['2n**64n', 2n ** 64n],
  ['10n**30n', 10n ** 30n],
  // long and broken text
  ['a 1 MB string', 'x'.repeat(MB)],
  ['a 1 MB digit string', '9'.repeat(MB)],
  ['a lone surrogate', '\ud800'],
  ['a lone low surrogate inside text', 'a\udfffb'],
  ['text ending in half an emoji', 'tea \ud83c'],
  // nested garbage
  ['an object', { nested: [{ garbage: null }] }],
  ['an empty object', {}],
  ['an array', [1, 'two', null]],
  ['an empty array', []],
  ['a cyclic object', cyclic],
  ['a Map', new Map([['a', 1]])],
  // A Date is written as JSON.stringify writes it, its ISO text (toJSON): judged as
  // that string.
  ['a Date', new Date(0), 'string'],
  ['a Symbol', Symbol('s')],
  ['a function', () => 1],
  ['a null-prototype object', Object.create(null)],
  ['a Uint8Array', new Uint8Array([1, 2])],
];

/** A short label for any value (String() throws for some). */
function show(value) {
  try {
    if (typeof value === 'symbol') return value.toString();
    if (typeof value === 'bigint') return `${value}n`;
    const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
    return text.length > 24 ? `${text.slice(0, 20)}...(${text.length})` : text;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

// --- valid inputs ----------------------------------------------------------------

const camelName = (key) => key.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
const snakeName = (key) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function renameKeys(value, rename) {
  if (Array.isArray(value)) return value.map((v) => renameKeys(v, rename));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [rename(k), renameKeys(v, rename)]));
}

const vectorCases = (() => {
  const dir = new URL('../../tests/vectors/', import.meta.url);
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .flatMap((file) => JSON.parse(readFileSync(new URL(file, dir), 'utf8')).cases);
})();

/** The camelCase inputs of the vectors of `op` that succeed (a request or an output). */
function vectorInputs(op) {
  return vectorCases
    .filter((c) => c.op === op && (c.request !== undefined || c.output !== undefined) && c.input !== undefined)
    .map((c) => renameKeys(c.input, camelName));
}

/** The camelCase config options of the vectors of `op`, credentials included. */
function vectorConfigs(op) {
  return vectorCases.filter((c) => c.op === op && c.request !== undefined).map((c) => renameKeys(c.config, camelName));
}

const CONFIG_CLASSES = {
  fiscalbox: uzpay.FiscalBoxConfig,
  paylov: uzpay.PaylovConfig,
  paymentsgate: uzpay.PaymentsGateConfig,
  via: uzpay.ViaConfig,
};

/**
 * Every function under test, each taking one object (its "input") whose fields are
 * walked: `call(input)`, and the valid inputs to start from.
 */
const targets = [];
for (const [op, { build }] of Object.entries(uzpay.operations)) {
  const name = build.name.slice('build'.length);
  const fixture = calls[name];
  assert.ok(fixture, `fixtures.mjs has no call of ${op}`);
  targets.push({
    what: `${build.name} input`,
    call: (input) => build(fixture.config, input),
    inputs: [fixture.input, ...vectorInputs(op)],
    request: true,
  });
  // The config's options, through the config class, as users make them.
  const Config = CONFIG_CLASSES[op.slice(0, op.indexOf('.'))];
  targets.push({
    what: `${build.name} config`,
    call: (options) => build(new Config(options), fixture.input),
    inputs: vectorConfigs(op),
    request: true,
  });
}
targets.push(
  {
    what: 'parseReceiptUrl',
    call: (input) => uzpay.parseReceiptUrl(input.url),
    inputs: [{ url: QR }, ...vectorInputs('ofd.parse_receipt_url')],
  },
  {
    what: 'buildReceiptUrl',
    call: (input) => uzpay.buildReceiptUrl(input),
    inputs: [
      { terminalId: 'UZ170703100597', receiptNumber: 2421, dateTime: '20230104121801', fiscalSign: '514343190161' },
      ...vectorInputs('ofd.build_receipt_url'),
    ],
  },
  {
    // Errors name the items as `items[0].tin`, so the array is walked as `items`.
    what: 'receiptTotals',
    call: (input) => uzpay.receiptTotals(input.items),
    inputs: [{ items: [item] }, ...vectorInputs('receipt.totals')],
  },
  {
    // Arguments, not keys: the caller's names are these two, never snake_case.
    what: 'vatIncluded',
    call: (input) => uzpay.vatIncluded(input.gross, input.ratePercent),
    inputs: [{ gross: 112_000, ratePercent: 12 }],
    positional: true,
  },
);

/** Every field of a value: `{ keys: ['items', 0, 'price'], name: 'items[0].price' }`. */
function fields(value, keys = [], name = '') {
  const out = [];
  if (Array.isArray(value)) {
    if (value.length > 0) {
      const at = { keys: [...keys, 0], name: `${name}[0]` };
      out.push(at, ...fields(value[0], at.keys, at.name));
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const at = { keys: [...keys, key], name: name ? `${name}.${key}` : key };
      out.push(at, ...fields(inner, at.keys, at.name));
    }
  }
  return out;
}

function valueAt(value, keys) {
  return keys.reduce((node, key) => node[key], value);
}

/** A deep copy of `input` with the field at `keys` set to `value`, or removed. */
function changed(input, keys, value, remove = false) {
  const out = structuredClone(input);
  const parent = valueAt(out, keys.slice(0, -1));
  const last = keys[keys.length - 1];
  if (!remove) parent[last] = value;
  else if (Array.isArray(parent)) parent.splice(last, 1);
  else delete parent[last];
  return out;
}

/** `items[0].vatPercent` -> `items[0].vat_percent`. */
const snakePath = (path) => path.replace(/[^.[\]]+/g, (segment) => (/^\d+$/.test(segment) ? segment : snakeName(segment)));

// --- checks ----------------------------------------------------------------------

/** What `fn` did: `{ value }` or `{ error }`. */
function outcome(fn) {
  try {
    return { value: fn() };
  } catch (error) {
    return { error };
  }
}

/** Why a thrown value is not an UzpayError of kind `kinds` with a plain message, or ''. */
function notTyped(error, kinds) {
  if (!(error instanceof UzpayError)) return `threw ${error?.stack ?? String(error)}`;
  if (!kinds.includes(error.kind)) return `an UzpayError of kind ${error.kind}: ${error.message}`;
  if (typeof error.message !== 'string' || !/\S/.test(error.message)) return 'an UzpayError without a message';
  if (typeof error.reason !== 'string' || !/\S/.test(error.reason)) return 'an UzpayError without a reason';
  return '';
}

// A plain sentence: no parser's line and column, no Rust type names or serde jargon,
// one line, short.
const NOT_PLAIN = /at line \d|column \d|invalid type|expected (u|i)\d|\b[ui](8|16|32|64|size)\b|struct |Some\(|\bNone\b|`|\n/;

/** Why an invalid_input refusal of the field `name`, given `value`, is wrong, or ''. */
function badRefusal(error, name, value) {
  const untyped = notTyped(error, ['invalid_input']);
  if (untyped) return untyped;
  const { field, reason, message } = error;
  const named =
    typeof field === 'string' &&
    field !== '' &&
    (field === name ||
      field.startsWith(`${name}.`) ||
      field.startsWith(`${name}[`) ||
      name.startsWith(`${field}.`) ||
      name.startsWith(`${field}[`));
  if (!named) return `blamed ${JSON.stringify(field)}: ${message}`;
  if (message !== `invalid input: ${field}: ${reason}`) return `the message is not "invalid input: field: reason": ${message}`;
  if (NOT_PLAIN.test(reason) || reason.length > 300) return `not a plain sentence: ${reason}`;
  if (error.retryable !== false) return 'an invalid input said to be retryable';
  if (typeof value === 'string' && value.length >= 5 && message.includes(value)) return `echoes the value: ${message}`;
  return '';
}

/** Why an accepted result is not a well-formed one, or ''. */
function badResult(target, result) {
  if (!target.request) return result === undefined ? 'returned undefined' : '';
  if (!(result instanceof HttpRequest)) return `returned ${show(result)}, not an HttpRequest`;
  if (!/^https?:\/\//.test(result.url) || typeof result.body !== 'string') return `a malformed request ${String(result)}`;
  return '';
}

// --- the cases -------------------------------------------------------------------
// Each case is { what, run() -> '' or why it failed }; they are built first, so they
// can be counted, and run by the tests below.

/** The field cases of one target: every field of its valid inputs, every HOSTILE value. */
function fieldCases(target) {
  const cases = [];
  const seen = new Set();
  for (const input of target.inputs) {
    const base = outcome(() => target.call(input));
    assert.ok(!base.error, `${target.what}: a valid input is refused: ${base.error?.message}\n${show(input)}`);
    for (const { keys, name } of fields(input)) {
      if (seen.has(name)) continue;
      seen.add(name);
      const original = valueAt(input, keys);
      const kind = original === null ? 'null' : typeof original === 'bigint' ? 'number' : typeof original;
      // Optional when the input still builds without it; that case is checked too.
      let optional = false;
      cases.push({
        what: `${target.what}: ${name} removed`,
        run() {
          const { value, error } = outcome(() => target.call(changed(input, keys, undefined, true)));
          if (error) return badRefusal(error, name);
          optional = true;
          return badResult(target, value);
        },
      });
      for (const [label, hostile, allowed] of HOSTILE) {
        cases.push({
          what: `${target.what}: ${name} = ${label}`,
          run() {
            const { value, error } = outcome(() => target.call(changed(input, keys, hostile)));
            if (error) return badRefusal(error, name, hostile);
            const legitimate = allowed === 'absent' ? optional : allowed !== undefined && allowed === kind;
            if (!legitimate) return `accepted ${label} (the valid value is ${show(original)})`;
            return badResult(target, value);
          },
        });
      }
      // An object given as the array of its values (what serde takes for a struct).
      if (kind === 'object' && !Array.isArray(original)) {
        cases.push({
          what: `${target.what}: ${name} as an array of its values`,
          run() {
            const { error } = outcome(() => target.call(changed(input, keys, Object.values(original))));
            return error ? badRefusal(error, name) : 'accepted';
          },
        });
      }
      // The caller's own names come back: snake_case keys are named in snake_case.
      // -1n is refused by the core (not this layer), so the core's path is renamed.
      if (!target.positional) cases.push({
        what: `${target.what}: ${snakePath(name)} (snake_case) = -1n`,
        run() {
          const snakeKeys = keys.map((key) => (typeof key === 'string' ? snakeName(key) : key));
          const { error } = outcome(() => target.call(changed(renameKeys(input, snakeName), snakeKeys, -1n)));
          if (!error) return 'accepted -1n';
          return badRefusal(error, snakePath(name));
        },
      });
    }
  }
  return cases;
}

const FIELD_CASES = targets.flatMap(fieldCases);

// Whole arguments: every odd value as the input, the config, or an argument of a
// fiscal function. Refused as invalid_input (the field may be '' for the whole input,
// which the core names so).
const WHOLE_CASES = [];
for (const [label, hostile] of HOSTILE) {
  const whole = (what, fn) =>
    WHOLE_CASES.push({
      what: `${what}(${label})`,
      run() {
        const { error } = outcome(fn);
        if (!error) return `accepted ${show(hostile)}`;
        const untyped = notTyped(error, ['invalid_input']);
        if (untyped) return untyped;
        return NOT_PLAIN.test(error.reason) ? `not a plain sentence: ${error.reason}` : '';
      },
    });
  for (const [name, call] of Object.entries(calls)) {
    whole(`build${name} input`, () => uzpay[`build${name}`](call.config, hostile));
    // FiscalBox needs no option: an object without options (as JSON.stringify writes
    // a Map, one) is a valid config.
    const noOptions = ['an empty object', 'a null-prototype object', 'a Map'].includes(label);
    if (!(call.config instanceof uzpay.FiscalBoxConfig && noOptions)) {
      whole(`build${name} config`, () => uzpay[`build${name}`](hostile, call.input));
    }
  }
  whole('receiptTotals', () => uzpay.receiptTotals(hostile));
  whole('buildReceiptUrl', () => uzpay.buildReceiptUrl(hostile));
  // (vatIncluded's two arguments are fields of the table above.)
}
// Every input as the array of its values.
for (const target of targets.filter((t) => !t.positional && t.inputs.length > 0)) {
  WHOLE_CASES.push({
    what: `${target.what} as an array of its values`,
    run() {
      const { error } = outcome(() => target.call(Object.values(target.inputs[0])));
      return error ? notTyped(error, ['invalid_input']) : 'accepted';
    },
  });
}

// Configs made, changed and printed from odd values, and requests changed into odd
// ones: printing never throws, redacted() throws only an UzpayError.
const OBJECT_CASES = [];
const request = uzpay.buildClickConfirm({}, { paymentId: '1', qrCode: QR });
for (const [label, value] of HOSTILE) {
  const onlyUzpayErrors = (what, fn) =>
    OBJECT_CASES.push({
      what: `${what}(${label})`,
      run() {
        const { error } = outcome(fn);
        return error ? notTyped(error, ['invalid_input']) : '';
      },
    });
  for (const Config of Object.values(CONFIG_CLASSES)) {
    onlyUzpayErrors(`new ${Config.name}`, () => String(new Config(value)));
    onlyUzpayErrors(`${Config.name}.with`, () => new Config({}).with(value));
  }
  for (const key of ['method', 'url', 'headers', 'body']) {
    const odd = () => Object.assign(Object.create(HttpRequest.prototype), request, { [key]: value });
    onlyUzpayErrors(`request.${key} redacted`, () => odd().redacted());
    OBJECT_CASES.push({
      what: `request.${key} = ${label} printed`,
      run() {
        const { value: shown, error } = outcome(() => [String(odd()), JSON.stringify(odd()), odd().header(value)]);
        if (error) return `printing threw ${error.stack}`;
        return typeof shown[0] === 'string' && typeof shown[1] === 'string' && shown[2] === undefined ? '' : `printed ${shown}`;
      },
    });
  }
}

// Odd parts inside an OFD receipt URL: refused naming `url` or the part (`url.r`).
// The terminal id (t) is letters and digits, so 'NaN' and '1e3' are valid there.
const URL_PARTS = { t: 'UZ170703100597', r: '2421', c: '20230104121801', s: '514343190161' };
const ODD_PARTS = ['', ' ', '-1', '1.5', '+1', '%00', '%ZZ', '%31', '9'.repeat(40), '\ud800', 'a\udfffb', 'x'.repeat(3000)];
const ODD_DIGITS = ['NaN', '1e3', '0x10', '١٢'];
const URL_CASES = [];
for (const [part, valid] of Object.entries(URL_PARTS)) {
  for (const odd of part === 't' ? ODD_PARTS : [...ODD_PARTS, ...ODD_DIGITS]) {
    URL_CASES.push({
      what: `parseReceiptUrl ${part}=${show(odd)}`,
      run() {
        const { error } = outcome(() => uzpay.parseReceiptUrl(QR.replace(`${part}=${valid}`, `${part}=${odd}`)));
        if (!error) return 'accepted';
        return badRefusal(error, `url.${part}`, odd);
      },
    });
  }
}

// Responses: odd statuses, headers and bodies, for every parser.
const ODD_STATUSES = [
  ['a string', '200'],
  ['a float', 200.5],
  ['a negative', -1],
  ['65536', 65536],
  ['a huge number', 2 ** 40],
  ['2**60', 2 ** 60],
  ['NaN', NaN],
  ['Infinity', Infinity],
  ['null', null],
  ['undefined', undefined],
  ['a bigint', 200n],
  ['an object', { code: 200 }],
  ['a boxed number', Object(200)],
];
const throwingIterable = {
  [Symbol.iterator]() {
    throw new Error('not today');
  },
};
const ODD_HEADERS = [
  ['a string', 'content-type: application/json'],
  ['a number', 5],
  ['a boolean', true],
  ['a Symbol', Symbol('h')],
  ['a function', () => 1],
  ['a bigint', 5n],
  ['a pair, not pairs', ['content-type', 'application/json']],
  ['a 1-tuple', [['content-type']]],
  ['a 3-tuple', [['a', 'b', 'c']]],
  ['a number in the list', [5]],
  ['null in the list', [null]],
  ['a name that is no string', [[Object.create(null), 'x']]],
  ['a value that is no string', { 'x-a': Object.create(null) }],
  ['a name with half a character', [['x-\ud800', 'v']]],
  ['a value with half a character', [['x-a', 'a\udfffb']]],
  ['a record value with half a character', { 'x-a': '\udc00' }],
  ['an iterable that throws', throwingIterable],
];
const ODD_BODIES = [
  ['a number', 5],
  ['null', null],
  ['undefined', undefined],
  ['an object', { data: {} }],
  ['an array', []],
  ['bytes', new Uint8Array([0x7b, 0x7d])],
  ['a Symbol', Symbol('b')],
  ['a boolean', true],
];

function textBodies(answer) {
  const nested = 100_000;
  return [
    ['empty', ''],
    ['white space', ' \n'],
    ['exactly 1 MiB (the answer padded)', answer + ' '.repeat(MB - answer.length), 'fits'],
    ['1 MiB + 1 (the answer padded)', answer + ' '.repeat(MB + 1 - answer.length), 'too long'],
    ['1 MiB + 1 of multi-byte text', 'é'.repeat(MB / 2 + 1), 'too long'],
    ['a lone surrogate', '\ud800'],
    ['a lone surrogate in a string', '{"data":{"status":"\udc00"}}'],
    ['an escaped lone surrogate', '{"data":{"status":"\\ud800"}}'],
    ['Latin-1 bytes as text (invalid UTF-8)', 'ÿþý\u0080\u0081'],
    ['replacement characters', '\ufffd\ufffd'],
    ['a NUL', '\u0000'],
    ['a BOM before the answer', `\ufeff${answer}`],
    ['deeply nested arrays, unclosed', '['.repeat(nested)],
    ['deeply nested arrays, closed', '['.repeat(nested) + ']'.repeat(nested)],
    ['deeply nested objects', '{"a":'.repeat(nested) + '1' + '}'.repeat(nested)],
    ['1e999999', '1e999999'],
    ['an overflowing number in a field', '{"data":{"amount":1e999999},"amount":-1e999999,"expires_in":1e999999}'],
    ['NaN in the body', '{"data": NaN}'],
    ['a huge integer', '{"data":{"amount":184467440737095516150},"amount":184467440737095516150}'],
    ['null', 'null'],
    ['a string', '"x"'],
    ['an HTML page', '<html><body>502 Bad Gateway</body></html>'],
    ['truncated JSON', answer.slice(0, -3)],
  ];
}

const PARSE_CASES = [];
for (const [name, call] of Object.entries(calls)) {
  const parse = uzpay[`parse${name}`];
  const answer = call.answer;
  const refused = (what, response, field) =>
    PARSE_CASES.push({
      what: `parse${name} ${what}`,
      run() {
        const { error } = outcome(() => parse(response()));
        if (!error) return 'accepted';
        return badRefusal(error, field);
      },
    });
  for (const [label, status] of ODD_STATUSES) refused(`status ${label}`, () => ({ status, body: answer }), 'status');
  for (const [label, headers] of ODD_HEADERS) refused(`headers ${label}`, () => ({ status: 200, headers, body: answer }), 'headers');
  for (const [label, body] of ODD_BODIES) refused(`body ${label}`, () => ({ status: 200, body }), 'body');
  for (const [label, value] of HOSTILE) {
    // An object is read as a response {status, headers, body}, and refused for its status.
    const isObject = value !== null && typeof value === 'object';
    refused(`response ${label}`, () => value, isObject ? 'status' : 'response');
  }
  for (const [label, body, expect] of textBodies(answer)) {
    for (const status of [call.status ?? 200, 500]) {
      PARSE_CASES.push({
        what: `parse${name} ${status} body ${label}`,
        run() {
          const { value, error } = outcome(() => parse({ status, headers: [['content-type', 'application/json']], body }));
          if (!error) return expect === 'too long' ? 'accepted a body over 1 MiB' : value === undefined ? 'returned undefined' : '';
          const untyped = notTyped(error, ['provider', 'http', 'decode']);
          if (untyped) return untyped;
          if (expect === 'fits' && status !== 500) return `refused the valid answer padded to 1 MiB: ${error.message}`;
          // (At 500 an http error without reading the body is as right.)
          if (expect === 'too long' && status !== 500 && error.kind !== 'decode') return `${error.kind}, not decode, for a body over 1 MiB`;
          return '';
        },
      });
    }
  }
}

// --- known deviations of the core ---------------------------------------------------
// Failures whose cause is in the core (core/), which this package does not patch
// around: each is matched, counted and shown (as a diagnostic), and must still occur,
// so that once the core is fixed its entry is removed and the cases check it again.

const CORE_ISSUES = {
  // The core's JSON decoding (uzpay::json::from_json_value, serde's derived struct
  // visitors) takes a struct from a JSON array of its field values in declaration
  // order: `card: ['8600000000000007', '0127']`, or buildClickConfirm({}, [paymentId,
  // qrCode]), is accepted as if the fields were named; an array of another length
  // is refused in serde's words: "invalid length 0, expected struct CardInput with 2
  // elements" (a Rust type name; not a plain sentence).
  'a struct is read from an array of its values': /as an array of its values: accepted$|invalid length \d+, expected struct /,
  // paylov.receipt_status and via.get_transaction take transactionId or externalId.
  // With neither (externalId removed, null or undefined), the core names the sibling
  // `transactionId` ("is required (or external_id)"), not the field the caller left
  // out nor the object holding the either-or rule.
  'an either-or id names transactionId when externalId is missing':
    /^build(ReceiptStatus|GetTransaction) input: externalId (removed|= null|= undefined): blamed "transactionId"/,
};
const coreIssuesSeen = new Map();
let casesRun = 0;

// --- the tests -------------------------------------------------------------------

/** Runs cases and fails with every failure (the first 40) at once, known core issues aside. */
function runAll(cases) {
  const failures = [];
  for (const c of cases) {
    let why;
    try {
      why = c.run();
    } catch (e) {
      why = `the check itself threw: ${e?.stack ?? e}`;
    }
    if (!why) continue;
    const failure = `${c.what}: ${why}`;
    const known = Object.keys(CORE_ISSUES).find((issue) => CORE_ISSUES[issue].test(failure));
    if (known) coreIssuesSeen.set(known, [...(coreIssuesSeen.get(known) ?? []), failure]);
    else failures.push(failure);
  }
  casesRun += cases.length;
  assert.equal(failures.length, 0, `${failures.length} of ${cases.length} cases failed:\n${failures.slice(0, 40).join('\n')}`);
}

test('every field of every input and config, every odd value: accepted only if legitimate, else named', () => {
  runAll(FIELD_CASES);
});

test('every odd value as a whole input, config or fiscal argument: invalid_input', () => {
  runAll(WHOLE_CASES);
});

test('odd parts inside an OFD receipt URL: url or the part is named', () => {
  runAll(URL_CASES);
});

test('every parser: odd statuses, headers, bodies and responses', () => {
  runAll(PARSE_CASES);
});

test('configs and requests from odd values', () => {
  runAll(OBJECT_CASES);
});

test('the suite is large, and the known core issues are still there', (t) => {
  // A shrinking count means lost coverage: raise the floor when cases are added.
  const total = [FIELD_CASES, WHOLE_CASES, OBJECT_CASES, URL_CASES, PARSE_CASES].reduce((n, cases) => n + cases.length, 0);
  console.log(`hostile cases: ${total}`);
  assert.ok(total >= 8200, `only ${total} hostile cases`);
  for (const [issue, failures] of coreIssuesSeen) {
    t.diagnostic(`known core issue (${failures.length} cases): ${issue}; e.g. ${failures[0]}`);
  }
  // Only when every case ran (not under --test-name-pattern).
  if (casesRun === total) {
    for (const issue of Object.keys(CORE_ISSUES)) {
      assert.ok(coreIssuesSeen.has(issue), `the core no longer shows "${issue}": remove it from CORE_ISSUES`);
    }
  }
});
