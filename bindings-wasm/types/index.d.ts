// uzpay: build and parse requests to Uzbek payment and fiscalization providers.
// The declarations of the public API (js/api.js): generated.d.ts is generated from the
// core's description (cargo xtask codegen); the rest is written here.

export type { HeaderPairs, HttpResponse, Integer, OpenEnum, Tiyin } from './common.js';
export { HttpRequest } from './common.js';
export type { LocalizedMessages, ProviderName, UzpayErrorInit, UzpayErrorKind } from './errors.js';
export { UzpayError } from './errors.js';
export * from './generated.js';
export type { FlowAction, FlowAwaitVerifyCode, FlowDone, FlowSend, TransportFailure } from './flows.js';
export { Flow } from './flows.js';
export type { FetchInit, FetchLike, FetchResponseLike, RunOptions, SendOptions } from './transport.js';
export { run, SendError, send } from './transport.js';
