// What every generated function (generated.js) does: the caller's values into the
// core by the codec, one call, and the answer back as the caller's values.

import { callerPath, decode, encode, isConfigField } from './codec.js';
import { configParts } from './configs.js';
import { requestFromCore, responseParts } from './http.js';
import { bytes, callCore } from './wasm.js';

export { ProviderConfig } from './configs.js';

/** `buildX(config, input)`: validates and builds the request of `op`. */
export function build(op, Config, type, config, input) {
  const parts = configParts(config, Config);
  // A refused field is the config's (`api_key`) or the input's (`items[0].price`).
  const name = (field) =>
    isConfigField(Config, field) ? callerPath(field, parts.init, Config.type) : callerPath(field, input, type);
  return requestFromCore(callCore('build', [op, bytes(parts.json), bytes(encode(input, type))], name));
}

/** `parseX(response)`: the provider's answer as the operation's output. */
export function parse(op, type, response) {
  return decode(callCore('parse', [op, ...responseParts(response)]), type);
}

/** A function of the core (`receiptTotals`, ...): its output. */
export function call(fn, inputType, outputType, input) {
  const text = callCore('call', [fn, bytes(encode(input, inputType))], (field) => callerPath(field, input, inputType));
  return decode(text, outputType);
}
