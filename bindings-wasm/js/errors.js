// UzpayError: the one error class of the package. Everything the public functions
// throw is an UzpayError; the core describes its errors as JSON (see
// bindings-wasm/src/error.rs) and `fromCore` turns that into one.

import { callerPath } from './names.js';

const KINDS = new Set(['invalid_input', 'provider', 'http', 'decode']);

export class UzpayError extends Error {
  /**
   * @param {object} init `kind` and `message`, and where they apply `reason`,
   *   `field`, `code`, `status`, `retryable`, `provider`, `messages`, `details`, `cause`.
   */
  constructor(init = {}) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'UzpayError';
    this.kind = KINDS.has(init.kind) ? init.kind : 'decode';
    this.reason = init.reason ?? init.message;
    this.retryable = init.retryable === true;
    // Only what applies is set, so a logged error shows no undefined noise.
    for (const key of ['field', 'code', 'status', 'provider', 'messages', 'details']) {
      if (init[key] !== undefined && init[key] !== null) this[key] = init[key];
    }
  }
}

/** An `invalid_input` error raised by this layer (a value JSON cannot carry). */
export function invalidInput(field, reason) {
  return new UzpayError({
    kind: 'invalid_input',
    message: `invalid input: ${field}: ${reason}`,
    reason,
    field,
    retryable: false,
  });
}

/**
 * What a core call threw, as an UzpayError. The core throws its error as JSON text;
 * anything else (a trap, which the core's lints rule out) still becomes an
 * UzpayError rather than escaping as a WebAssembly.RuntimeError.
 */
export function fromCore(thrown, roots) {
  if (typeof thrown !== 'string') {
    return new UzpayError({
      kind: 'decode',
      message: `uzpay failed internally: ${thrown?.message ?? String(thrown)}`,
      retryable: false,
      cause: thrown,
    });
  }
  let init;
  try {
    init = JSON.parse(thrown);
  } catch (cause) {
    return new UzpayError({ kind: 'decode', message: `uzpay failed internally: ${thrown}`, cause });
  }
  if (init.field !== undefined) {
    // The core names fields canonically (`items[0].vat_percent`); the caller wrote
    // their own names (`items[0].vatPercent`), and the error must say those.
    init.field = callerPath(init.field, roots);
    if (init.kind === 'invalid_input') init.message = `invalid input: ${init.field}: ${init.reason}`;
  }
  if (init.messages) init.messages = present(init.messages);
  return new UzpayError(init);
}

/** `{uz, ru, en}` with only the languages the provider sent. */
function present(messages) {
  const out = {};
  for (const [lang, text] of Object.entries(messages)) if (typeof text === 'string') out[lang] = text;
  return out;
}
