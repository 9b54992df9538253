import type { Integer } from './common.js';
import type { ReceiptItem } from './fiscal.js';

/** A card payment's receipt: Paylov's `transactionId`. */
export interface CardReceiptInput {
  transactionId: string;
  externalId?: never;
  phoneNumber?: never;
  /** 1 to 1000 lines. */
  items: readonly ReceiptItem[];
}

/** A cash payment's receipt: your own id for the payment and the buyer's phone. */
export interface CashReceiptInput {
  transactionId?: never;
  externalId: string;
  /** `+998` and 9 digits. */
  phoneNumber: string;
  /** 1 to 1000 lines. */
  items: readonly ReceiptItem[];
}

/** `buildRegisterReceipt`: a card payment or a cash payment, and the receipt lines. */
export type RegisterReceiptInput = CardReceiptInput | CashReceiptInput;

/** The registered receipt. */
export interface RegisterReceiptOutput {
  /** The receipt's OFD URL (see `parseReceiptUrl`). */
  receiptUrl: string;
  terminalId: string;
  receiptId: Integer;
  fiscalSign: string;
}

/** `buildReceiptStatus`: exactly one of the two ids. */
export type ReceiptStatusInput =
  | { transactionId: string; externalId?: never }
  | { externalId: string; transactionId?: never };

/** A payment's receipt as Paylov has it. */
export interface ReceiptStatusOutput {
  /** Whether the receipt was generated. */
  success: boolean;
  isRefund: boolean;
  receiptUrl: string | null;
  terminalId: string | null;
  receiptId: Integer | null;
  fiscalSign: string | null;
}

/** `buildRefundReceipt`. */
export interface RefundReceiptInput {
  /** From `parseRegisterReceipt` or `parseReceiptStatus`. */
  receiptId: Integer;
}

/** The refund's outcome. */
export interface RefundReceiptOutput {
  success: boolean;
}
