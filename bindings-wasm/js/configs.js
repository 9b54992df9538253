// Provider configs: where a provider is and the credentials it wants. A config holds
// its credentials out of sight: toString(), toJSON() and util.inspect show every
// credential as '***', and the object has no property that holds one. The
// credentials reach the core only as the canonical JSON text a builder sends.

import { encode } from './encode.js';
import { invalidInput } from './errors.js';
import { inspectAs, inspectSymbol } from './inspect.js';
import { snakeName } from './names.js';

const MASK = '***';

// config -> { init, json }: the caller's options (for naming a refused field as they
// wrote it) and their canonical JSON text. A WeakMap, so neither is reachable
// through the object itself.
const held = new WeakMap();

// Each subclass names its `provider` (the prefix of its operations' names) and the
// options `shown` as they are (canonical names); every other option is a credential.
class ProviderConfig {
  constructor(options = {}) {
    if (options === null || typeof options !== 'object' || Array.isArray(options)) {
      throw invalidInput('config', `must be an object of ${this.constructor.name} options`);
    }
    const init = { ...options };
    held.set(this, { init, json: encode(init) });
    // Only options known to be harmless are shown: a misspelt credential
    // (`apiKye`) stays hidden too.
    for (const [key, value] of Object.entries(init)) {
      if (this.constructor.shown.includes(snakeName(key))) {
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
      out[key] = this.constructor.shown.includes(snakeName(key)) ? value : MASK;
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

/** FiscalBox: no credentials; `baseUrl` defaults to https://api.fiscalbox.uz. */
export class FiscalBoxConfig extends ProviderConfig {
  static provider = 'fiscalbox';
  static shown = ['base_url'];
}

/** Paylov: `apiKey`; `baseUrl` defaults to production, https://gw.paylov.uz. */
export class PaylovConfig extends ProviderConfig {
  static provider = 'paylov';
  static shown = ['base_url', 'use_deprecated_register_path'];
}

/** PaymentsGate: the account's `baseUrl` and, but for the auth calls, `accessToken`. */
export class PaymentsGateConfig extends ProviderConfig {
  static provider = 'paymentsgate';
  static shown = ['base_url'];
}

/** VIA: `baseUrl`, `clientId`, `clientSecret`. */
export class ViaConfig extends ProviderConfig {
  static provider = 'via';
  static shown = ['base_url', 'client_id'];
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
  return { init: config, json: encode(config) };
}
