// Provider configs: where a provider is and the credentials it wants. A config holds
// its credentials out of sight: toString(), toJSON() and util.inspect show every
// credential as '***', and the object has no property that holds one. The
// credentials reach the core only as the canonical JSON text a builder sends. The
// classes themselves are generated (generated.js): each names its `provider`, its
// core `type` and the fields `shown` as they are.

import { callerPath, encode } from './codec.js';
import { bytes, callCore } from './runtime.js';
import { invalidInput } from './errors.js';
import { inspectAs, inspectSymbol } from './inspect.js';
import { TYPES } from './generated-types.js';

const MASK = '***';

// config -> { init, json }: the caller's options (for naming a refused field as they
// wrote it) and their canonical JSON text. A WeakMap, so neither is reachable
// through the object itself.
const held = new WeakMap();

/** The canonical name of an option key of the config class `Config` (or the key). */
function canonical(Config, key) {
  return TYPES[Config.type].find(([camel, name]) => key === camel || key === name)?.[1] ?? key;
}

export class ProviderConfig {
  constructor(options = {}) {
    if (options === null || typeof options !== 'object' || Array.isArray(options)) {
      throw invalidInput('config', `must be an object of ${this.constructor.name} options`);
    }
    const init = { ...options };
    const json = encode(init, this.constructor.type);
    // Checked now, not at the first checkout: a missing credential or an http:// base
    // URL fails where the config is made, naming the option as it was written.
    callCore((core) => core.checkConfig(this.constructor.provider, bytes(json)), (field) => callerPath(field, init, this.constructor.type));
    held.set(this, { init, json });
    // Only options known to be harmless are shown: a misspelt credential (`apiKye`)
    // stays hidden too.
    for (const [key, value] of Object.entries(init)) {
      if (this.constructor.shown.includes(canonical(this.constructor, key))) {
        Object.defineProperty(this, key, { value, enumerable: true });
      }
    }
    Object.freeze(this);
  }

  /** A copy with some options replaced, e.g. `config.with({ accessToken })`. */
  with(changes) {
    // Spreading a string or an array would make options of its characters.
    if (changes === null || typeof changes !== 'object' || Array.isArray(changes)) {
      throw invalidInput('config', `with() takes an object of the ${this.constructor.name} options to change`);
    }
    return new this.constructor({ ...held.get(this).init, ...changes });
  }

  /** The options with every credential as '***'. */
  toJSON() {
    const out = {};
    for (const [key, value] of Object.entries(held.get(this).init)) {
      out[key] = this.constructor.shown.includes(canonical(this.constructor, key)) ? value : MASK;
    }
    return out;
  }

  toString() {
    return `${this.constructor.name} ${JSON.stringify(this.toJSON())}`;
  }

  [inspectSymbol](depth, options, inspect) {
    return inspectAs(this.constructor.name, this.toJSON(), depth, options, inspect);
  }
}

/**
 * The config for a builder of `Config`'s provider: its canonical JSON text and the
 * caller's options. A plain options object is accepted too (its credentials are then
 * as visible as the caller left them).
 */
export function configParts(config, Config) {
  if (config instanceof ProviderConfig) {
    if (!(config instanceof Config)) {
      throw invalidInput('config', `must be a ${Config.name} for this operation, not a ${config.constructor.name}`);
    }
    return held.get(config);
  }
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw invalidInput('config', `must be a ${Config.name} or an object of its options`);
  }
  return { init: config, json: encode(config, Config.type) };
}
