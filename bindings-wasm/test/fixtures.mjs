// One realistic call of every operation: a config, an input (camelCase, as users
// write it), what the request must be, and a provider answer with a value of the
// parsed output. Taken from the providers' documented examples.

import { FiscalBoxConfig, PaylovConfig, PaymentsGateConfig, ViaConfig } from 'uzpay';

export const QR = 'https://ofd.soliq.uz/check?t=UZ170703100597&r=2421&c=20230104121801&s=514343190161';

export const fiscalbox = new FiscalBoxConfig();
export const paylov = new PaylovConfig({ apiKey: 'sentinel-paylov-key', baseUrl: 'https://dev.gw.paylov.uz' });
export const paymentsgate = new PaymentsGateConfig({
  baseUrl: 'https://api.paymentsgate.example',
  accessToken: 'sentinel-pg-token',
});
export const via = new ViaConfig({
  baseUrl: 'https://api.viasandbox.uz',
  clientId: 'system',
  clientSecret: 'sentinel-via-secret',
});

export const item = {
  title: 'Green tea, 100 g',
  price: 1_120_000,
  discount: 0,
  count: 1,
  code: '01902001001000000',
  vatPercent: 12,
  packageCode: '1437667',
  tin: '310100000',
};

const json = (value) => JSON.stringify(value);
const tx = {
  transactionId: 'trx_2VQGS1Eeu4DNsfuKxbFO1vftNy4',
  processingTransactionId: '010964369832',
  merchantId: 'mrt_2V4M5svbNoQ68tB0ul8LoLWJOZQ',
  amount: 2320000,
  createdAt: 1694760886762,
  status: 'SUCCESS',
  payedAt: 1694760902483,
  fee: 0,
  feePercent: 0.5,
  currency: 'UZS',
  epos: { merchantId: '11111111111', terminalId: '22222222' },
};

/** name -> { config, input, method, url, body? (the JSON body), answer, check(output) } */
export const calls = {
  ClickPayment: {
    config: fiscalbox,
    input: { amount: 150_000, qrCode: 'https://my.click.uz/pay/abc123' },
    method: 'POST',
    url: 'https://api.fiscalbox.uz/payment/click',
    body: { amount: 1500, qr_code: 'https://my.click.uz/pay/abc123' },
    answer: json({
      data: { status_code: 0, status: 'success', amount: 1500, payment_id: '4710103925', client_phone_number: '998901234567' },
      error: null,
      is_success: true,
    }),
    output: { paymentId: '4710103925', amount: 150_000, clientPhoneNumber: '998901234567', transactionId: null },
  },
  ClickConfirm: {
    config: fiscalbox,
    input: { paymentId: '4710103925', qrCode: QR },
    method: 'POST',
    url: 'https://api.fiscalbox.uz/payment/click_confirm',
    body: { payment_id: '4710103925', qr_code: QR },
    answer: json({ data: { status: 'successfully' }, error: null, is_success: true }),
    output: { status: 'successfully', paymentId: null },
  },
  AnorPayment: {
    config: fiscalbox,
    input: { amount: 2_500_000, qrCode: '12345678901234567890' },
    method: 'POST',
    url: 'https://api.fiscalbox.uz/payment/anor',
    body: { amount: 25000, qr_code: '12345678901234567890' },
    answer: json({
      data: { transaction_id: 'a12f', error_code: 0, payment_id: '123456', payment_status: 2, card_number: '860012******1234' },
      error: null,
      is_success: true,
    }),
    output: { transactionId: 'a12f', paymentId: '123456', paymentStatus: 2, cardNumber: '860012******1234' },
  },
  AnorConfirm: {
    config: fiscalbox,
    input: { transactionId: 'a12fc00f-5af5-65b8-adf8-74bff44680ee', qrCode: QR },
    method: 'POST',
    url: 'https://api.fiscalbox.uz/payment/anor_confirm',
    body: { transaction_id: 'a12fc00f-5af5-65b8-adf8-74bff44680ee', qr_code: QR },
    answer: json({
      data: { message: 'Fiscalization completed successfully', error_code: 0, payment_id: 123456, transaction_id: 'a12f' },
      error: null,
      is_success: true,
    }),
    output: { errorCode: 0, paymentId: 123456, transactionId: 'a12f' },
  },
  RegisterReceipt: {
    config: paylov,
    input: { transactionId: 'e2da46c6-8c89-400e-8bd9-037297b2e8b1', items: [item] },
    method: 'POST',
    url: 'https://dev.gw.paylov.uz/merchant/fiscalization/register/',
    headers: { 'api-key': 'sentinel-paylov-key' },
    body: {
      transactionId: 'e2da46c6-8c89-400e-8bd9-037297b2e8b1',
      items: [{ title: 'Green tea, 100 g', price: 1120000, discount: 0, count: 1, code: '01902001001000000', vat_percent: 12, package_code: '1437667', tin: '310100000' }],
    },
    answer: json({ result: { ofd: { receiptUrl: QR, terminalId: 'UZ170703100597', receiptId: 2421, fiscalSign: '514343190161' } } }),
    output: { receiptUrl: QR, terminalId: 'UZ170703100597', receiptId: 2421, fiscalSign: '514343190161' },
  },
  ReceiptStatus: {
    config: paylov,
    input: { externalId: 'order#7/1' },
    method: 'GET',
    url: 'https://dev.gw.paylov.uz/merchant/fiscalization/status/?externalId=order%237%2F1',
    answer: json({ result: { success: true, isRefund: false, receiptUrl: QR, terminalId: 'UZ170703100597', receiptId: 2421, fiscalSign: '514343190161' } }),
    output: { success: true, isRefund: false, receiptId: 2421 },
  },
  RefundReceipt: {
    config: paylov,
    input: { receiptId: 2421 },
    method: 'POST',
    url: 'https://dev.gw.paylov.uz/merchant/fiscalization/refund/',
    body: { receiptId: 2421 },
    answer: json({ result: { success: true } }),
    output: { success: true },
  },
  AuthToken: {
    config: new PaymentsGateConfig({ baseUrl: 'https://api.paymentsgate.example' }),
    input: { accountId: 'acc-1', publicKey: 'sentinel-public-key' },
    method: 'POST',
    url: 'https://api.paymentsgate.example/auth/token',
    body: { account_id: 'acc-1', public_key: 'sentinel-public-key' },
    answer: json({ access_token: 'eyJ.access', refresh_token: 'eyJ.refresh', expires_in: 3600 }),
    output: { accessToken: 'eyJ.access', refreshToken: 'eyJ.refresh', expiresIn: 3600 },
  },
  RefreshToken: {
    config: { baseUrl: 'https://api.paymentsgate.example' },
    input: { refreshToken: 'eyJ.refresh' },
    method: 'POST',
    url: 'https://api.paymentsgate.example/auth/token/refresh',
    body: { refresh_token: 'eyJ.refresh' },
    answer: json({ access_token: 'eyJ.access2', refresh_token: 'eyJ.refresh2', expires_in: 3600 }),
    output: { accessToken: 'eyJ.access2' },
  },
  CreatePayin: {
    config: paymentsgate,
    input: { amount: 51_650, invoiceId: 'inv-1001', successUrl: 'https://example.com/ok', lang: 'UZ' },
    method: 'POST',
    url: 'https://api.paymentsgate.example/deals/payin',
    headers: { authorization: 'Bearer sentinel-pg-token' },
    body: { amount: 516.5, currency: 'UZS', invoiceId: 'inv-1001', type: 'oneclick', successUrl: 'https://example.com/ok', lang: 'UZ' },
    answer: json({ id: '6632f6b2', status: 'new', type: 'oneclick', url: 'https://pay.example/6632f6b2' }),
    status: 201,
    output: { id: '6632f6b2', status: 'new', type: 'oneclick', url: 'https://pay.example/6632f6b2' },
  },
  PayinCredentials: {
    config: paymentsgate,
    input: { dealId: '6632f6b2' },
    method: 'GET',
    url: 'https://api.paymentsgate.example/deals/6632f6b2/credentials',
    answer: json({
      account_number: '2194872384782748',
      account_owner: 'A. Karimov',
      currency: { _id: 'c1', type: 'FIAT', code: 'UZS', decimal: 2, countryCode: 'UZ' },
      bank: { _id: 'b1', name: 'Humo', isTopBank: true, supportedPaymentSystems: ['HUMO'] },
      type: 'custom',
    }),
    output: {
      accountNumber: '2194872384782748',
      currency: { id: 'c1', type: 'FIAT', code: 'UZS', decimal: 2, countryCode: 'UZ' },
      bank: { id: 'b1', name: 'Humo', isTopBank: true, supportedPaymentSystems: ['HUMO'], logo: null },
      type: 'custom',
    },
  },
  DealStatus: {
    config: paymentsgate,
    input: { dealId: '6632f6b2' },
    method: 'GET',
    url: 'https://api.paymentsgate.example/deals/6632f6b2',
    answer: json({ id: '6632f6b2', status: 'paid', type: 'oneclick', amount: 516.5, currency: 'UZS', invoiceId: 'inv-1001' }),
    output: { status: 'paid', amount: 51_650, invoiceId: 'inv-1001' },
  },
  ConfirmPay: {
    config: via,
    input: { merchantId: 'mrt_1', card: { pan: '8600000000000007', expiry: '0127' }, externalId: 'order-646', amount: 2_320_000, note: 'Order 646' },
    method: 'POST',
    url: 'https://api.viasandbox.uz/partner/merchant/confirm/pay',
    headers: { 'client-id': 'system', 'client-secret': 'sentinel-via-secret' },
    body: { merchantId: 'mrt_1', card: { pan: '8600000000000007', expiry: '0127' }, externalId: 'order-646', amount: 2320000, currency: 'UZS', note: 'Order 646' },
    answer: json({ verifyId: 'trx_2VQ' }),
    output: { verifyId: 'trx_2VQ' },
  },
  ConfirmPayVerify: {
    config: via,
    input: { verifyId: 'trx_2VQ', verifyCode: '005646' },
    method: 'POST',
    url: 'https://api.viasandbox.uz/partner/merchant/confirm/pay/verify',
    body: { verifyId: 'trx_2VQ', verifyCode: '005646' },
    answer: json(tx),
    output: { ...tx, errorCode: null, refundedAmount: null },
  },
  ResendCode: {
    config: via,
    input: { verifyId: 'trx_2VQ' },
    method: 'POST',
    url: 'https://api.viasandbox.uz/partner/merchant/pay/resend',
    body: { verifyId: 'trx_2VQ' },
    answer: json({ verifyId: 'trx_2VQ' }),
    output: { verifyId: 'trx_2VQ' },
  },
  GetTransaction: {
    config: via,
    input: { externalId: 'order-646' },
    method: 'GET',
    url: 'https://api.viasandbox.uz/partner/transaction?externalId=order-646',
    answer: json({ data: { ...tx, status: 'REJECT', errorCode: '-31', errorMessage: 'Declined', refundedAmount: 0, process: 'UZCARD' } }),
    output: { status: 'REJECT', errorCode: '-31', refundedAmount: 0, process: 'UZCARD' },
  },
};
