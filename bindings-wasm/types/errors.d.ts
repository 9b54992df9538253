import type { CoreErrorKind } from './generated.js';
import type { TransportFailure } from './flows.js';

/** The kinds of error: the core's, the same in every language uzpay ships to. */
export type UzpayErrorKind = CoreErrorKind;

/** The providers uzpay talks to, by canonical name. */
export type ProviderName = 'fiscalbox' | 'paylov' | 'paymentsgate' | 'via';

/** A provider's message in several languages; only the languages it sent are present. */
export interface LocalizedMessages {
  uz?: string;
  ru?: string;
  en?: string;
}

/** What an UzpayError is made of. */
export interface UzpayErrorInit {
  kind: UzpayErrorKind;
  message: string;
  reason?: string;
  retryable?: boolean;
  field?: string;
  code?: string;
  status?: number;
  provider?: ProviderName;
  messages?: LocalizedMessages;
  details?: string;
  operation?: string;
  failure?: TransportFailure;
  cause?: unknown;
}

/** Every error uzpay throws. Nothing else is ever thrown. */
export declare class UzpayError extends Error {
  constructor(init: UzpayErrorInit);
  readonly name: 'UzpayError';
  /** Which of the core's kinds this is. */
  readonly kind: UzpayErrorKind;
  /** The message without the kind and field prefix, e.g. `must be a TIN: exactly 9 digits, got 8 digits`. */
  readonly reason: string;
  /** Whether the same request may safely be sent again (after a pause). */
  readonly retryable: boolean;
  /** `invalid_input`: the path of the refused value, in the names you passed, e.g. `items[0].vatPercent`. */
  readonly field?: string;
  /** `provider`: the provider's error code as a string, e.g. `ofd_check_already_generated`. */
  readonly code?: string;
  /** `http` and `provider`: the HTTP status the answer came with. */
  readonly status?: number;
  /** `provider`: who refused. */
  readonly provider?: ProviderName;
  /** `provider`: the provider's localized messages, where it sent them (VIA does). */
  readonly messages?: LocalizedMessages;
  /** `provider`: extra data the provider attached, as its JSON text. */
  readonly details?: string;
  /** `transport`: the operation whose request got no answer, e.g. `fiscalbox.click_payment`. */
  readonly operation?: string;
  /** `transport`: whether that request never left (`not_sent`) or may have arrived (`maybe_sent`). */
  readonly failure?: TransportFailure;
}
