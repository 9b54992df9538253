package uz.uzpay.examples

import uz.uzpay.FiscalBoxPaymentFlow
import uz.uzpay.JdkTransport
import uz.uzpay.Transport
import uz.uzpay.UzpayException
import uz.uzpay.model.FiscalBoxConfig
import uz.uzpay.model.FiscalBoxPaymentInput
import uz.uzpay.model.FiscalBoxPaymentOutcome
import uz.uzpay.model.Wallet
import uz.uzpay.retryable
import uz.uzpay.run

/**
 * A POS app takes a Click payment through FiscalBox and attaches the fiscal receipt:
 * the core's flow charges the customer's QR, then attaches the OFD receipt URL.
 *
 * A charge is never repeated blind: when its answer is lost, the flow stops with
 * `UzpayException.Transport` (not retryable: the customer may have been charged; check
 * the payment before charging again). Attaching the receipt is retried, since it
 * cannot happen twice. [save] receives the flow's snapshot before each request.
 */
fun takeClickPayment(
    qr: String,
    amountTiyin: Long,
    receiptUrl: String,
    transport: Transport = JdkTransport(),
    config: FiscalBoxConfig = FiscalBoxConfig(),
    save: ((String) -> Unit)? = null,
): FiscalBoxPaymentOutcome {
    val input = FiscalBoxPaymentInput(wallet = Wallet.CLICK, amount = amountTiyin.toULong(), paymentQr = qr, receiptUrl = receiptUrl)
    return FiscalBoxPaymentFlow(config, input).use { flow -> flow.run(transport, save = save) }
}

/** What the cashier sees. */
fun chargeOrExplain(qr: String, amountTiyin: Long, receiptUrl: String, transport: Transport = JdkTransport()): String = try {
    val paid = takeClickPayment(qr, amountTiyin, receiptUrl, transport)
    "paid: payment ${paid.paymentId}, receipt attached"
} catch (e: UzpayException.InvalidInput) {
    "fix ${e.field}: ${e.reason}"
} catch (e: UzpayException.Transport) {
    if (e.retryable) "not charged, try again: $e" else "check the payment before charging again: $e"
} catch (e: UzpayException) {
    if (e.retryable) "try again: $e" else "refused: $e"
}
