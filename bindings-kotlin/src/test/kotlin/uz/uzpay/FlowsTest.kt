package uz.uzpay

import kotlin.coroutines.Continuation
import kotlin.coroutines.EmptyCoroutineContext
import kotlin.coroutines.startCoroutine
import kotlin.test.assertContains
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertIs
import kotlin.test.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import uz.uzpay.Fixtures.PAN
import uz.uzpay.Fixtures.RECEIPT_URL
import uz.uzpay.Fixtures.SECRET
import uz.uzpay.Fixtures.card
import uz.uzpay.Fixtures.paylov
import uz.uzpay.Fixtures.tea
import uz.uzpay.Fixtures.via
import uz.uzpay.model.ConfirmPayInput
import uz.uzpay.model.FiscalBoxConfig
import uz.uzpay.model.FiscalBoxPaymentInput
import uz.uzpay.model.FlowOptions
import uz.uzpay.model.FlowState
import uz.uzpay.model.RegisterReceiptInput
import uz.uzpay.model.RetryPolicy
import uz.uzpay.model.TransportFailure
import uz.uzpay.model.Wallet
import uz.uzpay.examples.chargeOrExplain

/** The flows' Kotlin face: the classes, their actions, snapshots and the drivers (the state machines are the core's, checked by the flow conformance cases). */
class FlowsTest {
    private val registered = """{"result":{"ofd":{"receiptUrl":"u1","terminalId":"T1","receiptId":7,"fiscalSign":"F1"}}}"""
    private val status = """{"result":{"success":true,"receiptUrl":"u1","terminalId":"T1","receiptId":7,"fiscalSign":"F1"}}"""
    private fun txn(status: String) = """{"transactionId":"trx_1","merchantId":"m-1","amount":150000,"status":"$status","currency":"UZS"}"""
    private val receipt get() = RegisterReceiptInput(transactionId = "t-1", items = listOf(tea()))
    private val payment get() = ConfirmPayInput(merchantId = "m-1", card = card, externalId = "order-7", amount = 150_000)

    /** Answers from a script: a body for a 200, a status, or a lost answer. */
    private class Script(vararg answers: Any) : Transport {
        val left = answers.toMutableList()
        val sent = mutableListOf<HttpRequest>()
        override fun send(request: HttpRequest): HttpResponse {
            sent.add(request)
            return when (val answer = left.removeAt(0)) {
                is TransportFailure -> throw SendException(answer, "scripted", null)
                is Int -> HttpResponse(answer, "")
                else -> HttpResponse(200, answer.toString())
            }
        }
    }

    @Test
    fun `a flow gives typed actions, and its outcome when done`() {
        PaylovFiscalizationFlow(paylov, receipt).use { flow ->
            assertEquals(FlowState.READY, flow.state())
            val send = assertIs<FlowAction.Send>(flow.start())
            assertEquals(FlowState.SENDING, flow.state())
            assertEquals("paylov.register_receipt", send.step.operation)
            assertEquals(1u, send.step.attempt)
            assertEquals(SECRET, send.step.request.header("api-key"))
            assertIs<FlowAction.Done>(flow.onResponse(HttpResponse(200, registered)))
            assertEquals(7L, flow.outcome()?.receiptId)
            assertEquals("paylov.fiscalization", flow.flowName())
        }
    }

    @Test
    fun `run retries with the policy's pauses and saves before every request`() {
        val saved = mutableListOf<String>()
        val script = Script(502, TransportFailure.MAYBE_SENT, registered)
        val options = FlowOptions(retry = RetryPolicy(maxAttempts = 4u, baseDelayMs = 1u, maxDelayMs = 2u))
        val outcome = PaylovFiscalizationFlow(paylov, receipt, options).use { it.run(script, save = saved::add) }
        assertEquals(7L, outcome.receiptId)
        assertEquals(3, script.sent.size)
        assertEquals(4, saved.size)
        assertTrue(saved.none { it.contains(SECRET) })
    }

    @Test
    fun `a restored flow goes on where it was saved`() {
        val snapshot = PaylovFiscalizationFlow(paylov, receipt).use { it.start(); it.snapshot() }
        PaylovFiscalizationFlow.restore(paylov, snapshot).use { flow ->
            val step = assertIs<FlowAction.Send>(flow.resume())
            assertEquals(2u, step.step.attempt)
            val script = Script(400, status).also { it.left[0] = """{"error":{"code":"ofd_check_already_generated","message":"x"}}""" }
            assertTrue(flow.run(script, action = step).alreadyExisted)
        }
    }

    @Test
    fun `a snapshot that is not one is refused naming it`() {
        val snapshot = ViaCardPaymentFlow(via, payment).use { it.start(); it.snapshot() }
        assertFalse(snapshot.contains(PAN) || snapshot.contains(SECRET))
        val e = assertThrows<UzpayException.InvalidInput> { ViaCardPaymentFlow.restore(via, snapshot.replace("150000", "1")) }
        assertEquals("snapshot", e.field)
        assertContains(e.reason, "was changed")
        assertThrows<UzpayException.InvalidInput> { PaylovFiscalizationFlow.restore(paylov, snapshot) }
    }

    @Test
    fun `without askCode a card payment stops at the code and goes on later`() {
        val snapshot = ViaCardPaymentFlow(via, payment).use { flow ->
            val end = assertIs<FlowEnd.AwaitingCode>(flow.run(Script("""{"verifyId":"trx_1"}""")))
            assertEquals(3u, end.ask.attemptsLeft)
            flow.snapshot()
        }
        ViaCardPaymentFlow.restore(via, snapshot).use { later ->
            assertIs<FlowAction.AwaitVerifyCode>(later.resume())
            val end = later.run(Script(txn("SUCCESS")), action = later.provideVerifyCode("123456"))
            assertTrue(assertIs<FlowEnd.Done<*>>(end).let { (it.outcome as uz.uzpay.model.ViaPaymentOutcome).paid })
        }
    }

    @Test
    fun `askCode gives the code, or null for a new SMS`() {
        val codes = mutableListOf<String?>(null, "654321")
        val script = Script("""{"verifyId":"trx_1"}""", """{"verifyId":"trx_1"}""", txn("REJECT"))
        val end = ViaCardPaymentFlow(via, payment).use { it.run(script, askCode = { codes.removeAt(0) }) }
        assertFalse(assertIs<FlowEnd.Done<uz.uzpay.model.ViaPaymentOutcome>>(end).outcome.paid)
        assertEquals(listOf("pay", "resend", "verify"), script.sent.map { it.url.substringAfterLast('/') })
    }

    @Test
    fun `a lost charge ends the flow not retryable, and the example says so`() {
        val input = FiscalBoxPaymentInput(wallet = Wallet.CLICK, amount = 150_000u, paymentQr = "https://my.click.uz/pay/q", receiptUrl = RECEIPT_URL)
        val e = assertThrows<UzpayException.Transport> {
            FiscalBoxPaymentFlow(FiscalBoxConfig(), input).use { it.run(Script(TransportFailure.MAYBE_SENT)) }
        }
        assertEquals("fiscalbox.click_payment", e.operation)
        assertEquals(TransportFailure.MAYBE_SENT, e.failure)
        assertFalse(e.retryable)
        val said = chargeOrExplain("https://my.click.uz/pay/q", 150_000, RECEIPT_URL, Script(TransportFailure.MAYBE_SENT))
        assertTrue(said.startsWith("check the payment before charging again"), said)
    }

    @Test
    fun `runSuspending drives with coroutines`() {
        var result: Result<Long>? = null
        val transport = SuspendTransport { request -> Script(TransportFailure.NOT_SENT, registered).let { s -> s.left.removeAt(0); s.send(request) } }
        val flow = PaylovFiscalizationFlow(paylov, receipt)
        suspend { flow.runSuspending(transport).receiptId }.startCoroutine(Continuation(EmptyCoroutineContext) { result = it })
        assertEquals(7L, result?.getOrThrow())
        flow.close()
    }
}
