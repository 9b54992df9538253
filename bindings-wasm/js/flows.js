// The flows' base class: each generated flow class (generated.js) names its core flow,
// config class and types; this holds the core's state machine (wasm) and turns each
// event's action into `{ type: 'send', operation, request, delayMs, attempt }`,
// `{ type: 'awaitVerifyCode', verifyId, attemptsLeft }` or `{ type: 'done', outcome }`.

import { callerPath, decode, encode, isConfigField } from './codec.js';
import { configParts } from './configs.js';
import { invalidInput } from './errors.js';
import { FLOW_TYPES } from './generated-types.js';
import { requestFromCore, responseParts } from './http.js';
import { bytes, callCore } from './runtime.js';
import { run } from './transport.js';

// Each flow's core state machine (its wasm memory is freed with it, by the glue's
// FinalizationRegistry), out of reach of the object's own properties.
const machines = new WeakMap();

export class Flow {
  /** A flow of `config` and `input` (checked now), with optional `options`. */
  constructor(config, input, options = {}) {
    const { Config, inputType } = this.constructor;
    const parts = configParts(config, Config);
    const name = (field) =>
      isConfigField(Config, field) ? callerPath(field, parts.init, Config.type) : callerPath(field, input, inputType);
    const args = [bytes(parts.json), bytes(encode(input, inputType)), bytes(encode(options, FLOW_TYPES.options))];
    machines.set(this, callCore((core) => new core.Flow(this.constructor.flowName, ...args), name));
  }

  /** The flow saved in `snapshot` (and the account's credentials, for a payin); then `resume()`. */
  static restore(config, snapshot, credentials) {
    if (typeof snapshot !== 'string') throw invalidInput('snapshot', 'must be the text snapshot() gave');
    const flow = Object.create(this.prototype);
    const json = credentials === undefined ? 'null' : encode(credentials, FLOW_TYPES.credentials);
    const args = [bytes(configParts(config, this.Config).json), snapshot, bytes(json)];
    machines.set(flow, callCore((core) => core.Flow.restore(this.flowName, ...args)));
    return flow;
  }

  start() {
    return event(this, 'start');
  }

  resume() {
    return event(this, 'resume');
  }

  onResponse(response) {
    return event(this, 'onResponse', ...responseParts(response));
  }

  onTransportFailure(failure) {
    return event(this, 'onTransportFailure', failure);
  }

  /** Where the flow stands: `ready`, `sending` (a request is out, or may have been), `awaiting_code`, `done`, `failed`. */
  get state() {
    return machines.get(this).state();
  }

  /** The flow as text to store (versioned JSON, no credential, card number or code). */
  snapshot() {
    return machines.get(this).snapshot();
  }

  /**
   * Drives the flow with `fetch` (or `send`) until it is done, or, without `askCode`,
   * until it asks for an SMS code (see transport.js `run`).
   */
  run(options) {
    return run(this, options);
  }

  /** For the flow classes that ask for a code: `provideVerifyCode`, `resendCode`. */
  _event(verb, ...args) {
    return event(this, verb, ...args);
  }

  toJSON() {
    return { flow: this.constructor.flowName, state: this.state };
  }
}

/** One event of the flow's core state machine, and the action it gives. */
function event(flow, verb, ...args) {
  const [kind, json, ...request] = callCore(() => machines.get(flow)[verb](...args));
  if (kind === 'send') return { type: 'send', ...decode(json, FLOW_TYPES.step), request: requestFromCore(request) };
  if (kind === 'done') return { type: 'done', outcome: decode(json, flow.constructor.outcomeType) };
  return { type: 'awaitVerifyCode', ...decode(json, FLOW_TYPES.awaitVerifyCode) };
}
