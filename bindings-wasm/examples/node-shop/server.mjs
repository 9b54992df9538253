// The shop's pages on node:http: the catalogue, and an order's page, which shows what
// the order needs next (the card form, the SMS-code form, or the paid order and its
// receipt). Each form posts to a route that advances the payment (shop.mjs) and
// redirects back to the order's page, with a note saying what happened.
//
//   node server.mjs            (PORT, default 8000; settings.mjs lists the rest)
//
// At start it finishes what a stopped process left (shop.resumeUnfinished()), then serves.

import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { UzpayError } from 'uzpay';
import { PRODUCTS } from './catalogue.mjs';
import { settingsFromEnv } from './settings.mjs';
import { AWAITING_CODE, FAILED, openShop, ShopError } from './shop.mjs';

/** The shop's request handler as an http.Server (not listening yet). */
export function shopServer(shop) {
  // One note per order for its next page view ("wrong code, 2 tries left"). A real shop
  // keeps it in the customer's session, and ties orders to customers.
  const notes = new Map();
  const note = (orderId, kind, text) => notes.set(orderId, { kind, text });
  const takeNote = (orderId) => {
    const taken = notes.get(orderId);
    notes.delete(orderId);
    return taken;
  };

  const routes = [
    ['GET', /^\/$/, () => page('Tea shop', catalogue())],
    ['POST', /^\/orders$/, async (form) => redirect(`/orders/${(await shop.createOrder(form.get('product') ?? '')).id}`)],
    ['GET', /^\/orders\/(\d+)$/, (form, id) => orderPage(shop.orderView(id), takeNote(id))],
    [
      'POST',
      /^\/orders\/(\d+)\/pay$/,
      async (form, id) => {
        await shop.payByCard(id, (form.get('pan') ?? '').replace(/[\s-]/g, ''), (form.get('expiry') ?? '').replace(/\D/g, ''));
      },
    ],
    [
      'POST',
      /^\/orders\/(\d+)\/verify$/,
      async (form, id) => {
        const end = await shop.provideCode(id, (form.get('code') ?? '').trim());
        if (end.type === 'awaitVerifyCode') note(id, 'error', `That code did not work. Tries left: ${end.attemptsLeft}.`);
      },
    ],
    [
      'POST',
      /^\/orders\/(\d+)\/resend$/,
      async (form, id) => {
        await shop.resendCode(id);
        note(id, 'info', 'We sent you a new code; the old one no longer works.');
      },
    ],
    [
      'POST',
      /^\/orders\/(\d+)\/receipt$/,
      async (form, id) => {
        await shop.registerReceiptAgain(id);
      },
    ],
  ];

  return createServer(async (request, response) => {
    const headers = {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
      'referrer-policy': 'no-referrer',
    };
    const reply = (status, html, more = {}) => void response.writeHead(status, { ...headers, ...more }).end(html);
    try {
      const { pathname } = new URL(request.url, 'http://shop.invalid');
      const route = routes.find(([method, path]) => method === request.method && path.test(pathname));
      if (!route) return reply(404, page('Not found', '<p>Not found.</p>'));
      const [, path, handle] = route;
      const [, number] = path.exec(pathname);
      const id = number === undefined ? undefined : Number(number);
      if (id !== undefined && !shop.orderView(id)) return reply(404, page('Not found', '<p>No such order.</p>'));
      if (request.method === 'POST') {
        // Forms are posted by the shop's own pages only.
        const origin = request.headers.origin;
        if (origin !== undefined && origin !== `http://${request.headers.host}` && origin !== `https://${request.headers.host}`) {
          return reply(403, page('Refused', '<p>Forms are posted from this site only.</p>'));
        }
        const form = await readForm(request);
        let answer;
        try {
          answer = await handle(form, id);
        } catch (error) {
          if (!(error instanceof UzpayError || error instanceof ShopError) || id === undefined) throw error;
          note(id, 'error', describe(error));
        }
        // POST, then redirect, then GET: a reload does not post the card or code again.
        const location = answer?.location ?? `/orders/${id}`;
        return reply(303, '', { location });
      }
      reply(200, handle(undefined, id));
    } catch (error) {
      if (error instanceof ShopError) return reply(400, page('Refused', `<p>${escape(error.message)}</p>`));
      // uzpay's messages never hold a credential, card number or code.
      console.error(`${request.method} ${request.url}:`, error);
      if (!response.headersSent) response.writeHead(500, headers);
      response.end(page('Error', '<p>Something went wrong. Please try again later.</p>'));
    }
  });
}

function redirect(location) {
  return { location };
}

/** An uzpay error in words for the customer. */
function describe(error) {
  if (error instanceof ShopError) return error.message;
  if (error.kind === 'invalid_input') return `Please check ${error.field}: ${error.reason}`;
  // The provider's own words when it sent them (VIA sends uz, ru and en).
  if (error.kind === 'provider') return error.messages?.en ?? error.reason;
  if (error.retryable) return 'The payment service is not answering. Please try again in a minute.';
  return `The payment could not be completed: ${error.message}`;
}

// The pages.

function catalogue() {
  const products = Object.entries(PRODUCTS).map(
    ([key, product]) => `<li><form method="post" action="/orders">${escape(product.title)}: ${uzs(product.price)}
      <input type="hidden" name="product" value="${escape(key)}"> <button>Buy</button></form></li>`,
  );
  return `<h1>Tea shop</h1><ul>${products.join('')}</ul>`;
}

function orderPage(view, note) {
  const { order, payment, cardFlow, receiptFlow, receipt, receiptAgain } = view;
  const status = payment?.status;
  const lines = order.lines.map((line) => `<li>${escape(line.title)} &times; ${line.count}: ${uzs(line.price)}</li>`);
  const parts = [`<h1>Order ${order.id}</h1>`, `<ul>${lines.join('')}</ul>`, `<p>Total: <strong>${uzs(order.amount)}</strong></p>`];
  if (note) parts.push(`<p class="${note.kind}">${escape(note.text)}</p>`);
  if (status === 'declined') parts.push('<p class="error">Your bank declined the card. You may try another card.</p>');
  if (status === 'failed') parts.push('<p class="error">The payment failed; nothing was charged. You may try again.</p>');
  if (status === 'uncertain') {
    parts.push(`<p class="error">We could not confirm whether your card was charged. Please contact us
      (payment ${escape(payment.externalId)}) before paying again.</p>`);
  }
  if (!payment || status === 'declined' || status === 'failed') {
    parts.push(`<form method="post" action="/orders/${order.id}/pay" autocomplete="off">
      <label>Card number <input name="pan" inputmode="numeric" autocomplete="cc-number" required></label>
      <label>Expiry (MMYY) <input name="expiry" inputmode="numeric" size="4" autocomplete="cc-exp" required></label>
      <button>Pay ${uzs(order.amount)}</button></form>`);
  } else if (status === 'pending' && cardFlow.status === AWAITING_CODE) {
    parts.push(`<form method="post" action="/orders/${order.id}/verify" autocomplete="off">
      <label>The code we sent by SMS <input name="code" inputmode="numeric" autocomplete="one-time-code" required></label>
      <button>Confirm</button> <small>Tries left: ${cardFlow.attemptsLeft}</small></form>
      <form method="post" action="/orders/${order.id}/resend"><button>Send me a new code</button></form>`);
  } else if (status === 'pending') {
    parts.push('<p>We are confirming your payment with the bank. Please reload this page in a minute.</p>');
  } else if (status === 'paid') {
    parts.push('<p class="info">Paid. Thank you!</p>');
    if (receipt) {
      parts.push(`<p>Fiscal receipt: <a href="${escape(receipt.receiptUrl)}">No. ${escape(receipt.receiptId)}</a></p>`);
    } else if (receiptAgain) {
      parts.push(`<p class="error">The fiscal receipt could not be registered yet (${escape(receiptFlow.error)}).</p>
        <form method="post" action="/orders/${order.id}/receipt"><button>Register the receipt again</button></form>`);
    } else if (receiptFlow?.status === FAILED) {
      parts.push(`<p class="error">The fiscal receipt was refused: ${escape(receiptFlow.error)}</p>`);
    } else {
      parts.push('<p>Your fiscal receipt is being registered.</p>');
    }
  }
  return page(`Order ${order.id}`, parts.join('\n'));
}

function page(title, body) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>body { font: 16px/1.5 system-ui, sans-serif; max-width: 40em; margin: 2em auto; padding: 0 1em }
label { display: block; margin: .5em 0 } .error { color: #a00 } .info { color: #060 }</style></head>
<body><p><a href="/">Tea shop</a></p>
${body}
</body></html>
`;
}

/** Tiyin as so'm: 1120000 -> "11,200.00 UZS" (exact, bigints too). */
function uzs(tiyin) {
  const digits = String(tiyin).padStart(3, '0');
  return `${digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${digits.slice(-2)} UZS`;
}

function escape(value) {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The posted form (application/x-www-form-urlencoded, at most 8 KiB). */
async function readForm(request) {
  let body = '';
  for await (const chunk of request.setEncoding('utf8')) {
    body += chunk;
    if (body.length > 8192) throw new ShopError('The form is too large.');
  }
  return new URLSearchParams(body);
}

/** Opens the shop, finishes what a stopped process left, and serves until SIGINT or SIGTERM. */
async function main() {
  let settings, shop;
  try {
    settings = settingsFromEnv();
    shop = await openShop(settings);
  } catch (error) {
    console.error(error.message); // another process owns the state, or a setting is missing
    process.exit(2);
  }
  for (const { flow, error } of await shop.resumeUnfinished()) {
    console.log(`resumed ${flow.flow} flow ${flow.id} of payment ${flow.paymentId}: ${flow.status}${error ? ` (${error.message})` : ''}`);
  }
  const server = shopServer(shop);
  const host = process.env.HOST ?? '127.0.0.1';
  server.listen(Number(process.env.PORT ?? 8000), host, () => {
    console.log(`tea shop on http://${host}:${server.address().port}/ (state in ${settings.dataDir})`);
  });
  const stop = () => server.close(() => shop.close().then(() => process.exit(0)));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
