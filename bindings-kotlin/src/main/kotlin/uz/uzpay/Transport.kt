package uz.uzpay

import java.io.IOException
import java.net.ConnectException
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpConnectTimeoutException
import java.time.Duration
import java.util.concurrent.CompletionException
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import javax.net.ssl.SSLException
import uz.uzpay.model.AwaitVerifyCode
import uz.uzpay.model.TransportFailure
import kotlin.coroutines.resume
import kotlin.coroutines.resumeWithException
import kotlin.coroutines.suspendCoroutine
import java.net.http.HttpRequest as JdkRequest
import java.net.http.HttpResponse as JdkResponse

/**
 * No answer came. [failure] is [TransportFailure.NOT_SENT] when the request certainly
 * never reached the provider (DNS, a refused connection, the TLS handshake, a connect
 * timeout) and [TransportFailure.MAYBE_SENT] when it may have (a timeout or a reset
 * after the request was written). What to do then is the flow's decision
 * (`onTransportFailure`), never the transport's. The message names the method and the
 * URL without its query, never a header.
 */
class SendException(val failure: TransportFailure, message: String, cause: Throwable?) : IOException(message, cause)

/** Sends one request and gives its answer, whatever its status; throws [SendException] when none came. */
fun interface Transport {
    fun send(request: HttpRequest): HttpResponse
}

/** [Transport] for coroutines. */
fun interface SuspendTransport {
    suspend fun send(request: HttpRequest): HttpResponse
}

/**
 * The JDK's `java.net.http` (JVM 11+; Android has none: implement [Transport] on
 * OkHttp). Redirects are not followed (a credential never travels to another host);
 * every request times out after [timeout], the connection after [connectTimeout].
 */
class JdkTransport(
    private val timeout: Duration = Duration.ofSeconds(30),
    connectTimeout: Duration = Duration.ofSeconds(10),
    private val client: HttpClient = HttpClient.newBuilder()
        .connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build(),
) : Transport {
    override fun send(request: HttpRequest): HttpResponse = try {
        answer(client.send(outgoing(request), JdkResponse.BodyHandlers.ofByteArray()))
    } catch (e: IOException) {
        throw noAnswer(request, e)
    }

    /** [send] without blocking a thread: for coroutines (`runSuspending` takes [suspending]). */
    suspend fun sendSuspending(request: HttpRequest): HttpResponse = suspendCoroutine { next ->
        client.sendAsync(outgoing(request), JdkResponse.BodyHandlers.ofByteArray()).whenComplete { response, error ->
            val cause = (error as? CompletionException)?.cause ?: error
            when {
                cause == null -> next.resume(answer(response))
                cause is IOException -> next.resumeWithException(noAnswer(request, cause))
                else -> next.resumeWithException(cause)
            }
        }
    }

    /** This transport as a [SuspendTransport]. */
    fun suspending(): SuspendTransport = SuspendTransport(::sendSuspending)

    private fun outgoing(request: HttpRequest): JdkRequest {
        val builder = JdkRequest.newBuilder(URI.create(request.url)).timeout(timeout)
        // The JDK sets these itself and refuses them from callers.
        request.headers.filterNot { it.name.lowercase() in RESTRICTED }.forEach { builder.header(it.name, it.value) }
        val body = if (request.body.isEmpty()) JdkRequest.BodyPublishers.noBody() else JdkRequest.BodyPublishers.ofByteArray(request.body)
        return builder.method(request.method.name, body).build()
    }

    private fun answer(response: JdkResponse<ByteArray>): HttpResponse {
        val headers = response.headers().map().flatMap { (name, values) -> values.map { Header(name, it) } }
        return HttpResponse(status = response.statusCode(), headers = headers, body = response.body())
    }

    private companion object {
        val RESTRICTED = setOf("connection", "content-length", "expect", "host", "upgrade")

        fun noAnswer(request: HttpRequest, e: IOException): SendException {
            // Connecting (DNS, a refused or timed-out connection, the TLS handshake: the JDK
            // writes a request only on an established TLS session) comes before the
            // request is written; a timeout or a reset after it may not.
            val before = e is ConnectException || e is HttpConnectTimeoutException || e is SSLException
            val failure = if (before) TransportFailure.NOT_SENT else TransportFailure.MAYBE_SENT
            return SendException(failure, "${request.method.name} ${request.url.substringBefore('?')} got no answer: $e", e)
        }
    }
}

/**
 * The verbs every flow object has (`PaylovFiscalizationFlow` and its siblings), for
 * the drivers ([drive], [driveSuspending]); each flow is one through its generated
 * `machine()`. [T] is the flow's outcome.
 */
interface FlowMachine<T> {
    fun start(): FlowAction
    fun resume(): FlowAction
    fun onResponse(response: HttpResponse): FlowAction
    fun onTransportFailure(failure: TransportFailure): FlowAction
    fun provideVerifyCode(code: String): FlowAction
    fun resendCode(): FlowAction
    fun snapshot(): String
    fun outcome(): T?
}

/** What a driven flow ends with: its outcome, or (without `askCode`) the code it waits for. */
sealed class FlowEnd<out T> {
    /** The flow is over. */
    data class Done<T>(val outcome: T) : FlowEnd<T>()

    /** The flow waits for the card holder's SMS code: `provideVerifyCode`, then `run(action = ...)`. */
    data class AwaitingCode(val ask: AwaitVerifyCode) : FlowEnd<Nothing>()
}

/**
 * Drives [flow] from [action] (by default `start()`) until it ends or, without
 * [askCode], asks for an SMS code: sends each step with [transport], sleeps the
 * pauses, reports lost answers, and hands [save] the snapshot after every event
 * (before the next request leaves, and once more when the flow throws). [askCode]
 * gives the code, or null for a new SMS. Throws the [UzpayException] the flow ends
 * with (`Transport` when answers were lost).
 */
fun <T> drive(
    flow: FlowMachine<T>,
    transport: Transport,
    action: FlowAction? = null,
    askCode: ((AwaitVerifyCode) -> String?)? = null,
    save: ((String) -> Unit)? = null,
    sleep: (Long) -> Unit = Thread::sleep,
): FlowEnd<T> {
    try {
        var next = action ?: flow.start()
        while (true) {
            save?.invoke(flow.snapshot())
            next = when (next) {
                is FlowAction.Done -> return FlowEnd.Done(flow.finished())
                is FlowAction.AwaitVerifyCode -> {
                    val ask = askCode ?: return FlowEnd.AwaitingCode(next.ask)
                    ask(next.ask)?.let(flow::provideVerifyCode) ?: flow.resendCode()
                }
                is FlowAction.Send -> {
                    if (next.step.delayMs > 0u) sleep(next.step.delayMs.toLong())
                    try {
                        flow.onResponse(transport.send(next.step.request))
                    } catch (e: SendException) {
                        flow.onTransportFailure(e.failure)
                    }
                }
            }
        }
    } catch (e: UzpayException) {
        save?.invoke(flow.snapshot())
        throw e
    }
}

/** [drive] for coroutines: the same, with a [SuspendTransport], suspending `askCode` and `save`, and no blocked thread while it waits. */
suspend fun <T> driveSuspending(
    flow: FlowMachine<T>,
    transport: SuspendTransport,
    action: FlowAction? = null,
    askCode: (suspend (AwaitVerifyCode) -> String?)? = null,
    save: (suspend (String) -> Unit)? = null,
): FlowEnd<T> {
    try {
        var next = action ?: flow.start()
        while (true) {
            save?.invoke(flow.snapshot())
            next = when (next) {
                is FlowAction.Done -> return FlowEnd.Done(flow.finished())
                is FlowAction.AwaitVerifyCode -> {
                    val ask = askCode ?: return FlowEnd.AwaitingCode(next.ask)
                    ask(next.ask)?.let(flow::provideVerifyCode) ?: flow.resendCode()
                }
                is FlowAction.Send -> {
                    if (next.step.delayMs > 0u) pause(next.step.delayMs.toLong())
                    try {
                        flow.onResponse(transport.send(next.step.request))
                    } catch (e: SendException) {
                        flow.onTransportFailure(e.failure)
                    }
                }
            }
        }
    } catch (e: UzpayException) {
        save?.invoke(flow.snapshot())
        throw e
    }
}

private fun <T> FlowMachine<T>.finished(): T = outcome() ?: error("a flow gave Done without its outcome (a bug in uzpay)")

private val timer = Executors.newSingleThreadScheduledExecutor { Thread(it, "uzpay-flow-pause").apply { isDaemon = true } }

/** A pause that blocks no thread (the standard library's coroutines only: no kotlinx dependency). */
private suspend fun pause(ms: Long) = suspendCoroutine { next -> timer.schedule({ next.resume(Unit) }, ms, TimeUnit.MILLISECONDS) }
