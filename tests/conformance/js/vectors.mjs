// What every JavaScript reader of the conformance vectors needs: canonical
// snake_case names to the camelCase users write and back, and JSON read number by
// number so that money stays exact. Used by runner.mjs and by the npm package's
// sentinel test (bindings-wasm/test/secrets-vectors.test.mjs).

export const camelName = (key) => key.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
export const snakeName = (key) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** `value` with every object key renamed by `rename`, recursively. */
export function renameKeys(value, rename) {
  if (Array.isArray(value)) return value.map((v) => renameKeys(v, rename));
  if (value === null || typeof value !== 'object' || isRaw(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [rename(k), renameKeys(v, rename)]));
}

// An integer beyond 2^53 becomes an exact bigint, and a float literal with a whole
// value (`100.0`, which a vector uses to say "a float, not an integer") becomes
// JSON.rawJSON('100.0'), which the API writes as it is: a JavaScript number cannot
// tell 100.0 from 100. That needs JSON.parse source text access (Node 21+, or Node
// 20 with --harmony-json-parse-with-source, which run.sh passes).
export const hasSource = (() => {
  let seen;
  JSON.parse('1.0', (_, v, context) => ((seen = context?.source), v));
  return seen === '1.0' && typeof JSON.rawJSON === 'function';
})();
export const isRaw = (v) => hasSource && JSON.isRawJSON(v);

function exactNumber(source, value) {
  if (/^-?\d+$/.test(source)) return Number.isSafeInteger(value) ? value : BigInt(source);
  return Number.isInteger(value) ? JSON.rawJSON(source) : value;
}

const BIG = '\u0000bigint:';
const WHOLE_FLOAT = '\u0000float:';

/**
 * JSON.parse, with numbers exact as described above. Without source text access
 * only the bigints are recovered; with `{ wholeFloats: true }` a whole-valued float
 * literal then becomes a Number object, so the caller can tell it was one.
 */
export function parseExact(text, { wholeFloats = false } = {}) {
  if (hasSource) {
    return JSON.parse(text, (_, v, context) => (typeof v === 'number' ? exactNumber(context.source, v) : v));
  }
  const marked = text.replace(/"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g, (token) => {
    if (/^-?\d+$/.test(token)) return Number.isSafeInteger(Number(token)) ? token : JSON.stringify(BIG + token);
    return !wholeFloats || token.startsWith('"') || !Number.isInteger(Number(token))
      ? token
      : JSON.stringify(WHOLE_FLOAT + token);
  });
  return JSON.parse(marked, (_, v) => {
    if (typeof v !== 'string') return v;
    if (v.startsWith(BIG)) return BigInt(v.slice(BIG.length));
    if (wholeFloats && v.startsWith(WHOLE_FLOAT)) return new Number(v.slice(WHOLE_FLOAT.length));
    return v;
  });
}
