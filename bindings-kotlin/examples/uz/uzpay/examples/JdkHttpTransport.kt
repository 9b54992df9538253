package uz.uzpay.examples

import java.net.URI
import java.net.http.HttpClient
import java.time.Duration
import uz.uzpay.Header
import uz.uzpay.HttpRequest
import uz.uzpay.HttpResponse
import java.net.http.HttpRequest as JdkRequest
import java.net.http.HttpResponse as JdkResponse

/**
 * A transport for uzpay on the JVM (11+) with the JDK's `java.net.http.HttpClient`.
 * uzpay never does I/O: it builds the request and parses the answer, and this is all
 * the code that sends. (Android has no `java.net.http`: use OkHttp there, see the
 * README.)
 *
 *     val transport = JdkHttpTransport()
 *     val receipt = parseRegisterReceipt(transport.send(buildRegisterReceipt(config, input)))
 *
 * An `IOException` from [send] means no answer arrived; whether to send again is the
 * caller's call (uzpay's flows decide it from the step: a payment is never repeated
 * blind).
 */
class JdkHttpTransport(
    private val client: HttpClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(),
    private val timeout: Duration = Duration.ofSeconds(30),
) {
    /** Sends [request] as built (method, URL, headers in order, body) and returns the answer, whatever its status. */
    fun send(request: HttpRequest): HttpResponse {
        val builder = JdkRequest.newBuilder(URI.create(request.url)).timeout(timeout)
        // The JDK sets these itself and refuses them from callers.
        request.headers.filterNot { it.name.lowercase() in RESTRICTED }.forEach { builder.header(it.name, it.value) }
        val body = if (request.body.isEmpty()) JdkRequest.BodyPublishers.noBody()
        else JdkRequest.BodyPublishers.ofByteArray(request.body)
        builder.method(request.method.name, body)
        val response = client.send(builder.build(), JdkResponse.BodyHandlers.ofByteArray())
        val headers = response.headers().map().flatMap { (name, values) -> values.map { Header(name, it) } }
        return HttpResponse(status = response.statusCode(), headers = headers, body = response.body())
    }

    private companion object {
        val RESTRICTED = setOf("connection", "content-length", "expect", "host", "upgrade")
    }
}
