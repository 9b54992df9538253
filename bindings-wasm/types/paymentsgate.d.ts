import type { Integer, OpenEnum, Tiyin } from './common.js';

/** `buildAuthToken`: the account's credentials. */
export interface AuthTokenInput {
  accountId: string;
  /** A credential: masked in `HttpRequest.redacted()`. */
  publicKey: string;
}

/** `buildRefreshToken`. */
export interface RefreshTokenInput {
  refreshToken: string;
}

/** A fresh pair of tokens. */
export interface AuthTokenOutput {
  /** Use it as `PaymentsGateConfig`'s `accessToken`. */
  accessToken: string;
  /** For `buildRefreshToken`. */
  refreshToken: string;
  /** Seconds until `accessToken` expires. */
  expiresIn: Integer;
}

/** `buildCreatePayin`: create a payin deal. */
export interface CreatePayinInput {
  /** In tiyin, above zero; sent as som with up to two decimals (51650 -> 516.5). */
  amount: Tiyin;
  currency?: 'UZS';
  /** Your invoice id: PaymentsGate's idempotency key for the deal. */
  invoiceId: string;
  type?: 'oneclick';
  successUrl?: string | null;
  failUrl?: string | null;
  backUrl?: string | null;
  /** The payment page's language. */
  lang?: 'EN' | 'UZ' | 'RU' | null;
}

/** A deal's status; `paid` and `completed` are paid, `canceled` and `expired` final. */
export type DealStatus = OpenEnum<'queued' | 'new' | 'pending' | 'paid' | 'completed' | 'disputed' | 'canceled' | 'expired'>;

/** The created deal. */
export interface CreatePayinOutput {
  id: string;
  status: DealStatus;
  /** e.g. `oneclick`. */
  type: string;
  /** The payment page to send the customer to. */
  url: string | null;
}

/** `buildPayinCredentials`. */
export interface PayinCredentialsInput {
  /** From `parseCreatePayin`. */
  dealId: string;
}

export interface CredentialsCurrency {
  id: string;
  /** e.g. `FIAT`. */
  type: string;
  code: string;
  symbol: string;
  label: string;
  decimal: number;
  countryName: string;
  countryCode: string;
}

export interface BankLogo {
  short: string;
  full: string;
}

export interface CredentialsBank {
  id: string;
  name: string;
  alias: string;
  logo: BankLogo | null;
  /** e.g. `bank`. */
  type: string;
  automationAvailable: boolean;
  enabled: boolean;
  isTopBank: boolean;
  tagColor: string;
  currency: string;
  currencyId: string;
  country: string;
  supportedPaymentSystems: string[];
  tid: string;
  isAnyBank: boolean;
}

/** Where the customer should send the money. */
export interface PayinCredentialsOutput {
  accountNumber: string;
  accountOwner: string;
  accountIban: string;
  accountPhone: string;
  currency: CredentialsCurrency | null;
  bank: CredentialsBank | null;
  /** e.g. `custom`. */
  type: string;
  accountSubtype: string;
}

/** `buildDealStatus`. */
export interface DealStatusInput {
  dealId: string;
}

/** A deal as PaymentsGate has it. */
export interface DealStatusOutput {
  id: string;
  status: DealStatus;
  type: string;
  url: string | null;
  /** In tiyin (read exactly from PaymentsGate's decimal som). */
  amount: Tiyin | null;
  currency: string | null;
  invoiceId: string | null;
}
