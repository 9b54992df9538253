import type { AwaitVerifyCode, Step } from './generated.js';
import type { HttpRequest, HttpResponse } from './common.js';

/** A request got no answer: it never left (`not_sent`) or it may have arrived (`maybe_sent`). */
export type TransportFailure = 'not_sent' | 'maybe_sent';

/** Send `request` (after `delayMs`), then give the flow its answer or the failure. */
export type FlowSend = Step & { type: 'send' };
/** Ask the card holder for the SMS code, then `provideVerifyCode()` (or `resendCode()`). */
export type FlowAwaitVerifyCode = AwaitVerifyCode & { type: 'awaitVerifyCode' };
/** The flow is over. */
export interface FlowDone<Outcome> {
  type: 'done';
  outcome: Outcome;
}
/** What a flow wants next; only a flow that asks for an SMS code gives `awaitVerifyCode`. */
export type FlowAction<Outcome, AsksForCode extends boolean = false> =
  | FlowSend
  | FlowDone<Outcome>
  | (AsksForCode extends true ? FlowAwaitVerifyCode : never);

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

/** What every flow class is (`instanceof Flow`). */
export declare abstract class Flow {
  /** The flow as text to store (no credential, card number or code in it). */
  snapshot(): string;
}

/** Drives `flow` (what each flow's `run()` does). */
export declare function run<Outcome>(
  flow: { start(): FlowAction<Outcome, boolean>; snapshot(): string },
  options?: RunOptions,
): Promise<FlowDone<Outcome> | FlowAwaitVerifyCode>;
