// UzpayError: the one error class of the package. Everything the public functions
// throw is an UzpayError; the core describes its errors as JSON (`uzpay::ErrorRecord`)
// and `fromCore` turns that into one.

import { ERROR_KINDS } from './generated-types.js';

export class UzpayError extends Error {
  /**
   * @param {object} init `kind` and `message`, and where they apply `reason`,
   *   `field`, `code`, `status`, `retryable`, `provider`, `messages`, `details`,
   *   `operation`, `failure`, `cause`.
   */
  constructor(init = {}) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'UzpayError';
    this.kind = ERROR_KINDS.includes(init.kind) ? init.kind : 'decode';
    this.reason = init.reason ?? init.message;
    this.retryable = init.retryable === true;
    // Only what applies is set, so a logged error shows no undefined noise.
    for (const key of ['field', 'code', 'status', 'provider', 'messages', 'details', 'operation', 'failure']) {
      if (init[key] !== undefined && init[key] !== null) this[key] = init[key];
    }
  }
}

/** An `invalid_input` error raised by this layer (a value JSON cannot carry). */
export function invalidInput(field, reason) {
  return new UzpayError({ kind: 'invalid_input', message: `invalid input: ${field}: ${reason}`, reason, field });
}

/**
 * What a core call threw, as an UzpayError: the core throws its error record as JSON
 * text (`field` in the core's names; `name` gives it back in the caller's). Anything
 * else (a trap, which the core's lints rule out) still becomes an UzpayError rather
 * than escaping as a WebAssembly.RuntimeError.
 */
export function fromCore(thrown, name = (field) => field) {
  let record;
  try {
    record = JSON.parse(thrown);
  } catch {
    return new UzpayError({ kind: 'decode', message: `uzpay failed internally: ${thrown?.message ?? thrown}`, cause: thrown });
  }
  const { kind, text, message, field, ...rest } = record;
  const init = { ...rest, kind, message: text, reason: message };
  if (field !== undefined) {
    init.field = name(field);
    if (kind === 'invalid_input') init.message = `invalid input: ${init.field}: ${message}`;
  }
  return new UzpayError(init);
}
