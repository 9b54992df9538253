/**
 * An amount of money in tiyin (1 UZS = 100 tiyin), always a whole number.
 *
 * In inputs: a `number` that is a safe integer, or a `bigint` for larger amounts.
 * In outputs: a `number`, or a `bigint` when it is beyond `Number.MAX_SAFE_INTEGER`.
 */
export type Tiyin = number | bigint;

/**
 * A 64-bit whole number (an id, a count, a timestamp): a `number`, or a `bigint`
 * beyond `Number.MAX_SAFE_INTEGER` (outputs) or where you need one (inputs).
 */
export type Integer = number | bigint;

/** A provider's enumeration: the values known today, and any other string a provider may add tomorrow (kept verbatim). */
export type OpenEnum<Known extends string> = Known | (string & {});

/** Header pairs in order; a name may repeat. */
export type HeaderPairs = [name: string, value: string][];

/** A request built by uzpay, exact and ready for any HTTP client. */
export declare class HttpRequest {
  /** `GET` or `POST`. */
  method: 'GET' | 'POST';
  /** The absolute URL, query included. */
  url: string;
  /** Headers in the order they should be sent. */
  headers: HeaderPairs;
  /** The body: JSON text for `POST`, `''` for `GET`. */
  body: string;
  /** The first header with this name (case-insensitive). */
  header(name: string): string | undefined;
  /** A copy safe to show a person: credential headers `***`, card numbers masked. */
  redacted(): HttpRequest;
  /** The redacted form (so logging a request never prints a credential). */
  toJSON(): { method: 'GET' | 'POST'; url: string; headers: HeaderPairs; body: string };
  /** `HttpRequest {...}` of the redacted form. */
  toString(): string;
  private constructor();
}

/** What the provider answered, as any HTTP client can give it. */
export interface HttpResponse {
  /** The HTTP status code. */
  status: number;
  /** The headers: `[name, value]` pairs, a `Headers` object or a record. */
  headers?: ReadonlyArray<readonly [string, string]> | Iterable<readonly [string, string]> | Readonly<Record<string, string>>;
  /** The raw body text. */
  body: string;
}
