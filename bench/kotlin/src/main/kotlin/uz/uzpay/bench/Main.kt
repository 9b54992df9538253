// uzpay's Kotlin/JVM benchmark: the binding (the Rust core through uniffi and JNA)
// against a pure-Kotlin reference of the same three operations, on bench/workload.json.
//
// Usage (bench/kotlin/bench.sh builds and runs it):
//   Main --workload FILE --so LIBRARY --out FILE [--quick | --check]
// Writes the medians to --out (bench/README.md's schema) and prints a summary. Nothing
// here asserts on a time: the numbers are reported, never judged. Before anything is
// timed both sides must agree on the workload (Agreement.kt); --check stops there.
package uz.uzpay.bench

import java.io.File
import java.lang.management.ManagementFactory
import kotlin.system.exitProcess
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import kotlinx.serialization.json.putJsonObject

/** One side of one workload: [run] does [n] iterations and returns a checksum, so no work can be dropped. */
abstract class Op(val workload: String, val side: String) {
    abstract fun run(n: Int): Long
}

// Each loop is its own class, so each call site in it sees one implementation.

class UzpayPaylov(w: Workload) : Op("paylov_register", "uzpay") {
    private val config = w.uzPaylovConfig
    private val input = w.uzRegisterInput
    private val response = w.uzRegisterResponse
    override fun run(n: Int): Long {
        var acc = 0L
        for (i in 0 until n) {
            val request = uz.uzpay.buildRegisterReceipt(config, input)
            val receipt = uz.uzpay.parseRegisterReceipt(response)
            acc += request.body.size + receipt.receiptId
        }
        return acc
    }
}

class ReferencePaylov(w: Workload) : Op("paylov_register", "reference") {
    private val config = w.refPaylovConfig
    private val input = w.refRegisterInput
    private val response = w.refRegisterResponse
    override fun run(n: Int): Long {
        var acc = 0L
        for (i in 0 until n) {
            val request = uz.uzpay.bench.reference.buildRegisterReceipt(config, input)
            val receipt = uz.uzpay.bench.reference.parseRegisterReceipt(response)
            acc += request.body.size + receipt.receiptId
        }
        return acc
    }
}

class UzpayVia(w: Workload) : Op("via_verify", "uzpay") {
    private val config = w.uzViaConfig
    private val input = w.uzVerifyInput
    private val response = w.uzVerifyResponse
    override fun run(n: Int): Long {
        var acc = 0L
        for (i in 0 until n) {
            val request = uz.uzpay.buildConfirmPayVerify(config, input)
            val transaction = uz.uzpay.parseConfirmPayVerify(response)
            acc += request.body.size + transaction.amount.toLong()
        }
        return acc
    }
}

class ReferenceVia(w: Workload) : Op("via_verify", "reference") {
    private val config = w.refViaConfig
    private val input = w.refVerifyInput
    private val response = w.refVerifyResponse
    override fun run(n: Int): Long {
        var acc = 0L
        for (i in 0 until n) {
            val request = uz.uzpay.bench.reference.buildConfirmPayVerify(config, input)
            val transaction = uz.uzpay.bench.reference.parseConfirmPayVerify(response)
            acc += request.body.size + transaction.amount
        }
        return acc
    }
}

class UzpayOfd(w: Workload) : Op("ofd_parse", "uzpay") {
    private val url = w.ofdUrl
    override fun run(n: Int): Long {
        var acc = 0L
        for (i in 0 until n) acc += uz.uzpay.parseReceiptUrl(url).receiptNumber.toLong()
        return acc
    }
}

class ReferenceOfd(w: Workload) : Op("ofd_parse", "reference") {
    private val url = w.ofdUrl
    override fun run(n: Int): Long {
        var acc = 0L
        for (i in 0 until n) acc += uz.uzpay.bench.reference.parseReceiptUrl(url).receiptNumber.toLong()
        return acc
    }
}

/** How long and how often. */
class Plan(
    /** Each op warms for this long and this many iterations at least... */
    val warmupNanosPerOp: Long,
    val warmupMinIterations: Long,
    /** ...but no longer than this: C2 has long compiled a loop that ran 20,000 times. */
    val warmupMaxNanosPerOp: Long,
    val batchNanos: Long,
    val samples: Int,
) {
    companion object {
        val FULL = Plan(5_000_000_000, 100_000, 20_000_000_000, batchNanos = 20_000_000, samples = 51)
        val QUICK = Plan(1_500_000_000, 20_000, 5_000_000_000, batchNanos = 5_000_000, samples = 15)
    }
}

@Volatile
var sink: Long = 0

private val PrettyJson = Json { prettyPrint = true }

/** One side's samples: wall-clock ns per iteration, and this thread's CPU ns per iteration beside it. */
private class Result(val op: Op, wall: DoubleArray, cpu: DoubleArray) {
    private val sorted = wall.sortedArray()
    private val sortedCpu = cpu.sortedArray()
    fun quantile(q: Double): Double = sorted[((sorted.size - 1) * q).toInt()]
    val median get() = quantile(0.5)
    val cpuMedian get() = sortedCpu[(sortedCpu.size - 1) / 2]
}

private val threads = ManagementFactory.getThreadMXBean()

fun main(args: Array<String>) {
    fun arg(name: String): String? = args.indexOf(name).takeIf { it >= 0 }?.let { args.getOrNull(it + 1) }
    val quick = "--quick" in args
    val check = "--check" in args
    val workloadFile = File(arg("--workload") ?: usage())
    val so = File(arg("--so") ?: usage())
    val out = File(arg("--out") ?: usage())
    val plan = if (quick) Plan.QUICK else Plan.FULL

    val workload = Workload.load(workloadFile)
    val differences = Agreement.differences(workload)
    if (differences.isNotEmpty()) {
        System.err.println("bench: uzpay and the reference disagree on the workload; nothing was timed:")
        differences.forEach { System.err.println("  $it") }
        exitProcess(1)
    }
    if (check) {
        println("kotlin: uzpay and the reference give the same answers on the workload " +
            "(requests byte for byte, outputs field by field)")
        return
    }

    val pairs = listOf(
        UzpayPaylov(workload) to ReferencePaylov(workload),
        UzpayVia(workload) to ReferenceVia(workload),
        UzpayOfd(workload) to ReferenceOfd(workload),
    )
    val ops = pairs.flatMap { listOf(it.first, it.second) }

    // Warm-up: every op in turn, in short rounds, so the JIT sees the final mix of types
    // before anything is measured; each op runs for the plan's time and iterations at least.
    val estimate = HashMap<Op, Double>()
    val spent = HashMap<Op, Long>()
    val done = HashMap<Op, Long>()
    val warmStart = System.nanoTime()
    fun warm(op: Op) = (spent[op] ?: 0) >= plan.warmupMaxNanosPerOp ||
        (spent[op] ?: 0) >= plan.warmupNanosPerOp && (done[op] ?: 0) >= plan.warmupMinIterations
    while (!ops.all(::warm)) {
        for (op in ops.filterNot(::warm)) {
            val n = (20_000_000.0 / (estimate[op] ?: 20_000.0)).toInt().coerceIn(1, 1_000_000)
            val t0 = System.nanoTime()
            sink += op.run(n)
            val dt = System.nanoTime() - t0
            estimate[op] = dt.toDouble() / n
            spent[op] = (spent[op] ?: 0) + dt
            done[op] = (done[op] ?: 0) + n
        }
    }
    val warmSeconds = (System.nanoTime() - warmStart) / 1e9
    val warmIterations = ops.joinToString { "${it.workload}/${it.side} ${done[it]}" }

    // Measurement: per workload, batches interleaved uzpay, reference, uzpay, reference...
    val results = ArrayList<Result>()
    for ((a, b) in pairs) {
        val na = (plan.batchNanos / estimate.getValue(a)).toInt().coerceAtLeast(1)
        val nb = (plan.batchNanos / estimate.getValue(b)).toInt().coerceAtLeast(1)
        val (sa, ca) = DoubleArray(plan.samples) to DoubleArray(plan.samples)
        val (sb, cb) = DoubleArray(plan.samples) to DoubleArray(plan.samples)
        for (i in 0 until plan.samples) {
            timeBatch(a, na, sa, ca, i)
            timeBatch(b, nb, sb, cb, i)
        }
        results += Result(a, sa, ca)
        results += Result(b, sb, cb)
    }

    val median = results.associate { (it.op.workload to it.op.side) to it.median }
    val soBytes = so.length()
    val jvm = "${System.getProperty("java.vm.name")} ${System.getProperty("java.runtime.version")}"
    val report = buildJsonObject {
        put("lang", "kotlin")
        put("peer", "pure-Kotlin reference on the same JVM: data classes, kotlinx.serialization-json 1.8.1, precompiled Regex, sealed exception")
        put("unit", "ns per iteration, median")
        putJsonObject("workloads") {
            for ((a, _) in pairs) putJsonObject(a.workload) {
                put("uzpay", median.getValue(a.workload to "uzpay"))
                put("reference", median.getValue(a.workload to "reference"))
            }
        }
        putJsonObject("extra") { put("so_bytes", soBytes) }
        put("samples", plan.samples)
        put("jvm", jvm)
    }
    out.parentFile?.mkdirs()
    out.writeText(PrettyJson.encodeToString(kotlinx.serialization.json.JsonObject.serializer(), report) + "\n")

    println("uzpay Kotlin/JVM benchmark (${if (quick) "quick" else "full"}): $jvm")
    println("warm-up %.1f s (iterations: %s)".format(warmSeconds, warmIterations))
    println("%d samples per side, batches of ~%d ms, interleaved uzpay/reference".format(plan.samples, plan.batchNanos / 1_000_000))
    println("%-16s %12s %12s %7s   %-30s %s".format("workload", "uzpay ns", "reference ns", "ratio",
        "p25..p75 uzpay | reference", "this thread's CPU ns (uzpay | reference)"))
    for (i in results.indices step 2) {
        val u = results[i]
        val r = results[i + 1]
        println("%-16s %12.0f %12.0f %7.2f   %-30s %.0f | %.0f".format(u.op.workload, u.median, r.median,
            u.median / r.median, "%.0f..%.0f | %.0f..%.0f".format(u.quantile(0.25), u.quantile(0.75),
                r.quantile(0.25), r.quantile(0.75)), u.cpuMedian, r.cpuMedian))
    }
    val sumU = results.filter { it.op.side == "uzpay" }.sumOf { it.median }
    val sumR = results.filter { it.op.side == "reference" }.sumOf { it.median }
    println("sum(uzpay) / sum(reference) = %.2f".format(sumU / sumR))
    println("libuzpay_kotlin.so: $soBytes bytes")
    println("wrote $out")
}

private fun timeBatch(op: Op, n: Int, wall: DoubleArray, cpu: DoubleArray, i: Int) {
    val c0 = threads.currentThreadCpuTime
    val t0 = System.nanoTime()
    sink += op.run(n)
    val t1 = System.nanoTime()
    wall[i] = (t1 - t0).toDouble() / n
    cpu[i] = (threads.currentThreadCpuTime - c0).toDouble() / n
}

private fun usage(): Nothing {
    System.err.println("usage: Main --workload FILE --so LIBRARY --out FILE [--quick | --check]")
    exitProcess(2)
}
