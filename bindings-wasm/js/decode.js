// The core's JSON text as the caller's value: keys already camelCase (the wasm side
// renames them, bindings-wasm/src/output.rs), and integers beyond
// Number.MAX_SAFE_INTEGER as exact bigints. The core writes those as decimal strings
// and lists their paths, in the form `[output, [path, ...]]` (see
// bindings-wasm/src/output.rs); every output is an object, so a leading `[` marks it.

/** Parses an output of the core. */
export function decode(text) {
  let value = JSON.parse(text);
  if (Array.isArray(value)) {
    const [output, paths] = value;
    for (const path of paths) revive(output, path);
    value = output;
  }
  return value;
}

function revive(output, path) {
  let parent = output;
  for (let i = 0; i < path.length - 1; i++) parent = parent[path[i]];
  const last = path[path.length - 1];
  parent[last] = BigInt(parent[last]);
}
