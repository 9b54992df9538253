package uz.uzpay

import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertIs
import kotlin.test.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import uz.uzpay.Fixtures.RECEIPT_URL
import uz.uzpay.Fixtures.fiscalBox
import uz.uzpay.Fixtures.paylov
import uz.uzpay.Fixtures.response
import uz.uzpay.model.TransportFailure
import uz.uzpay.Fixtures.tea
import uz.uzpay.Fixtures.via
import uz.uzpay.model.ClickConfirmInput
import uz.uzpay.model.PaylovConfig
import uz.uzpay.model.ProviderName
import uz.uzpay.model.RegisterReceiptInput

/** The four kinds of UzpayException, each as a Kotlin subclass with its fields. */
class ExceptionsTest {
    @Test
    fun `invalid input names the field and is never retryable`() {
        val bad = tea().copy(discount = 1_120_001uL)
        val e = assertThrows<UzpayException.InvalidInput> {
            buildRegisterReceipt(paylov, RegisterReceiptInput(transactionId = "t-1", items = listOf(tea(), bad)))
        }
        assertEquals("items[1].discount", e.field)
        assertTrue(e.reason.startsWith("must not exceed the price"), e.reason)
        assertFalse(e.retryable)
        assertEquals("invalid_input", e.kind)
        assertEquals("invalid input: items[1].discount: ${e.reason}", e.toString())
    }

    @Test
    fun `a sub-field of a receipt url is named`() {
        val e = assertThrows<UzpayException.InvalidInput> {
            buildClickConfirm(fiscalBox, ClickConfirmInput("4710103925", RECEIPT_URL.replace("20230104", "20230230")))
        }
        assertEquals("qr_code.c", e.field)
    }

    @Test
    fun `a missing credential is invalid input, before any I-O`() {
        val e = assertThrows<UzpayException.InvalidInput> {
            buildRegisterReceipt(PaylovConfig(apiKey = ""), RegisterReceiptInput(transactionId = "t-1", items = listOf(tea())))
        }
        assertEquals("api_key", e.field)
    }

    @Test
    fun `a provider error carries code, status, details and the localized messages`() {
        val body = """{"status":{"code":"1234","message":"Error while executing the request"},"error":{"path":"URL Path","message":{"uz":"Xato","ru":"Ошибка","en":"Error in English"}}}"""
        val e = assertThrows<UzpayException.Provider> { parseConfirmPay(response(400, body)) }
        assertEquals(ProviderName.VIA, e.provider)
        assertEquals("1234", e.code)
        assertEquals("Error in English", e.reason)
        assertEquals("Xato", e.messages.uz)
        assertEquals("Ошибка", e.messages.ru)
        assertEquals(400, e.status)
        assertFalse(e.retryable)
        assertEquals("provider", e.kind)
        assertEquals("VIA refused the request: Error in English (code 1234)", e.toString())
    }

    @Test
    fun `a provider error with HTTP 200 is still an error`() {
        val body = """{"data":{"status":"failed","error":"receipt not accepted"},"error":null,"is_success":true}"""
        val e = assertThrows<UzpayException.Provider> { parseClickConfirm(response(200, body)) }
        assertEquals(ProviderName.FISCAL_BOX, e.provider)
        assertEquals("failed", e.code)
        assertEquals(200, e.status)
    }

    @Test
    fun `paylov ofd_error is retryable, ofd_check_already_generated is final`() {
        fun error(code: String) = assertThrows<UzpayException.Provider> {
            parseRegisterReceipt(response(400, """{"result":null,"error":{"code":"$code","message":"m"}}"""))
        }
        assertTrue(error("ofd_error").retryable)
        assertFalse(error("ofd_check_already_generated").retryable)
    }

    @Test
    fun `an unexpected status is Http, retryable for 5xx and 429`() {
        val e = assertThrows<UzpayException.Http> { parseRefundReceipt(response(404, "")) }
        assertEquals(404, e.status)
        assertFalse(e.retryable)
        assertEquals("http", e.kind)
        assertEquals("unexpected HTTP status 404", e.toString())
        assertTrue(assertThrows<UzpayException.Http> { parseRefundReceipt(response(429, "")) }.retryable)
    }

    @Test
    fun `an unreadable body is Decode, retryable for a gateway's HTML page`() {
        val html = assertThrows<UzpayException> { parseGetTransaction(response(502, "<html>Bad gateway</html>")) }
        assertTrue(html.retryable, html.toString())
        // A new SMS code must happen once: a gateway's page says nothing of whether it did.
        assertFalse(assertThrows<UzpayException> { parseResendCode(response(502, "<html>Bad gateway</html>")) }.retryable)
        val garbage = assertThrows<UzpayException.Decode> { parseResendCode(response(200, "[1,2")) }
        assertFalse(garbage.retryable)
        assertEquals("decode", garbage.kind)
        assertTrue(garbage.toString().startsWith("could not decode the response: "))
    }

    @Test
    fun `a status out of range is refused, not a crash`() {
        val e = assertThrows<UzpayException.InvalidInput> { parseResendCode(HttpResponse(status = 70_000)) }
        assertEquals("status", e.field)
    }

    @Test
    fun `the hierarchy is sealed, so a when over it is exhaustive`() {
        val errors: List<UzpayException> = listOf(
            UzpayException.InvalidInput("f", "r"),
            assertThrows<UzpayException> { parseGetTransaction(response(500, """{"status":{"code":"9"}}""")) },
            UzpayException.Http(503, true),
            UzpayException.Decode("d", false),
            UzpayException.Transport("via.confirm_pay", TransportFailure.MAYBE_SENT, false),
        )
        val kinds = errors.map {
            when (it) {
                is UzpayException.InvalidInput -> "invalid_input"
                is UzpayException.Provider -> "provider"
                is UzpayException.Http -> "http"
                is UzpayException.Decode -> "decode"
                is UzpayException.Transport -> "transport"
            }
        }
        assertEquals(errors.map { it.kind }, kinds)
        assertIs<UzpayException.Provider>(errors[1])
        assertTrue(errors[1].retryable) // a provider error with a 5xx, for a read
        assertIs<Exception>(errors[0]) // a plain Kotlin exception: catch (e: Exception) still works
    }

    @Test
    fun `nothing panics into the JVM on hostile input`() {
        val huge = "9".repeat(100_000)
        for (body in listOf("", "null", "{}", "[]", huge, "\u0000\uFFFF", """{"data":""" + "[".repeat(10_000))) {
            for (parse in listOf<(HttpResponse) -> Any>(::parseClickConfirm, ::parseRegisterReceipt, ::parseDealStatus, ::parseGetTransaction)) {
                try {
                    parse(response(200, body))
                } catch (e: UzpayException) {
                    // Every failure is typed; an InternalException (a Rust panic) would fail the test.
                }
            }
        }
        assertThrows<UzpayException.InvalidInput> { buildClickConfirm(fiscalBox, ClickConfirmInput(huge, huge)) }
        assertThrows<UzpayException.InvalidInput> { buildResendCode(via, uz.uzpay.model.ResendCodeInput(verifyId = huge)) }
    }
}
