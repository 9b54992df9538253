package uz.uzpay

import uz.uzpay.model.toLongExact
import uz.uzpay.model.toTiyin

/**
 * The VAT included in [gross] tiyin at [ratePercent]: gross x rate / (100 + rate),
 * rounded half up to the tiyin (`vatIncluded(100_000, 12) == 10_714`: 1,000.00 UZS
 * at 12% carries 107.14). A negative argument throws [UzpayException.InvalidInput].
 */
@Throws(UzpayException::class)
fun vatIncluded(gross: Long, ratePercent: Int): Long {
    if (ratePercent < 0) throw UzpayException.InvalidInput("rate_percent", "must not be negative")
    // The VAT never exceeds the gross amount, so it always fits back in a Long.
    return vatIncluded(gross.toTiyin("gross"), ratePercent.toUInt()).toLongExact()
}
