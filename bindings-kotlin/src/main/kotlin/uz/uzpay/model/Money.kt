package uz.uzpay.model

import uz.uzpay.UzpayException

/*
 * Money is integer tiyin (1 UZS = 100 tiyin) everywhere, never a float.
 *
 * The core counts tiyin in an unsigned 64-bit integer, which the generated records
 * hold as `ULong`, exactly. Kotlin code mostly holds amounts in `Long`: the input
 * factories in Inputs.kt take `Long` and convert here, where a negative amount is
 * refused the way the core refuses one (`UzpayException.InvalidInput`, "must not be
 * negative") and never wraps around to a huge positive number.
 */

/** Tiyin in one som. */
const val TIYIN_PER_SOM: Long = 100

/**
 * This amount of tiyin as the core's unsigned tiyin.
 *
 * @param field the input's name, for the error (snake_case, as the core names fields).
 * @throws UzpayException.InvalidInput when the amount is negative.
 */
@Throws(UzpayException::class)
fun Long.toTiyin(field: String = "amount"): ULong {
    if (this < 0) throw UzpayException.InvalidInput(field, "must not be negative")
    return toULong()
}

/**
 * This unsigned amount as a `Long`, exactly.
 *
 * @throws ArithmeticException above `Long.MAX_VALUE` (more than 92 quadrillion som,
 *   which no real amount reaches) instead of wrapping to a negative number.
 */
@Throws(ArithmeticException::class)
fun ULong.toLongExact(): Long {
    if (this > Long.MAX_VALUE.toULong()) throw ArithmeticException("$this does not fit in a Long")
    return toLong()
}

/** A count or a percentage: like [toTiyin], a negative value is refused, not wrapped. */
internal fun Long.toUnsigned(field: String): ULong = toTiyin(field)

internal fun Int.toUnsigned(field: String): UInt {
    if (this < 0) throw UzpayException.InvalidInput(field, "must not be negative")
    return toUInt()
}
