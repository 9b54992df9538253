import type { AwaitVerifyCode, Step } from './generated.js';

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

/** What every flow class is (`instanceof Flow`). */
export declare abstract class Flow {
  /** The flow as text to store (no credential, card number or code in it). */
  snapshot(): string;
}
