package uz.uzpay

import uz.uzpay.model.CardInput
import uz.uzpay.model.FiscalBoxConfig
import uz.uzpay.model.PaylovConfig
import uz.uzpay.model.PaymentsGateConfig
import uz.uzpay.model.ReceiptItem
import uz.uzpay.model.ViaConfig

/** Values the tests share: the providers' documented examples. */
object Fixtures {
    const val RECEIPT_URL = "https://ofd.soliq.uz/check?t=UZ170703100597&r=2421&c=20230104121801&s=514343190161"

    /** Credentials no test output may ever show. */
    const val SECRET = "sentinel-secret-7f3a"
    const val PAN = "8600000000000007"

    val fiscalBox = FiscalBoxConfig()
    val paylov = PaylovConfig(apiKey = SECRET)
    val paymentsGate = PaymentsGateConfig(baseUrl = "https://api.paymentsgate.example", accessToken = SECRET)
    val via = ViaConfig(baseUrl = "https://api.viasandbox.uz", clientId = "system", clientSecret = SECRET)
    val card = CardInput(pan = PAN, expiry = "0127")

    fun tea(price: Long = 1_120_000, count: Long = 1) = ReceiptItem(
        title = "Green tea, 100 g",
        price = price,
        count = count,
        code = "01902001001000000",
        vatPercent = 12,
        packageCode = "1437667",
        tin = "310100000",
    )

    fun response(status: Int, body: String) = HttpResponse(status, body)
}
