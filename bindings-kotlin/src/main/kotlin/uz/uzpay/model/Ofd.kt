package uz.uzpay.model

import java.time.LocalDateTime
import java.time.format.DateTimeFormatter
import uz.uzpay.UzpayException
import uz.uzpay.parseOfdDateTime

/*
 * OFD date-times and java.time. `OfdDateTime.toString()` is the receipt URL's
 * `YYYYMMDDhhmmss`; these convert to and from `LocalDateTime` (the receipt's local
 * time in Tashkent, with no zone in the URL).
 */

private val OFD_FORMAT: DateTimeFormatter = DateTimeFormatter.ofPattern("uuuuMMddHHmmss")

/** This date-time as a `LocalDateTime`; throws `DateTimeException` only for one built unchecked in Kotlin. */
fun OfdDateTime.toLocalDateTime(): LocalDateTime =
    LocalDateTime.of(year.toInt(), month.toInt(), day.toInt(), hour.toInt(), minute.toInt(), second.toInt())

/**
 * This date-time (to the second) as an OFD date-time, checked by the core: a year
 * outside 1..9999 throws `UzpayException.InvalidInput` naming `date_time`.
 */
@Throws(UzpayException::class)
fun LocalDateTime.toOfdDateTime(): OfdDateTime = parseOfdDateTime(format(OFD_FORMAT))
