package uz.uzpay.examples

import uz.uzpay.UzpayException
import uz.uzpay.buildReceiptStatus
import uz.uzpay.buildRegisterReceipt
import uz.uzpay.model.PaylovConfig
import uz.uzpay.model.ReceiptItem
import uz.uzpay.model.ReceiptStatusInput
import uz.uzpay.model.RegisterReceiptInput
import uz.uzpay.parseReceiptStatus
import uz.uzpay.parseRegisterReceipt
import uz.uzpay.retryable

/**
 * The README's quick start: register the fiscal receipt of a card payment with Paylov
 * and return its OFD receipt URL (the QR code to print).
 *
 * `ofd_check_already_generated` means the receipt exists (an earlier attempt whose
 * answer was lost): it is read back, never registered twice. A retryable error
 * (`ofd_error`, a 5xx) is for the caller to try again later.
 */
fun registerReceipt(
    transport: JdkHttpTransport,
    config: PaylovConfig,
    transactionId: String,
    items: List<ReceiptItem>,
): String {
    val request = buildRegisterReceipt(config, RegisterReceiptInput(transactionId = transactionId, items = items))
    return try {
        parseRegisterReceipt(transport.send(request)).receiptUrl
    } catch (e: UzpayException.Provider) {
        if (e.code != "ofd_check_already_generated") throw e
        val status = buildReceiptStatus(config, ReceiptStatusInput(transactionId = transactionId))
        parseReceiptStatus(transport.send(status)).receiptUrl ?: throw e
    }
}

/** The same call, with the decision a POS app makes on each kind of failure. */
fun registerOrExplain(transport: JdkHttpTransport, config: PaylovConfig, transactionId: String): String {
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
        if (e.retryable) "try again later: $e" else "refused: $e"
    }
}
