// A caller's value as the canonical JSON text the core decodes: keys snake_case,
// bigints written exactly, and what JSON cannot carry (a number it cannot write
// exactly, a string with half a character, a function) refused with the field's
// path. This is conversion, not validation: every rule (a required field, a
// negative amount, a fraction of a tiyin) is the core's, so it stays in the core.
//
// Why not JSON.stringify: it throws on bigint, turns NaN and Infinity into null (the
// core would then say "not null" about a value the caller never wrote as null), and
// writes 2 ** 53 + 1 as an integer that is no longer the one the caller meant.

import { invalidInput } from './errors.js';
import { snakeName } from './names.js';

const isRawJSON = typeof JSON.isRawJSON === 'function' ? JSON.isRawJSON : undefined;

/**
 * Whether a string is text: a lone UTF-16 surrogate (half of a character, as
 * `'\ud800'` or a string cut in the middle of an emoji) has no UTF-8 form, and the
 * core's strings are UTF-8. (`isWellFormed` is Node 20+; the pattern is the same
 * test, for Node 18.)
 */
export const isText =
  typeof String.prototype.isWellFormed === 'function' ? (s) => s.isWellFormed() : (s) => !/\p{Cs}/u.test(s);

const HALF = 'a lone UTF-16 surrogate (half of a character)';

// Deep enough for any input, shallow enough to stop a value that contains itself.
const MAX_DEPTH = 64;

/** A refusal on its way up, collecting the path in the caller's own names. */
class Refusal {
  constructor(reason) {
    this.reason = reason;
    this.path = [];
  }
}

/**
 * `value` as canonical JSON text. Throws an `invalid_input` UzpayError naming the
 * field (`items[0].price`) of a value JSON cannot carry: NaN, Infinity, an unsafe
 * integer number, a string with a lone surrogate, a function or a symbol.
 */
export function encode(value) {
  // The fast way for plain data (object literals, arrays, strings, safe numbers):
  // checked by a walk that builds nothing, then written by the engine's own
  // JSON.stringify, with the caller's key names (the wasm side turns them into
  // snake_case, bindings-wasm/src/names.rs). Anything else (a bigint, a value JSON
  // cannot carry, a class instance, toJSON, JSON.rawJSON) takes the careful writer
  // below, which also names the field of a refused value.
  try {
    if (plain(value, 0)) return JSON.stringify(value);
  } catch {
    // A getter that throws, a proxy: the careful writer meets it again and reports it.
  }
  try {
    return write(value, 0) ?? 'null';
  } catch (e) {
    if (!(e instanceof Refusal)) throw e;
    throw invalidInput(pathText(e.path), e.reason);
  }
}

/**
 * Whether JSON.stringify writes `value` exactly as the careful writer would (apart
 * from the key names): only plain objects and arrays, text strings, safe integers and
 * finite fractions, booleans, null and (in objects) undefined.
 */
function plain(value, depth) {
  switch (typeof value) {
    case 'string':
      return isText(value);
    case 'number':
      return Number.isSafeInteger(value) || (Number.isFinite(value) && !Number.isInteger(value));
    case 'boolean':
      return true;
    case 'object': {
      if (value === null) return true;
      if (depth >= MAX_DEPTH) return false;
      if (Array.isArray(value)) {
        if (Object.getPrototypeOf(value) !== Array.prototype) return false;
        for (let i = 0; i < value.length; i++) {
          // JSON.stringify writes a hole or undefined in an array as null, as the
          // careful writer does.
          if (value[i] !== undefined && !plain(value[i], depth + 1)) return false;
        }
        return true;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return false;
      // A raw JSON value (null prototype) is written as it is by the careful writer;
      // some engines' JSON.stringify garble one after a non-Latin-1 string.
      if (isRawJSON?.(value)) return false;
      if (typeof value.toJSON === 'function') return false;
      for (const key of Object.keys(value)) {
        const item = value[key];
        if (!isText(key) || (item !== undefined && !plain(item, depth + 1))) return false;
      }
      return true;
    }
    default:
      // undefined at the top, bigint, function, symbol.
      return false;
  }
}

function write(value, depth) {
  switch (typeof value) {
    case 'string':
      if (!isText(value)) throw new Refusal(`must be text, and this has ${HALF}`);
      return JSON.stringify(value);
    case 'number':
      return number(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      // JSON.rawJSON values (where the engine has them) are written as they are, as
      // JSON.stringify does: the way to pass a number exactly as some JSON had it.
      if (isRawJSON?.(value)) return value.rawJSON;
      if (depth >= MAX_DEPTH) throw new Refusal('is nested too deeply (does it contain itself?)');
      if (typeof value.toJSON === 'function') return write(value.toJSON(), depth + 1);
      return Array.isArray(value) ? array(value, depth + 1) : object(value, depth + 1);
    case 'undefined':
      // Left out, as JSON.stringify does: an optional field given as undefined is absent.
      return undefined;
    default:
      // Functions and symbols are not data. JSON.stringify leaves them out silently,
      // which would take `note: order.describe` (a method, not its result) as no
      // note at all; refused instead, naming the field.
      throw new Refusal(`must be data (a string, number, boolean, object or array), not a ${typeof value}`);
  }
}

function number(value) {
  // A fraction is written as it is: refusing it is the core's rule, in its words.
  if (Number.isSafeInteger(value) || (Number.isFinite(value) && !Number.isInteger(value))) return String(value);
  if (Number.isNaN(value)) throw new Refusal('must be a number, not NaN');
  if (!Number.isFinite(value)) throw new Refusal('must be a finite number');
  throw new Refusal(
    'is beyond Number.MAX_SAFE_INTEGER, so it may no longer be the number you meant: pass it as a bigint (e.g. 9007199254740993n)',
  );
}

function array(items, depth) {
  let out = '[';
  for (let i = 0; i < items.length; i++) {
    let item;
    try {
      item = write(items[i], depth);
    } catch (e) {
      if (e instanceof Refusal) e.path.unshift(i);
      throw e;
    }
    out += (i === 0 ? '' : ',') + (item ?? 'null');
  }
  return `${out}]`;
}

function object(value, depth) {
  let out = '{';
  for (const key of Object.keys(value)) {
    let item;
    try {
      if (!isText(key)) throw new Refusal(`is not a field name: it has ${HALF}`);
      item = write(value[key], depth);
    } catch (e) {
      if (e instanceof Refusal) e.path.unshift(key);
      throw e;
    }
    if (item === undefined) continue;
    out += (out.length === 1 ? '' : ',') + JSON.stringify(snakeName(key)) + ':' + item;
  }
  return `${out}}`;
}

function pathText(path) {
  let out = '';
  for (const segment of path) {
    out += typeof segment === 'number' ? `[${segment}]` : (out ? '.' : '') + segment;
  }
  return out;
}
