package uz.uzpay

import kotlin.test.assertEquals
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import uz.uzpay.Fixtures.fiscalBox
import uz.uzpay.Fixtures.paymentsGate
import uz.uzpay.Fixtures.tea
import uz.uzpay.model.ClickPaymentInput
import uz.uzpay.model.CreatePayinInput
import uz.uzpay.model.ReceiptItem
import uz.uzpay.model.TIYIN_PER_SOM
import uz.uzpay.model.toLongExact
import uz.uzpay.model.toTiyin

/** Money is integer tiyin: `Long` in the factories, the core's exact `ULong` in the records. */
class MoneyTest {
    @Test
    fun `Long factories convert exactly`() {
        assertEquals(150_000uL, ClickPaymentInput(amount = 150_000, qrCode = "x").amount)
        assertEquals(Long.MAX_VALUE.toULong(), tea(price = Long.MAX_VALUE).price)
        assertEquals(0uL, tea().discount) // the core's default
        assertEquals(1_500L * TIYIN_PER_SOM, 150_000L)
    }

    @Test
    fun `a negative amount is invalid input naming the field, never a wrapped number`() {
        val e = assertThrows<UzpayException.InvalidInput> { ClickPaymentInput(amount = -100, qrCode = "x") }
        assertEquals("amount", e.field)
        assertEquals("must not be negative", e.reason)
        assertEquals("price", assertThrows<UzpayException.InvalidInput> { tea(price = -1) }.field)
        assertEquals("count", assertThrows<UzpayException.InvalidInput> { tea(count = -1) }.field)
        assertEquals("discount", assertThrows<UzpayException.InvalidInput> {
            ReceiptItem("t", price = 1, discount = -1, count = 1, code = "c", vatPercent = 12, packageCode = "p")
        }.field)
        assertEquals("vat_percent", assertThrows<UzpayException.InvalidInput> {
            ReceiptItem("t", price = 1, count = 1, code = "c", vatPercent = -12, packageCode = "p")
        }.field)
        assertEquals("amount", assertThrows<UzpayException.InvalidInput> { (-1L).toTiyin() }.field)
    }

    @Test
    fun `the ULong constructors take the whole unsigned range`() {
        // 2^64 - 1 tiyin cannot be a Long; the record holds it, and the core refuses it
        // where it must (here: beyond PaymentsGate's float-safe bound).
        val input = CreatePayinInput(amount = ULong.MAX_VALUE, currency = uz.uzpay.model.Currency.UZS, invoiceId = "i",
            payinType = uz.uzpay.model.PayinType.ONECLICK)
        assertEquals("amount", assertThrows<UzpayException.InvalidInput> { buildCreatePayin(paymentsGate, input) }.field)
    }

    @Test
    fun `whole som only where the provider takes whole som`() {
        val e = assertThrows<UzpayException.InvalidInput> { buildClickPayment(fiscalBox, ClickPaymentInput(amount = 150_050, qrCode = "x")) }
        assertEquals("amount", e.field)
    }

    @Test
    fun `toLongExact refuses what a Long cannot hold`() {
        assertEquals(42L, 42uL.toLongExact())
        assertEquals(Long.MAX_VALUE, Long.MAX_VALUE.toULong().toLongExact())
        assertThrows<ArithmeticException> { (Long.MAX_VALUE.toULong() + 1uL).toLongExact() }
    }

    @Test
    fun `vatIncluded in Long and ULong`() {
        assertEquals(10_714L, vatIncluded(100_000, 12)) // 1,000.00 UZS at 12% carries 107.14
        assertEquals(12_000L, vatIncluded(112_000, 12))
        assertEquals(2L, vatIncluded(14, 12)) // half up to the tiyin
        assertEquals(0L, vatIncluded(100_000, 0))
        assertEquals(10_714uL, vatIncluded(100_000uL, 12u))
        assertEquals(ULong.MAX_VALUE / 2uL + 1uL, vatIncluded(ULong.MAX_VALUE, 100u))
        assertEquals("gross", assertThrows<UzpayException.InvalidInput> { vatIncluded(-1, 12) }.field)
        assertEquals("rate_percent", assertThrows<UzpayException.InvalidInput> { vatIncluded(1, -12) }.field)
    }
}
