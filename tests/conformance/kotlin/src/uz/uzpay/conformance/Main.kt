// The Kotlin conformance runner: every case of the given vector directories through
// uzpay's public Kotlin API, per tests/conformance/FORMAT.md (and the compute-case
// extension of tests/conformance/README.md).
//
// Usage (tests/conformance/kotlin/run.sh builds and runs it): Main DIR...
// Prints one line per failed case and ends with "N passed, M failed"; exits 1 if a
// case failed or none ran.
package uz.uzpay.conformance

import com.fasterxml.jackson.databind.DeserializationFeature
import com.fasterxml.jackson.databind.JsonNode
import com.fasterxml.jackson.databind.ObjectMapper
import java.io.File
import kotlin.system.exitProcess
import uz.uzpay.Header
import uz.uzpay.HttpResponse
import uz.uzpay.UzpayException
import uz.uzpay.operations

// Decimals stay exact (516.5 is compared by value, never through a double).
private val mapper = ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)

fun main(args: Array<String>) {
    if (args.isEmpty()) {
        System.err.println("usage: Main DIR...")
        exitProcess(2)
    }
    exitProcess(run(args.map(::File)))
}

internal fun run(dirs: List<File>): Int {
    var passed = 0
    var failed = 0
    val names = HashSet<String>()
    check(OPS.keys == operations().toSet()) { "the runner's operations differ from uzpay's: ${operations()}" }
    for (file in vectorFiles(dirs)) {
        val cases = try {
            load(file)
        } catch (e: Exception) {
            println("FAIL $file: ${e.message}")
            failed++
            continue
        }
        for (case in cases) {
            val name = case.get("name")?.textValue() ?: "<unnamed>"
            val outcome = try {
                if (!names.add(name)) throw Mismatch("the case name is not unique")
                runCase(case)
                null
            } catch (e: Mismatch) {
                e.message
            } catch (e: Exception) {
                // Anything else (uniffi's InternalException, a runner bug) is one failure, not a crash.
                "unexpected ${e.javaClass.name}: ${e.message}"
            }
            if (outcome == null) passed++ else {
                failed++
                println("FAIL $file: $name: $outcome")
            }
        }
    }
    println("$passed passed, $failed failed")
    return if (failed > 0 || passed == 0) 1 else 0
}

private fun vectorFiles(dirs: List<File>): List<File> =
    dirs.flatMap { dir ->
        dir.listFiles { f -> f.isFile && f.name.endsWith(".json") }?.toList()
            ?: run { println("FAIL $dir: cannot read the directory"); emptyList() }
    }.sortedBy { it.path }

private fun load(file: File): List<JsonNode> {
    val cases = mapper.readTree(file).get("cases")
    require(cases != null && cases.isArray) { "has no \"cases\" array" }
    return cases.toList()
}

private fun runCase(case: JsonNode) {
    if (case.has("flow")) return runFlow(case)
    val opName = case.get("op")?.textValue() ?: throw Mismatch("no op")
    COMPUTE[opName]?.let { compute ->
        val input = case.get("input") ?: throw Mismatch("a compute case needs input")
        return expect(case, "output", attempt { compute(input) }) { want, got -> subset(want, got as JsonNode, "output") }
    }
    val op = OPS[opName] ?: throw Mismatch("unknown op $opName")
    val input = case.get("input")
    if (input != null) {
        val config = case.get("config")
        return expect(case, "request", attempt { op.build(config, input) }) { want, got ->
            checkRequest(want, got as uz.uzpay.HttpRequest)
        }
    }
    val response = case.get("response") ?: throw Mismatch("a case needs input or response")
    val status = response.get("status")?.takeIf { it.canConvertToInt() }?.intValue()
        ?: throw Mismatch("response.status is missing")
    val body = response.get("body")?.takeIf { it.isTextual }?.textValue()
        ?: throw Mismatch("response.body must be a string")
    val headers = response.get("headers")?.fields()?.asSequence()?.map { (k, v) -> Header(k, v.asText()) }?.toList()
        ?: emptyList()
    val httpResponse = HttpResponse(status = status, headers = headers, body = body.toByteArray(Charsets.UTF_8))
    expect(case, "output", attempt { op.parse(httpResponse) }) { want, got -> subset(want, got as JsonNode, "output") }
}

/** The value, or the UzpayException thrown; anything else propagates (it is a failure). */
private fun attempt(f: () -> Any): Result<Any> = try {
    Result.success(f())
} catch (e: UzpayException) {
    Result.failure(e)
}

private fun expect(case: JsonNode, successKey: String, outcome: Result<Any>, check: (JsonNode, Any) -> Unit) {
    val wantOk = case.get(successKey)
    val wantErr = case.get("error")
    if ((wantOk == null) == (wantErr == null)) throw Mismatch("a case needs exactly one of $successKey and error")
    val error = outcome.exceptionOrNull() as UzpayException?
    when {
        wantOk != null && error == null -> check(wantOk, outcome.getOrThrow())
        wantErr != null && error != null -> checkError(wantErr, error)
        wantOk != null -> throw Mismatch("expected ${if (successKey == "request") "a request" else "an output"}, got the error ${describe(error!!)}")
        else -> throw Mismatch("expected an error, got ${shown(outcome.getOrThrow())}")
    }
}

private fun shown(value: Any): String = when (value) {
    is uz.uzpay.HttpRequest -> "a request: ${value.method.name} ${value.url}"
    else -> "the output $value"
}
