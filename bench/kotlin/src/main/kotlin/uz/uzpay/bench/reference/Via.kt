package uz.uzpay.bench.reference

import kotlinx.serialization.KSerializer
import kotlinx.serialization.Serializable
import kotlinx.serialization.descriptors.PrimitiveKind
import kotlinx.serialization.descriptors.PrimitiveSerialDescriptor
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.encoding.Decoder
import kotlinx.serialization.encoding.Encoder
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive

/*
 * VIA, `POST /partner/merchant/confirm/pay/verify`: confirm a card payment with the SMS
 * code the card holder received. Calls carry `client-id` and `client-secret`; errors
 * come as `{"status": {"code", "message"}, "error": {"path", "message": {uz, ru, en}}}`
 * whatever the HTTP status.
 */

data class ViaConfig(val baseUrl: String, val clientId: String, val clientSecret: String) {
    override fun toString(): String = "ViaConfig(baseUrl=$baseUrl, clientId=$clientId, clientSecret=***)"

    companion object {
        fun sandbox(clientId: String, clientSecret: String) = ViaConfig("https://api.viasandbox.uz", clientId, clientSecret)
    }
}

/** The request body is this record itself (`verifyId`, `verifyCode`). */
@Serializable
data class ConfirmPayVerifyInput(val verifyId: String, val verifyCode: String)

/** A VIA transaction's status; a status VIA adds tomorrow arrives as [Other], never as an error. */
@Serializable(with = ViaTransactionStatus.Serializer::class)
sealed class ViaTransactionStatus(val wire: String) {
    object Success : ViaTransactionStatus("SUCCESS")
    object Error : ViaTransactionStatus("ERROR")
    object Reject : ViaTransactionStatus("REJECT")
    object Pending : ViaTransactionStatus("PENDING")
    object New : ViaTransactionStatus("NEW")
    object Draft : ViaTransactionStatus("DRAFT")
    class Other(wire: String) : ViaTransactionStatus(wire) {
        override fun equals(other: Any?) = other is Other && other.wire == wire
        override fun hashCode() = wire.hashCode()
    }

    override fun toString(): String = wire

    companion object {
        fun fromWire(wire: String): ViaTransactionStatus = when (wire) {
            "SUCCESS" -> Success
            "ERROR" -> Error
            "REJECT" -> Reject
            "PENDING" -> Pending
            "NEW" -> New
            "DRAFT" -> Draft
            else -> Other(wire)
        }
    }

    internal object Serializer : KSerializer<ViaTransactionStatus> {
        override val descriptor: SerialDescriptor = PrimitiveSerialDescriptor("ViaTransactionStatus", PrimitiveKind.STRING)
        override fun deserialize(decoder: Decoder) = fromWire(decoder.decodeString())
        override fun serialize(encoder: Encoder, value: ViaTransactionStatus) = encoder.encodeString(value.wire)
    }
}

@Serializable
data class Epos(
    @Serializable(with = StringOrNumber::class) val merchantId: String? = null,
    @Serializable(with = StringOrNumber::class) val terminalId: String? = null,
)

/**
 * A VIA transaction; a `REJECT` or `ERROR` status is a parsed transaction, not an
 * exception. Money in tiyin; times in epoch milliseconds.
 */
@Serializable
data class ViaTransaction(
    val transactionId: String,
    @Serializable(with = StringOrNumber::class) val processingTransactionId: String? = null,
    val merchantId: String = "",
    val amount: Long,
    val createdAt: Long? = null,
    val payedAt: Long? = null,
    val status: ViaTransactionStatus,
    val fee: Long = 0,
    val feePercent: Double = 0.0,
    val currency: String = "",
    val epos: Epos? = null,
    @Serializable(with = StringOrNumber::class) val errorCode: String? = null,
    val errorMessage: String? = null,
    val refundedAmount: Long? = null,
    val process: String? = null,
) {
    init {
        require(amount >= 0 && fee >= 0 && (refundedAmount ?: 0) >= 0) { "an amount is negative" }
    }

    val isPaid: Boolean get() = status == ViaTransactionStatus.Success
}

private val VERIFY_CODE_MAX = 12

fun buildConfirmPayVerify(config: ViaConfig, input: ConfirmPayVerifyInput): HttpRequest {
    requireId("verify_id", input.verifyId)
    if (input.verifyCode.isEmpty()) invalid("verify_code", "is required: the code from the SMS")
    requireDigitsUpTo("verify_code", input.verifyCode, VERIFY_CODE_MAX)
    val headers = viaHeaders(config)
    val url = endpointUrl(config.baseUrl, "/partner/merchant/confirm/pay/verify")
    val body = WireJson.encodeToString(ConfirmPayVerifyInput.serializer(), input).encodeToByteArray()
    return HttpRequest(HttpMethod.POST, url, headers, body)
}

/** The transaction whatever its status, or VIA's refusal (whatever the HTTP status). */
fun parseConfirmPayVerify(response: HttpResponse): ViaTransaction {
    response.checkStatus()
    // The success shape first: it is the common case, and it has required fields no error body has.
    val transaction = try {
        response.decode(ViaTransaction.serializer())
    } catch (shapeError: PaymentException) {
        throw viaError(response) ?: shapeError
    }
    if (!response.isSuccess) throw viaError(response) ?: PaymentException.Http(response.status)
    return transaction
}

private fun viaHeaders(config: ViaConfig): List<Header> {
    requireCredential("client_id", config.clientId)
    requireCredential("client_secret", config.clientSecret)
    return listOf(
        Header("Content-Type", "application/json"),
        Header("Accept", "application/json"),
        Header("client-id", config.clientId),
        Header("client-secret", config.clientSecret),
    )
}

@Serializable
private class ViaWireError(val status: Status, val error: Detail? = null) {
    @Serializable
    class Status(val code: JsonElement, val message: String? = null)

    @Serializable
    class Detail(@Serializable(with = AnyAsText::class) val path: String? = null, val message: LocalizedMessages? = null)
}

/** VIA's error body as a provider error, or null when the body is not one. */
private fun viaError(response: HttpResponse): PaymentException? {
    if (response.body.size > MAX_BODY_BYTES) return null
    val wire = response.decodeBody(ViaWireError.serializer()) { return null }
    val code = codeText(wire.status.code)
    val messages = wire.error?.message ?: LocalizedMessages()
    return providerError(
        provider = Provider.VIA,
        code = code,
        message = messages.en ?: wire.status.message ?: "VIA refused the request (code $code)",
        messages = messages,
        status = response.status,
        details = wire.error?.path?.let { path -> JsonObject(mapOf("path" to JsonPrimitive(path))).toString() },
        retryable = statusRetryable(response.status),
    )
}
