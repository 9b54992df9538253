package uz.uzpay.bench

import java.io.File
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertTrue
import kotlin.test.fail
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import uz.uzpay.bench.reference.Header
import uz.uzpay.bench.reference.HttpResponse
import uz.uzpay.bench.reference.PaymentException
import uz.uzpay.bench.reference.buildConfirmPayVerify
import uz.uzpay.bench.reference.buildRegisterReceipt
import uz.uzpay.bench.reference.parseConfirmPayVerify
import uz.uzpay.bench.reference.parseReceiptUrl
import uz.uzpay.bench.reference.parseRegisterReceipt

/**
 * The reference against every conformance vector of its three operations
 * (tests/vectors/\*.json), compared as tests/conformance/FORMAT.md says and as uzpay's
 * own Kotlin runner compares them.
 */
class ConformanceTest {
    private val ops = setOf("paylov.register_receipt", "via.confirm_pay_verify", "ofd.parse_receipt_url")

    private val vectorsDir = File(System.getProperty("uzpay.vectors.dir") ?: "../../tests/vectors")

    private enum class Route { REFERENCE, READER, SKIPPED }

    @Test
    fun everyVectorOfTheThreeOperations() {
        val files = vectorsDir.listFiles { f -> f.isFile && f.name.endsWith(".json") }?.sortedBy { it.name }
            ?: fail("cannot read $vectorsDir")
        val counts = mutableMapOf<Route, Int>()
        val perOp = sortedMapOf<String, Int>()
        val failures = mutableListOf<String>()
        for (file in files) {
            for (case in Json.parseToJsonElement(file.readText()).jsonObject.getValue("cases").jsonArray) {
                val c = case.jsonObject
                val op = (c["op"] as JsonPrimitive).content
                if (op !in ops) continue
                val name = (c["name"] as JsonPrimitive).content
                perOp[op] = (perOp[op] ?: 0) + 1
                try {
                    val route = runCase(op, c)
                    counts[route] = (counts[route] ?: 0) + 1
                    if (route == Route.SKIPPED) println("SKIP ${file.name}: $name")
                } catch (e: Mismatch) {
                    failures += "FAIL ${file.name}: $name: ${e.message}"
                } catch (e: Exception) {
                    failures += "FAIL ${file.name}: $name: unexpected ${e.javaClass.name}: ${e.message}"
                }
            }
        }
        failures.forEach(::println)
        val total = perOp.values.sum()
        val run = (counts[Route.REFERENCE] ?: 0) + (counts[Route.READER] ?: 0)
        println("reference conformance: $total vectors of ${perOp.entries.joinToString { "${it.key} ${it.value}" }}")
        println("  ${counts[Route.REFERENCE] ?: 0} through the reference's functions, " +
            "${counts[Route.READER] ?: 0} refused by the typed-input reader before any call (as uzpay's Kotlin runner does), " +
            "${counts[Route.SKIPPED] ?: 0} skipped (not expressible in the reference's types)")
        println("  ${run - failures.size} passed, ${failures.size} failed")
        assertTrue(failures.isEmpty(), "${failures.size} vectors failed:\n" + failures.joinToString("\n"))
        assertTrue((counts[Route.REFERENCE] ?: 0) > 0, "no vector reached the reference")
    }

    /** Runs one case; a mismatch throws. Returns how the case was answered. */
    private fun runCase(op: String, case: JsonObject): Route {
        val input = case["input"]
        if (op == "ofd.parse_receipt_url") {
            input ?: throw Mismatch("a compute case needs input")
            val url = (input.jsonObject["url"] as? JsonPrimitive)?.takeIf { it.isString }?.content
                ?: return expect(case, "output", Route.READER, refusal("url", "must be a string")) { w, g -> subset(w, g as JsonElement, "output") }
            return expect(case, "output", Route.REFERENCE, attempt { output(parseReceiptUrl(url)) }) { w, g ->
                subset(w, g as JsonElement, "output")
            }
        }
        if (input != null) {
            val config = case["config"]
            // The typed values first: a refusal here never reached the reference.
            val call: () -> Any = try {
                when (op) {
                    "paylov.register_receipt" -> {
                        val c = paylovConfig(config)
                        val i = registerReceiptInput(input)
                        val build: () -> Any = { buildRegisterReceipt(c, i) }
                        build
                    }
                    else -> {
                        val c = viaConfig(config)
                        val i = confirmPayVerifyInput(input)
                        val build: () -> Any = { buildConfirmPayVerify(c, i) }
                        build
                    }
                }
            } catch (e: PaymentException) {
                return expect(case, "request", Route.READER, Result.failure(e)) { w, g ->
                    checkRequest(w, g as uz.uzpay.bench.reference.HttpRequest)
                }
            } catch (e: NotExpressible) {
                return Route.SKIPPED
            }
            return expect(case, "request", Route.REFERENCE, attempt(call)) { w, g ->
                checkRequest(w, g as uz.uzpay.bench.reference.HttpRequest)
            }
        }
        val response = case["response"]?.jsonObject ?: throw Mismatch("a case needs input or response")
        val status = (response["status"] as? JsonPrimitive)?.content?.toIntOrNull()
            ?: throw Mismatch("response.status is missing")
        val body = (response["body"] as? JsonPrimitive)?.takeIf { it.isString }?.content
            ?: throw Mismatch("response.body must be a string")
        val headers = (response["headers"] as? JsonObject)?.map { (k, v) -> Header(k, (v as JsonPrimitive).content) }.orEmpty()
        val httpResponse = HttpResponse(status, headers, body.encodeToByteArray())
        val parse: () -> Any =
            if (op == "paylov.register_receipt") ({ output(parseRegisterReceipt(httpResponse)) })
            else ({ output(parseConfirmPayVerify(httpResponse)) })
        return expect(case, "output", Route.REFERENCE, attempt(parse)) { w, g -> subset(w, g as JsonElement, "output") }
    }

    private fun refusal(field: String, reason: String): Result<Any> = Result.failure(PaymentException.InvalidInput(field, reason))

    /** The value, or the PaymentException thrown; anything else propagates (it is a failure). */
    private fun attempt(f: () -> Any): Result<Any> = try {
        Result.success(f())
    } catch (e: PaymentException) {
        Result.failure(e)
    }

    private fun expect(case: JsonObject, successKey: String, route: Route, outcome: Result<Any>, check: (JsonObject, Any) -> Unit): Route {
        val wantOk = case[successKey]?.jsonObject
        val wantErr = case["error"]?.jsonObject
        if ((wantOk == null) == (wantErr == null)) throw Mismatch("a case needs exactly one of $successKey and error")
        val error = outcome.exceptionOrNull() as PaymentException?
        when {
            wantOk != null && error == null -> check(wantOk, outcome.getOrThrow())
            wantErr != null && error != null -> checkError(wantErr, error)
            wantOk != null -> throw Mismatch("expected a $successKey, got the error ${describe(error!!)}")
            else -> throw Mismatch("expected an error, got ${outcome.getOrThrow()}")
        }
        return route
    }
}

/** uzpay and the reference give the same requests and outputs on bench/workload.json. */
class AgreementTest {
    @Test
    fun bothSidesAgreeOnTheWorkload() {
        val workload = Workload.load(File(System.getProperty("uzpay.workload") ?: "../workload.json"))
        val differences = Agreement.differences(workload)
        assertEquals(emptyList(), differences, "uzpay and the reference differ on the workload")
        println("uzpay and the reference agree on the workload (requests as parsed JSON and byte for byte, outputs field by field)")
    }
}
