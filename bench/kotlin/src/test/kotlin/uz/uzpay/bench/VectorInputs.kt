package uz.uzpay.bench

import java.math.BigInteger
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import uz.uzpay.bench.reference.ConfirmPayVerifyInput
import uz.uzpay.bench.reference.PaylovConfig
import uz.uzpay.bench.reference.PaymentException
import uz.uzpay.bench.reference.ReceiptItem
import uz.uzpay.bench.reference.RegisterReceiptInput
import uz.uzpay.bench.reference.ViaConfig

/*
 * A vector's snake_case JSON as the reference's typed Kotlin values, mirroring
 * tests/conformance/kotlin/src/.../Json.kt and Inputs.kt (uzpay's Kotlin runner): a
 * wrong JSON type, a missing field or an unknown key cannot reach a typed Kotlin call,
 * so it is refused here with the field path the core's JSON decoder gives, and the
 * vector's expectation is checked against that refusal. Amounts that fit a Long go to
 * the reference as they are (a negative one included: the reference refuses it); an
 * amount above Long.MAX_VALUE cannot be written in the reference's Long money at all
 * (uzpay's runner takes it through the ULong constructors), so the case is skipped.
 */

/** The input cannot be expressed in the reference's typed API. */
class NotExpressible(reason: String) : Exception(reason)

private val U64_MAX: BigInteger = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)
private val LONG_MAX: BigInteger = BigInteger.valueOf(Long.MAX_VALUE)
private val U32_MAX: BigInteger = BigInteger.valueOf(0xFFFF_FFFFL)
private val INTEGER = Regex("-?[0-9]+")

fun refuse(field: String, reason: String): Nothing = throw PaymentException.InvalidInput(field, reason)

fun join(parent: String, key: String): String = if (parent.isEmpty()) key else "$parent.$key"

/** One JSON object of a known shape: unknown keys are refused first, then each field is read by its accessor. */
class Obj(private val node: JsonElement?, private val path: String, known: Set<String>) {
    init {
        if (node != null && node !is JsonNull) {
            if (node !is JsonObject) refuse(path, "must be an object")
            node.keys.forEach { key -> if (key !in known) refuse(join(path, key), "is not a known field") }
        }
    }

    private fun value(key: String): JsonElement? = (node as? JsonObject)?.get(key)?.takeUnless { it is JsonNull }

    fun at(key: String): String = join(path, key)

    fun optStr(key: String): String? {
        val v = value(key) ?: return null
        if (v !is JsonPrimitive || !v.isString) refuse(at(key), "must be a string")
        return v.content
    }

    fun str(key: String): String = optStr(key) ?: refuse(at(key), "is required")

    fun bool(key: String, default: Boolean): Boolean {
        val v = value(key) ?: return default
        if (v !is JsonPrimitive || v.isString || (v.content != "true" && v.content != "false")) {
            refuse(at(key), "must be true or false")
        }
        return v.content == "true"
    }

    private fun integral(key: String, words: String): BigInteger? {
        val v = value(key) ?: return null
        if (v !is JsonPrimitive || v.isString || !INTEGER.matches(v.content)) refuse(at(key), "must be $words")
        return BigInteger(v.content)
    }

    /** An unsigned 64-bit number as written, negative included (the reference refuses a negative amount itself). */
    fun u64Raw(key: String): BigInteger? {
        val n = integral(key, "a whole number, zero or more") ?: return null
        if (n > U64_MAX) refuse(at(key), "is out of range")
        return n
    }

    /** A u32 (a percentage): negative and out-of-range values are refused as the core's decoder does. */
    fun u32(key: String): BigInteger? {
        val n = integral(key, "a whole number, zero or more") ?: return null
        if (n.signum() < 0) refuse(at(key), "must not be negative")
        if (n > U32_MAX) refuse(at(key), "is out of range")
        return n
    }

    fun <T> list(key: String, item: (JsonElement, String) -> T): List<T>? {
        val v = value(key) ?: return null
        if (v !is JsonArray) refuse(at(key), "must be a list")
        return v.mapIndexed { i, element -> item(element, "${at(key)}[$i]") }
    }
}

private fun BigInteger.toLongOrSkip(field: String): Long {
    if (this > LONG_MAX) throw NotExpressible("$field = $this does not fit the reference's Long tiyin")
    return toLong()
}

fun paylovConfig(json: JsonElement?): PaylovConfig {
    val o = Obj(json, "", setOf("base_url", "api_key", "use_deprecated_register_path"))
    val apiKey = o.str("api_key")
    val deprecatedPath = o.bool("use_deprecated_register_path", false)
    return o.optStr("base_url")
        ?.let { PaylovConfig(baseUrl = it, apiKey = apiKey, useDeprecatedRegisterPath = deprecatedPath) }
        ?: PaylovConfig(apiKey = apiKey, useDeprecatedRegisterPath = deprecatedPath)
}

fun viaConfig(json: JsonElement?): ViaConfig {
    val o = Obj(json, "", setOf("base_url", "client_id", "client_secret"))
    return ViaConfig(baseUrl = o.str("base_url"), clientId = o.str("client_id"), clientSecret = o.str("client_secret"))
}

private val ITEM_KEYS =
    setOf("title", "price", "discount", "count", "code", "vat_percent", "package_code", "pinfl", "tin")

fun receiptItem(json: JsonElement, path: String): ReceiptItem {
    val o = Obj(json, path, ITEM_KEYS)
    val title = o.str("title")
    val price = o.u64Raw("price") ?: refuse(o.at("price"), "is required")
    val discount = o.u64Raw("discount") ?: BigInteger.ZERO
    val count = o.u64Raw("count") ?: refuse(o.at("count"), "is required")
    val code = o.str("code")
    val vatPercent = o.u32("vat_percent") ?: refuse(o.at("vat_percent"), "is required")
    val packageCode = o.str("package_code")
    val pinfl = o.optStr("pinfl")
    val tin = o.optStr("tin")
    if (vatPercent > BigInteger.valueOf(Int.MAX_VALUE.toLong())) {
        throw NotExpressible("${o.at("vat_percent")} = $vatPercent does not fit the reference's Int")
    }
    return ReceiptItem(
        title = title, price = price.toLongOrSkip(o.at("price")), discount = discount.toLongOrSkip(o.at("discount")),
        count = count.toLongOrSkip(o.at("count")), code = code, vatPercent = vatPercent.toInt(),
        packageCode = packageCode, pinfl = pinfl, tin = tin,
    )
}

fun registerReceiptInput(json: JsonElement): RegisterReceiptInput {
    val o = Obj(json, "", setOf("transaction_id", "external_id", "phone_number", "items"))
    return RegisterReceiptInput(
        transactionId = o.optStr("transaction_id"),
        externalId = o.optStr("external_id"),
        phoneNumber = o.optStr("phone_number"),
        items = o.list("items", ::receiptItem) ?: refuse("items", "is required"),
    )
}

fun confirmPayVerifyInput(json: JsonElement): ConfirmPayVerifyInput {
    val o = Obj(json, "", setOf("verify_id", "verify_code"))
    return ConfirmPayVerifyInput(verifyId = o.str("verify_id"), verifyCode = o.str("verify_code"))
}
