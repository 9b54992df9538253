package uz.uzpay.conformance

import com.fasterxml.jackson.databind.JsonNode
import java.math.BigInteger
import uz.uzpay.UzpayException

/*
 * Reading a vector's snake_case JSON into the typed Kotlin API. In Kotlin a wrong type
 * or a missing field cannot reach uzpay (the compiler stops it), so the JSON shape is
 * checked here, where the core's JSON decoder would check it: the same field paths
 * (`items[0].titel`, `amount`) as `UzpayException.InvalidInput`, so the vectors'
 * expectations hold unchanged.
 */

private val U64_MAX: BigInteger = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)
private val LONG_MAX: BigInteger = BigInteger.valueOf(Long.MAX_VALUE)

internal fun refuse(field: String, reason: String): Nothing = throw UzpayException.InvalidInput(field, reason)

/** `parent.key` or `key`, as the core writes paths. */
internal fun join(parent: String, key: String): String = if (parent.isEmpty()) key else "$parent.$key"

/**
 * One JSON object of a known shape. Unknown keys are refused first (the core's
 * inputs and configs deny them), then each field is read by its accessor.
 */
internal class Obj(private val node: JsonNode?, private val path: String, known: Set<String>) {
    init {
        if (node != null && !node.isNull) {
            if (!node.isObject) refuse(path, "must be an object")
            node.fieldNames().forEach { key -> if (key !in known) refuse(join(path, key), "is not a known field") }
        }
    }

    private fun value(key: String): JsonNode? = node?.get(key)?.takeUnless { it.isNull }

    fun at(key: String): String = join(path, key)

    fun has(key: String): Boolean = value(key) != null

    /** The value of [key], unread (null when absent or null). */
    fun node(key: String): JsonNode? = value(key)

    fun optStr(key: String): String? {
        val v = value(key) ?: return null
        if (!v.isTextual) refuse(at(key), "must be a string")
        return v.textValue()
    }

    fun str(key: String): String = optStr(key) ?: refuse(at(key), "is required")

    fun bool(key: String, default: Boolean): Boolean {
        val v = value(key) ?: return default
        if (!v.isBoolean) refuse(at(key), "must be true or false")
        return v.booleanValue()
    }

    /** An integer of the core's type: whole, within [min]..[max]. */
    private fun integer(key: String, min: BigInteger, max: BigInteger): BigInteger? {
        val v = value(key) ?: return null
        if (!v.isIntegralNumber) refuse(at(key), "must be a whole number")
        val n = v.bigIntegerValue()
        if (n.signum() < 0 && min.signum() == 0) refuse(at(key), "must not be negative")
        if (n < min || n > max) refuse(at(key), "is out of range")
        return n
    }

    /**
     * An unsigned 64-bit number (tiyin, a count) as it is written, negative included:
     * the typed API's `Long` factories refuse a negative amount themselves.
     */
    fun u64Raw(key: String): BigInteger? {
        val v = value(key) ?: return null
        if (!v.isIntegralNumber) refuse(at(key), "must be a whole number, zero or more")
        val n = v.bigIntegerValue()
        if (n > U64_MAX) refuse(at(key), "is out of range")
        return n
    }

    fun u64(key: String): ULong? = integer(key, BigInteger.ZERO, U64_MAX)?.toULongExact()

    fun u32(key: String): UInt? = integer(key, BigInteger.ZERO, BigInteger.valueOf(UInt.MAX_VALUE.toLong()))?.toInt()?.toUInt()

    fun i64(key: String): Long? = integer(key, BigInteger.valueOf(Long.MIN_VALUE), LONG_MAX)?.toLong()

    fun obj(key: String, known: Set<String>): Obj? = value(key)?.let { Obj(it, at(key), known) }

    fun <T> list(key: String, item: (JsonNode, String) -> T): List<T>? {
        val v = value(key) ?: return null
        if (!v.isArray) refuse(at(key), "must be a list")
        return v.mapIndexed { i, element -> item(element, "${at(key)}[$i]") }
    }

    /** One of the provider's strings for an enumeration. */
    fun <E> choice(key: String, options: Map<String, E>): E? {
        val text = optStr(key) ?: return null
        return options[text] ?: refuse(at(key), "must be one of ${options.keys.joinToString(", ")}")
    }
}

/**
 * Runs [make] (a `Long` factory, which names the field it refuses by its own name)
 * with the refused field's path made relative to [path], as the core writes it.
 */
internal inline fun <T> within(path: String, make: () -> T): T = try {
    make()
} catch (e: UzpayException.InvalidInput) {
    throw UzpayException.InvalidInput(join(path, e.field), e.reason)
}

/** Fits in a `Long` (so the `Long` factories can take it). */
internal fun BigInteger.fitsLong(): Boolean = this <= LONG_MAX && this >= BigInteger.valueOf(Long.MIN_VALUE)

/** 0..2^64-1 as a ULong (the two's-complement bits of the low 64). */
internal fun BigInteger.toULongExact(): ULong = toLong().toULong()
