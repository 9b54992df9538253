// The wasm-bindgen glue of the build in use (Node's or the browser's), set once by
// the entry module before any public function can run. Every call into the core
// goes through `callCore`, so what the core throws becomes an UzpayError in one place.

import { fromCore } from './errors.js';

let glue;

/** Called by the entry module with the loaded glue. */
export function useGlue(loaded) {
  glue = loaded;
}

const encoder = new TextEncoder();

/** Text as UTF-8 bytes: long text crosses into the wasm as one copy. */
export const bytes = (text) => encoder.encode(text);

/**
 * Calls the core function `name` of the glue and returns its JSON text. `name`
 * (optional) gives a refused field's path back in the caller's names.
 */
export function callCore(fn, args, fieldName) {
  try {
    return glue[fn](...args);
  } catch (thrown) {
    throw fromCore(thrown, fieldName);
  }
}
