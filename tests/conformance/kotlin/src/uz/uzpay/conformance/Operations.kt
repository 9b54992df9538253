package uz.uzpay.conformance

import com.fasterxml.jackson.databind.JsonNode
import uz.uzpay.HttpRequest
import uz.uzpay.HttpResponse
import uz.uzpay.buildAnorConfirm
import uz.uzpay.buildAnorPayment
import uz.uzpay.buildAuthToken
import uz.uzpay.buildClickConfirm
import uz.uzpay.buildClickPayment
import uz.uzpay.buildConfirmPay
import uz.uzpay.buildConfirmPayVerify
import uz.uzpay.buildCreatePayin
import uz.uzpay.buildDealStatus
import uz.uzpay.buildGetTransaction
import uz.uzpay.buildPayinCredentials
import uz.uzpay.buildReceiptStatus
import uz.uzpay.buildReceiptUrl
import uz.uzpay.buildRefreshToken
import uz.uzpay.buildRefundReceipt
import uz.uzpay.buildRegisterReceipt
import uz.uzpay.buildResendCode
import uz.uzpay.model.OfdReceiptKind
import uz.uzpay.model.OfdReceiptUrl
import uz.uzpay.parseAnorConfirm
import uz.uzpay.parseAnorPayment
import uz.uzpay.parseAuthToken
import uz.uzpay.parseClickConfirm
import uz.uzpay.parseClickPayment
import uz.uzpay.parseConfirmPay
import uz.uzpay.parseConfirmPayVerify
import uz.uzpay.parseCreatePayin
import uz.uzpay.parseDealStatus
import uz.uzpay.parseGetTransaction
import uz.uzpay.parseOfdDateTime
import uz.uzpay.parsePayinCredentials
import uz.uzpay.parseReceiptStatus
import uz.uzpay.parseReceiptUrl
import uz.uzpay.parseRefreshToken
import uz.uzpay.parseRefundReceipt
import uz.uzpay.parseRegisterReceipt
import uz.uzpay.parseResendCode
import uz.uzpay.receiptTotals

/** An operation as the runner drives it: JSON config and input in, a request out; a response in, canonical JSON out. */
internal class Op(
    val build: (config: JsonNode?, input: JsonNode) -> HttpRequest,
    val parse: (HttpResponse) -> JsonNode,
)

/** Every operation by its canonical name, each through the typed Kotlin API (`buildX`, `parseX`). */
internal val OPS: Map<String, Op> = mapOf(
    "fiscalbox.click_payment" to Op(
        { c, i -> buildClickPayment(fiscalBoxConfig(c), clickPaymentInput(i)) }, { output(parseClickPayment(it)) }),
    "fiscalbox.click_confirm" to Op(
        { c, i -> buildClickConfirm(fiscalBoxConfig(c), clickConfirmInput(i)) }, { output(parseClickConfirm(it)) }),
    "fiscalbox.anor_payment" to Op(
        { c, i -> buildAnorPayment(fiscalBoxConfig(c), anorPaymentInput(i)) }, { output(parseAnorPayment(it)) }),
    "fiscalbox.anor_confirm" to Op(
        { c, i -> buildAnorConfirm(fiscalBoxConfig(c), anorConfirmInput(i)) }, { output(parseAnorConfirm(it)) }),
    "paylov.register_receipt" to Op(
        { c, i -> buildRegisterReceipt(paylovConfig(c), registerReceiptInput(i)) },
        { output(parseRegisterReceipt(it)) }),
    "paylov.receipt_status" to Op(
        { c, i -> buildReceiptStatus(paylovConfig(c), receiptStatusInput(i)) }, { output(parseReceiptStatus(it)) }),
    "paylov.refund_receipt" to Op(
        { c, i -> buildRefundReceipt(paylovConfig(c), refundReceiptInput(i)) }, { output(parseRefundReceipt(it)) }),
    "paymentsgate.auth_token" to Op(
        { c, i -> buildAuthToken(paymentsGateConfig(c), authTokenInput(i)) }, { output(parseAuthToken(it)) }),
    "paymentsgate.refresh_token" to Op(
        { c, i -> buildRefreshToken(paymentsGateConfig(c), refreshTokenInput(i)) }, { output(parseRefreshToken(it)) }),
    "paymentsgate.create_payin" to Op(
        { c, i -> buildCreatePayin(paymentsGateConfig(c), createPayinInput(i)) }, { output(parseCreatePayin(it)) }),
    "paymentsgate.payin_credentials" to Op(
        { c, i -> buildPayinCredentials(paymentsGateConfig(c), payinCredentialsInput(i)) },
        { output(parsePayinCredentials(it)) }),
    "paymentsgate.deal_status" to Op(
        { c, i -> buildDealStatus(paymentsGateConfig(c), dealStatusInput(i)) }, { output(parseDealStatus(it)) }),
    "via.confirm_pay" to Op(
        { c, i -> buildConfirmPay(viaConfig(c), confirmPayInput(i)) }, { output(parseConfirmPay(it)) }),
    "via.confirm_pay_verify" to Op(
        { c, i -> buildConfirmPayVerify(viaConfig(c), confirmPayVerifyInput(i)) },
        { output(parseConfirmPayVerify(it)) }),
    "via.resend_code" to Op(
        { c, i -> buildResendCode(viaConfig(c), resendCodeInput(i)) }, { output(parseResendCode(it)) }),
    "via.get_transaction" to Op(
        { c, i -> buildGetTransaction(viaConfig(c), getTransactionInput(i)) }, { output(parseGetTransaction(it)) }),
)

/** The compute cases (tests/conformance/README.md): functions with no HTTP. */
internal val COMPUTE: Map<String, (JsonNode) -> JsonNode> = mapOf(
    "ofd.parse_receipt_url" to { input ->
        val url = input.get("url")?.takeIf { it.isTextual }?.textValue() ?: refuse("url", "must be a string")
        output(parseReceiptUrl(url))
    },
    "ofd.build_receipt_url" to { input ->
        fun text(key: String) = input.get(key)?.takeIf { it.isTextual }?.textValue() ?: ""
        val kind = when (text("kind")) {
            "", "check" -> OfdReceiptKind.CHECK
            "epi" -> OfdReceiptKind.EPI
            else -> refuse("kind", "must be check or epi")
        }
        val number = input.get("receipt_number")?.takeIf { it.isIntegralNumber && it.bigIntegerValue().signum() >= 0 }
            ?: refuse("receipt_number", "must be a whole number")
        val receipt = OfdReceiptUrl(
            kind = kind,
            terminalId = text("terminal_id"),
            receiptNumber = number.bigIntegerValue().toULongExact(),
            dateTime = parseOfdDateTime(text("date_time")),
            fiscalSign = text("fiscal_sign"),
        )
        obj("url" to buildReceiptUrl(receipt))
    },
    "receipt.totals" to { input -> output(receiptTotals(items(Obj(input, "", setOf("items"))))) },
)
