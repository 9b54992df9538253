// The wasm-bindgen glue of the build in use (Node's or the browser's), set once by
// the entry module before any public function can run. Every call into the core
// goes through `callCore`, so what the core throws becomes an UzpayError in one place.

import { fromCore } from './errors.js';

let glue;

/** Called by the entry module with the loaded glue. */
export function useGlue(loaded) {
  glue = loaded;
}

/**
 * Calls the core function `name` of the glue with JSON text and returns its JSON
 * text. `roots` are the caller's objects, to name a refused field as the caller did.
 */
export function callCore(name, args, roots) {
  try {
    return glue[name](...args);
  } catch (thrown) {
    throw fromCore(thrown, roots);
  }
}
