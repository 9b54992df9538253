package uz.uzpay

import java.time.LocalDateTime
import kotlin.test.assertEquals
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import uz.uzpay.Fixtures.RECEIPT_URL
import uz.uzpay.Fixtures.tea
import uz.uzpay.model.OfdDateTime
import uz.uzpay.model.OfdReceiptKind
import uz.uzpay.model.ReceiptItem
import uz.uzpay.model.toLocalDateTime
import uz.uzpay.model.toOfdDateTime

/** The fiscal domain: OFD receipt URLs and receipt arithmetic. */
class OfdReceiptTest {
    @Test
    fun `parse a receipt url`() {
        val receipt = parseReceiptUrl(RECEIPT_URL)
        assertEquals(OfdReceiptKind.CHECK, receipt.kind)
        assertEquals("UZ170703100597", receipt.terminalId)
        assertEquals(2421uL, receipt.receiptNumber)
        assertEquals(OfdDateTime(2023u, 1u, 4u, 12u, 18u, 1u), receipt.dateTime)
        assertEquals("20230104121801", receipt.dateTime.toString())
        assertEquals("514343190161", receipt.fiscalSign)
        assertEquals(RECEIPT_URL, receipt.toString())
    }

    @Test
    fun `parse reads loosely written urls and rebuilds them canonically`() {
        val loose = "http://OFD.SOLIQ.UZ/epi?s=514343190161&c=20230104121801&r=002421&t=UZ170703100597"
        val receipt = parseReceiptUrl(loose)
        assertEquals(OfdReceiptKind.EPI, receipt.kind)
        assertEquals(RECEIPT_URL.replace("/check", "/epi"), buildReceiptUrl(receipt))
    }

    @Test
    fun `refusals name the part`() {
        fun field(url: String) = assertThrows<UzpayException.InvalidInput> { parseReceiptUrl(url) }.field
        assertEquals("url", field("https://ofd.example.com/check?t=1&r=1&c=20230104121801&s=1"))
        assertEquals("url.c", field(RECEIPT_URL.replace("20230104", "20230230")))
        assertEquals("url.r", field(RECEIPT_URL.replace("r=2421", "r=99999999999999999999")))
        assertEquals("url.s", field(RECEIPT_URL.replace("&s=514343190161", "")))
    }

    @Test
    fun `build checks parts built in Kotlin`() {
        val receipt = parseReceiptUrl(RECEIPT_URL)
        assertEquals(RECEIPT_URL, buildReceiptUrl(receipt))
        val e = assertThrows<UzpayException.InvalidInput> { buildReceiptUrl(receipt.copy(terminalId = "UZ 1")) }
        assertEquals("terminal_id", e.field)
        val day = assertThrows<UzpayException.InvalidInput> {
            buildReceiptUrl(receipt.copy(dateTime = receipt.dateTime.copy(day = 31u, month = 4u)))
        }
        assertEquals("date_time", day.field)
    }

    @Test
    fun `date-times and java time`() {
        val time = parseOfdDateTime("20240229235959")
        assertEquals(LocalDateTime.of(2024, 2, 29, 23, 59, 59), time.toLocalDateTime())
        assertEquals(time, LocalDateTime.of(2024, 2, 29, 23, 59, 59, 999).toOfdDateTime())
        assertEquals("date_time", assertThrows<UzpayException.InvalidInput> { parseOfdDateTime("20230229000000") }.field)
        assertEquals("date_time", assertThrows<UzpayException.InvalidInput> { LocalDateTime.of(10_000, 1, 1, 0, 0).toOfdDateTime() }.field)
    }

    @Test
    fun `receipt totals`() {
        val discounted = tea(price = 10_000, count = 3).copy(discount = 2_000uL)
        val totals = receiptTotals(listOf(discounted, tea(price = 100_000)))
        assertEquals(listOf(28_000uL, 100_000uL), totals.lines.map { it.total })
        assertEquals(listOf(3_000uL, 10_714uL), totals.lines.map { it.vat })
        assertEquals(128_000uL, totals.total)
        assertEquals(13_714uL, totals.vat)
    }

    @Test
    fun `receipt totals refuse overflow and bad lines with the field`() {
        val big = ReceiptItem("t", price = ULong.MAX_VALUE, count = 2uL, code = "01902001001000000", vatPercent = 12u,
            packageCode = "1437667", tin = "310100000")
        assertEquals("items[0].count", assertThrows<UzpayException.InvalidInput> { receiptTotals(listOf(big)) }.field)
        assertEquals("items", assertThrows<UzpayException.InvalidInput> { receiptTotals(emptyList()) }.field)
        val noSeller = tea().copy(tin = null)
        assertEquals("items[1]", assertThrows<UzpayException.InvalidInput> { receiptTotals(listOf(tea(), noSeller)) }.field)
    }
}
