import type { Integer, Tiyin } from './common.js';

/** One line of a fiscal receipt. Prices include VAT. */
export interface ReceiptItem {
  /** As printed on the receipt. */
  title: string;
  /** Unit price in tiyin, VAT included, before discount. */
  price: Tiyin;
  /** Discount on the whole line, in tiyin; default 0. */
  discount?: Tiyin;
  /** At least 1. */
  count: Integer;
  /** The IKPU (MXIK) code: 17 digits. */
  code: string;
  /** 0 to 100; 12 is today's standard rate. */
  vatPercent: number;
  /** The package code from the item's MXIK entry: digits. */
  packageCode: string;
  /** The seller's PINFL (14 digits) for an individual; exactly one of `pinfl` and `tin`. */
  pinfl?: string | null;
  /** The seller's TIN (9 digits) for a company; exactly one of `pinfl` and `tin`. */
  tin?: string | null;
}

/** One line's amounts, in tiyin. */
export interface LineAmounts {
  /** price x count - discount. */
  total: Tiyin;
  /** The VAT included in `total`. */
  vat: Tiyin;
}

/** A receipt's amounts, in tiyin. */
export interface ReceiptTotals {
  /** Each line's amounts, in the order of the items. */
  lines: LineAmounts[];
  total: Tiyin;
  vat: Tiyin;
}

/** Validates every line and computes the totals. Errors name `items[i].field`. */
export declare function receiptTotals(items: readonly ReceiptItem[]): ReceiptTotals;

/** The VAT included in a VAT-inclusive amount of tiyin, rounded half up (1,000.00 UZS at 12% carries 107.14). */
export declare function vatIncluded(gross: Tiyin, ratePercent: number): Tiyin;

/** `check`: a fiscal module (a physical cash register); `epi`: a virtual one. */
export type OfdReceiptKind = 'check' | 'epi';

/** An OFD receipt URL, `https://ofd.soliq.uz/check?t=..&r=..&c=..&s=..`, read. */
export interface OfdReceipt {
  kind: OfdReceiptKind;
  /** `t`: e.g. `UZ170703100597`. */
  terminalId: string;
  /** `r`. */
  receiptNumber: Integer;
  /** `c`: `YYYYMMDDhhmmss`, Tashkent time, a real date. */
  dateTime: string;
  /** `s`: digits. */
  fiscalSign: string;
  /** The canonical URL. */
  url: string;
}

/** The parts `buildReceiptUrl` takes. */
export interface OfdReceiptParts {
  /** Default `check`. */
  kind?: OfdReceiptKind;
  terminalId: string;
  receiptNumber: Integer;
  /** `YYYYMMDDhhmmss`. */
  dateTime: string;
  fiscalSign: string;
}

/** Reads an OFD receipt URL; errors name `url`, `url.t`, `url.r`, `url.c` or `url.s`. */
export declare function parseReceiptUrl(url: string): OfdReceipt;

/** The canonical OFD receipt URL of these parts, each checked as `parseReceiptUrl` does. */
export declare function buildReceiptUrl(parts: OfdReceiptParts): string;
