// The shop's one place that talks to the providers, through uzpay's flows: a VIA card
// payment (card, SMS code, a new code on request), then the order's fiscal receipt
// with Paylov.
//
// It starts a flow, hands it what the customer typed (the card, the code), stores every
// snapshot before the next request leaves, and records where the flow stopped. Every
// retry, every lookup after a lost answer and every "did that charge go through?" is
// the flow's own decision (uzpay's core): nothing here sends a request again by itself,
// whatever the error. A person may start a new flow (another card, the receipt once
// more) when the last one failed and uzpay said that is safe.
//
// The card number and the SMS code live only in memory, for the request that carries
// them: snapshots leave them out. Credentials stay in the settings.

import { randomUUID } from 'node:crypto';
import { buildRegisterReceipt, PaylovFiscalizationFlow, receiptTotals, send, UzpayError, ViaCardPaymentFlow } from 'uzpay';
import { PRODUCTS } from './catalogue.mjs';
import { Store } from './store.mjs';

// A saved flow's status. `running`: a process is driving it, or died driving it (then
// `resumeUnfinished()` finishes it).
export const RUNNING = 'running';
export const AWAITING_CODE = 'awaiting_code';
export const DONE = 'done';
export const FAILED = 'failed';

const CARD_PAYMENT = ViaCardPaymentFlow.flowName; // 'via.card_payment'
const RECEIPT = PaylovFiscalizationFlow.flowName; // 'paylov.fiscalization'

/** What the customer asked cannot be done now (the shop's own refusals, not uzpay's). */
export class ShopError extends Error {}

/**
 * The shop on the state in `settings.dataDir` (see settings.mjs). `options.send` sends
 * one request (default: uzpay's `send` with fetch and `settings.timeoutMs`).
 */
export async function openShop(settings, options = {}) {
  return new Shop(await Store.open(settings.dataDir), settings, options.send);
}

export class Shop {
  constructor(store, settings, sendOne) {
    this.store = store;
    this.settings = settings;
    this.send = sendOne ?? ((request) => send(request, fetch, { timeoutMs: settings.timeoutMs }));
  }

  close() {
    return this.store.close();
  }

  // Orders.

  async createOrder(productKey) {
    const product = Object.hasOwn(PRODUCTS, productKey) ? PRODUCTS[productKey] : undefined;
    if (!product) throw new ShopError('No such product.');
    const lines = [{ ...product, count: 1 }];
    // What to charge: the receipt's total as uzpay computes it, so that the payment and
    // its receipt can never disagree by a rounding.
    const amount = receiptTotals(this.#items(lines)).total;
    const order = this.store.add('orders', { createdAt: now(), lines, amount });
    await this.store.write();
    return order;
  }

  /** Everything the order's page shows, or undefined. */
  orderView(orderId) {
    const order = this.store.find('orders', (o) => o.id === orderId);
    if (!order) return undefined;
    const payment = this.#latestPayment(order.id);
    const flows = payment ? this.store.filter('flows', (f) => f.paymentId === payment.id) : [];
    return {
      order,
      payment,
      cardFlow: flows.find((f) => f.flow === CARD_PAYMENT),
      receiptFlow: flows.filter((f) => f.flow === RECEIPT).at(-1),
      receipt: payment && this.store.find('receipts', (r) => r.paymentId === payment.id),
      receiptAgain: payment !== undefined && this.#canRegisterReceiptAgain(payment),
    };
  }

  // The customer's steps: pay, give the code (or ask for a new one), get the receipt.

  /**
   * Starts a card payment for the order: VIA texts the card holder a code. A card VIA
   * would refuse throws an `invalid_input` UzpayError (naming the field) before anything
   * is stored or sent; any other UzpayError is recorded on the payment, then thrown.
   * Gives the flow's end: `awaitVerifyCode`, or `done` when VIA needed no code.
   */
  async payByCard(orderId, pan, expiry) {
    const order = this.store.find('orders', (o) => o.id === orderId);
    if (!order) throw new ShopError('No such order.');
    const latest = this.#latestPayment(order.id);
    if (latest && latest.status !== 'declined' && latest.status !== 'failed') {
      // Paid, under way, or uncertain: a second payment could charge the card twice.
      throw new ShopError('This order already has a payment.');
    }
    // A new external id per try: VIA looks a lost payment up by it, never charges twice.
    const externalId = randomUUID();
    const flow = new ViaCardPaymentFlow(this.settings.via, {
      merchantId: this.settings.viaMerchantId,
      card: { pan, expiry },
      externalId,
      amount: order.amount,
      note: `Order ${order.id}`,
    });
    // The receipt's lines are checked now, before money moves (built, not sent): a paid
    // order whose receipt uzpay refuses would need a person.
    buildRegisterReceipt(this.settings.paylov, { transactionId: externalId, items: this.#items(order.lines) });
    const payment = this.store.add('payments', {
      orderId: order.id,
      externalId,
      amount: order.amount,
      status: 'pending', // then paid, declined, failed or uncertain
      transactionId: null, // VIA's, once VIA has started the payment
      error: null,
      createdAt: now(),
    });
    const [saved, action] = this.#startFlow(payment, flow);
    await this.store.write(); // the first snapshot is on disk before the request leaves
    return this.#goOn(saved, flow, action);
  }

  /** Confirms the payment with the SMS code: `done` (paid or declined), or `awaitVerifyCode` with the tries left. */
  provideCode(orderId, code) {
    return this.#goOnWaiting(orderId, (flow) => flow.provideVerifyCode(code));
  }

  /** Has VIA text the card holder a new code (the old one stops working). */
  resendCode(orderId) {
    return this.#goOnWaiting(orderId, (flow) => flow.resendCode());
  }

  /**
   * A person's new try at the receipt of a paid order whose last receipt flow failed
   * with an error uzpay calls retryable (Paylov was down, say). The shop never does this
   * by itself. Paylov makes one receipt per payment and the flow reads an existing one
   * back, so a new try never doubles it.
   */
  async registerReceiptAgain(orderId) {
    const payment = this.#latestPayment(orderId);
    if (!payment || !this.#canRegisterReceiptAgain(payment)) throw new ShopError('The receipt cannot be registered again now.');
    const flow = this.#receiptFlow(payment);
    const [saved, action] = this.#startFlow(payment, flow);
    await this.store.write();
    return this.#goOn(saved, flow, action);
  }

  /**
   * Goes on with every flow a stopped process left unfinished: restores it from its
   * snapshot, resumes it (a request that was in flight counts as possibly arrived, so
   * the flow looks it up or reads it back, never repeats it blind) and runs it as far
   * as it goes. A payment waiting for its code stays waiting: only the card holder has
   * the code. Call it before serving, while no request drives a flow. Gives each flow's
   * record with the error it ended with, if any.
   */
  async resumeUnfinished() {
    const results = [];
    for (const saved of this.store.filter('flows', (f) => f.status === RUNNING || f.status === AWAITING_CODE)) {
      try {
        let flow, action;
        try {
          flow =
            saved.flow === CARD_PAYMENT
              ? ViaCardPaymentFlow.restore(this.settings.via, saved.snapshot)
              : PaylovFiscalizationFlow.restore(this.settings.paylov, saved.snapshot);
          action = flow.resume();
        } catch (error) {
          // A snapshot that cannot go on, such as a card payment saved before it
          // started (the card is never saved): nothing was charged.
          if (error instanceof UzpayError) await this.#failed(saved, error, undefined);
          throw error;
        }
        if (action.type === 'awaitVerifyCode' && saved.status === AWAITING_CODE) {
          results.push({ flow: saved }); // still waiting for the card holder: nothing to do
          continue;
        }
        saved.status = RUNNING;
        await this.#goOn(saved, flow, action);
        results.push({ flow: saved });
      } catch (error) {
        if (!(error instanceof UzpayError)) throw error;
        results.push({ flow: saved, error }); // recorded on the flow (and its payment)
      }
    }
    return results;
  }

  // Driving a flow and recording where it stopped.

  /** Starts `flow` (no I/O: it gives the first request) and adds its record. */
  #startFlow(payment, flow) {
    const action = flow.start();
    const saved = this.store.add('flows', {
      paymentId: payment.id,
      flow: flow.constructor.flowName,
      status: RUNNING,
      snapshot: flow.snapshot(),
      attemptsLeft: null, // a card payment waiting for its code: wrong codes it still takes
      error: null, // how a failed flow ended (uzpay's message)
      retryable: null, // and whether uzpay said starting the same work again is safe
      updatedAt: now(),
    });
    return [saved, action];
  }

  /** Takes the order's flow that waits for its code, restores it, gives it `event` and runs it on. */
  async #goOnWaiting(orderId, event) {
    const payment = this.#latestPayment(orderId);
    const saved = payment && this.store.find('flows', (f) => f.paymentId === payment.id && f.flow === CARD_PAYMENT && f.status === AWAITING_CODE);
    if (!saved) throw new ShopError('This payment is not waiting for a code.');
    saved.status = RUNNING; // taken: a second request (a double click) finds it busy
    let flow, action;
    try {
      flow = ViaCardPaymentFlow.restore(this.settings.via, saved.snapshot);
      action = event(flow);
    } catch (error) {
      saved.status = AWAITING_CODE; // refused before anything was sent (a malformed code): still waiting
      throw error;
    }
    return this.#goOn(saved, flow, action);
  }

  /** Runs `flow` from `action` until it is done or waits for a code, saving every snapshot before the next request leaves. */
  async #goOn(saved, flow, action) {
    const save = async (snapshot) => {
      if (snapshot === saved.snapshot) return;
      saved.snapshot = snapshot;
      saved.updatedAt = now();
      await this.store.write();
    };
    let end;
    try {
      end = await flow.run({ send: this.send, action, save });
    } catch (error) {
      // Anything else (the disk is full) leaves the flow `running`, its last snapshot
      // saved: resumeUnfinished() goes on from there.
      if (error instanceof UzpayError) await this.#failed(saved, error, flow);
      throw error;
    }
    if (saved.flow === RECEIPT) await this.#receiptRegistered(saved, end.outcome);
    else await this.#cardPaymentStopped(saved, end);
    return end;
  }

  async #cardPaymentStopped(saved, end) {
    const payment = this.#payment(saved.paymentId);
    saved.updatedAt = now();
    if (end.type === 'awaitVerifyCode') {
      payment.transactionId = end.verifyId;
      saved.status = AWAITING_CODE;
      saved.attemptsLeft = end.attemptsLeft;
      await this.store.write();
      return;
    }
    const { transaction, paid } = end.outcome;
    payment.transactionId = transaction.transactionId;
    // REJECT or ERROR is the bank's answer, not an error: the call worked, the card did not.
    payment.status = paid ? 'paid' : 'declined';
    saved.status = DONE;
    saved.attemptsLeft = null;
    if (!paid) return this.store.write();
    // Written with "paid" in one write: if the process dies before the receipt is
    // registered, resumeUnfinished() finds this flow and registers it.
    const flow = this.#receiptFlow(payment);
    const [receipt, action] = this.#startFlow(payment, flow);
    await this.store.write();
    try {
      await this.#goOn(receipt, flow, action);
    } catch (error) {
      if (!(error instanceof UzpayError)) throw error; // recorded on the receipt's flow; the payment went through
    }
  }

  #receiptFlow(payment) {
    // Paylov's card form takes the payment's transaction id (here VIA's). For a payment
    // Paylov did not process, your contract may call for its cash form instead
    // (externalId and phoneNumber): ask Paylov.
    const order = this.store.find('orders', (o) => o.id === payment.orderId);
    return new PaylovFiscalizationFlow(this.settings.paylov, { transactionId: payment.transactionId, items: this.#items(order.lines) });
  }

  async #receiptRegistered(saved, receipt) {
    // Replaced if there is one: a process that died between the flow's last save and
    // this write left the flow running, and resuming it gives its outcome again.
    const fields = { receiptId: receipt.receiptId, receiptUrl: receipt.receiptUrl, terminalId: receipt.terminalId, fiscalSign: receipt.fiscalSign };
    const existing = this.store.find('receipts', (r) => r.paymentId === saved.paymentId);
    if (existing) Object.assign(existing, fields);
    else this.store.add('receipts', { paymentId: saved.paymentId, ...fields, createdAt: now() });
    saved.status = DONE;
    saved.updatedAt = now();
    await this.store.write();
  }

  /**
   * Records how a flow's run ended in an error. Most errors end the flow; a resend VIA
   * refused leaves it waiting for the code, which only `resume()` tells.
   */
  async #failed(saved, error, flow) {
    let waiting;
    if (flow) {
      saved.snapshot = flow.snapshot();
      try {
        waiting = flow.resume();
      } catch {
        // the flow has ended
      }
    }
    saved.status = waiting?.type === 'awaitVerifyCode' ? AWAITING_CODE : FAILED;
    if (saved.status === AWAITING_CODE) saved.attemptsLeft = waiting.attemptsLeft;
    saved.error = error.message;
    saved.retryable = error.retryable;
    saved.updatedAt = now();
    const payment = this.#payment(saved.paymentId);
    if (saved.flow === CARD_PAYMENT && saved.status === FAILED) {
      payment.status = mayBeCharged(payment, error) ? 'uncertain' : 'failed';
      payment.error = error.message;
    }
    await this.store.write();
  }

  #canRegisterReceiptAgain(payment) {
    const last = this.store.filter('flows', (f) => f.paymentId === payment.id && f.flow === RECEIPT).at(-1);
    const receipt = this.store.find('receipts', (r) => r.paymentId === payment.id);
    return payment.status === 'paid' && !receipt && last?.status === FAILED && last.retryable === true;
  }

  #latestPayment(orderId) {
    return this.store.filter('payments', (p) => p.orderId === orderId).at(-1);
  }

  #payment(id) {
    return this.store.find('payments', (p) => p.id === id);
  }

  /** The order's lines as uzpay receipt items, the shop as the seller. */
  #items(lines) {
    const tin = this.settings.tin;
    return lines.map(({ title, price, count, code, packageCode, vatPercent }) => ({ title, price, count, code, packageCode, vatPercent, tin }));
  }
}

/**
 * Whether VIA may have charged a payment whose flow failed. VIA charges only a payment
 * it started (it gave a verify id) and whose code it took. A refusal (a provider error)
 * or a bad input is an answer: nothing charged. A flow that gave up without any answer
 * it could read, and that uzpay says must not simply be started again, may have been.
 * Take no second payment for the order before someone looks it up at VIA by its
 * external id.
 */
function mayBeCharged(payment, error) {
  return Boolean(payment.transactionId) && error.kind !== 'provider' && error.kind !== 'invalid_input' && !error.retryable;
}

function now() {
  return new Date().toISOString();
}
