import type { Integer, OpenEnum, Tiyin } from './common.js';

/** `buildConfirmPay`: start a card payment; VIA sends the card holder an SMS code. */
export interface ConfirmPayInput {
  merchantId: string;
  card: {
    /** 16 digits passing the Luhn check; masked in `HttpRequest.redacted()`. */
    pan: string;
    /** `MMYY`. */
    expiry: string;
  };
  /** Your id for the payment (find it later with `buildGetTransaction`). */
  externalId: string;
  /** In tiyin, above zero. */
  amount: Tiyin;
  currency?: 'UZS';
  note?: string | null;
}

/** The started payment, waiting for the SMS code. */
export interface ConfirmPayOutput {
  /** Give it with the SMS code to `buildConfirmPayVerify`. */
  verifyId: string;
}

/** `buildConfirmPayVerify`. */
export interface ConfirmPayVerifyInput {
  verifyId: string;
  /** The code from the SMS: digits. */
  verifyCode: string;
}

export type ViaTransactionStatus = OpenEnum<'SUCCESS' | 'ERROR' | 'REJECT' | 'PENDING' | 'NEW' | 'DRAFT'>;

/** The merchant's terminal at the processing. */
export interface Epos {
  merchantId: string | null;
  terminalId: string | null;
}

/** A VIA transaction. `REJECT` or `ERROR` is a parsed transaction, not a thrown error. */
export interface ViaTransaction {
  transactionId: string;
  processingTransactionId: string | null;
  merchantId: string;
  /** In tiyin. */
  amount: Tiyin;
  /** Epoch milliseconds. */
  createdAt: Integer | null;
  /** Epoch milliseconds; absent until paid. */
  payedAt: Integer | null;
  status: ViaTransactionStatus;
  /** In tiyin. */
  fee: Tiyin;
  /** A rate in percent, not money. */
  feePercent: number;
  currency: string;
  epos: Epos | null;
  errorCode: string | null;
  errorMessage: string | null;
  /** In tiyin. */
  refundedAmount: Tiyin | null;
  /** `UZCARD` or `HUMO`. */
  process: string | null;
}

/** `buildResendCode`: a new SMS code (the old one stops working). */
export interface ResendCodeInput {
  verifyId: string;
}

export interface ResendCodeOutput {
  verifyId: string | null;
}

/** `buildGetTransaction`: exactly one of the two ids. */
export type GetTransactionInput =
  | { transactionId: string; externalId?: never }
  | { externalId: string; transactionId?: never };
