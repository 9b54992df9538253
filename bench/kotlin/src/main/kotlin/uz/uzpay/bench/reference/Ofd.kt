package uz.uzpay.bench.reference

/*
 * The OFD receipt URL, the QR code on every fiscal receipt in Uzbekistan:
 * `https://ofd.soliq.uz/check?t=UZ170703100597&r=2421&c=20230104121801&s=514343190161`
 * (`/epi` for a virtual cash register). Refusals name `url`, `url.t`, `url.r`, `url.c`, `url.s`.
 */

enum class OfdReceiptKind(val path: String) { CHECK("/check"), EPI("/epi") }

/** `YYYYMMDDhhmmss` (Tashkent local time), a real date and time of day. */
data class OfdDateTime(val year: Int, val month: Int, val day: Int, val hour: Int, val minute: Int, val second: Int) {
    override fun toString(): String = "%04d%02d%02d%02d%02d%02d".format(year, month, day, hour, minute, second)

    fun toLocalDateTime(): java.time.LocalDateTime = java.time.LocalDateTime.of(year, month, day, hour, minute, second)

    companion object {
        private val FOURTEEN_DIGITS = Regex("[0-9]{14}")

        fun parse(text: String, field: String = "date_time"): OfdDateTime {
            if (!FOURTEEN_DIGITS.matches(text)) invalid(field, "must be a date-time as YYYYMMDDhhmmss (14 digits)")
            fun num(from: Int, to: Int) = text.substring(from, to).toInt()
            val (year, month, day) = Triple(num(0, 4), num(4, 6), num(6, 8))
            val (hour, minute, second) = Triple(num(8, 10), num(10, 12), num(12, 14))
            if (year !in 1..9999) invalid(field, "has year $year, which is not 1..=9999")
            if (month !in 1..12) invalid(field, "has month $month, which is not 1..=12")
            val last = daysInMonth(year, month)
            if (day !in 1..last) invalid(field, "has day $day, but %04d-%02d has $last days".format(year, month))
            if (hour > 23 || minute > 59 || second > 59) {
                invalid(field, "has time %02d:%02d:%02d, which is not a time of day".format(hour, minute, second))
            }
            return OfdDateTime(year, month, day, hour, minute, second)
        }

        private fun daysInMonth(year: Int, month: Int): Int = when (month) {
            4, 6, 9, 11 -> 30
            2 -> if ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0) 29 else 28
            else -> 31
        }
    }
}

/** A parsed receipt URL; `toString()` is the canonical URL. */
data class OfdReceiptUrl(
    val kind: OfdReceiptKind,
    val terminalId: String,
    val receiptNumber: ULong,
    val dateTime: OfdDateTime,
    val fiscalSign: String,
) {
    override fun toString(): String =
        "https://$OFD_HOST${kind.path}?t=$terminalId&r=$receiptNumber&c=$dateTime&s=$fiscalSign"
}

private const val OFD_HOST = "ofd.soliq.uz"
private val TERMINAL_ID = Regex("[A-Za-z0-9]{1,32}")
private val RECEIPT_NUMBER = Regex("[0-9]{1,20}")
private val FISCAL_SIGN = Regex("[0-9]{1,32}")

/**
 * Reads a receipt URL: `http` or `https`, host `ofd.soliq.uz` (any case), path `/check`
 * or `/epi`, exactly the parameters `t`, `r`, `c`, `s` in any order, each once.
 */
fun parseReceiptUrl(url: String, field: String = "url"): OfdReceiptUrl {
    fun refuse(why: String): Nothing = invalid(field, "is not an OFD receipt URL: $why")
    if (url.utf8LengthExceeds(MAX_URL_CHARS)) refuse("it is too long")
    val rest = url.removeSchemeOrNull() ?: refuse("it must start with https://ofd.soliq.uz/")
    val queryStart = rest.indexOf('?')
    if (queryStart < 0) refuse("it has no query (?t=..&r=..&c=..&s=..)")
    val location = rest.substring(0, queryStart)
    val query = rest.substring(queryStart + 1)
    val slash = location.indexOf('/').let { if (it < 0) location.length else it }
    if (!location.substring(0, slash).equalsAsciiIgnoreCase(OFD_HOST)) refuse("its host must be ofd.soliq.uz")
    val kind = when (location.substring(slash)) {
        "/check" -> OfdReceiptKind.CHECK
        "/epi" -> OfdReceiptKind.EPI
        else -> refuse("its path must be /check or /epi")
    }
    if ('#' in query) refuse("it must not have a fragment (#...)")

    val params = HashMap<String, String>(8)
    for (pair in query.split('&')) {
        val key = pair.substringBefore('=')
        if (key != "t" && key != "r" && key != "c" && key != "s") refuse("it has a parameter other than t, r, c and s")
        if (params.put(key, pair.substringAfter('=', "")) != null) invalid("$field.$key", "is given more than once")
    }
    fun required(key: String): String =
        params[key]?.takeIf { it.isNotEmpty() } ?: invalid("$field.$key", "is required and must not be empty")
    val t = required("t")
    val r = required("r")
    val c = required("c")
    val s = required("s")

    if (!TERMINAL_ID.matches(t)) invalid("$field.t", "must be the terminal id: 1 to 32 ASCII letters and digits")
    if (!RECEIPT_NUMBER.matches(r)) invalid("$field.r", "must be the receipt number: digits only")
    val receiptNumber = r.toULongOrNull() ?: invalid("$field.r", "is too large for a receipt number")
    val dateTime = OfdDateTime.parse(c, "$field.c")
    if (!FISCAL_SIGN.matches(s)) invalid("$field.s", "must be the fiscal sign: 1 to 32 digits")
    return OfdReceiptUrl(kind, t, receiptNumber, dateTime, s)
}

/** Whether the UTF-8 encoding is longer than [max] bytes (a UTF-16 unit takes one to three). */
private fun String.utf8LengthExceeds(max: Int): Boolean = when {
    length > max -> true
    length * 3 <= max -> false
    else -> encodeToByteArray().size > max
}
