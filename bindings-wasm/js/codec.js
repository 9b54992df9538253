// The caller's values to the core's JSON text and back, by the fields the core
// declares (generated-types.js). In: camelCase or snake_case keys become canonical
// names, a field named twice is refused, bigints are written exactly, and what JSON
// cannot carry (NaN, an unsafe integer, half a character, a function) is refused
// naming the field; every rule beyond that is the core's, in its words. Out: camelCase
// keys, and whole numbers beyond 2^53 (text from the core) as exact bigints.

import { invalidInput } from './errors.js';
import { TYPES } from './generated-types.js';

/**
 * Each type's fields by every name an input may use: name -> [canonical, kind (a
 * struct's name or ''), camel, the other spelling, the canonical name written as a
 * JSON key with its colon].
 */
const byName = new Map();

function fieldsOf(type) {
  let fields = byName.get(type);
  if (fields === undefined) {
    fields = new Map();
    for (const [camel, canonical, kind] of TYPES[type] ?? []) {
      const struct = TYPES[kind] ? kind : '';
      const key = `${JSON.stringify(canonical)}:`;
      fields.set(camel, [canonical, struct, camel, canonical, key]);
      fields.set(canonical, [canonical, struct, camel, camel, key]);
    }
    byName.set(type, fields);
  }
  return fields;
}

/** Whether a string has a UTF-8 form (no lone surrogate). `isWellFormed` is Node 20+. */
export const isText =
  typeof String.prototype.isWellFormed === 'function' ? (s) => s.isWellFormed() : (s) => !/\p{Cs}/u.test(s);

// JSON.rawJSON values (Node 21+) are written as they are, as JSON.stringify does: the
// way to pass a number exactly as some JSON had it.
const isRawJSON = typeof JSON.isRawJSON === 'function' ? JSON.isRawJSON : () => false;

const MAX_DEPTH = 64;
const BIGINT = 'pass it as a bigint (e.g. 9007199254740993n)';

class Refusal {
  constructor(reason) {
    this.reason = reason;
    this.path = [];
  }
}

/** `value` (an input of the core type `type`) as canonical JSON text. */
export function encode(value, type) {
  try {
    return write(value, type, 0) ?? 'null';
  } catch (e) {
    if (!(e instanceof Refusal)) throw e;
    throw invalidInput(pathText(e.path), e.reason);
  }
}

function write(value, type, depth) {
  switch (typeof value) {
    case 'string':
      if (!isText(value)) throw new Refusal('must be text, and this has a lone UTF-16 surrogate (half of a character)');
      return JSON.stringify(value);
    case 'number':
      // A fraction is written as it is: refusing it is the core's rule, in its words.
      if (Number.isSafeInteger(value) || (Number.isFinite(value) && !Number.isInteger(value))) return String(value);
      if (Number.isNaN(value)) throw new Refusal('must be a number, not NaN');
      if (!Number.isFinite(value)) throw new Refusal('must be a finite number');
      throw new Refusal(`is beyond Number.MAX_SAFE_INTEGER, so it may no longer be the number you meant: ${BIGINT}`);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      return undefined; // left out, as JSON.stringify does: an absent optional field
    case 'object':
      if (value === null) return 'null';
      if (isRawJSON(value)) return value.rawJSON;
      if (depth >= MAX_DEPTH) throw new Refusal('is nested too deeply (does it contain itself?)');
      if (Array.isArray(value)) return array(value, type, depth + 1);
      if (typeof value.toJSON === 'function') return write(value.toJSON(), type, depth + 1);
      return object(value, type, depth + 1);
    default:
      // Not data: JSON.stringify would leave a function out silently, taking
      // `note: order.describe` (a method, not its result) for no note at all.
      throw new Refusal(`must be data (a string, number, boolean, object or array), not a ${typeof value}`);
  }
}

function array(items, type, depth) {
  let out = '[';
  for (let i = 0; i < items.length; i++) {
    let item;
    try {
      item = write(items[i], type, depth);
    } catch (e) {
      if (e instanceof Refusal) e.path.unshift(i);
      throw e;
    }
    out += (i === 0 ? '' : ',') + (item ?? 'null');
  }
  return `${out}]`;
}

function object(value, type, depth) {
  const fields = type ? fieldsOf(type) : undefined;
  const keys = Object.keys(value);
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const item = value[key];
    if (item === undefined) continue; // left out, as JSON.stringify does
    const field = fields?.get(key);
    let written;
    try {
      if (field === undefined && !isText(key)) throw new Refusal('is not a field name: it has a lone UTF-16 surrogate (half of a character)');
      if (field !== undefined && field[3] !== key && value[field[3]] !== undefined) {
        throw new Refusal('is given twice (in camelCase and in snake_case)');
      }
      written = write(item, field?.[1], depth);
    } catch (e) {
      if (e instanceof Refusal) e.path.unshift(key);
      throw e;
    }
    if (written === undefined) continue;
    out += (out.length === 1 ? '' : ',') + (field === undefined ? `${JSON.stringify(key)}:` : field[4]) + written;
  }
  return `${out}}`;
}

function pathText(path) {
  let out = '';
  for (const segment of path) out += typeof segment === 'number' ? `[${segment}]` : (out ? '.' : '') + segment;
  return out;
}

/** An output of the core (JSON text) as the caller's value of the core type `type`. */
export function decode(text, type) {
  return read(JSON.parse(text), type);
}

function read(value, type) {
  if (Array.isArray(value)) return value.map((item) => read(item, type));
  if (type === 'int') return typeof value === 'string' ? BigInt(value) : value;
  if (value === null || typeof value !== 'object' || !TYPES[type]) return value;
  const out = {};
  for (const [camel, canonical, kind] of TYPES[type]) {
    if (canonical in value) out[camel] = read(value[canonical], kind);
  }
  return out;
}

/** Whether the core's field path starts at a field of the config class `Config`. */
export function isConfigField(Config, field) {
  return fieldsOf(Config.type).has(field.split(/[.[]/)[0]);
}

/**
 * A field path of the core (`items[0].vat_percent`) in the names the caller used
 * (`items[0].vatPercent`, or `items[0].vat_percent` if that is what they wrote),
 * following the fields of `type` through `root`, the caller's value.
 */
export function callerPath(path, root, type) {
  let out = '';
  let node = root;
  for (const segment of path.match(/[^.[\]]+|\[\d+\]/g) ?? []) {
    if (segment.startsWith('[')) {
      out += segment;
      node = Array.isArray(node) ? node[Number(segment.slice(1, -1))] : undefined;
      continue;
    }
    const fields = type ? fieldsOf(type) : undefined;
    const field = fields?.get(segment);
    const keys = node !== null && typeof node === 'object' ? Object.keys(node) : [];
    // The caller's own key for it, one with a value first; else its camelCase name.
    const own = keys.filter((k) => k === segment || fields?.get(k)?.[0] === segment);
    const key = own.find((k) => node[k] !== undefined) ?? own[0] ?? field?.[2] ?? segment;
    out += (out ? '.' : '') + key;
    node = own.length ? node[key] : undefined;
    type = field?.[1] || undefined;
  }
  return out;
}
