package uz.uzpay.model

/*
 * Named configs for the providers' test hosts. The production hosts are the generated
 * defaults (`FiscalBoxConfig()`, `PaylovConfig(apiKey = key)`); PaymentsGate's base URL
 * is per account and has no default.
 */

/** Paylov's sandbox, `https://dev.gw.paylov.uz`, with this api key. */
fun PaylovConfig.Companion.sandbox(apiKey: String): PaylovConfig =
    PaylovConfig(baseUrl = "https://dev.gw.paylov.uz", apiKey = apiKey)

/** VIA's sandbox, `https://api.viasandbox.uz`, with these credentials. */
fun ViaConfig.Companion.sandbox(clientId: String, clientSecret: String): ViaConfig =
    ViaConfig(baseUrl = "https://api.viasandbox.uz", clientId = clientId, clientSecret = clientSecret)
