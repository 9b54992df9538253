import type { Integer, OpenEnum, Tiyin } from './common.js';

/** `buildClickPayment`: charge the customer's Click payment QR. */
export interface ClickPaymentInput {
  /** In tiyin; FiscalBox takes whole som, so a multiple of 100. */
  amount: Tiyin;
  /** The customer's Click payment QR, as scanned. */
  qrCode: string;
}

/** The Click payment FiscalBox created. */
export interface ClickPaymentOutput {
  /** Give it to `buildClickConfirm`. */
  paymentId: string;
  transactionId: string | null;
  status: string | null;
  message: string | null;
  /** The amount charged, in tiyin. */
  amount: Tiyin | null;
  /** As FiscalBox sends it (often without `+`). */
  clientPhoneNumber: string | null;
}

/** `buildClickConfirm`: attach the OFD receipt to a Click payment. */
export interface ClickConfirmInput {
  /** From `parseClickPayment`. */
  paymentId: string;
  /** The OFD receipt URL of the fiscal receipt (see `parseReceiptUrl`). */
  qrCode: string;
}

/** A confirmed Click payment. A `failed` status is thrown as a `provider` error. */
export interface ClickConfirmOutput {
  inn: string | null;
  paymentId: string | null;
  qrCode: string | null;
  status: OpenEnum<'successfully'>;
  error: string | null;
}

/** `buildAnorPayment`: charge the customer's Anor payment QR. */
export interface AnorPaymentInput {
  /** In tiyin; FiscalBox takes whole som, so a multiple of 100. */
  amount: Tiyin;
  /** The Anor payment QR: 20 digits. */
  qrCode: string;
}

/** The Anor payment FiscalBox created. */
export interface AnorPaymentOutput {
  /** Give it to `buildAnorConfirm`. */
  transactionId: string;
  paymentId: string | null;
  status: string | null;
  message: string | null;
  paymentStatus: Integer | null;
  phoneNumber: string | null;
  /** Masked by Anor. */
  cardNumber: string | null;
}

/** `buildAnorConfirm`: attach the OFD receipt to an Anor payment. */
export interface AnorConfirmInput {
  /** From `parseAnorPayment`. */
  transactionId: string;
  /** The OFD receipt URL of the fiscal receipt. */
  qrCode: string;
}

/** A confirmed Anor payment. A non-zero `error_code` is thrown as a `provider` error. */
export interface AnorConfirmOutput {
  message: string;
  /** Always 0 here. */
  errorCode: Integer;
  paymentId: Integer;
  transactionId: string;
}
