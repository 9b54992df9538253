package uz.uzpay.bench.reference

/*
 * The validation rules the operations share. Each throws
 * PaymentException.InvalidInput naming the field, in plain words that never echo the
 * value (it may be personal data).
 */

internal const val MAX_TEXT_CHARS = 1024
internal const val MAX_ID_CHARS = 128
internal const val MAX_URL_CHARS = 2048
internal const val MAX_CREDENTIAL_CHARS = 8192
internal const val MAX_ITEMS = 1000
internal const val MAX_BODY_BYTES = 1024 * 1024

private val ASCII_DIGITS = Regex("[0-9]+")

/** A non-empty text of at most [max] characters (code points) with no control characters. */
internal fun requireText(field: String, value: String, max: Int = MAX_TEXT_CHARS) {
    if (value.isBlank()) invalid(field, "is required and must not be empty")
    val chars = value.codePointCount(0, value.length)
    if (chars > max) invalid(field, "is too long: $chars characters, at most $max")
    if (value.any { it.isISOControl() }) invalid(field, "must not contain control characters")
}

/** An identifier: a text of at most 128 characters without white space. */
internal fun requireId(field: String, value: String) {
    requireText(field, value, MAX_ID_CHARS)
    if (value.any { it.isWhitespace() }) invalid(field, "must not contain spaces")
}

/** Matches [pattern] (precompiled digits-only patterns); [what] names the value in the message. */
internal fun requireDigits(field: String, value: String, pattern: Regex, what: String) {
    if (!pattern.matches(value)) invalid(field, "must be $what, got ${describe(value)}")
}

/** One to [max] ASCII digits. */
internal fun requireDigitsUpTo(field: String, value: String, max: Int) {
    if (value.isEmpty()) invalid(field, "is required and must not be empty")
    if (value.length > max || !ASCII_DIGITS.matches(value)) {
        invalid(field, "must be digits only (at most $max), got ${describe(value)}")
    }
}

private fun describe(value: String): String {
    val n = value.codePointCount(0, value.length)
    val nonDigits = value.count { it !in '0'..'9' }
    return when {
        n == 0 -> "an empty value"
        nonDigits == 0 -> "$n digits"
        else -> "$n characters, $nonDigits of them not digits"
    }
}

/** A credential for an HTTP header: set, bounded, printable ASCII only. */
internal fun requireCredential(field: String, value: String) {
    if (value.isBlank()) invalid(field, "is required: set it in the provider config")
    if (value.codePointCount(0, value.length) > MAX_CREDENTIAL_CHARS) {
        invalid(field, "is too long: at most $MAX_CREDENTIAL_CHARS characters")
    }
    // A line break would split the header; other characters make HTTP clients refuse it.
    if (!value.all { it in '!'..'~' }) {
        invalid(field, "must be printable ASCII (letters, digits, punctuation; no spaces or line breaks)")
    }
}

/**
 * The provider's base URL joined with an endpoint path: the base must be an absolute
 * http(s) URL with a host and no query or fragment; a trailing `/` makes no difference.
 */
internal fun endpointUrl(baseUrl: String, path: String): String {
    val field = "base_url"
    if (baseUrl.isEmpty()) invalid(field, "is required and must not be empty")
    if (baseUrl.codePointCount(0, baseUrl.length) > MAX_URL_CHARS) {
        invalid(field, "is too long: at most $MAX_URL_CHARS characters")
    }
    if (baseUrl.any { it.isWhitespace() || it.isISOControl() }) {
        invalid(field, "must not contain spaces or control characters")
    }
    val rest = baseUrl.removeSchemeOrNull() ?: invalid(field, "must be an absolute http:// or https:// URL")
    val hostEnd = rest.indexOfAny(charArrayOf('/', '?', '#')).let { if (it < 0) rest.length else it }
    val authority = rest.substring(0, hostEnd)
    if (authority.isEmpty() || authority.startsWith(':') || '@' in authority) {
        invalid(field, "must name a host (and no user info)")
    }
    if ('?' in rest || '#' in rest) invalid(field, "must not contain a query or a fragment")
    return baseUrl.trimEnd('/') + "/" + path.trimStart('/')
}

/** The URL after `https://` or `http://` (scheme in any ASCII case), or null. */
internal fun String.removeSchemeOrNull(): String? = when {
    startsWithAsciiIgnoreCase("https://") -> substring(8)
    startsWithAsciiIgnoreCase("http://") -> substring(7)
    else -> null
}

// ASCII-only case folding: Kotlin's ignoreCase would also fold `ſ` to `s` and `K` (Kelvin) to `k`.
private fun String.startsWithAsciiIgnoreCase(prefix: String): Boolean =
    length >= prefix.length && prefix.indices.all { i -> this[i].asciiLower() == prefix[i].asciiLower() }

internal fun String.equalsAsciiIgnoreCase(other: String): Boolean =
    length == other.length && indices.all { i -> this[i].asciiLower() == other[i].asciiLower() }

private fun Char.asciiLower(): Char = if (this in 'A'..'Z') this + 32 else this
