package uz.uzpay.bench

import java.math.BigInteger
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import uz.uzpay.bench.reference.HttpRequest
import uz.uzpay.bench.reference.OfdReceiptUrl
import uz.uzpay.bench.reference.PaymentException
import uz.uzpay.bench.reference.RegisterReceiptOutput
import uz.uzpay.bench.reference.ViaTransaction

/*
 * The comparisons of tests/conformance/FORMAT.md, as uzpay's Kotlin runner makes them
 * (tests/conformance/kotlin/src/.../Compare.kt), and the reference's outputs in their
 * canonical JSON form (Outputs.kt there).
 */

class Mismatch(reason: String) : Exception(reason)

private fun JsonElement?.text(): String? = (this as? JsonPrimitive)?.takeIf { it.isString }?.content

/** `request`: method and URL exact, listed headers present (names case-insensitive), body JSON equal. */
fun checkRequest(want: JsonObject, got: HttpRequest) {
    want["method"].text()?.let { if (it != got.method.name) throw Mismatch("method: expected $it, got ${got.method.name}") }
    want["url"].text()?.let { if (it != got.url) throw Mismatch("url: expected $it, got ${got.url}") }
    (want["headers"] as? JsonObject)?.forEach { (name, value) ->
        val actual = got.header(name) ?: throw Mismatch("header $name: missing")
        if (actual != value.text()) throw Mismatch("header $name: a different value")
    }
    want["json"]?.let { json ->
        val body = try {
            Json.parseToJsonElement(got.body.decodeToString())
        } catch (e: Exception) {
            throw Mismatch("body is not JSON: ${e.message}")
        }
        if (!jsonEquals(json, body)) throw Mismatch("json: expected $json, got $body")
    }
}

/** `error`: only the keys given are checked. */
fun checkError(want: JsonObject, got: PaymentException) {
    fun fail(key: String): Nothing = throw Mismatch("error $key: expected ${want[key]}, got ${describe(got)}")
    want["kind"]?.let { if (it.text() != got.kind) fail("kind") }
    want["field"]?.let { if (!fieldMatches(it.text() ?: "", (got as? PaymentException.InvalidInput)?.field)) fail("field") }
    want["code"]?.let { code ->
        val text = code.text() ?: code.toString()
        if ((got as? PaymentException.ProviderError)?.code != text) fail("code")
    }
    want["retryable"]?.let { if ((it as JsonPrimitive).content.toBooleanStrict() != got.retryable) fail("retryable") }
    want["status"]?.let { status ->
        val actual = when (got) {
            is PaymentException.Http -> got.status
            is PaymentException.ProviderError -> got.status
            else -> null
        }
        if (actual == null || actual.toLong() != (status as JsonPrimitive).content.toLong()) fail("status")
    }
}

/** The actual path equals the expected one or continues it (`items[0]` matches `items[0].tin`, not `items[01]`). */
fun fieldMatches(want: String, got: String?): Boolean {
    if (got == null || !got.startsWith(want)) return false
    val rest = got.substring(want.length)
    return rest.isEmpty() || want.isEmpty() || rest.startsWith(".") || rest.startsWith("[")
}

fun describe(e: PaymentException): String {
    val field = (e as? PaymentException.InvalidInput)?.field
    val code = (e as? PaymentException.ProviderError)?.code
    return "${e.kind} (field $field, code $code, retryable ${e.retryable}): ${e.message}"
}

/** Subset match: every key given is present and equal (recursively); arrays have the same length. */
fun subset(want: JsonElement, got: JsonElement, path: String) {
    when {
        want is JsonObject && got is JsonObject -> want.forEach { (k, v) ->
            val actual = got[k] ?: throw Mismatch("$path.$k: missing")
            subset(v, actual, "$path.$k")
        }
        want is JsonArray && got is JsonArray -> {
            if (want.size != got.size) throw Mismatch("$path: expected ${want.size} elements, got ${got.size}")
            for (i in want.indices) subset(want[i], got[i], "$path[$i]")
        }
        !jsonEquals(want, got) -> throw Mismatch("$path: expected $want, got $got")
    }
}

// Canonical outputs: snake_case names, enumerations as the provider's wire string, absent values as null.

private fun value(v: Any?): JsonElement = when (v) {
    null -> JsonNull
    is JsonElement -> v
    is String -> JsonPrimitive(v)
    is Boolean -> JsonPrimitive(v)
    is Number -> JsonPrimitive(v)
    is ULong -> JsonPrimitive(BigInteger(v.toString()))
    else -> JsonPrimitive(v.toString()) // provider enumerations: their wire string
}

fun obj(vararg fields: Pair<String, Any?>): JsonObject = JsonObject(fields.associate { (k, v) -> k to value(v) })

fun output(o: RegisterReceiptOutput) = obj(
    "receipt_url" to o.receiptUrl, "terminal_id" to o.terminalId, "receipt_id" to o.receiptId,
    "fiscal_sign" to o.fiscalSign,
)

fun output(o: ViaTransaction) = obj(
    "transaction_id" to o.transactionId, "processing_transaction_id" to o.processingTransactionId,
    "merchant_id" to o.merchantId, "amount" to o.amount, "created_at" to o.createdAt, "payed_at" to o.payedAt,
    "status" to o.status, "fee" to o.fee, "fee_percent" to o.feePercent, "currency" to o.currency,
    "epos" to o.epos?.let { obj("merchant_id" to it.merchantId, "terminal_id" to it.terminalId) },
    "error_code" to o.errorCode, "error_message" to o.errorMessage, "refunded_amount" to o.refundedAmount,
    "process" to o.process,
)

fun output(r: OfdReceiptUrl) = obj(
    "kind" to r.kind.name.lowercase(), "terminal_id" to r.terminalId, "receipt_number" to r.receiptNumber,
    "date_time" to r.dateTime.toString(), "fiscal_sign" to r.fiscalSign, "url" to r.toString(),
)
