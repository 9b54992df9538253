package uz.uzpay.bench

import java.math.BigDecimal
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import uz.uzpay.bench.reference.HttpRequest as RefRequest
import uz.uzpay.HttpRequest as UzRequest

/*
 * Both sides give the same answers on the workload: requests equal (method, URL,
 * headers in order, the body as parsed JSON and then byte for byte) and outputs equal
 * field by field. The
 * benchmark refuses to time two sides that disagree; the JUnit test asserts it.
 */

object Agreement {
    /** Every difference found, empty when both sides agree. */
    fun differences(w: Workload): List<String> {
        val out = mutableListOf<String>()
        fun same(what: String, uz: Any?, ref: Any?) {
            if (uz.toString() != ref.toString()) out += "$what: uzpay $uz, reference $ref"
        }

        // paylov_register
        requests("paylov_register", uz.uzpay.buildRegisterReceipt(w.uzPaylovConfig, w.uzRegisterInput),
            uz.uzpay.bench.reference.buildRegisterReceipt(w.refPaylovConfig, w.refRegisterInput), out)
        val uzReceipt = uz.uzpay.parseRegisterReceipt(w.uzRegisterResponse)
        val refReceipt = uz.uzpay.bench.reference.parseRegisterReceipt(w.refRegisterResponse)
        same("paylov_register receipt_url", uzReceipt.receiptUrl, refReceipt.receiptUrl)
        same("paylov_register terminal_id", uzReceipt.terminalId, refReceipt.terminalId)
        same("paylov_register receipt_id", uzReceipt.receiptId, refReceipt.receiptId)
        same("paylov_register fiscal_sign", uzReceipt.fiscalSign, refReceipt.fiscalSign)

        // via_verify
        requests("via_verify", uz.uzpay.buildConfirmPayVerify(w.uzViaConfig, w.uzVerifyInput),
            uz.uzpay.bench.reference.buildConfirmPayVerify(w.refViaConfig, w.refVerifyInput), out)
        val u = uz.uzpay.parseConfirmPayVerify(w.uzVerifyResponse)
        val r = uz.uzpay.bench.reference.parseConfirmPayVerify(w.refVerifyResponse)
        same("via_verify transaction_id", u.transactionId, r.transactionId)
        same("via_verify processing_transaction_id", u.processingTransactionId, r.processingTransactionId)
        same("via_verify merchant_id", u.merchantId, r.merchantId)
        same("via_verify amount", u.amount, r.amount)
        same("via_verify created_at", u.createdAt, r.createdAt)
        same("via_verify payed_at", u.payedAt, r.payedAt)
        same("via_verify status", u.status, r.status)
        same("via_verify fee", u.fee, r.fee)
        same("via_verify fee_percent", u.feePercent, r.feePercent)
        same("via_verify currency", u.currency, r.currency)
        same("via_verify epos.merchant_id", u.epos?.merchantId, r.epos?.merchantId)
        same("via_verify epos.terminal_id", u.epos?.terminalId, r.epos?.terminalId)
        same("via_verify error_code", u.errorCode, r.errorCode)
        same("via_verify error_message", u.errorMessage, r.errorMessage)
        same("via_verify refunded_amount", u.refundedAmount, r.refundedAmount)
        same("via_verify process", u.process, r.process)

        // ofd_parse
        val uo = uz.uzpay.parseReceiptUrl(w.ofdUrl)
        val ro = uz.uzpay.bench.reference.parseReceiptUrl(w.ofdUrl)
        same("ofd_parse kind", uo.kind.name, ro.kind.name)
        same("ofd_parse terminal_id", uo.terminalId, ro.terminalId)
        same("ofd_parse receipt_number", uo.receiptNumber, ro.receiptNumber)
        same("ofd_parse date_time", uo.dateTime, ro.dateTime)
        same("ofd_parse fiscal_sign", uo.fiscalSign, ro.fiscalSign)
        same("ofd_parse url", uo, ro)
        return out
    }

    private fun requests(what: String, uz: UzRequest, ref: RefRequest, out: MutableList<String>) {
        if (uz.method.name != ref.method.name) out += "$what method: uzpay ${uz.method}, reference ${ref.method}"
        if (uz.url != ref.url) out += "$what url: uzpay ${uz.url}, reference ${ref.url}"
        val uzHeaders = uz.headers.map { it.name to it.value }
        val refHeaders = ref.headers.map { it.name to it.value }
        if (uzHeaders != refHeaders) out += "$what headers: uzpay ${uz.headers}, reference ${ref.headers}"
        val uzBody = Json.parseToJsonElement(uz.body.decodeToString())
        val refBody = Json.parseToJsonElement(ref.body.decodeToString())
        if (!jsonEquals(uzBody, refBody)) out += "$what body: uzpay $uzBody, reference $refBody"
        // Both write compact JSON in the documented key order: the same bytes, too.
        else if (!uz.body.contentEquals(ref.body)) {
            out += "$what body bytes: uzpay ${uz.body.decodeToString()}, reference ${ref.body.decodeToString()}"
        }
    }
}

/** Exact JSON equality with key order free and numbers by value (`516` equals `516.0`). */
fun jsonEquals(a: JsonElement, b: JsonElement): Boolean = when {
    a is JsonObject && b is JsonObject -> a.size == b.size && a.all { (k, v) -> b[k]?.let { jsonEquals(v, it) } ?: false }
    a is JsonArray && b is JsonArray -> a.size == b.size && a.indices.all { jsonEquals(a[it], b[it]) }
    a is JsonNull || b is JsonNull -> a is JsonNull && b is JsonNull
    a is JsonPrimitive && b is JsonPrimitive && !a.isString && !b.isString &&
        a.content.toBigDecimalOrNull() != null && b.content.toBigDecimalOrNull() != null ->
        BigDecimal(a.content).compareTo(BigDecimal(b.content)) == 0
    else -> a == b
}
