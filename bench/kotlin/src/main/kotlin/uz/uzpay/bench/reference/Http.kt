package uz.uzpay.bench.reference

/*
 * The HTTP values of the reference: what a sans-IO client hands to the app's own HTTP
 * stack and gets back from it. Headers are an ordered list (names compare
 * case-insensitively), bodies are bytes, as an HTTP client has them.
 */

data class Header(val name: String, val value: String) {
    /** True for headers that carry a credential; `toString()` shows them as `***`. */
    val isSensitive: Boolean get() = name.lowercase() in SENSITIVE_HEADERS

    override fun toString(): String = if (isSensitive) "$name: ***" else "$name: $value"
}

enum class HttpMethod { GET, POST }

class HttpRequest(
    val method: HttpMethod,
    val url: String,
    val headers: List<Header>,
    val body: ByteArray,
) {
    /** The first header with this name (case-insensitive), or null. */
    fun header(name: String): String? = headers.firstOrNull { it.name.equals(name, ignoreCase = true) }?.value

    fun bodyText(): String = body.decodeToString()

    override fun equals(other: Any?): Boolean = other is HttpRequest && method == other.method &&
        url == other.url && headers == other.headers && body.contentEquals(other.body)

    override fun hashCode(): Int = ((method.hashCode() * 31 + url.hashCode()) * 31 + headers.hashCode()) * 31 +
        body.contentHashCode()

    // Credentials are never printed (the body may hold them too).
    override fun toString(): String = "HttpRequest($method $url, $headers, <${body.size} bytes>)"
}

class HttpResponse(val status: Int, val headers: List<Header> = emptyList(), val body: ByteArray) {
    constructor(status: Int, body: String, headers: List<Header> = emptyList()) :
        this(status, headers, body.encodeToByteArray())

    val isSuccess: Boolean get() = status in 200..299

    override fun toString(): String = "HttpResponse($status, $headers, <${body.size} bytes>)"
}

private val SENSITIVE_HEADERS =
    setOf("authorization", "proxy-authorization", "api-key", "x-api-key", "client-secret", "cookie", "set-cookie")

/** A timeout, too many requests, or a server-side failure: the same request may be sent again. */
internal fun statusRetryable(status: Int): Boolean = status == 408 || status == 425 || status == 429 || status in 500..599
