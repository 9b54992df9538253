/** FiscalBox's options. `/payment/*` calls take no credentials. */
export interface FiscalBoxConfigOptions {
  /** Default `https://api.fiscalbox.uz`. */
  baseUrl?: string;
}

/** Paylov's options. */
export interface PaylovConfigOptions {
  /** The merchant's api key, sent as the `api-key` header. Never printed. */
  apiKey: string;
  /** Default production `https://gw.paylov.uz`; sandbox `https://dev.gw.paylov.uz`. */
  baseUrl?: string;
  /** Register through the deprecated path `/merchant/registerFiscalReceipt/`. */
  useDeprecatedRegisterPath?: boolean;
}

/** PaymentsGate's options. */
export interface PaymentsGateConfigOptions {
  /** The account's base URL (production or sandbox realm). */
  baseUrl: string;
  /** The bearer token from `buildAuthToken`; every call but the auth calls needs it. Never printed. */
  accessToken?: string;
}

/** VIA's options. */
export interface ViaConfigOptions {
  /** The base URL VIA gave you (sandbox `https://api.viasandbox.uz`). */
  baseUrl: string;
  /** Your client id, sent as `client-id`. */
  clientId: string;
  /** Your client secret, sent as `client-secret`. Never printed. */
  clientSecret: string;
}

/**
 * A provider config. Credentials are held out of sight: `toString()`, `toJSON()`
 * and `util.inspect` show them as `***`, and no property holds them.
 */
declare abstract class ProviderConfig<Options extends object> {
  /** A copy with some options replaced, e.g. `config.with({ accessToken })`. */
  with(changes: Partial<Options>): this;
  /** The options with every credential as `***`. */
  toJSON(): { [K in keyof Options]: Options[K] | '***' };
  toString(): string;
}

export declare class FiscalBoxConfig extends ProviderConfig<FiscalBoxConfigOptions> {
  constructor(options?: FiscalBoxConfigOptions);
  static readonly provider: 'fiscalbox';
  readonly baseUrl?: string;
}

export declare class PaylovConfig extends ProviderConfig<PaylovConfigOptions> {
  constructor(options: PaylovConfigOptions);
  static readonly provider: 'paylov';
  readonly baseUrl?: string;
  readonly useDeprecatedRegisterPath?: boolean;
}

export declare class PaymentsGateConfig extends ProviderConfig<PaymentsGateConfigOptions> {
  constructor(options: PaymentsGateConfigOptions);
  static readonly provider: 'paymentsgate';
  readonly baseUrl: string;
}

export declare class ViaConfig extends ProviderConfig<ViaConfigOptions> {
  constructor(options: ViaConfigOptions);
  static readonly provider: 'via';
  readonly baseUrl: string;
  readonly clientId: string;
}
