import type { HttpRequest, HttpResponse } from './common.js';
import type { TransportFailure } from './flows.js';

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
  readonly name: 'SendError';
  readonly failure: TransportFailure;
}

/**
 * Sends `request` with `fetch` and reads the whole answer as an `HttpResponse`,
 * whatever its status. Rejects with a `SendError` when no answer came.
 */
export declare function send(request: HttpRequest, fetch?: FetchLike, options?: SendOptions): Promise<HttpResponse & { headers: [string, string][] }>;
