package uz.uzpay

import com.fasterxml.jackson.databind.JsonNode
import com.fasterxml.jackson.databind.node.ObjectNode
import com.fasterxml.jackson.databind.node.TextNode
import kotlin.test.assertTrue
import org.junit.jupiter.api.Test
import uz.uzpay.conformance.Mismatch
import uz.uzpay.conformance.OPS
import uz.uzpay.conformance.readConfig
import uz.uzpay.conformance.checkError as expectError
import uz.uzpay.conformance.checkRequest as expectRequest

/**
 * Every conformance vector of an operation (every file of `tests/vectors/`, not the `ofd.*` and
 * `receipt.*` compute cases) through the Kotlin API with each credential of its config
 * (`api_key`, `access_token`, `client_secret`) replaced by a sentinel: the sentinel
 * never shows in the `toString()` of the config, the request, `request.redacted()`,
 * an exception (`toString()`, `message`, `reason` and the other properties) or an
 * output, and a built request carries it in exactly the one header meant for it.
 *
 * Configs and inputs are read from the vector's JSON by the conformance runner's own
 * mapping (`tests/conformance/kotlin/src`, compiled with these tests), so each vector
 * is driven exactly as `tests/conformance/kotlin/run.sh` drives it; where a credential
 * cannot have changed the outcome, the vector's expected outcome is checked too.
 */
class SecretsVectorsTest {
    private val failures = mutableListOf<String>()
    private var current = ""

    private fun fail(message: String) {
        failures += "$current: $message"
    }

    /** The text shows no credential (the marker, in any case). */
    private fun hidden(what: String, text: String?) {
        if (text != null && text.lowercase().contains(MARKER)) fail("a credential shows in $what: ${text.take(300)}")
    }

    private fun config(op: String, json: JsonNode): Any = readConfig(op.substringBefore('.'), json)

    private fun response(case: JsonNode): HttpResponse {
        val response = case.get("response")
        val headers = response.get("headers")?.fields()?.asSequence()?.map { (k, v) -> Header(k, v.asText()) }?.toList().orEmpty()
        return HttpResponse(response.get("status").intValue(), response.get("body").textValue(), headers)
    }

    private fun checkError(e: UzpayException) {
        hidden("exception toString()", e.toString())
        hidden("exception message", e.message)
        hidden("exception stack trace", e.stackTraceToString())
        when (e) {
            is UzpayException.Transport -> hidden("Transport.operation", e.operation)
            is UzpayException.InvalidInput -> {
                hidden("InvalidInput.field", e.field)
                hidden("InvalidInput.reason", e.reason)
            }
            is UzpayException.Provider -> {
                hidden("Provider.reason", e.reason)
                hidden("Provider.code", e.code)
                hidden("Provider.details", e.details)
                hidden("Provider.messages", e.messages.toString())
                listOf(e.messages.uz, e.messages.ru, e.messages.en).forEach { hidden("Provider.messages", it) }
            }
            is UzpayException.Decode -> hidden("Decode.reason", e.reason)
            is UzpayException.Http -> {}
        }
        if (e.toString().isBlank()) fail("an exception with no text")
    }

    /** Nothing shows the sentinel but the one header that must carry it, exactly. */
    private fun checkRequest(op: String, request: HttpRequest, replaced: List<String>) {
        hidden("request.toString()", request.toString())
        hidden("request.url", request.url)
        hidden("request body", request.body.toString(Charsets.UTF_8))
        request.headers.forEach { hidden("Header.toString()", it.toString()) }
        val redacted = request.redacted()
        hidden("request.redacted().toString()", redacted.toString())
        hidden("request.redacted().url", redacted.url)
        hidden("request.redacted() body", redacted.body.toString(Charsets.UTF_8))
        redacted.headers.forEach { hidden("request.redacted() header", "${it.name}: ${it.value}") }

        val carrying = request.headers.filter { "${it.name}\n${it.value}".lowercase().contains(MARKER) }
        val expected = if (op in NO_CREDENTIAL_HEADER) emptyList() else replaced.map { HEADER.getValue(it)(SENTINELS.getValue(it)) }
        val actual = carrying.map { it.name.lowercase() to it.value }
        if (actual != expected) fail("headers carrying a credential: $actual, expected $expected")
        carrying.filterNot { it.isSensitive() }.forEach { fail("header ${it.name} carries a credential but is not sensitive") }
        seen.headers += carrying.size
    }

    /** What one run gave: a request or an output, or the exception. */
    private class Outcome(val value: Any?, val error: UzpayException?)

    /** Runs the vector with this config (credentials replaced), checking every text on the way. */
    private fun run(case: JsonNode, config: ObjectNode, replaced: List<String>): Outcome? {
        val op = case.get("op").textValue()
        return try {
            hidden("config.toString()", config(op, config).toString())
            seen.configs++
            val input = case.get("input")
            if (input != null) {
                val request = OPS.getValue(op).build(config, input)
                checkRequest(op, request, replaced)
                seen.requests++
                Outcome(request, null)
            } else {
                val output = PARSERS.getValue(op)(response(case))
                hidden("output.toString()", output.toString())
                seen.outputs++
                Outcome(output, null)
            }
        } catch (e: UzpayException) {
            checkError(e)
            seen.errors++
            Outcome(null, e)
        } catch (e: Exception) {
            fail("threw ${e.javaClass.name}, not an UzpayException: ${e.message?.take(200)}")
            null
        }
    }

    /** The outcome the vector wants (credential headers aside: they carry the sentinel now). */
    private fun expectOutcome(case: JsonNode, outcome: Outcome, replaced: List<String>) {
        val wantError = case.get("error")
        try {
            when {
                wantError != null && outcome.error != null -> expectError(wantError, outcome.error)
                wantError != null -> fail("expected a ${wantError.get("kind")} error, got ${outcome.value}")
                outcome.error != null -> fail("expected a result, got ${outcome.error}")
                outcome.value is HttpRequest -> {
                    val want = case.get("request").deepCopy<JsonNode>() as ObjectNode
                    val headers = want.get("headers") as? ObjectNode
                    val credentialHeaders = replaced.map { HEADER.getValue(it)("").first }.toSet()
                    headers?.fieldNames()?.asSequence()?.toList()?.filter { it.lowercase() in credentialHeaders }?.forEach { headers.remove(it) }
                    expectRequest(want, outcome.value)
                }
            }
        } catch (m: Mismatch) {
            fail("not the vector's outcome: ${m.message}")
        }
    }

    @Test
    fun `every operation vector, with sentinel credentials`() {
        val cases = vectorCases().filterNot { it.get("op").textValue().let { op -> op.startsWith("ofd.") || op.startsWith("receipt.") } }
        assertTrue(cases.isNotEmpty(), "no operation vectors in $VECTORS_DIR")
        for (case in cases) {
            val op = case.get("op").textValue()
            current = "$op: ${case.get("name")?.textValue()}"
            if (op !in operations()) {
                fail("not an operation of operations()")
                continue
            }
            val original = case.get("config") as? ObjectNode ?: mapperNode()
            val replaced = SENTINELS.keys.filter { original.has(it) }
            seen.credentials += replaced.size
            val config = original.deepCopy().also { c -> replaced.forEach { c.set<JsonNode>(it, TextNode(SENTINELS.getValue(it))) } }
            val outcome = run(case, config, replaced) ?: continue
            seen.vectors++
            // A vector refusing one of the replaced credentials has a valid one now; any
            // other ends as the vector says.
            val refused = case.get("error")?.get("field")?.textValue()
            if (refused !in replaced) expectOutcome(case, outcome, replaced)

            // A refused credential made to carry the sentinel and still be refused (one
            // with a line break): the exception names it without showing it.
            val was = refused?.let { original.get(it) }?.takeIf { it.isTextual }?.textValue()
            if (refused != null && refused in replaced && !was.isNullOrEmpty()) {
                seen.refusedCredentials++
                val again = run(case, config.deepCopy().also { it.put(refused, SENTINELS.getValue(refused) + was) }, replaced)
                if (again?.error == null) fail("a $refused ending like ${was.take(40)} is accepted")
                else if ((again.error as? UzpayException.InvalidInput)?.field != refused) fail("$refused not named: ${again.error}")
            }
        }
        current = "summary"
        println(
            "secrets: ${cases.size} operation vectors, ${seen.vectors} checked; ${seen.credentials} credentials replaced; " +
                "${seen.configs} configs, ${seen.requests} requests (${seen.headers} credential headers), ${seen.outputs} outputs, " +
                "${seen.errors} exceptions checked; ${seen.refusedCredentials} refused credentials re-run with the sentinel",
        )
        // Every kind of text was reached (a vector set that stops exercising one fails here).
        for ((what, n) in listOf(
            "vectors" to seen.vectors, "credentials" to seen.credentials, "requests" to seen.requests,
            "headers" to seen.headers, "outputs" to seen.outputs, "errors" to seen.errors,
            "refused credentials" to seen.refusedCredentials,
        )) {
            if (n == 0) fail("no $what checked")
        }
        if (seen.vectors < MIN_VECTORS) fail("only ${seen.vectors} vectors checked, expected at least $MIN_VECTORS")
        assertTrue(failures.isEmpty(), "${failures.size} failures:\n" + failures.joinToString("\n"))
    }

    private fun mapperNode(): ObjectNode = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()

    private class Seen {
        var vectors = 0
        var credentials = 0
        var configs = 0
        var requests = 0
        var headers = 0
        var outputs = 0
        var errors = 0
        var refusedCredentials = 0
    }

    private val seen = Seen()

    companion object {
        /** One sentinel per credential, all with one marker: a text holding the marker shows a credential. */
        private const val MARKER = "zqx-sentinel"
        private val SENTINELS = mapOf(
            "api_key" to "$MARKER-api-key-41f7",
            "access_token" to "$MARKER-access-token-41f7",
            "client_secret" to "$MARKER-client-secret-41f7",
        )

        /** The one header each credential goes in: its (lowercase) name and exact value. */
        private val HEADER: Map<String, (String) -> Pair<String, String>> = mapOf(
            "api_key" to { s -> "api-key" to s },
            "access_token" to { s -> "authorization" to "Bearer $s" },
            "client_secret" to { s -> "client-secret" to s },
        )

        /** PaymentsGate's token calls send no bearer token, even from a config that has one. */
        private val NO_CREDENTIAL_HEADER = setOf("paymentsgate.auth_token", "paymentsgate.refresh_token")

        /** Close to today's 278: a shrinking vector set fails. */
        private const val MIN_VECTORS = 270
    }
}
