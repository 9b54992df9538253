package uz.uzpay

/**
 * A response from a status and a text body (sent as UTF-8), for transports that read
 * bodies as strings. `HttpResponse(status, headers, body)` takes the raw bytes.
 */
fun HttpResponse(status: Int, body: String, headers: List<Header> = emptyList()): HttpResponse =
    HttpResponse(status = status, headers = headers, body = body.toByteArray(Charsets.UTF_8))
