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

const { flows, functions, operations, UzpayError } = uzpay;

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

function checkRequest(expected, request, jsonSubset = false) {
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
    if (jsonSubset) subset(expected.json, body, 'json');
    else if (!equal(expected.json, body)) throw `json: expected ${show(expected.json)}, got ${show(body)}`;
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
  for (const key of ['status', 'operation', 'failure']) {
    if (expected[key] !== undefined && expected[key] !== e[key]) throw `error ${key}: expected ${expected[key]}, got ${describe(e)}`;
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

// --- flow cases (FORMAT.md "Flow cases") ------------------------------------------

const SECRET_KEYS = new Set(['api_key', 'client_secret', 'access_token', 'refresh_token', 'public_key', 'pan', 'password']);

/** The values of credential keys anywhere in `value` (4 characters or more). */
function secretsIn(value, into = new Set()) {
  if (Array.isArray(value)) value.forEach((v) => secretsIn(v, into));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (SECRET_KEYS.has(k) && typeof v === 'string' && v.length >= 4) into.add(v);
      else secretsIn(v, into);
    }
  }
  return into;
}

function describeAction(a) {
  if (a.type === 'send') return `a request for ${a.operation} (attempt ${a.attempt})`;
  return a.type === 'done' ? 'the end' : `a code request for ${a.verifyId}`;
}

function runFlow(c) {
  const Flow = flows[c.flow];
  if (!Flow) throw `unknown flow ${c.flow}`;
  const config = renameKeys(c.config ?? {}, camelName);
  const input = renameKeys(c.input, camelName);
  const options = c.options === undefined ? undefined : renameKeys(c.options, camelName);
  const steps = c.steps ?? [];
  const made = outcome(() => new Flow(config, input, options));
  if (made.error) {
    if (steps.length) throw `create: ${describe(made.error)}`;
    return expect(c, made, () => {});
  }
  let flow = made.value;
  const secrets = secretsIn([c.config, c.input]);
  const checkSnapshot = (at) => {
    const snapshot = flow.snapshot();
    for (const secret of secrets) if (snapshot.includes(secret)) throw `${at}: the snapshot holds a secret`;
  };
  let pending;
  for (const [index, step] of steps.entries()) {
    const at = `steps[${index}]`;
    const last = index === steps.length - 1;
    if (step.restore === true) {
      checkSnapshot(at);
      const snapshot = flow.snapshot();
      const credentials = Flow === flows['paymentsgate.payin'] ? input.credentials : undefined;
      const restored = outcome(() => Flow.restore(config, snapshot, credentials));
      if (restored.error) {
        if (last) return endWith(c, restored);
        throw `${at}: restore: ${describe(restored.error)}`;
      }
      flow = restored.value;
      pending = outcome(() => flow.resume());
      continue;
    }
    const { value: action, error } = pending ?? outcome(() => flow.start());
    if (error) throw `${at}: expected an action, got the error ${describe(error)}`;
    if (step.expect) {
      if (action.type !== 'send') throw `${at}: expected a request for ${step.expect.operation}, got ${describeAction(action)}`;
      checkStep(step.expect, action, at);
      if (step.respond) {
        secretsIn(tokens(step.respond.body), secrets);
        pending = outcome(() => flow.onResponse(step.respond));
      } else pending = outcome(() => flow.onTransportFailure(step.fail));
    } else if (step.expect_code) {
      if (action.type !== 'awaitVerifyCode') throw `${at}: expected a code request, got ${describeAction(action)}`;
      subset(step.expect_code, renameKeys({ verifyId: action.verifyId, attemptsLeft: action.attemptsLeft }, snakeName), 'expect_code');
      if (step.code !== undefined) {
        secrets.add(step.code);
        pending = outcome(() => flow.provideVerifyCode(step.code));
      } else pending = outcome(() => flow.resendCode());
    } else throw `${at}: a step is expect, expect_code or restore`;
    checkSnapshot(at);
    if (pending.error && !last) throw `${at}: the flow failed before the script's end: ${describe(pending.error)}`;
  }
  return endWith(c, pending ?? outcome(() => flow.start()));
}

function tokens(body) {
  try {
    return JSON.parse(body);
  } catch {
    return null;
  }
}

function endWith(c, result) {
  if (result.value && result.value.type !== 'done') throw `expected the end, got ${describeAction(result.value)}`;
  const ended = result.error ? result : { value: result.value.outcome };
  const wantsError = c.error !== undefined;
  if (ended.error && wantsError) return checkError(c.error, ended.error);
  if (ended.error) throw `expected an outcome, got the error ${describe(ended.error)}`;
  if (wantsError) throw `expected an error, got ${show(ended.value)}`;
  subset(c.outcome, renameKeys(ended.value, snakeName), 'outcome');
}

function checkStep(expected, step, at) {
  if (expected.operation !== undefined && expected.operation !== step.operation) {
    throw `${at}: expected a request for ${expected.operation}, got ${describeAction(step)}`;
  }
  if (expected.request !== undefined) checkRequest(expected.request, step.request, true);
  for (const [key, name] of [['attempt', 'attempt'], ['delay_ms', 'delayMs']]) {
    if (expected[key] !== undefined && !numbersEqual(expected[key], step[name])) {
      throw `${at}: ${step.operation}: ${key}: expected ${expected[key]}, got ${step[name]}`;
    }
  }
}

function runCase(c) {
  if (c.flow !== undefined) return runFlow(c);
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
