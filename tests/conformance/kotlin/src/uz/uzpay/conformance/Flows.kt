package uz.uzpay.conformance

import com.fasterxml.jackson.databind.JsonNode
import com.fasterxml.jackson.databind.ObjectMapper
import uz.uzpay.FlowAction
import uz.uzpay.FlowMachine
import uz.uzpay.Header
import uz.uzpay.HttpResponse
import uz.uzpay.UzpayException
import uz.uzpay.model.TransportFailure

/* Flow cases (FORMAT.md "Flow cases"): a flow driven step by step through the Kotlin
 * flow classes, with scripted answers, lost answers, SMS codes and restores. */

/** A flow as the runner makes it: from JSON, back from a snapshot, its outcome as JSON. */
internal class FlowCase(
    val create: (config: JsonNode?, input: JsonNode, options: JsonNode?) -> FlowMachine<*>,
    val restore: (config: JsonNode?, snapshot: String, credentials: JsonNode?) -> FlowMachine<*>,
    val write: (Any) -> JsonNode,
)

private val mapper = ObjectMapper()
private val SECRET_KEYS = setOf("api_key", "client_secret", "access_token", "refresh_token", "public_key", "pan", "password")

/** The values of credential keys anywhere in [node] (4 characters or more). */
private fun secretsIn(node: JsonNode?, into: MutableSet<String> = HashSet()): MutableSet<String> {
    node?.fields()?.forEach { (k, v) -> if (k in SECRET_KEYS && v.isTextual && v.textValue().length >= 4) into.add(v.textValue()) else secretsIn(v, into) }
    node?.takeIf { it.isArray }?.forEach { secretsIn(it, into) }
    return into
}

private fun describe(a: FlowAction): String = when (a) {
    is FlowAction.Send -> "a request for ${a.step.operation} (attempt ${a.step.attempt})"
    is FlowAction.AwaitVerifyCode -> "a code request for ${a.ask.verifyId}"
    is FlowAction.Done -> "the end"
}

private fun <T> attemptFlow(f: () -> T): Result<T> = try {
    Result.success(f())
} catch (e: UzpayException) {
    Result.failure(e)
}

private fun responseOf(json: JsonNode): HttpResponse {
    val headers = json.get("headers")?.fields()?.asSequence()?.map { (k, v) -> Header(k, v.asText()) }?.toList() ?: emptyList()
    return HttpResponse(status = json.get("status").intValue(), headers = headers, body = json.get("body").textValue().toByteArray())
}

internal fun runFlow(case: JsonNode) {
    val name = case.get("flow").textValue()
    val kind = FLOWS[name] ?: throw Mismatch("unknown flow $name")
    val config = case.get("config")
    val input = case.get("input")
    val steps = case.get("steps")?.toList() ?: emptyList()
    val made = attemptFlow { kind.create(config, input, case.get("options")) }
    var flow = made.getOrElse { e ->
        if (steps.isNotEmpty()) throw Mismatch("create: ${describe(e as UzpayException)}")
        return end(case, Result.failure(e), kind, null)
    }
    val secrets = secretsIn(config).also { secretsIn(input, it) }
    fun checkSnapshot(at: String) {
        val snapshot = flow.snapshot()
        if (secrets.any { snapshot.contains(it) }) throw Mismatch("$at: the snapshot holds a secret")
    }
    var pending: Result<FlowAction>? = null
    for ((index, step) in steps.withIndex()) {
        val at = "steps[$index]"
        val last = index == steps.size - 1
        if (step.get("restore")?.booleanValue() == true) {
            checkSnapshot(at)
            val snapshot = flow.snapshot()
            val restored = attemptFlow { kind.restore(config, snapshot, input.get("credentials")) }
            flow = restored.getOrElse { e ->
                if (last) return end(case, Result.failure(e), kind, null)
                throw Mismatch("$at: restore: ${describe(e as UzpayException)}")
            }
            val current = flow
            pending = attemptFlow { current.resume() }
            continue
        }
        val current = flow
        val action = (pending ?: attemptFlow { current.start() }).getOrElse { e ->
            throw Mismatch("$at: expected an action, got the error ${describe(e as UzpayException)}")
        }
        pending = when {
            step.has("expect") -> {
                val expect = step.get("expect")
                if (action !is FlowAction.Send) throw Mismatch("$at: expected a request for ${expect.get("operation")}, got ${describe(action)}")
                checkStep(expect, action, at)
                val respond = step.get("respond")
                if (respond != null) {
                    runCatching { mapper.readTree(respond.get("body").textValue()) }.getOrNull()?.let { secretsIn(it, secrets) }
                    attemptFlow { current.onResponse(responseOf(respond)) }
                } else {
                    val failure = TransportFailure.valueOf(step.get("fail").textValue().uppercase())
                    attemptFlow { current.onTransportFailure(failure) }
                }
            }
            step.has("expect_code") -> {
                if (action !is FlowAction.AwaitVerifyCode) throw Mismatch("$at: expected a code request, got ${describe(action)}")
                subset(step.get("expect_code"), write(action.ask), "expect_code")
                val code = step.get("code")?.textValue()
                if (code != null) {
                    secrets.add(code)
                    attemptFlow { current.provideVerifyCode(code) }
                } else {
                    attemptFlow { current.resendCode() }
                }
            }
            else -> throw Mismatch("$at: a step is expect, expect_code or restore")
        }
        checkSnapshot(at)
        pending.exceptionOrNull()?.let { if (!last) throw Mismatch("$at: the flow failed before the script's end: ${describe(it as UzpayException)}") }
    }
    end(case, pending ?: attemptFlow { flow.start() }, kind, flow)
}

private fun end(case: JsonNode, result: Result<FlowAction>, kind: FlowCase, flow: FlowMachine<*>?) {
    val error = result.exceptionOrNull() as UzpayException?
    val wantErr = case.get("error")
    when {
        error != null && wantErr != null -> checkError(wantErr, error)
        error != null -> throw Mismatch("expected an outcome, got the error ${describe(error)}")
        else -> {
            val action = result.getOrThrow()
            if (action !is FlowAction.Done) throw Mismatch("expected the end, got ${describe(action)}")
            if (wantErr != null) throw Mismatch("expected an error, got the end")
            subset(case.get("outcome"), kind.write(flow!!.outcome()!!), "outcome")
        }
    }
}

private fun checkStep(expect: JsonNode, action: FlowAction.Send, at: String) {
    val step = action.step
    expect.get("operation")?.textValue()?.let {
        if (it != step.operation) throw Mismatch("$at: expected a request for $it, got ${describe(action)}")
    }
    expect.get("request")?.let { checkRequest(it, step.request, jsonSubset = true) }
    expect.get("attempt")?.let { if (it.longValue() != step.attempt.toLong()) throw Mismatch("$at: ${step.operation}: attempt: expected $it, got ${step.attempt}") }
    expect.get("delay_ms")?.let { if (it.longValue() != step.delayMs.toLong()) throw Mismatch("$at: ${step.operation}: delay_ms: expected $it, got ${step.delayMs}") }
}
