package uz.uzpay

import kotlin.test.assertEquals
import kotlin.test.assertIs
import org.junit.jupiter.api.Test
import uz.uzpay.Fixtures.response
import uz.uzpay.model.ClickConfirmStatus
import uz.uzpay.model.DealStatus
import uz.uzpay.model.ViaTransactionStatus

/**
 * Provider enumerations stay open: a status a provider adds tomorrow arrives as the
 * `Other` case with the provider's string, never as an exception, so a POS app keeps
 * working. `toString()` is the provider's wire string for every case.
 */
class EnumsTest {
    @Test
    fun `an unknown deal status is Other, kept verbatim`() {
        val output = parseDealStatus(response(200, """{"id":"d1","status":"processing","type":"oneclick"}"""))
        val status = output.status
        assertIs<DealStatus.Other>(status)
        assertEquals("processing", status.value)
        assertEquals("processing", status.toString())
    }

    @Test
    fun `an unknown VIA status is Other`() {
        val output = parseGetTransaction(response(200, """{"data":{"transactionId":"t","amount":1,"status":"ON_HOLD"}}"""))
        assertEquals(ViaTransactionStatus.Other("ON_HOLD"), output.status)
        assertEquals("ON_HOLD", output.status.toString())
    }

    @Test
    fun `an unknown click_confirm status is Other`() {
        val output = parseClickConfirm(response(200, """{"data":{"status":"queued"},"error":null,"is_success":true}"""))
        assertEquals(ClickConfirmStatus.Other("queued"), output.status)
    }

    @Test
    fun `known values are the wire strings`() {
        assertEquals("paid", DealStatus.Paid.toString())
        assertEquals("SUCCESS", ViaTransactionStatus.Success.toString())
        assertEquals("successfully", ClickConfirmStatus.Successfully.toString())
    }

    @Test
    fun `a when over an open enumeration needs its Other branch`() {
        fun describe(status: DealStatus): String = when (status) {
            DealStatus.Paid, DealStatus.Completed -> "paid"
            DealStatus.Canceled, DealStatus.Expired -> "over"
            DealStatus.Queued, DealStatus.New, DealStatus.Pending, DealStatus.Disputed -> "waiting"
            is DealStatus.Other -> "unknown: $status"
        }
        assertEquals("unknown: refunded", describe(DealStatus.Other("refunded")))
        assertEquals("paid", describe(DealStatus.Completed))
    }
}
