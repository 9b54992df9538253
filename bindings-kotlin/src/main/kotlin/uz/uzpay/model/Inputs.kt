package uz.uzpay.model

import uz.uzpay.UzpayException

/*
 * The inputs that carry money, with amounts as `Long` tiyin and the core's defaults as
 * Kotlin default arguments. Each is a factory with the type's own name, so a call
 * reads like the constructor:
 *
 *     ClickPaymentInput(amount = 150_000, qrCode = scanned)   // 1,500.00 UZS
 *
 * The primary constructors take the core's exact `ULong` (`amount = 150_000uL`);
 * these convert through `toTiyin`, so a negative amount throws
 * `UzpayException.InvalidInput` naming the field instead of wrapping around. Nothing
 * else is checked here: the `build*` function validates everything, once.
 */

/** FiscalBox `click_payment`: charge a Click payment QR. [amount] in tiyin, whole som. */
@Throws(UzpayException::class)
fun ClickPaymentInput(amount: Long, qrCode: String): ClickPaymentInput =
    ClickPaymentInput(amount = amount.toTiyin("amount"), qrCode = qrCode)

/** FiscalBox `anor_payment`: charge an Anor payment QR (20 digits). [amount] in tiyin, whole som. */
@Throws(UzpayException::class)
fun AnorPaymentInput(amount: Long, qrCode: String): AnorPaymentInput =
    AnorPaymentInput(amount = amount.toTiyin("amount"), qrCode = qrCode)

/** PaymentsGate `create_payin`: a oneclick payin deal of [amount] tiyin. */
@Throws(UzpayException::class)
fun CreatePayinInput(
    amount: Long,
    currency: Currency = Currency.UZS,
    invoiceId: String,
    payinType: PayinType = PayinType.ONECLICK,
    successUrl: String? = null,
    failUrl: String? = null,
    backUrl: String? = null,
    lang: Lang? = null,
): CreatePayinInput = CreatePayinInput(
    amount = amount.toTiyin("amount"),
    currency = currency,
    invoiceId = invoiceId,
    payinType = payinType,
    successUrl = successUrl,
    failUrl = failUrl,
    backUrl = backUrl,
    lang = lang,
)

/** VIA `confirm_pay`: start a card payment of [amount] tiyin. */
@Throws(UzpayException::class)
fun ConfirmPayInput(
    merchantId: String,
    card: CardInput,
    externalId: String,
    amount: Long,
    currency: Currency = Currency.UZS,
    note: String? = null,
): ConfirmPayInput = ConfirmPayInput(
    merchantId = merchantId,
    card = card,
    externalId = externalId,
    amount = amount.toTiyin("amount"),
    currency = currency,
    note = note,
)

/**
 * A receipt line: [price] and [discount] in tiyin (the price includes VAT), [count]
 * units, the IKPU/MXIK [code] (17 digits), [vatPercent], the [packageCode], and the
 * seller's [pinfl] (an individual) or [tin] (a company).
 */
@Throws(UzpayException::class)
fun ReceiptItem(
    title: String,
    price: Long,
    discount: Long = 0,
    count: Long,
    code: String,
    vatPercent: Int,
    packageCode: String,
    pinfl: String? = null,
    tin: String? = null,
): ReceiptItem = ReceiptItem(
    title = title,
    price = price.toTiyin("price"),
    discount = discount.toTiyin("discount"),
    count = count.toUnsigned("count"),
    code = code,
    vatPercent = vatPercent.toUnsigned("vat_percent"),
    packageCode = packageCode,
    pinfl = pinfl,
    tin = tin,
)
