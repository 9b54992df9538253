import type { HttpRequest, HttpResponse } from './common.js';

/** What `send` passes to `fetch` as its second argument. */
export interface FetchInit {
  method: string;
  headers: [string, string][];
  body?: string;
  signal: AbortSignal;
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

/**
 * Sends `request` with `fetch` and reads the whole answer as an `HttpResponse`,
 * whatever its status. Rejects with an `http` UzpayError without `status` when no
 * answer came (not retryable: the request may have reached the provider).
 */
export declare function send(request: HttpRequest, fetch?: FetchLike, options?: SendOptions): Promise<HttpResponse & { headers: [string, string][] }>;
