// Every conformance vector of an operation (tests/vectors/*.json, format in
// tests/conformance/FORMAT.md; not the ofd.* and receipt.* compute cases) through the
// public API with each credential of its config (api_key, access_token,
// client_secret) replaced by a sentinel: the sentinel never shows in what uzpay
// prints, throws or renders, and it is in exactly the one header that carries it.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { inspect } from 'node:util';
import * as uzpay from 'uzpay';
import { camelName, isRaw, parseExact, renameKeys } from '../../tests/conformance/js/vectors.mjs';

const { operations, FiscalBoxConfig, PaylovConfig, PaymentsGateConfig, ViaConfig, HttpRequest, UzpayError } = uzpay;

const vectors = new URL('../../tests/vectors/', import.meta.url);

// --- names and numbers -----------------------------------------------------------
// From the conformance runner's shared reader (tests/conformance/js/vectors.mjs).
// A whole-valued float literal (`100.0`, "a float, not an integer") needs JSON.parse
// source text access (Node 21+; Node 20 only with a flag, which `node --test` does
// not pass): without it, `wholeFloats` reads it as a Number object, and the case is
// marked `inexact`, since the API cannot be given what it says (see unbox()).

/** `value` with each Number object (see parseExact) a number; `inexact` if it had any. */
function unbox(value) {
  let inexact = false;
  const walk = (v) => {
    if (v instanceof Number) return (inexact = true), v.valueOf();
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object' || isRaw(v)) return v;
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
  };
  return { value: walk(value), inexact };
}

// --- sentinels -------------------------------------------------------------------

// One per credential, all with one marker: a text holding the marker shows (part of)
// a credential.
const MARKER = 'zqx-sentinel';
const SENTINELS = {
  api_key: `${MARKER}-api-key-41f7`,
  access_token: `${MARKER}-access-token-41f7`,
  client_secret: `${MARKER}-client-secret-41f7`,
};

/** The one header each credential goes in: its name and exact value. */
const HEADER = {
  api_key: (s) => ['api-key', s],
  access_token: (s) => ['authorization', `Bearer ${s}`],
  client_secret: (s) => ['client-secret', s],
};

// PaymentsGate's auth calls take no bearer token, even from a config that has one
// (bindings-wasm/README.md, Configs).
const NO_CREDENTIAL_HEADER = new Set(['paymentsgate.auth_token', 'paymentsgate.refresh_token']);

const CONFIGS = [FiscalBoxConfig, PaylovConfig, PaymentsGateConfig, ViaConfig];

function assertHidden(what, text) {
  assert.equal(typeof text, 'string', `${what} is not text`);
  assert.ok(!text.toLowerCase().includes(MARKER), `a credential shows in ${what}: ${text}`);
}

const deep = (value) => inspect(value, { depth: Infinity, breakLength: Infinity });
const json = (value) => JSON.stringify(value, (_, x) => (typeof x === 'bigint' ? String(x) : x));

function checkConfig(config) {
  assertHidden('config.toString()', config.toString());
  assertHidden('String(config)', String(config));
  assertHidden('JSON.stringify(config)', JSON.stringify(config));
  assertHidden('util.inspect(config)', inspect(config));
  assertHidden('util.inspect(config) in depth', deep({ config }));
}

function checkError(e) {
  assert.ok(e instanceof UzpayError, `threw something other than an UzpayError: ${e?.stack ?? e}`);
  assertHidden('error.message', e.message);
  assertHidden('String(error)', String(e));
  assertHidden('util.inspect(error)', inspect(e));
  assertHidden('util.inspect(error) in depth', deep(e));
  assertHidden('JSON.stringify(error)', JSON.stringify(e));
  assertHidden('error.stack', String(e.stack));
}

/** The sentinel in exactly its one header, exact; in no other header; nowhere else. */
function checkRequest(op, request, replaced) {
  assert.ok(request instanceof HttpRequest);
  assertHidden('request.toString()', request.toString());
  assertHidden('String(request)', String(request));
  assertHidden('util.inspect(request)', inspect(request));
  assertHidden('util.inspect(request) in depth', deep({ request }));
  assertHidden('JSON.stringify(request)', JSON.stringify(request));
  const redacted = request.redacted();
  assertHidden('JSON.stringify(request.redacted())', JSON.stringify(redacted));
  assertHidden('request.redacted() itself', json([redacted.method, redacted.url, redacted.headers, redacted.body]));
  assertHidden('String(request.body)', String(request.body));
  assertHidden('request.url', String(request.url));

  const carrying = request.headers.filter(([name, value]) => `${name}\n${value}`.toLowerCase().includes(MARKER));
  const expected = NO_CREDENTIAL_HEADER.has(op) ? [] : replaced.map((key) => HEADER[key](SENTINELS[key]));
  assert.deepEqual(
    carrying.map(([name, value]) => [name.toLowerCase(), value]),
    expected,
    `headers carrying a credential: ${json(request.headers)}`,
  );
}

// --- the cases ---------------------------------------------------------------------

const cases = readdirSync(vectors)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .flatMap((file) => parseExact(readFileSync(new URL(file, vectors), 'utf8'), { wholeFloats: true }).cases.map((c) => ({ file, ...c })))
  .filter((c) => !c.op.startsWith('ofd.') && !c.op.startsWith('receipt.'))
  .map((c) => {
    const { value, inexact } = unbox(c);
    return { ...value, inexact };
  });

// What the cases went through, shown by the last test.
const seen = { credentials: 0, requests: 0, outputs: 0, errors: 0, refusedCredentials: 0, inexact: 0 };

/**
 * Runs case `c` with `config` (canonical names, credentials already replaced):
 * builds or parses it, checks every text on the way, and returns the outcome.
 */
function run(c, config, replaced) {
  const operation = operations[c.op];
  assert.ok(operation, `unknown op ${c.op}`);
  const Config = CONFIGS.find((C) => C.provider === c.op.slice(0, c.op.indexOf('.')));
  try {
    const made = new Config(renameKeys(config, camelName));
    checkConfig(made);
    if (c.input !== undefined) {
      const request = operation.build(made, renameKeys(c.input, camelName));
      checkRequest(c.op, request, replaced);
      seen.requests++;
      return { value: request };
    }
    assert.ok(c.response !== undefined, 'a case needs input or response');
    const output = operation.parse(c.response);
    assertHidden('util.inspect(output)', deep(output));
    assertHidden('JSON.stringify(output)', json(output));
    seen.outputs++;
    return { value: output };
  } catch (e) {
    if (e instanceof assert.AssertionError) throw e;
    checkError(e);
    seen.errors++;
    return { error: e };
  }
}

/** The outcome the vector wants, when replacing credentials cannot have changed it. */
function assertOutcome(c, result) {
  if (c.error === undefined) {
    assert.equal(result.error, undefined, `expected a result, got ${result.error?.message}`);
  } else {
    assert.ok(result.error, `expected a ${c.error.kind} error, got a result`);
    if (c.error.kind !== undefined) assert.equal(result.error.kind, c.error.kind, result.error.message);
  }
}

test('the vectors have operation cases, with names unique', () => {
  assert.ok(cases.length > 0);
  assert.equal(new Set(cases.map((c) => c.name)).size, cases.length);
  for (const c of cases) assert.ok(operations[c.op], `unknown op ${c.op} in ${c.file}: ${c.name}`);
});

for (const c of cases) {
  test(`${c.file}: ${c.name}`, () => {
    const original = c.config ?? {};
    const replaced = Object.keys(SENTINELS).filter((key) => key in original);
    seen.credentials += replaced.length;
    if (c.inexact) seen.inexact++;
    const config = { ...original };
    for (const key of replaced) config[key] = SENTINELS[key];
    const result = run(c, config, replaced);
    // A case refusing one of the replaced credentials now has a valid one; any other
    // ends as the vector says (so its error was built and checked above), unless this
    // Node cannot read it exactly (see parseExact).
    if (!replaced.includes(c.error?.field) && !c.inexact) assertOutcome(c, result);

    // A refused credential, made to carry the sentinel and still be refused (a value
    // with a line break, say): the error names it without showing it.
    const refused = c.error?.field;
    if (replaced.includes(refused) && typeof original[refused] === 'string' && original[refused] !== '') {
      seen.refusedCredentials++;
      const result = run(c, { ...config, [refused]: SENTINELS[refused] + original[refused] }, replaced);
      assert.ok(result.error, `a ${refused} ending like ${json(original[refused])} is accepted`);
      assert.equal(result.error.kind, c.error.kind);
    }
  });
}

test('credentials were replaced, and requests, outputs and errors checked', (t) => {
  t.diagnostic(`${cases.length} vectors: ${json(seen)}`);
  for (const key of ['credentials', 'requests', 'outputs', 'errors', 'refusedCredentials']) assert.ok(seen[key] > 0, key);
});
