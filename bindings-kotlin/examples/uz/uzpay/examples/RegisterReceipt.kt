package uz.uzpay.examples

import uz.uzpay.JdkTransport
import uz.uzpay.PaylovFiscalizationFlow
import uz.uzpay.Transport
import uz.uzpay.UzpayException
import uz.uzpay.model.PaylovConfig
import uz.uzpay.model.ReceiptItem
import uz.uzpay.model.RegisterReceiptInput
import uz.uzpay.retryable
import uz.uzpay.run

/**
 * The README's quick start: register the fiscal receipt of a card payment with Paylov
 * and return its OFD receipt URL (the QR code to print).
 *
 * The core's flow does the rest: a receipt that already exists (an earlier attempt
 * whose answer was lost) is read back, never registered twice; a 5xx is retried with
 * backoff. [save] gets the flow's snapshot after every event: store it, and
 * `PaylovFiscalizationFlow.restore(config, snapshot).resume()` goes on after a restart.
 */
fun registerReceipt(
    transport: Transport,
    config: PaylovConfig,
    transactionId: String,
    items: List<ReceiptItem>,
    save: ((String) -> Unit)? = null,
): String = PaylovFiscalizationFlow(config, RegisterReceiptInput(transactionId = transactionId, items = items))
    .use { flow -> flow.run(transport, save = save).receiptUrl }

/** The same call, with the decision a POS app makes on each kind of failure. */
fun registerOrExplain(transport: Transport = JdkTransport(), config: PaylovConfig, transactionId: String): String {
    val tea = ReceiptItem(
        title = "Green tea, 100 g",
        price = 1_120_000, // tiyin: 11,200.00 UZS, VAT included
        count = 1,
        code = "01902001001000000", // IKPU/MXIK, 17 digits
        vatPercent = 12,
        packageCode = "1437667",
        tin = "310100000",
    )
    return try {
        "receipt: " + registerReceipt(transport, config, transactionId, listOf(tea))
    } catch (e: UzpayException.InvalidInput) {
        "fix ${e.field}: ${e.reason}" // nothing was sent
    } catch (e: UzpayException) {
        // Retryable: starting the same flow again later cannot register twice.
        if (e.retryable) "try again later: $e" else "refused: $e"
    }
}
