// camelCase <-> snake_case for object keys, and error field paths back in the
// caller's own names. The core's canonical names are snake_case; JavaScript's are
// camelCase. The conversion is generic (no per-field table), so a new core field
// needs no change here; `type` stays `type` both ways.

// Keys are few and repeat on every call, so conversions are cached. The caches are
// bounded because keys come from the caller's objects.
const MAX_CACHED = 2048;
const toSnake = new Map();
const toCamel = new Map();

function cached(cache, key, convert) {
  let converted = cache.get(key);
  if (converted === undefined) {
    if (cache.size >= MAX_CACHED) cache.clear();
    converted = convert(key);
    cache.set(key, converted);
  }
  return converted;
}

/** `vatPercent` -> `vat_percent` (a snake_case key stays as it is). */
export function snakeName(key) {
  return cached(toSnake, key, (k) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
}

/** `vat_percent` -> `vatPercent`. */
export function camelName(key) {
  return cached(toCamel, key, (k) => k.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase()));
}

/**
 * A field path of the core (`items[0].vat_percent`) in the names the caller used,
 * found by walking the caller's objects (`items[0].vatPercent`, or
 * `items[0].vat_percent` if that is what they passed). Segments not found in them (a
 * missing field, a part of a URL such as `qr_code.t`) are camelCased.
 */
export function callerPath(path, roots) {
  if (!path) return path;
  const segments = path.match(/[^.[\]]+|\[\d+\]/g) ?? [];
  let node = roots.find((root) => ownKey(root, segments[0]) !== undefined);
  let out = '';
  for (const segment of segments) {
    if (segment.startsWith('[')) {
      out += segment;
      node = Array.isArray(node) ? node[Number(segment.slice(1, -1))] : undefined;
      continue;
    }
    const key = ownKey(node, segment);
    out += (out ? '.' : '') + (key ?? camelName(segment));
    node = key === undefined ? undefined : node[key];
  }
  return out;
}

/** The caller's key of `node` whose canonical name is `snake` (one with a value first). */
function ownKey(node, snake) {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
  const keys = Object.keys(node).filter((key) => snakeName(key) === snake);
  return keys.find((key) => node[key] !== undefined) ?? keys[0];
}
