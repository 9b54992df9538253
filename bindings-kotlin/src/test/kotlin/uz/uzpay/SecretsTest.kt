package uz.uzpay

import kotlin.test.assertContains
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertTrue
import org.junit.jupiter.api.Test
import uz.uzpay.Fixtures.PAN
import uz.uzpay.Fixtures.SECRET
import uz.uzpay.Fixtures.card
import uz.uzpay.Fixtures.paylov
import uz.uzpay.Fixtures.paymentsGate
import uz.uzpay.Fixtures.response
import uz.uzpay.Fixtures.tea
import uz.uzpay.Fixtures.via
import uz.uzpay.model.AuthTokenInput
import uz.uzpay.model.ConfirmPayInput
import uz.uzpay.model.CreatePayinInput
import uz.uzpay.model.RefreshTokenInput
import uz.uzpay.model.RegisterReceiptInput

/**
 * Credentials (api key, client secret, access token, public key, refresh token) and
 * card numbers never show in `toString()`: what a log line, a crash report or a debugger
 * would print. Those records' `toString()` is the core's masking `Debug`.
 */
class SecretsTest {
    private fun assertHidden(value: Any, vararg secrets: String) {
        val text = value.toString()
        for (secret in secrets) assertFalse(text.contains(secret), "$secret shows in: $text")
        assertContains(text, "***")
    }

    @Test
    fun `configs hide their credentials`() {
        assertHidden(paylov, SECRET)
        assertHidden(paymentsGate, SECRET)
        assertHidden(via, SECRET)
        assertContains(via.toString(), "system") // the client id is not a secret
        assertContains(paylov.toString(), "https://gw.paylov.uz")
        // The values themselves are plain strings to read and compare.
        assertEquals(SECRET, paylov.apiKey)
    }

    @Test
    fun `token inputs and outputs hide the tokens`() {
        assertHidden(AuthTokenInput(accountId = "acc-1", publicKey = SECRET), SECRET)
        assertHidden(RefreshTokenInput(refreshToken = SECRET), SECRET)
        val tokens = parseAuthToken(response(200, """{"access_token":"$SECRET-a","refresh_token":"$SECRET-r","expires_in":3600}"""))
        assertHidden(tokens, SECRET)
        assertEquals("$SECRET-a", tokens.accessToken)
    }

    @Test
    fun `card numbers are masked`() {
        val input = ConfirmPayInput(merchantId = "mrt_1", card = card, externalId = "o-1", amount = 100)
        for (value in listOf<Any>(card, input)) {
            val text = value.toString()
            assertFalse(text.contains(PAN), text)
            assertContains(text, "860000******0007")
        }
    }

    @Test
    fun `requests mask credential headers and leave the body out`() {
        val requests = listOf(
            buildRegisterReceipt(paylov, RegisterReceiptInput(transactionId = "t-1", items = listOf(tea()))),
            buildCreatePayin(paymentsGate, CreatePayinInput(amount = 100, invoiceId = "inv-1")),
            buildConfirmPay(via, ConfirmPayInput(merchantId = "mrt_1", card = card, externalId = "o-1", amount = 100)),
            buildAuthToken(paymentsGate, AuthTokenInput(accountId = "acc-1", publicKey = SECRET)),
        )
        for (request in requests) {
            val text = request.toString()
            assertFalse(text.contains(SECRET) || text.contains(PAN), text)
            assertContains(text, "bytes>")
            assertContains(text, request.url)
        }
        // The bytes are intact for the transport.
        assertContains(requests[2].bodyText()!!, PAN)
        assertEquals(SECRET, requests[0].header("API-KEY"))
    }

    @Test
    fun `redacted copies are safe to log, bodies included`() {
        val request = buildConfirmPay(via, ConfirmPayInput(merchantId = "mrt_1", card = card, externalId = "o-1", amount = 100))
        val redacted = request.redacted()
        assertEquals("***", redacted.header("client-secret"))
        assertEquals("system", redacted.header("client-id"))
        val body = redacted.bodyText()!!
        assertContains(body, "860000******0007")
        assertFalse(body.contains(PAN))
        val auth = buildAuthToken(paymentsGate, AuthTokenInput(accountId = "acc-1", publicKey = SECRET)).redacted()
        assertFalse(auth.bodyText()!!.contains(SECRET))
    }

    @Test
    fun `headers and responses`() {
        val secret = Header("Authorization", "Bearer $SECRET")
        assertTrue(secret.isSensitive())
        assertEquals("Authorization: ***", secret.toString())
        assertEquals("Content-Type: application/json", Header("Content-Type", "application/json").toString())
        // A token endpoint's answer is a credential: a response prints its size, not its body.
        val answer = response(200, """{"access_token":"$SECRET"}""")
        assertFalse(answer.toString().contains(SECRET), answer.toString())
    }

    @Test
    fun `exceptions never echo a credential`() {
        val e = runCatching { buildConfirmPay(via.copy(clientSecret = "a\r\n$SECRET"), ConfirmPayInput("mrt_1", card, "o-1", amount = 100)) }
            .exceptionOrNull()!!
        assertFalse(e.toString().contains(SECRET) || e.message.orEmpty().contains(SECRET), e.toString())
        val pan = runCatching { buildConfirmPay(via, ConfirmPayInput("mrt_1", card.copy(pan = "8600000000000004"), "o-1", amount = 100)) }
            .exceptionOrNull()!!
        assertFalse(pan.toString().contains("8600000000000004"), pan.toString())
    }
}
