import type { HttpRequest, HttpResponse } from './common.js';
import type { FlowAction, FlowAwaitVerifyCode, FlowDone, TransportFailure } from './flows.js';

/** What `send` passes to `fetch` as its second argument. */
export interface FetchInit {
  method: string;
  headers: [string, string][];
  body?: string;
  signal: AbortSignal;
  redirect: 'manual';
}

/** The part of a fetch `Response` that `send` reads. */
export interface FetchResponseLike {
  readonly status: number;
  readonly headers: { forEach(callback: (value: string, name: string) => void): void };
  text(): Promise<string>;
}

/** `globalThis.fetch`, or any function with its shape. */
export type FetchLike = (url: string, init: FetchInit) => Promise<FetchResponseLike>;

export interface SendOptions {
  /** Give up after this many milliseconds, body included. Default 30000. */
  timeoutMs?: number;
}

/** No answer came: `failure` says whether the request never left or may have arrived. */
export declare class SendError extends Error {
  constructor(failure: TransportFailure, message: string, cause?: unknown);
  readonly name: 'SendError';
  readonly failure: TransportFailure;
}

/**
 * Sends `request` with `fetch` and reads the whole answer as an `HttpResponse`,
 * whatever its status. Rejects with a `SendError` when no answer came.
 */
export declare function send(request: HttpRequest, fetch?: FetchLike, options?: SendOptions): Promise<HttpResponse & { headers: [string, string][] }>;

/** How `run()` drives a flow. */
export interface RunOptions<Action = FlowAction<unknown, true>> {
  /** Sends one request and gives its answer (rejects with a `SendError` when none came). Default: `send` with `fetch`. */
  send?: (request: HttpRequest) => Promise<HttpResponse>;
  /** The `fetch` of the default `send`. */
  fetch?: typeof globalThis.fetch;
  /** The default `send`'s timeout in milliseconds (30000). */
  timeoutMs?: number;
  /** Where to go on from (what `resume()` or `provideVerifyCode()` gave); default `start()`. */
  action?: Action;
  /** The card holder's SMS code, or `null` for a new SMS; without it `run()` stops at the code. */
  askCode?: (ask: FlowAwaitVerifyCode) => Promise<string | null> | string | null;
  /** Called with `snapshot()` after every event, before the next request leaves. */
  save?: (snapshot: string) => Promise<void> | void;
  /** Waits `ms` milliseconds (a retry's backoff, a polling pause). */
  sleep?: (ms: number) => Promise<void>;
}

/** Drives `flow` (what each flow's `run()` does). */
export declare function run<Outcome>(
  flow: { start(): FlowAction<Outcome, boolean>; snapshot(): string },
  options?: RunOptions,
): Promise<FlowDone<Outcome> | FlowAwaitVerifyCode>;
