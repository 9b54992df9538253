package uz.uzpay.bench.reference

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull

/*
 * Paylov, `POST /merchant/fiscalization/register/`: register the fiscal receipt of a
 * card payment (`transactionId`) or a cash payment (`externalId` + `phoneNumber`).
 * Calls carry the header `api-key`; answers come in `{"result": .., "error": ..}`.
 */

data class PaylovConfig(
    val baseUrl: String = "https://gw.paylov.uz",
    val apiKey: String,
    val useDeprecatedRegisterPath: Boolean = false,
) {
    override fun toString(): String =
        "PaylovConfig(baseUrl=$baseUrl, apiKey=***, useDeprecatedRegisterPath=$useDeprecatedRegisterPath)"
}

/**
 * One receipt line as the OFD wants it. Money in tiyin (1 UZS = 100 tiyin): [price]
 * per unit, VAT included; [discount] on the whole line. The seller is an individual
 * ([pinfl], 14 digits) or a company ([tin], 9 digits).
 */
@Serializable
data class ReceiptItem(
    val title: String,
    val price: Long,
    val discount: Long = 0,
    val count: Long,
    val code: String,
    @SerialName("vat_percent") val vatPercent: Int,
    @SerialName("package_code") val packageCode: String,
    val pinfl: String? = null,
    val tin: String? = null,
)

/** The request body is this record itself: top-level names in camelCase, item names in snake_case. */
@Serializable
data class RegisterReceiptInput(
    val transactionId: String? = null,
    val externalId: String? = null,
    val phoneNumber: String? = null,
    val items: List<ReceiptItem>,
)

@Serializable
data class RegisterReceiptOutput(
    val receiptUrl: String,
    @Serializable(with = StringOrNumber::class) val terminalId: String,
    @Serializable(with = IntOrNumericString::class) val receiptId: Long,
    @Serializable(with = StringOrNumber::class) val fiscalSign: String,
)

private val IKPU = Regex("[0-9]{17}")
private val PINFL = Regex("[0-9]{14}")
private val TIN = Regex("[0-9]{9}")
private val UZ_PHONE = Regex("\\+998[0-9]{9}")

fun buildRegisterReceipt(config: PaylovConfig, input: RegisterReceiptInput): HttpRequest {
    validatePayment(input)
    validateItems("items", input.items)
    val headers = paylovHeaders(config)
    val path = if (config.useDeprecatedRegisterPath) "/merchant/registerFiscalReceipt/" else "/merchant/fiscalization/register/"
    val url = endpointUrl(config.baseUrl, path)
    return HttpRequest(HttpMethod.POST, url, headers, WireJson.encodeToString(RegisterReceiptInput.serializer(), input).encodeToByteArray())
}

/** The receipt, or the provider's refusal whatever the status (`ofd_check_already_generated` is final). */
fun parseRegisterReceipt(response: HttpResponse): RegisterReceiptOutput {
    val result = openEnvelope(response, RegisterResult.serializer())
    return result.ofd ?: throw response.unexpected("the body has no result.ofd")
}

private fun paylovHeaders(config: PaylovConfig): List<Header> {
    requireCredential("api_key", config.apiKey)
    return listOf(
        Header("Content-Type", "application/json"),
        Header("Accept", "application/json"),
        Header("api-key", config.apiKey),
    )
}

private fun validatePayment(input: RegisterReceiptInput) {
    val cash = input.externalId != null || input.phoneNumber != null
    val transactionId = input.transactionId
    when {
        transactionId != null && cash -> invalid(
            "transaction_id",
            "give either transaction_id (a card payment) or external_id with phone_number (a cash payment), not both",
        )
        transactionId != null -> requireId("transaction_id", transactionId)
        !cash -> invalid(
            "transaction_id",
            "is required for a card payment; for a cash payment give external_id and phone_number",
        )
        else -> {
            val externalId = input.externalId ?: invalid("external_id", "is required for a cash payment (with phone_number)")
            requireId("external_id", externalId)
            val phone = input.phoneNumber ?: invalid("phone_number", "is required for a cash payment (with external_id)")
            if (!UZ_PHONE.matches(phone)) {
                invalid("phone_number", "must be an Uzbek phone number: +998 followed by 9 digits, e.g. +998901234567")
            }
        }
    }
}

internal fun validateItems(field: String, items: List<ReceiptItem>) {
    if (items.isEmpty()) invalid(field, "must contain at least one item")
    if (items.size > MAX_ITEMS) invalid(field, "has ${items.size} items, at most $MAX_ITEMS are allowed")
    items.forEachIndexed { i, item -> item.validate("$field[$i]") }
}

/** Every rule of a receipt line; [field] is the item's path, so errors name `items[0].discount`. */
internal fun ReceiptItem.validate(field: String) {
    if (price < 0) invalid("$field.price", "must not be negative")
    if (discount < 0) invalid("$field.discount", "must not be negative")
    if (count < 0) invalid("$field.count", "must not be negative")
    if (vatPercent < 0) invalid("$field.vat_percent", "must not be negative")
    requireText("$field.title", title)
    if (count == 0L) invalid("$field.count", "must be at least 1")
    if (discount > price) {
        invalid("$field.discount", "must not exceed the price ($price tiyin), got $discount tiyin")
    }
    requireDigits("$field.code", code, IKPU, "the IKPU/MXIK code: exactly 17 digits")
    if (vatPercent > 100) invalid("$field.vat_percent", "must be a percentage from 0 to 100, got $vatPercent")
    requireDigitsUpTo("$field.package_code", packageCode, 32)
    when {
        pinfl != null && tin != null ->
            invalid(field, "give either pinfl (an individual seller) or tin (a company), not both")
        pinfl != null -> requireDigits("$field.pinfl", pinfl, PINFL, "a PINFL: exactly 14 digits")
        tin != null -> requireDigits("$field.tin", tin, TIN, "a TIN: exactly 9 digits")
        else -> invalid(field, "needs the seller's pinfl (14 digits) or tin (9 digits)")
    }
    lineTotal(field)
}

/** `price x count - discount`, overflow-checked. */
internal fun ReceiptItem.lineTotal(field: String): Long {
    val gross = try {
        Math.multiplyExact(price, count)
    } catch (e: ArithmeticException) {
        invalid("$field.count", "price x count is too large to compute")
    }
    if (discount > gross) invalid("$field.discount", "must not exceed price x count")
    return gross - discount
}

// The envelope ----------------------------------------------------------------------

@Serializable
private class Envelope<T>(val result: T? = null, val error: PaylovWireError? = null)

@Serializable
private class PaylovWireError(val code: JsonElement = JsonNull, val message: String? = null, val data: JsonElement? = null)

@Serializable
private class RegisterResult(val ofd: RegisterReceiptOutput? = null)

/** A provider error if `error` is set (whatever the status), HTTP for a non-2xx status, else `result`. */
private fun <T : Any> openEnvelope(response: HttpResponse, result: kotlinx.serialization.KSerializer<T>): T {
    response.checkStatus()
    val envelope = response.decode(Envelope.serializer(result))
    envelope.error?.let { error ->
        val code = codeText(error.code)
        throw providerError(
            provider = Provider.PAYLOV,
            code = code,
            message = error.message ?: code,
            messages = LocalizedMessages(),
            status = response.status,
            details = error.data?.takeUnless { it is JsonNull }?.toString(),
            retryable = code == "ofd_error" || code == "server_error" || statusRetryable(response.status),
        )
    }
    if (!response.isSuccess) throw PaymentException.Http(response.status)
    return envelope.result ?: throw response.unexpected("the body has no result")
}
