package uz.uzpay

import com.sun.net.httpserver.HttpExchange
import com.sun.net.httpserver.HttpServer
import java.net.InetSocketAddress
import java.util.concurrent.ConcurrentLinkedQueue
import kotlin.test.assertContains
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertTrue
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import uz.uzpay.Fixtures.RECEIPT_URL
import uz.uzpay.Fixtures.tea
import uz.uzpay.examples.registerOrExplain
import uz.uzpay.examples.registerReceipt
import uz.uzpay.model.PaylovConfig
import uz.uzpay.model.RefundReceiptInput

/**
 * A round trip over real HTTP: requests built by uzpay, sent by the JDK's HttpClient
 * (the example transport) to a local server on 127.0.0.1 started here, answers parsed
 * by uzpay.
 */
class TransportTest {
    private class Seen(val method: String, val uri: String, val headers: Map<String, String>, val body: String)

    private lateinit var server: HttpServer
    private val seen = ConcurrentLinkedQueue<Seen>()
    private val transport = JdkTransport()
    private val config get() = PaylovConfig(baseUrl = "http://127.0.0.1:${server.address.port}", apiKey = "k-123")

    /** Answers per path, in order (the last one repeats). */
    private val answers = mutableMapOf<String, MutableList<Pair<Int, String>>>()

    @BeforeEach
    fun start() {
        server = HttpServer.create(InetSocketAddress("127.0.0.1", 0), 0)
        server.createContext("/") { exchange -> answer(exchange) }
        server.start()
    }

    @AfterEach
    fun stop() = server.stop(0)

    private fun answer(exchange: HttpExchange) {
        val headers = exchange.requestHeaders.mapValues { it.value.joinToString(",") }.mapKeys { it.key.lowercase() }
        seen.add(Seen(exchange.requestMethod, exchange.requestURI.toString(), headers, exchange.requestBody.readBytes().decodeToString()))
        val queue = answers[exchange.requestURI.path] ?: mutableListOf(404 to "")
        val (status, body) = if (queue.size > 1) queue.removeAt(0) else queue.first()
        val bytes = body.toByteArray()
        exchange.responseHeaders.add("Content-Type", "application/json")
        exchange.sendResponseHeaders(status, if (bytes.isEmpty()) -1 else bytes.size.toLong())
        exchange.responseBody.use { it.write(bytes) }
    }

    private val registered = """{"result":{"ofd":{"receiptUrl":"$RECEIPT_URL","terminalId":"UZ170703100597","receiptId":2421,"fiscalSign":"514343190161"}}}"""

    @Test
    fun `a receipt is registered over HTTP`() {
        answers["/merchant/fiscalization/register/"] = mutableListOf(200 to registered)
        assertEquals(RECEIPT_URL, registerReceipt(transport, config, "e2da46c6", listOf(tea())))
        val request = seen.single()
        assertEquals("POST", request.method)
        assertEquals("/merchant/fiscalization/register/", request.uri)
        assertEquals("k-123", request.headers["api-key"])
        assertEquals("application/json", request.headers["content-type"])
        assertContains(request.body, """"transactionId":"e2da46c6"""")
        assertContains(request.body, """"price":1120000""")
    }

    @Test
    fun `an existing receipt is read back, never registered twice`() {
        answers["/merchant/fiscalization/register/"] =
            mutableListOf(400 to """{"result":null,"error":{"code":"ofd_check_already_generated","message":"exists"}}""")
        answers["/merchant/fiscalization/status/"] =
            mutableListOf(200 to """{"result":{"success":true,"isRefund":false,"receiptUrl":"$RECEIPT_URL","terminalId":"UZ170703100597","receiptId":2421,"fiscalSign":"514343190161"}}""")
        assertEquals(RECEIPT_URL, registerReceipt(transport, config, "e2da46c6", listOf(tea())))
        val (register, status) = seen.toList()
        assertEquals("POST", register.method)
        assertEquals("GET", status.method)
        assertEquals("/merchant/fiscalization/status/?transactionId=e2da46c6", status.uri)
        assertEquals("", status.body)
    }

    @Test
    fun `failures come back typed`() {
        answers["/merchant/fiscalization/register/"] =
            mutableListOf(400 to """{"result":null,"error":{"code":"ofd_error","message":"OFD unavailable"}}""")
        assertTrue(registerOrExplain(transport, config, "t-1").startsWith("try again later: Paylov refused the request: OFD unavailable"))
        answers["/merchant/fiscalization/refund/"] = mutableListOf(503 to "<html>maintenance</html>")
        val e = assertThrows<UzpayException> { parseRefundReceipt(transport.send(buildRefundReceipt(config, RefundReceiptInput(2421)))) }
        // A refund must happen once: a gateway's page says nothing of whether it did.
        assertFalse(e.retryable, e.toString())
        assertTrue(registerOrExplain(transport, config, "").startsWith("fix transaction_id: "))
    }

    @Test
    fun `response headers reach the parser`() {
        answers["/merchant/fiscalization/refund/"] = mutableListOf(200 to """{"result":{"success":true}}""")
        val response = transport.send(buildRefundReceipt(config, RefundReceiptInput(2421)))
        assertEquals("application/json", response.header("content-type"))
        assertTrue(parseRefundReceipt(response).success)
    }
}
