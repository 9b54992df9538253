package uz.uzpay.conformance

import com.fasterxml.jackson.databind.JsonNode
import com.fasterxml.jackson.databind.ObjectMapper
import uz.uzpay.HttpRequest
import uz.uzpay.UzpayException
import uz.uzpay.kind
import uz.uzpay.retryable

/* The comparisons of FORMAT.md. A mismatch is a `Mismatch` with the reason. */

internal class Mismatch(reason: String) : Exception(reason)

private val mapper = ObjectMapper()

/** `request`: method and URL exact, listed headers present (names case-insensitive), body JSON equal. */
internal fun checkRequest(want: JsonNode, got: HttpRequest, jsonSubset: Boolean = false) {
    want.get("method")?.textValue()?.let { if (it != got.method.name) throw Mismatch("method: expected $it, got ${got.method.name}") }
    want.get("url")?.textValue()?.let { if (it != got.url) throw Mismatch("url: expected $it, got ${got.url}") }
    want.get("headers")?.fields()?.forEach { (name, value) ->
        val actual = got.header(name) ?: throw Mismatch("header $name: missing")
        if (actual != value.textValue()) throw Mismatch("header $name: a different value")
    }
    want.get("json")?.let { json ->
        val body = try {
            mapper.readTree(got.body)
        } catch (e: Exception) {
            throw Mismatch("body is not JSON: ${e.message}")
        }
        if (jsonSubset) subset(json, body, "json") else if (!equal(json, body)) throw Mismatch("json: expected $json, got $body")
    }
}

/** `error`: only the keys given are checked. */
internal fun checkError(want: JsonNode, got: UzpayException) {
    fun fail(key: String): Nothing = throw Mismatch("error $key: expected ${want.get(key)}, got ${describe(got)}")
    want.get("kind")?.let { if (it.textValue() != got.kind) fail("kind") }
    want.get("field")?.let { if (!fieldMatches(it.textValue(), (got as? UzpayException.InvalidInput)?.field)) fail("field") }
    want.get("code")?.let { code ->
        val text = if (code.isTextual) code.textValue() else code.toString()
        if ((got as? UzpayException.Provider)?.code != text) fail("code")
    }
    want.get("retryable")?.let { if (it.booleanValue() != got.retryable) fail("retryable") }
    want.get("status")?.let { status ->
        val actual = when (got) {
            is UzpayException.Http -> got.status
            is UzpayException.Provider -> got.status
            else -> null
        }
        if (actual == null || actual.toLong() != status.longValue()) fail("status")
    }
    val lost = got as? UzpayException.Transport
    want.get("operation")?.let { if (it.textValue() != lost?.operation) fail("operation") }
    want.get("failure")?.let { if (it.textValue() != lost?.failure?.name?.lowercase()) fail("failure") }
}

/** The actual path equals the expected one or continues it (`items[0]` matches `items[0].tin`, not `items[01]`). */
internal fun fieldMatches(want: String, got: String?): Boolean {
    if (got == null || !got.startsWith(want)) return false
    val rest = got.substring(want.length)
    return rest.isEmpty() || want.isEmpty() || rest.startsWith(".") || rest.startsWith("[")
}

internal fun describe(e: UzpayException): String {
    val field = (e as? UzpayException.InvalidInput)?.field
    val code = (e as? UzpayException.Provider)?.code
    return "${e.kind} (field $field, code $code, retryable ${e.retryable}): $e"
}

/** Exact JSON equality, numbers by value (`516` equals `516.0`). */
internal fun equal(a: JsonNode, b: JsonNode): Boolean = when {
    a.isNumber && b.isNumber -> a.decimalValue().compareTo(b.decimalValue()) == 0
    a.isArray && b.isArray -> a.size() == b.size() && (0 until a.size()).all { equal(a.get(it), b.get(it)) }
    a.isObject && b.isObject ->
        a.size() == b.size() && a.fieldNames().asSequence().all { k -> b.has(k) && equal(a.get(k), b.get(k)) }
    else -> a == b
}

/** Subset match: every key given is present and equal (recursively); arrays have the same length. */
internal fun subset(want: JsonNode, got: JsonNode, path: String) {
    when {
        want.isObject && got.isObject -> want.fields().forEach { (k, v) ->
            val actual = got.get(k) ?: throw Mismatch("$path.$k: missing")
            subset(v, actual, "$path.$k")
        }
        want.isArray && got.isArray -> {
            if (want.size() != got.size()) throw Mismatch("$path: expected ${want.size()} elements, got ${got.size()}")
            for (i in 0 until want.size()) subset(want.get(i), got.get(i), "$path[$i]")
        }
        !equal(want, got) -> throw Mismatch("$path: expected $want, got $got")
    }
}
