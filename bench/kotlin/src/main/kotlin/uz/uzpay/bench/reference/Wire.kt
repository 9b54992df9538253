package uz.uzpay.bench.reference

import java.nio.charset.CharacterCodingException
import kotlinx.serialization.DeserializationStrategy
import kotlinx.serialization.KSerializer
import kotlinx.serialization.SerializationException
import kotlinx.serialization.descriptors.PrimitiveKind
import kotlinx.serialization.descriptors.PrimitiveSerialDescriptor
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.encoding.Decoder
import kotlinx.serialization.encoding.Encoder
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonDecoder
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonPrimitive

/*
 * JSON on the wire (kotlinx.serialization) and the one way every parser reads a
 * response: bounded, a provider error in the body first, then the HTTP status, then
 * the shape.
 */

/** Unknown keys are ignored (providers add fields); absent optional fields are left out of request bodies. */
internal val WireJson = Json {
    ignoreUnknownKeys = true
    explicitNulls = false
    encodeDefaults = true
}

/** Decodes the body into the provider's wire type; a body that does not fit is classified by [unexpected]. */
internal fun <T> HttpResponse.decode(deserializer: DeserializationStrategy<T>): T {
    if (body.size > MAX_BODY_BYTES) {
        throw unexpected("the body is ${body.size} bytes, more than the $MAX_BODY_BYTES this client reads")
    }
    // Every provider answers with an object; an array is never a valid answer.
    if (firstNonWhitespace() == '['.code) throw unexpected("the body is a JSON array, not an object")
    return decodeBody(deserializer) { problem -> throw unexpected(problem) }
}

/** The body as [deserializer], or what [onError] makes of the problem (no size or array check). */
internal inline fun <T> HttpResponse.decodeBody(
    deserializer: DeserializationStrategy<T>,
    onError: (String) -> T,
): T {
    val text = try {
        body.decodeToString(throwOnInvalidSequence = true)
    } catch (e: CharacterCodingException) {
        return onError("the body is not UTF-8 text")
    }
    return try {
        WireJson.decodeFromString(deserializer, text)
    } catch (e: IllegalArgumentException) {
        // SerializationException is one, and so is a `require` in a wire type's init block.
        // Only the first line: kotlinx appends the input, which may hold a card number or a token.
        onError("the body is not the expected JSON: ${e.message?.lineSequence()?.first()}")
    }
}

/**
 * The error for a body that is not what the operation expects and holds no provider
 * error: HTTP when the status is not 2xx, else a decode error (retryable for a
 * gateway's HTML page or a 5xx).
 */
internal fun HttpResponse.unexpected(problem: String): PaymentException {
    if (!isSuccess) return PaymentException.Http(status)
    val html = firstNonWhitespace() == '<'.code
    val reason = if (html) "the body is an HTML page, not JSON (a gateway or proxy answered): $problem" else problem
    return PaymentException.Decode(reason, html || statusRetryable(status))
}

internal fun HttpResponse.checkStatus() {
    if (status !in 0..65535) invalid("status", "must be an HTTP status code (0 to 65535)")
}

private fun HttpResponse.firstNonWhitespace(): Int {
    for (b in body) {
        if (b != ' '.code.toByte() && b != '\t'.code.toByte() && b != '\n'.code.toByte() &&
            b != '\r'.code.toByte() && b != 0x0C.toByte()
        ) return b.toInt()
    }
    return -1
}

/** Error codes come as strings or integers; both become the code's text (null: empty). */
internal fun codeText(code: JsonElement): String = when {
    code is JsonNull -> ""
    code is JsonPrimitive && code.isString -> code.content
    else -> code.toString()
}

/** A string, or a number kept as its decimal text (ids that providers send either way). */
internal object StringOrNumber : KSerializer<String> {
    override val descriptor: SerialDescriptor = PrimitiveSerialDescriptor("StringOrNumber", PrimitiveKind.STRING)

    override fun deserialize(decoder: Decoder): String {
        val element = (decoder as JsonDecoder).decodeJsonElement()
        if (element !is JsonPrimitive || element is JsonNull) throw SerializationException("expected a string or a number")
        if (element.isString) return element.content
        val text = element.content
        if (text == "true" || text == "false") throw SerializationException("expected a string or a number, got a boolean")
        return if (text.all { it in '0'..'9' || it == '-' }) text else text.toDouble().toString()
    }

    override fun serialize(encoder: Encoder, value: String) = encoder.encodeString(value)
}

/** An integer, or a string holding one. */
internal object IntOrNumericString : KSerializer<Long> {
    override val descriptor: SerialDescriptor = PrimitiveSerialDescriptor("IntOrNumericString", PrimitiveKind.LONG)

    override fun deserialize(decoder: Decoder): Long {
        val element = (decoder as JsonDecoder).decodeJsonElement()
        if (element !is JsonPrimitive || element is JsonNull) throw SerializationException("expected an integer")
        val number = if (element.isString) element.content.trim().toLongOrNull() else element.content.toLongOrNull()
        return number ?: throw SerializationException("expected an integer")
    }

    override fun serialize(encoder: Encoder, value: Long) = encoder.encodeLong(value)
}

/** Any JSON value as text: a string as itself, anything else as compact JSON. */
internal object AnyAsText : KSerializer<String> {
    override val descriptor: SerialDescriptor = PrimitiveSerialDescriptor("AnyAsText", PrimitiveKind.STRING)

    override fun deserialize(decoder: Decoder): String {
        val element = (decoder as JsonDecoder).decodeJsonElement()
        return if (element is JsonPrimitive && element.isString) element.content else element.toString()
    }

    override fun serialize(encoder: Encoder, value: String) = encoder.encodeString(value)
}
