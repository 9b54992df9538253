// A typed usage of the public API, checked by `tsc --noEmit` (never run): every
// function with real values, and the mistakes the types must refuse
// (@ts-expect-error fails the check if the line compiles).

import {
  PaylovFiscalizationFlow,
  ViaCardPaymentFlow,
  SendError,
  type FiscalizedReceipt,
  type FlowAction,
  type ViaPaymentOutcome,
  buildClickConfirm,
  buildConfirmPay,
  buildCreatePayin,
  buildGetTransaction,
  buildReceiptStatus,
  buildReceiptUrl,
  buildRegisterReceipt,
  FiscalBoxConfig,
  HttpRequest,
  operations,
  parseAuthToken,
  parseClickConfirm,
  parseConfirmPayVerify,
  parseDealStatus,
  parsePayinCredentials,
  parseReceiptUrl,
  parseRegisterReceipt,
  PaylovConfig,
  PaymentsGateConfig,
  receiptTotals,
  send,
  UzpayError,
  vatIncluded,
  ViaConfig,
} from 'uzpay';
import type {
  AuthTokenOutput,
  DealStatus,
  HttpResponse,
  OfdReceipt,
  OperationName,
  ReceiptItem,
  RegisterReceiptInput,
  Tiyin,
  UzpayErrorKind,
  ViaTransaction,
} from 'uzpay';

const qr = 'https://ofd.soliq.uz/check?t=UZ170703100597&r=2421&c=20230104121801&s=514343190161';
const paylov = new PaylovConfig({ apiKey: 'key', baseUrl: 'https://dev.gw.paylov.uz' });
const via = new ViaConfig({ baseUrl: 'https://api.viasandbox.uz', clientId: 'id', clientSecret: 'secret' });

const item: ReceiptItem = {
  title: 'Tea',
  price: 1_120_000,
  count: 1,
  code: '01902001001000000',
  vatPercent: 12,
  packageCode: '1437667',
  tin: '310100000',
};
const bigItem: ReceiptItem = { ...item, price: 9_007_199_254_740_993n, count: 2n, discount: 0n, tin: null, pinfl: '12345678901234' };

export async function checkout(): Promise<string> {
  const request: HttpRequest = buildRegisterReceipt(paylov, { transactionId: 't-1', items: [item, bigItem] });
  const method: 'GET' | 'POST' = request.method;
  const auth: string | undefined = request.header('api-key');
  const shown: HttpRequest = request.redacted();
  const response: HttpResponse = await send(request, fetch, { timeoutMs: 10_000 });
  const pairs: [string, string][] = (await send(request)).headers;
  const receipt = parseRegisterReceipt(response);
  const id: number | bigint = receipt.receiptId;
  void [method, auth, shown, pairs, id];

  const cash: RegisterReceiptInput = { externalId: 'order-7', phoneNumber: '+998901234567', items: [item] };
  buildRegisterReceipt({ apiKey: 'plain object config' }, cash);
  buildReceiptStatus(paylov, { externalId: 'order-7' });
  buildGetTransaction(via, { transactionId: 'trx' });
  buildCreatePayin(new PaymentsGateConfig({ baseUrl: 'https://pg.example', accessToken: 't' }), {
    amount: 51_650,
    invoiceId: 'inv-1',
    lang: 'UZ',
  });
  buildConfirmPay(via, { merchantId: 'm', card: { pan: '8600000000000007', expiry: '0127' }, externalId: 'e', amount: 100n });

  const confirmed = parseClickConfirm(await send(buildClickConfirm(new FiscalBoxConfig(), { paymentId: '1', qrCode: qr })));
  const status: string = confirmed.status;
  const inn: string | null = confirmed.inn;
  void [status, inn];

  const tx: ViaTransaction = parseConfirmPayVerify({ status: 200, body: '{}' });
  const paid: boolean = tx.status === 'SUCCESS';
  const amount: Tiyin = tx.amount;
  const fee: number = tx.feePercent;
  void [paid, amount, fee];

  const deal: DealStatus = parseDealStatus({ status: 200, headers: { a: 'b' }, body: '{}' }).status;
  const known = deal === 'paid' || deal === 'completed';
  const credentials = parsePayinCredentials({ status: 200, headers: [['a', 'b']], body: '{}' });
  const bank: string | undefined = credentials.bank?.name;
  const tokens: AuthTokenOutput = parseAuthToken({ status: 200, body: '{}' });
  const pg = new PaymentsGateConfig({ baseUrl: 'https://pg.example' }).with({ accessToken: tokens.accessToken });
  void [known, bank, pg];

  const totals = receiptTotals([item]);
  const vat: Tiyin = totals.lines[0]?.vat ?? 0;
  const v: Tiyin = vatIncluded(100_000, 12);
  const parsed: OfdReceipt = parseReceiptUrl(qr);
  const url: string = buildReceiptUrl({ terminalId: parsed.terminalId, receiptNumber: 1n, dateTime: parsed.dateTime, fiscalSign: '1' });
  void [vat, v, url];

  const op: OperationName = 'paylov.register_receipt';
  const generic = operations[op].build(paylov, { transactionId: 't', items: [item] });
  void generic;

  try {
    buildRegisterReceipt(paylov, { transactionId: 't', items: [] });
  } catch (e) {
    if (e instanceof UzpayError) {
      const kind: UzpayErrorKind = e.kind;
      const field: string | undefined = e.field;
      const retry: boolean = e.retryable;
      const ru: string | undefined = e.messages?.ru;
      const code: string | undefined = e.code;
      const httpStatus: number | undefined = e.status;
      void [kind, field, retry, ru, code, httpStatus];
      if (e.kind === 'provider' && e.code === 'ofd_check_already_generated') return 'exists';
    }
  }
  return new UzpayError({ kind: 'http', message: 'x' }).reason;
}

export function mistakes(): void {
  // @ts-expect-error a VIA config for a Paylov operation
  buildRegisterReceipt(via, { transactionId: 't', items: [item] });
  // @ts-expect-error no items
  buildRegisterReceipt(paylov, { transactionId: 't' });
  // @ts-expect-error money as a string
  receiptTotals([{ ...item, price: '1000' }]);
  // @ts-expect-error snake_case is not the typed name
  receiptTotals([{ ...item, vat_percent: 12 }]);
  // @ts-expect-error an unknown language
  buildCreatePayin({ baseUrl: 'x' }, { amount: 1, invoiceId: 'i', lang: 'DE' });
  // @ts-expect-error a Paylov config needs its api key
  new PaylovConfig({ baseUrl: 'x' });
  // @ts-expect-error a response needs a body
  parseClickConfirm({ status: 200 });
  // @ts-expect-error an unknown operation
  operations['paylov.nope'];
  // @ts-expect-error configs have no credential properties
  via.clientSecret;
  // @ts-expect-error requests are made by builders
  new HttpRequest();
}

export async function flowsAreTyped(): Promise<number> {
  const flow = new PaylovFiscalizationFlow(paylov, { transactionId: 't', items: [item] }, { retry: { maxAttempts: 2 } });
  const first: FlowAction<FiscalizedReceipt> = flow.start();
  if (first.type === 'send') {
    const delay: number = Number(first.delayMs);
    void [delay, first.request.url, first.operation];
  }
  const done = await flow.run({ timeoutMs: 10_000, save: (snapshot: string) => void snapshot });
  const receiptId = done.outcome.receiptId;
  const restored: PaylovFiscalizationFlow = PaylovFiscalizationFlow.restore(paylov, flow.snapshot());
  void restored.onTransportFailure('maybe_sent');
  const card = new ViaCardPaymentFlow(via, { merchantId: 'm', card: { pan: '8600000000000007', expiry: '0127' }, externalId: 'o', amount: 100 });
  const end = await card.run({ askCode: async (ask) => (ask.attemptsLeft > 0 ? '123456' : null) });
  if (end.type === 'done') {
    const outcome: ViaPaymentOutcome = end.outcome;
    void outcome.paid;
  } else {
    void card.provideVerifyCode('123456');
  }
  void new SendError('maybe_sent', 'x').failure;
  // @ts-expect-error only a flow that asks for a code takes one
  flow.provideVerifyCode('1');
  // @ts-expect-error a failure is not_sent or maybe_sent
  flow.onTransportFailure('lost');
  return Number(receiptId);
}
