package uz.uzpay.bench.reference

/** Who refused a request. */
enum class Provider(val displayName: String) { PAYLOV("Paylov"), VIA("VIA") }

/** A provider's message in the languages it sent (VIA: Uzbek, Russian, English). */
@kotlinx.serialization.Serializable
data class LocalizedMessages(val uz: String? = null, val ru: String? = null, val en: String? = null)

/**
 * Every failure of the reference: the same four kinds as uzpay. A `when` over the
 * subclasses is exhaustive.
 */
sealed class PaymentException(message: String) : Exception(message) {
    /** Whether the same request may safely be sent again (after a pause). */
    abstract val retryable: Boolean

    /** `invalid_input`, `provider`, `http` or `decode`. */
    abstract val kind: String

    /** Refused before any I/O: [field] is a path into the input such as `items[0].discount`. */
    class InvalidInput(val field: String, val reason: String) : PaymentException("invalid input: $field: $reason") {
        override val retryable: Boolean get() = false
        override val kind: String get() = "invalid_input"
    }

    /** The provider said no, whatever the HTTP status. */
    class ProviderError(
        val provider: Provider,
        val code: String,
        val reason: String,
        val messages: LocalizedMessages,
        val status: Int,
        val details: String?,
        override val retryable: Boolean,
    ) : PaymentException("${provider.displayName} refused the request: $reason (code $code)") {
        override val kind: String get() = "provider"
    }

    /** An HTTP status the operation does not accept, with no provider error in the body. */
    class Http(val status: Int) : PaymentException("unexpected HTTP status $status") {
        override val retryable: Boolean get() = statusRetryable(status)
        override val kind: String get() = "http"
    }

    /** The body is not the shape the operation expects. */
    class Decode(val reason: String, override val retryable: Boolean) :
        PaymentException("could not decode the response: $reason") {
        override val kind: String get() = "decode"
    }
}

internal fun invalid(field: String, reason: String): Nothing = throw PaymentException.InvalidInput(field, reason)

/** A provider error, with a plain description in place of a missing or blank message. */
internal fun providerError(
    provider: Provider,
    code: String,
    message: String,
    messages: LocalizedMessages,
    status: Int,
    details: String?,
    retryable: Boolean,
): PaymentException.ProviderError {
    val reason = message.ifBlank {
        val which = if (code.isEmpty()) "no code" else "code $code"
        "${provider.displayName} refused the request without a message ($which, HTTP $status)"
    }
    return PaymentException.ProviderError(provider, code, reason, messages, status, details, retryable)
}
