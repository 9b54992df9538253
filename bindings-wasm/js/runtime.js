// The calls into the core: the wasm-bindgen glue of the build in use (set once by
// the entry module), and what every generated function (generated.js) does: the
// caller's values into the core by the codec, one call, the answer back. Everything
// the core throws becomes an UzpayError here.

import { callerPath, decode, encode, isConfigField } from './codec.js';
import { configParts } from './configs.js';
import { fromCore, UzpayError } from './errors.js';
import { requestFromCore, responseParts } from './http.js';

export { ProviderConfig } from './configs.js';

let glue;

/** Called by the entry module with the loaded glue. */
export function useGlue(loaded) {
  glue = loaded;
}

const encoder = new TextEncoder();

/** Text as UTF-8 bytes: long text crosses into the wasm as one copy. */
export const bytes = (text) => encoder.encode(text);

/** Calls the core (`call` gets the glue); `name` gives a refused field's path in the caller's names. */
export function callCore(call, name) {
  try {
    return call(glue);
  } catch (thrown) {
    throw thrown instanceof UzpayError ? thrown : fromCore(thrown, name);
  }
}

/** `buildX(config, input)`: validates and builds the request of `op`. */
export function build(op, Config, type, config, input) {
  const parts = configParts(config, Config);
  // A refused field is the config's (`api_key`) or the input's (`items[0].price`).
  const name = (field) =>
    isConfigField(Config, field) ? callerPath(field, parts.init, Config.type) : callerPath(field, input, type);
  return requestFromCore(callCore((core) => core.build(op, bytes(parts.json), bytes(encode(input, type))), name));
}

/** `parseX(response)`: the provider's answer as the operation's output. */
export function parse(op, type, response) {
  return decode(callCore((core) => core.parse(op, ...responseParts(response))), type);
}

/** A function of the core (`receiptTotals`, ...): its output. */
export function call(fn, inputType, outputType, input) {
  const text = callCore((core) => core.call(fn, bytes(encode(input, inputType))), (field) => callerPath(field, input, inputType));
  return decode(text, outputType);
}
