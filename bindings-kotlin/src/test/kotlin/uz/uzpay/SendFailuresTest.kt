package uz.uzpay

import java.net.InetSocketAddress
import java.net.ServerSocket
import java.time.Duration
import kotlin.concurrent.thread
import kotlin.test.assertContains
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import uz.uzpay.model.ClickPaymentInput
import uz.uzpay.model.FiscalBoxConfig
import uz.uzpay.model.TransportFailure

/**
 * What [JdkTransport] says when no answer comes: NOT_SENT when the request certainly
 * never reached the server, MAYBE_SENT when it may have. It only classifies; the flow
 * decides. The same cases run in the Python and npm packages' tests.
 */
class SendFailuresTest {
    private val servers = mutableListOf<ServerSocket>()
    private val transport = JdkTransport(timeout = Duration.ofMillis(500), connectTimeout = Duration.ofMillis(500))

    @AfterEach
    fun stop() = servers.forEach { it.close() }

    /** A TCP server on 127.0.0.1 treating each connection with [behaviour]. */
    private fun serve(behaviour: (java.net.Socket) -> Unit): String {
        val server = ServerSocket()
        server.bind(InetSocketAddress("127.0.0.1", 0))
        servers.add(server)
        thread(isDaemon = true) {
            while (!server.isClosed) {
                val socket = runCatching { server.accept() }.getOrNull() ?: break
                thread(isDaemon = true) { socket.use { runCatching { behaviour(it) } } }
            }
        }
        return "http://127.0.0.1:${server.localPort}"
    }

    private fun readRequest(socket: java.net.Socket) {
        val input = socket.getInputStream().bufferedReader()
        while (input.readLine()?.isNotEmpty() == true) Unit
    }

    // A POST with a body: a charge, where the classification matters.
    private fun failureOf(baseUrl: String): TransportFailure {
        val request = buildClickPayment(FiscalBoxConfig(baseUrl = baseUrl), ClickPaymentInput(amount = 100_000, qrCode = "https://my.click.uz/pay/q1"))
        val e = assertThrows<SendException> { transport.send(request) }
        assertFalse(e.cause == null)
        return e.failure
    }

    private fun closedPort(): String = ServerSocket(0, 0, java.net.InetAddress.getByName("127.0.0.1")).use { "http://127.0.0.1:${it.localPort}" }

    @Test
    fun `a refused connection was not sent`() = assertEquals(TransportFailure.NOT_SENT, failureOf(closedPort()))

    @Test
    fun `an unknown host was not sent`() = assertEquals(TransportFailure.NOT_SENT, failureOf("https://uzpay-test.invalid"))

    @Test
    fun `a failed TLS handshake was not sent`() {
        val url = serve {
            it.getInputStream().read(ByteArray(1024))
            it.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".toByteArray())
            // Held open until the client gives up, so it reads the plain text, not a reset.
            it.soTimeout = 2_000
            runCatching { while (it.getInputStream().read() != -1) Unit }
        }
        assertEquals(TransportFailure.NOT_SENT, failureOf(url.replace("http://", "https://")))
    }

    @Test
    fun `a connection closed after the request may have been sent`() =
        assertEquals(TransportFailure.MAYBE_SENT, failureOf(serve(::readRequest)))

    @Test
    fun `a timeout waiting for the answer may have been sent`() =
        assertEquals(TransportFailure.MAYBE_SENT, failureOf(serve { readRequest(it); Thread.sleep(1_500) }))

    @Test
    fun `the error names the request, never its query or credentials`() {
        val request = buildClickPayment(FiscalBoxConfig(baseUrl = closedPort()), ClickPaymentInput(amount = 100_000, qrCode = "q"))
        assertContains(assertThrows<SendException> { transport.send(request) }.message!!, "POST http://127.0.0.1:")
    }
}
