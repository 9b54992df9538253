package uz.uzpay.conformance

import com.fasterxml.jackson.databind.JsonNode
import com.fasterxml.jackson.databind.node.JsonNodeFactory
import com.fasterxml.jackson.databind.node.ObjectNode
import java.math.BigInteger
import uz.uzpay.model.AnorConfirmOutput
import uz.uzpay.model.AnorPaymentOutput
import uz.uzpay.model.AuthTokenOutput
import uz.uzpay.model.BankLogo
import uz.uzpay.model.ClickConfirmOutput
import uz.uzpay.model.ClickPaymentOutput
import uz.uzpay.model.ConfirmPayOutput
import uz.uzpay.model.CreatePayinOutput
import uz.uzpay.model.CredentialsBank
import uz.uzpay.model.CredentialsCurrency
import uz.uzpay.model.DealStatusOutput
import uz.uzpay.model.Epos
import uz.uzpay.model.OfdReceiptUrl
import uz.uzpay.model.PayinCredentialsOutput
import uz.uzpay.model.ReceiptStatusOutput
import uz.uzpay.model.ReceiptTotals
import uz.uzpay.model.RefundReceiptOutput
import uz.uzpay.model.RegisterReceiptOutput
import uz.uzpay.model.ResendCodeOutput
import uz.uzpay.model.ViaTransaction

/*
 * The Kotlin outputs in their canonical JSON form (FORMAT.md): snake_case names, the
 * provider's `type` where Kotlin says `dealType`, enumerations as the provider's wire
 * string (their `toString()`), absent values as null.
 */

private val json = JsonNodeFactory.instance

/** An object from (canonical name, value) pairs. */
internal fun obj(vararg fields: Pair<String, Any?>): ObjectNode {
    val node = json.objectNode()
    for ((name, value) in fields) node.set<JsonNode>(name, value(value))
    return node
}

private fun value(v: Any?): JsonNode = when (v) {
    null -> json.nullNode()
    is JsonNode -> v
    is String -> json.textNode(v)
    is Boolean -> json.booleanNode(v)
    is Int -> json.numberNode(v)
    is Long -> json.numberNode(v)
    is Double -> json.numberNode(v)
    is ULong -> json.numberNode(BigInteger(v.toString()))
    is UInt -> json.numberNode(v.toLong())
    is List<*> -> json.arrayNode().also { array -> v.forEach { array.add(value(it)) } }
    else -> json.textNode(v.toString()) // provider enumerations: their wire string
}

internal fun output(o: ClickPaymentOutput) = obj(
    "payment_id" to o.paymentId, "transaction_id" to o.transactionId, "status" to o.status,
    "message" to o.message, "amount" to o.amount, "client_phone_number" to o.clientPhoneNumber,
)

internal fun output(o: ClickConfirmOutput) = obj(
    "inn" to o.inn, "payment_id" to o.paymentId, "qr_code" to o.qrCode, "status" to o.status, "error" to o.error,
)

internal fun output(o: AnorPaymentOutput) = obj(
    "transaction_id" to o.transactionId, "payment_id" to o.paymentId, "status" to o.status,
    "message" to o.message, "payment_status" to o.paymentStatus, "phone_number" to o.phoneNumber,
    "card_number" to o.cardNumber,
)

internal fun output(o: AnorConfirmOutput) = obj(
    "message" to o.message, "error_code" to o.errorCode, "payment_id" to o.paymentId,
    "transaction_id" to o.transactionId,
)

internal fun output(o: RegisterReceiptOutput) = obj(
    "receipt_url" to o.receiptUrl, "terminal_id" to o.terminalId, "receipt_id" to o.receiptId,
    "fiscal_sign" to o.fiscalSign,
)

internal fun output(o: ReceiptStatusOutput) = obj(
    "success" to o.success, "is_refund" to o.isRefund, "receipt_url" to o.receiptUrl,
    "terminal_id" to o.terminalId, "receipt_id" to o.receiptId, "fiscal_sign" to o.fiscalSign,
)

internal fun output(o: RefundReceiptOutput) = obj("success" to o.success)

// The canonical form of a token answer carries the tokens: the caller needs them.
internal fun output(o: AuthTokenOutput) =
    obj("access_token" to o.accessToken, "refresh_token" to o.refreshToken, "expires_in" to o.expiresIn)

internal fun output(o: CreatePayinOutput) = obj("id" to o.id, "status" to o.status, "type" to o.dealType, "url" to o.url)

private fun currency(c: CredentialsCurrency) = obj(
    "id" to c.id, "type" to c.currencyType, "code" to c.code, "symbol" to c.symbol, "label" to c.label,
    "decimal" to c.decimal, "country_name" to c.countryName, "country_code" to c.countryCode,
)

private fun logo(l: BankLogo) = obj("short" to l.short, "full" to l.full)

private fun bank(b: CredentialsBank) = obj(
    "id" to b.id, "name" to b.name, "alias" to b.alias, "logo" to b.logo?.let(::logo), "type" to b.bankType,
    "automation_available" to b.automationAvailable, "enabled" to b.enabled, "is_top_bank" to b.isTopBank,
    "tag_color" to b.tagColor, "currency" to b.currency, "currency_id" to b.currencyId, "country" to b.country,
    "supported_payment_systems" to b.supportedPaymentSystems, "tid" to b.tid, "is_any_bank" to b.isAnyBank,
)

internal fun output(o: PayinCredentialsOutput) = obj(
    "account_number" to o.accountNumber, "account_owner" to o.accountOwner, "account_iban" to o.accountIban,
    "account_phone" to o.accountPhone, "currency" to o.currency?.let(::currency), "bank" to o.bank?.let(::bank),
    "type" to o.credentialsType, "account_subtype" to o.accountSubtype,
)

internal fun output(o: DealStatusOutput) = obj(
    "id" to o.id, "status" to o.status, "type" to o.dealType, "url" to o.url, "amount" to o.amount,
    "currency" to o.currency, "invoice_id" to o.invoiceId,
)

internal fun output(o: ConfirmPayOutput) = obj("verify_id" to o.verifyId)

internal fun output(o: ResendCodeOutput) = obj("verify_id" to o.verifyId)

private fun epos(e: Epos) = obj("merchant_id" to e.merchantId, "terminal_id" to e.terminalId)

internal fun output(o: ViaTransaction) = obj(
    "transaction_id" to o.transactionId, "processing_transaction_id" to o.processingTransactionId,
    "merchant_id" to o.merchantId, "amount" to o.amount, "created_at" to o.createdAt, "payed_at" to o.payedAt,
    "status" to o.status, "fee" to o.fee, "fee_percent" to o.feePercent, "currency" to o.currency,
    "epos" to o.epos?.let(::epos), "error_code" to o.errorCode, "error_message" to o.errorMessage,
    "refunded_amount" to o.refundedAmount, "process" to o.process,
)

internal fun output(r: OfdReceiptUrl) = obj(
    "kind" to r.kind.name.lowercase(), "terminal_id" to r.terminalId, "receipt_number" to r.receiptNumber,
    "date_time" to r.dateTime.toString(), "fiscal_sign" to r.fiscalSign, "url" to r.toString(),
)

internal fun output(t: ReceiptTotals) = obj(
    "lines" to t.lines.map { obj("total" to it.total, "vat" to it.vat) }, "total" to t.total, "vat" to t.vat,
)
