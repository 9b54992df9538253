// Runs conformance vectors through uzpay's JavaScript API, per FORMAT.md: canonical
// snake_case names become camelCase on the way in (as a user writes them) and go
// back to snake_case for the comparison; money stays exact (bigint beyond 2^53).
//
// Usage: node runner.mjs DIR...   Prints "FAIL file: case: why" lines and
// "N passed, M failed"; exits 1 if a case failed or none ran.

import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as uzpay from '../../../bindings-wasm/dist/uzpay.mjs';
import { camelName, isRaw, parseExact, renameKeys, snakeName } from './vectors.mjs';

const { functions, operations, UzpayError } = uzpay;

// --- names ---------------------------------------------------------------------

/** `items[0].vatPercent` -> `items[0].vat_percent`. */
const snakePath = (path) => path.replace(/[^.[\]]+/g, (segment) => (/^\d+$/.test(segment) ? segment : snakeName(segment)));

// --- comparisons (FORMAT.md) -----------------------------------------------------

function numbersEqual(a, b) {
  if (isRaw(a)) a = Number(a.rawJSON);
  if (isRaw(b)) b = Number(b.rawJSON);
  if (typeof a === 'bigint' || typeof b === 'bigint') {
    const toBig = (n) => (typeof n === 'bigint' ? n : Number.isInteger(n) ? BigInt(n) : null);
    return toBig(a) !== null && toBig(a) === toBig(b);
  }
  return a === b;
}

const isNumber = (v) => typeof v === 'number' || typeof v === 'bigint' || isRaw(v);
const show = (v) => JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? `${x}n` : x));


function equal(a, b) {
  if (isNumber(a) && isNumber(b)) return numbersEqual(a, b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && equal(a[k], b[k]));
  }
  return a === b;
}

function subset(expected, actual, path) {
  if (isNumber(expected) && isNumber(actual) && numbersEqual(expected, actual)) return;
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) throw `${path}: expected ${expected.length} elements, got ${actual.length}`;
    expected.forEach((e, i) => subset(e, actual[i], `${path}[${i}]`));
    return;
  }
  if (expected && typeof expected === 'object' && actual && typeof actual === 'object' && !Array.isArray(expected)) {
    for (const [k, v] of Object.entries(expected)) {
      if (!(k in actual)) throw `${path}.${k}: missing`;
      subset(v, actual[k], `${path}.${k}`);
    }
    return;
  }
  if (!equal(expected, actual)) throw `${path}: expected ${show(expected)}, got ${show(actual)}`;
}

function checkRequest(expected, request) {
  if (expected.method !== undefined && expected.method !== request.method) {
    throw `method: expected ${expected.method}, got ${request.method}`;
  }
  if (expected.url !== undefined && expected.url !== request.url) throw `url: expected ${expected.url}, got ${request.url}`;
  for (const [name, value] of Object.entries(expected.headers ?? {})) {
    const got = request.header(name);
    if (got === undefined) throw `header ${name}: missing`;
    if (got !== value) throw `header ${name}: a different value`;
  }
  if (expected.json !== undefined) {
    let body;
    try {
      body = parseExact(request.body);
    } catch (e) {
      throw `body is not JSON: ${e.message}`;
    }
    if (!equal(expected.json, body)) throw `json: expected ${show(expected.json)}, got ${show(body)}`;
  }
}

function fieldMatches(expected, actual) {
  if (!actual.startsWith(expected)) return false;
  const rest = actual.slice(expected.length);
  return rest === '' || expected === '' || rest.startsWith('.') || rest.startsWith('[');
}

function describe(e) {
  return `${e.kind} (field ${show(e.field)}, code ${show(e.code)}, retryable ${e.retryable}): ${e.reason}`;
}

function checkError(expected, e) {
  if (expected.kind !== undefined && expected.kind !== e.kind) throw `error kind: expected ${expected.kind}, got ${describe(e)}`;
  if (expected.field !== undefined && !(e.field !== undefined && fieldMatches(expected.field, snakePath(e.field)))) {
    throw `error field: expected ${expected.field}, got ${describe(e)}`;
  }
  if (expected.code !== undefined && String(expected.code) !== e.code) {
    throw `error code: expected ${expected.code}, got ${describe(e)}`;
  }
  if (expected.retryable !== undefined && expected.retryable !== e.retryable) {
    throw `error retryable: expected ${expected.retryable}, got ${describe(e)}`;
  }
  if (expected.status !== undefined && expected.status !== e.status) {
    throw `error status: expected ${expected.status}, got ${describe(e)}`;
  }
}

// --- cases -----------------------------------------------------------------------

/** Runs `fn`; an UzpayError is an outcome, anything else a failure of the binding. */
function outcome(fn) {
  try {
    return { value: fn() };
  } catch (e) {
    if (e instanceof UzpayError) return { error: e };
    throw `threw something other than an UzpayError: ${e?.stack ?? e}`;
  }
}

function expect(c, result, onValue) {
  const wantsError = c.error !== undefined;
  if (result.error && wantsError) return checkError(c.error, result.error);
  if (result.error) throw `expected ${c.request ? 'a request' : 'an output'}, got the error ${describe(result.error)}`;
  if (wantsError) throw `expected an error, got ${show(result.value)}`;
  onValue(result.value);
}

function runCase(c) {
  const input = c.input === undefined ? undefined : renameKeys(c.input, camelName);
  if (functions[c.op]) {
    if (input === undefined) throw 'a compute case needs input';
    const result = outcome(() => functions[c.op](input));
    return expect(c, result, (value) => subset(c.output, renameKeys(value, snakeName), 'output'));
  }
  const operation = operations[c.op];
  if (!operation) throw `unknown op ${c.op}`;
  if (input !== undefined) {
    const config = renameKeys(c.config ?? {}, camelName);
    return expect(c, outcome(() => operation.build(config, input)), (request) => checkRequest(c.request, request));
  }
  if (c.response === undefined) throw 'a case needs input or response';
  const result = outcome(() => operation.parse(c.response));
  return expect(c, result, (value) => subset(c.output, renameKeys(value, snakeName), 'output'));
}

// --- main ------------------------------------------------------------------------

const dirs = process.argv.slice(2);
if (dirs.length === 0) {
  console.error('usage: runner.mjs DIR...');
  process.exit(2);
}
let passed = 0;
let failed = 0;
const names = new Set();
const files = dirs.flatMap((dir) => {
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => join(resolve(dir), f));
  } catch (e) {
    console.log(`FAIL ${dir}: cannot read the directory: ${e.message}`);
    failed++;
    return [];
  }
});
for (const file of files.sort()) {
  let cases;
  try {
    cases = parseExact(readFileSync(file, 'utf8')).cases;
    if (!Array.isArray(cases)) throw new Error('has no "cases" array');
  } catch (e) {
    console.log(`FAIL ${file}: ${e.message}`);
    failed++;
    continue;
  }
  for (const c of cases) {
    const name = c.name ?? '<unnamed>';
    try {
      if (names.has(name)) throw 'the case name is not unique';
      names.add(name);
      runCase(c);
      passed++;
    } catch (why) {
      failed++;
      console.log(`FAIL ${file}: ${name}: ${why}`);
    }
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
