package uz.uzpay.conformance

import com.fasterxml.jackson.databind.JsonNode
import java.math.BigInteger
import uz.uzpay.UzpayException
import uz.uzpay.model.AnorConfirmInput
import uz.uzpay.model.AnorPaymentInput
import uz.uzpay.model.AuthTokenInput
import uz.uzpay.model.CardInput
import uz.uzpay.model.ClickConfirmInput
import uz.uzpay.model.ClickPaymentInput
import uz.uzpay.model.ConfirmPayInput
import uz.uzpay.model.ConfirmPayVerifyInput
import uz.uzpay.model.CreatePayinInput
import uz.uzpay.model.Currency
import uz.uzpay.model.DealStatusInput
import uz.uzpay.model.FiscalBoxConfig
import uz.uzpay.model.GetTransactionInput
import uz.uzpay.model.Lang
import uz.uzpay.model.PayinCredentialsInput
import uz.uzpay.model.PayinType
import uz.uzpay.model.PaylovConfig
import uz.uzpay.model.PaymentsGateConfig
import uz.uzpay.model.ReceiptItem
import uz.uzpay.model.ReceiptStatusInput
import uz.uzpay.model.RefreshTokenInput
import uz.uzpay.model.RefundReceiptInput
import uz.uzpay.model.RegisterReceiptInput
import uz.uzpay.model.ResendCodeInput
import uz.uzpay.model.ViaConfig

/*
 * Configs and inputs from a vector's JSON, by canonical (snake_case) name. Amounts that
 * fit in a Long go through the idiomatic `Long` factories (which refuse a negative
 * amount themselves); larger ones (up to 2^64 - 1 tiyin) through the `ULong`
 * constructors.
 */

// Configs ---------------------------------------------------------------------------

internal fun fiscalBoxConfig(json: JsonNode?): FiscalBoxConfig {
    val o = Obj(json, "", setOf("base_url"))
    return o.optStr("base_url")?.let { FiscalBoxConfig(baseUrl = it) } ?: FiscalBoxConfig()
}

internal fun paylovConfig(json: JsonNode?): PaylovConfig {
    val o = Obj(json, "", setOf("base_url", "api_key", "use_deprecated_register_path"))
    val apiKey = o.str("api_key")
    val deprecatedPath = o.bool("use_deprecated_register_path", false)
    return o.optStr("base_url")
        ?.let { PaylovConfig(baseUrl = it, apiKey = apiKey, useDeprecatedRegisterPath = deprecatedPath) }
        ?: PaylovConfig(apiKey = apiKey, useDeprecatedRegisterPath = deprecatedPath)
}

internal fun paymentsGateConfig(json: JsonNode?): PaymentsGateConfig {
    val o = Obj(json, "", setOf("base_url", "access_token"))
    return PaymentsGateConfig(baseUrl = o.str("base_url"), accessToken = o.optStr("access_token") ?: "")
}

internal fun viaConfig(json: JsonNode?): ViaConfig {
    val o = Obj(json, "", setOf("base_url", "client_id", "client_secret"))
    return ViaConfig(baseUrl = o.str("base_url"), clientId = o.str("client_id"), clientSecret = o.str("client_secret"))
}

// FiscalBox -------------------------------------------------------------------------

internal fun clickPaymentInput(json: JsonNode): ClickPaymentInput {
    val o = Obj(json, "", setOf("amount", "qr_code"))
    val amount = o.u64Raw("amount") ?: refuse("amount", "is required")
    val qrCode = o.str("qr_code")
    return if (amount.fitsLong()) ClickPaymentInput(amount = amount.toLong(), qrCode = qrCode)
    else ClickPaymentInput(amount = amount.toULongExact(), qrCode = qrCode)
}

internal fun anorPaymentInput(json: JsonNode): AnorPaymentInput {
    val o = Obj(json, "", setOf("amount", "qr_code"))
    val amount = o.u64Raw("amount") ?: refuse("amount", "is required")
    val qrCode = o.str("qr_code")
    return if (amount.fitsLong()) AnorPaymentInput(amount = amount.toLong(), qrCode = qrCode)
    else AnorPaymentInput(amount = amount.toULongExact(), qrCode = qrCode)
}

internal fun clickConfirmInput(json: JsonNode): ClickConfirmInput {
    val o = Obj(json, "", setOf("payment_id", "qr_code"))
    return ClickConfirmInput(paymentId = o.str("payment_id"), qrCode = o.str("qr_code"))
}

internal fun anorConfirmInput(json: JsonNode): AnorConfirmInput {
    val o = Obj(json, "", setOf("transaction_id", "qr_code"))
    return AnorConfirmInput(transactionId = o.str("transaction_id"), qrCode = o.str("qr_code"))
}

// Paylov ----------------------------------------------------------------------------

private val ITEM_KEYS =
    setOf("title", "price", "discount", "count", "code", "vat_percent", "package_code", "pinfl", "tin")

internal fun receiptItem(json: JsonNode, path: String): ReceiptItem {
    val o = Obj(json, path, ITEM_KEYS)
    val title = o.str("title")
    val price = o.u64Raw("price") ?: refuse(o.at("price"), "is required")
    val discount = o.u64Raw("discount") ?: BigInteger.ZERO
    val count = o.u64Raw("count") ?: refuse(o.at("count"), "is required")
    val code = o.str("code")
    val vatPercent = o.u32("vat_percent") ?: refuse(o.at("vat_percent"), "is required")
    val packageCode = o.str("package_code")
    val pinfl = o.optStr("pinfl")
    val tin = o.optStr("tin")
    if (listOf(price, discount, count).all { it.fitsLong() }) {
        try {
            return ReceiptItem(
                title = title, price = price.toLong(), discount = discount.toLong(), count = count.toLong(),
                code = code, vatPercent = vatPercent.toInt(), packageCode = packageCode, pinfl = pinfl, tin = tin,
            )
        } catch (e: UzpayException.InvalidInput) {
            // The factory names the item's own field; the path to the item is ours.
            throw UzpayException.InvalidInput(join(path, e.field), e.reason)
        }
    }
    return ReceiptItem(
        title = title, price = price.toULongExact(), discount = discount.toULongExact(),
        count = count.toULongExact(), code = code, vatPercent = vatPercent, packageCode = packageCode,
        pinfl = pinfl, tin = tin,
    )
}

internal fun items(o: Obj): List<ReceiptItem> = o.list("items", ::receiptItem) ?: refuse("items", "is required")

internal fun registerReceiptInput(json: JsonNode): RegisterReceiptInput {
    val o = Obj(json, "", setOf("transaction_id", "external_id", "phone_number", "items"))
    return RegisterReceiptInput(
        transactionId = o.optStr("transaction_id"),
        externalId = o.optStr("external_id"),
        phoneNumber = o.optStr("phone_number"),
        items = items(o),
    )
}

internal fun receiptStatusInput(json: JsonNode): ReceiptStatusInput {
    val o = Obj(json, "", setOf("transaction_id", "external_id"))
    return ReceiptStatusInput(transactionId = o.optStr("transaction_id"), externalId = o.optStr("external_id"))
}

internal fun refundReceiptInput(json: JsonNode): RefundReceiptInput {
    val o = Obj(json, "", setOf("receipt_id"))
    return RefundReceiptInput(receiptId = o.i64("receipt_id") ?: refuse("receipt_id", "is required"))
}

// PaymentsGate ----------------------------------------------------------------------

internal fun authTokenInput(json: JsonNode): AuthTokenInput {
    val o = Obj(json, "", setOf("account_id", "public_key"))
    return AuthTokenInput(accountId = o.str("account_id"), publicKey = o.str("public_key"))
}

internal fun refreshTokenInput(json: JsonNode): RefreshTokenInput {
    val o = Obj(json, "", setOf("refresh_token"))
    return RefreshTokenInput(refreshToken = o.str("refresh_token"))
}

private val CURRENCIES = mapOf("UZS" to Currency.UZS)
private val PAYIN_TYPES = mapOf("oneclick" to PayinType.ONECLICK)
private val LANGS = mapOf("EN" to Lang.EN, "UZ" to Lang.UZ, "RU" to Lang.RU)

internal fun createPayinInput(json: JsonNode): CreatePayinInput {
    val o = Obj(json, "", setOf("amount", "currency", "invoice_id", "type", "success_url", "fail_url", "back_url", "lang"))
    val amount = o.u64Raw("amount") ?: refuse("amount", "is required")
    val currency = o.choice("currency", CURRENCIES) ?: Currency.UZS
    val invoiceId = o.str("invoice_id")
    val payinType = o.choice("type", PAYIN_TYPES) ?: PayinType.ONECLICK
    val successUrl = o.optStr("success_url")
    val failUrl = o.optStr("fail_url")
    val backUrl = o.optStr("back_url")
    val lang = o.choice("lang", LANGS)
    return if (amount.fitsLong()) {
        CreatePayinInput(
            amount = amount.toLong(), currency = currency, invoiceId = invoiceId, payinType = payinType,
            successUrl = successUrl, failUrl = failUrl, backUrl = backUrl, lang = lang,
        )
    } else {
        CreatePayinInput(
            amount = amount.toULongExact(), currency = currency, invoiceId = invoiceId, payinType = payinType,
            successUrl = successUrl, failUrl = failUrl, backUrl = backUrl, lang = lang,
        )
    }
}

internal fun payinCredentialsInput(json: JsonNode): PayinCredentialsInput =
    PayinCredentialsInput(dealId = Obj(json, "", setOf("deal_id")).str("deal_id"))

internal fun dealStatusInput(json: JsonNode): DealStatusInput =
    DealStatusInput(dealId = Obj(json, "", setOf("deal_id")).str("deal_id"))

// VIA -------------------------------------------------------------------------------

internal fun confirmPayInput(json: JsonNode): ConfirmPayInput {
    val o = Obj(json, "", setOf("merchant_id", "card", "external_id", "amount", "currency", "note"))
    val merchantId = o.str("merchant_id")
    val cardJson = o.obj("card", setOf("pan", "expiry")) ?: refuse("card", "is required")
    val card = CardInput(pan = cardJson.str("pan"), expiry = cardJson.str("expiry"))
    val externalId = o.str("external_id")
    val amount = o.u64Raw("amount") ?: refuse("amount", "is required")
    val currency = o.choice("currency", CURRENCIES) ?: Currency.UZS
    val note = o.optStr("note")
    return if (amount.fitsLong()) {
        ConfirmPayInput(merchantId, card, externalId, amount = amount.toLong(), currency = currency, note = note)
    } else {
        ConfirmPayInput(merchantId, card, externalId, amount = amount.toULongExact(), currency = currency, note = note)
    }
}

internal fun confirmPayVerifyInput(json: JsonNode): ConfirmPayVerifyInput {
    val o = Obj(json, "", setOf("verify_id", "verify_code"))
    return ConfirmPayVerifyInput(verifyId = o.str("verify_id"), verifyCode = o.str("verify_code"))
}

internal fun resendCodeInput(json: JsonNode): ResendCodeInput =
    ResendCodeInput(verifyId = Obj(json, "", setOf("verify_id")).str("verify_id"))

internal fun getTransactionInput(json: JsonNode): GetTransactionInput {
    val o = Obj(json, "", setOf("transaction_id", "external_id"))
    return GetTransactionInput(transactionId = o.optStr("transaction_id"), externalId = o.optStr("external_id"))
}
