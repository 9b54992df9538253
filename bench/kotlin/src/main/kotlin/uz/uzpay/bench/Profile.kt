// Where uzpay's time goes on the JVM: each piece of one binding call timed alone.
// Not part of the benchmark's numbers; bench.sh --profile runs it after the benchmark.
//
// The bench module compiles the binding's generated Kotlin itself, so the generated
// FFI helpers (`internal` to the module) can be called here piece by piece:
//   - a bare JNA call (no arguments, an Int back): the floor of any FFI call;
//   - `UniffiRustCallStatus()`: the JNA Structure every uniffi call allocates;
//   - RustBuffer alloc + free: the two FFI calls around every buffer uniffi passes;
//   - lowering (Kotlin value -> RustBuffer, which allocates it through the FFI);
//   - the Rust call with lowered arguments, its result buffer freed unread;
//   - lifting (RustBuffer -> Kotlin value), read from a heap copy of the bytes;
//   - the public call, end to end;
// and, first, how many JNA native blocks each public call allocates.
package uz.uzpay.bench

import java.io.File
import java.nio.ByteBuffer
import java.nio.ByteOrder
import uz.uzpay.FfiConverterString
import uz.uzpay.FfiConverterTypeHttpRequest
import uz.uzpay.FfiConverterTypeHttpResponse
import uz.uzpay.IntegrityCheckingUniffiLib
import uz.uzpay.RustBuffer
import uz.uzpay.UniffiLib
import uz.uzpay.UniffiRustCallStatus
import uz.uzpay.model.FfiConverterTypeConfirmPayVerifyInput
import uz.uzpay.model.FfiConverterTypeOfdReceiptUrl
import uz.uzpay.model.FfiConverterTypePaylovConfig
import uz.uzpay.model.FfiConverterTypeRegisterReceiptInput
import uz.uzpay.model.FfiConverterTypeRegisterReceiptOutput
import uz.uzpay.model.FfiConverterTypeViaConfig
import uz.uzpay.model.FfiConverterTypeViaTransaction
import uz.uzpay.model.RustBuffer as ModelRustBuffer

private fun status(): UniffiRustCallStatus = UniffiRustCallStatus()

private fun checked(s: UniffiRustCallStatus) {
    check(s.code == 0.toByte()) { "the call failed: ${s.code}" }
}

private fun freeBinding(buf: RustBuffer.ByValue) = RustBuffer.free(buf)
private fun freeModel(buf: ModelRustBuffer.ByValue) = ModelRustBuffer.free(buf)

/** The bytes of a buffer the Rust side returned, copied to the heap (the buffer is freed). */
private fun bytesOf(buf: RustBuffer.ByValue): ByteArray {
    val bytes = ByteArray(buf.len.toInt())
    buf.data!!.read(0, bytes, 0, bytes.size)
    freeBinding(buf)
    return bytes
}

private fun bytesOfModel(buf: ModelRustBuffer.ByValue): ByteArray {
    val bytes = ByteArray(buf.len.toInt())
    buf.data!!.read(0, bytes, 0, bytes.size)
    freeModel(buf)
    return bytes
}

private fun heap(bytes: ByteArray): ByteBuffer = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN)

private var profileSink = 0L

/** Median ns per call of [block] over several ~0.3 s batches, after warming it up. */
private fun time(name: String, warmupMs: Long, block: () -> Long): Double {
    fun batch(n: Int): Double {
        val t0 = System.nanoTime()
        var acc = 0L
        for (i in 0 until n) acc += block()
        profileSink += acc
        return (System.nanoTime() - t0).toDouble() / n
    }
    var n = 100
    val until = System.nanoTime() + warmupMs * 1_000_000
    var estimate = batch(n)
    while (System.nanoTime() < until) {
        n = (50_000_000 / estimate).toInt().coerceIn(1, 5_000_000)
        estimate = batch(n)
    }
    n = (300_000_000 / estimate).toInt().coerceIn(1, 20_000_000)
    val samples = DoubleArray(7) { batch(n) }.sorted()
    val median = samples[3]
    println("  %-62s %10.0f ns".format(name, median))
    return median
}

// An experiment, not a proposal for this file: the same calls as the generated code,
// but with one call status per thread reused for every FFI call (the generated
// `uniffiRustCallWithError` allocates a new `UniffiRustCallStatus`, 4 JNA blocks, per
// FFI call, including the `rustbuffer_alloc`/`rustbuffer_free` calls around each
// argument and result). What is left is the JNA cost of the RustBuffer structs themselves.
private val reusedStatus = UniffiRustCallStatus()
private val reusedModelStatus = uz.uzpay.model.UniffiRustCallStatus()

private fun <T> lowerReusingStatus(converter: uz.uzpay.FfiConverterRustBuffer<T>, value: T): RustBuffer.ByValue {
    reusedStatus.code = 0
    val buf = UniffiLib.ffi_uzpay_kotlin_rustbuffer_alloc(converter.allocationSize(value).toLong(), reusedStatus)
    checked(reusedStatus)
    val bytes = buf.data!!.getByteBuffer(0, buf.capacity).order(ByteOrder.BIG_ENDIAN)
    converter.write(value, bytes)
    buf.len = bytes.position().toLong()
    return buf
}

private fun stringReusingStatus(value: String): RustBuffer.ByValue {
    val utf8 = value.encodeToByteArray()
    reusedStatus.code = 0
    val buf = UniffiLib.ffi_uzpay_kotlin_rustbuffer_alloc(utf8.size.toLong(), reusedStatus)
    checked(reusedStatus)
    buf.data!!.write(0, utf8, 0, utf8.size)
    return buf
}

private fun <T> liftReusingStatus(converter: uz.uzpay.model.FfiConverterRustBuffer<T>, buf: ModelRustBuffer.ByValue): T {
    val value = converter.read(buf.data!!.getByteBuffer(0, buf.len).order(ByteOrder.BIG_ENDIAN))
    reusedModelStatus.code = 0
    uz.uzpay.model.UniffiLib.ffi_uzpay_rustbuffer_free(buf, reusedModelStatus)
    return value
}

private fun parseReceiptUrlReusingStatus(url: String): uz.uzpay.model.OfdReceiptUrl {
    val arg = stringReusingStatus(url)
    reusedStatus.code = 0
    val out = UniffiLib.uniffi_uzpay_kotlin_fn_func_parse_receipt_url(arg, reusedStatus)
    checked(reusedStatus)
    return liftReusingStatus(FfiConverterTypeOfdReceiptUrl, out)
}

private fun parseRegisterReceiptReusingStatus(response: uz.uzpay.HttpResponse): uz.uzpay.model.RegisterReceiptOutput {
    val arg = lowerReusingStatus(FfiConverterTypeHttpResponse, response)
    reusedStatus.code = 0
    val out = UniffiLib.uniffi_uzpay_kotlin_fn_func_parse_register_receipt(arg, reusedStatus)
    checked(reusedStatus)
    return liftReusingStatus(FfiConverterTypeRegisterReceiptOutput, out)
}

/**
 * JNA native blocks (`com.sun.jna.Memory`: one malloc, one entry in JNA's global
 * `allocatedMemory` map, one Cleaner registration, freed later by the "JNA Cleaner"
 * thread after a GC) that one call allocates: the growth of that map across the call,
 * after a GC has let the Cleaner drain it (after three calls, so that once-only work is
 * not counted; the least of three tries). Unlike a time, this count does not depend on
 * the machine's load.
 */
private fun jnaBlocksPerCall(name: String, call: () -> Any?) {
    val map = com.sun.jna.Memory::class.java.getDeclaredField("allocatedMemory")
        .apply { isAccessible = true }.get(null) as Map<*, *>
    repeat(3) { call() } // once-only work (class loading, library registration) is not per call
    val counts = (0 until 3).map {
        System.gc()
        Thread.sleep(200)
        val before = map.size
        call()
        map.size - before
    }
    println("  %-62s %10d".format(name, counts.min()))
}

fun main(args: Array<String>) {
    val quick = "--quick" in args
    val warm = if (quick) 700L else 2000L
    val workloadFile = File(args.firstOrNull { !it.startsWith("--") } ?: "bench/workload.json")
    val w = Workload.load(workloadFile)
    val url = w.ofdUrl

    println("JNA native blocks (malloc + global map entry + Cleaner registration) allocated per call")
    jnaBlocksPerCall("new UniffiRustCallStatus()") { status() }
    jnaBlocksPerCall("parseReceiptUrl(url)") { uz.uzpay.parseReceiptUrl(url) }
    jnaBlocksPerCall("buildRegisterReceipt(config, input)") { uz.uzpay.buildRegisterReceipt(w.uzPaylovConfig, w.uzRegisterInput) }
    jnaBlocksPerCall("parseRegisterReceipt(response)") { uz.uzpay.parseRegisterReceipt(w.uzRegisterResponse) }
    jnaBlocksPerCall("buildConfirmPayVerify(config, input)") { uz.uzpay.buildConfirmPayVerify(w.uzViaConfig, w.uzVerifyInput) }
    jnaBlocksPerCall("parseConfirmPayVerify(response)") { uz.uzpay.parseConfirmPayVerify(w.uzVerifyResponse) }

    jnaBlocksPerCall("parseReceiptUrl, one call status reused (experiment)") { parseReceiptUrlReusingStatus(url) }
    jnaBlocksPerCall("parseRegisterReceipt, one call status reused (experiment)") {
        parseRegisterReceiptReusingStatus(w.uzRegisterResponse)
    }
    println("uzpay Kotlin binding, one call taken apart (median ns per call; same JVM, same workload)")
    println("FFI floor")
    time("bare JNA call (contract_version: no arguments, Int back)", warm) {
        IntegrityCheckingUniffiLib.ffi_uzpay_kotlin_uniffi_contract_version().toLong()
    }
    time("new UniffiRustCallStatus() (JNA Structure, per call)", warm) { status().code.toLong() }
    time("RustBuffer.alloc(64) + RustBuffer.free (2 FFI calls)", warm) {
        val b = RustBuffer.alloc(64uL)
        val len = b.capacity
        RustBuffer.free(b)
        len
    }

    println("ofd_parse: parseReceiptUrl(url)")
    time("lower: FfiConverterString.lower(url) + free", warm) {
        val b = FfiConverterString.lower(url)
        val len = b.len
        RustBuffer.free(b)
        len
    }
    time("Rust call with the url lowered, result freed unread", warm) {
        val s = status()
        val out = UniffiLib.uniffi_uzpay_kotlin_fn_func_parse_receipt_url(FfiConverterString.lower(url), s)
        checked(s)
        val len = out.len
        freeModel(out)
        len
    }
    val ofdBytes = run {
        val s = status()
        bytesOfModel(UniffiLib.uniffi_uzpay_kotlin_fn_func_parse_receipt_url(FfiConverterString.lower(url), s))
    }
    time("lift: OfdReceiptUrl read from a heap copy (${ofdBytes.size} bytes)", warm) {
        FfiConverterTypeOfdReceiptUrl.read(heap(ofdBytes)).receiptNumber.toLong()
    }
    time("public parseReceiptUrl(url), end to end", warm) { uz.uzpay.parseReceiptUrl(url).receiptNumber.toLong() }
    time("experiment: the same calls, one call status reused", warm) {
        parseReceiptUrlReusingStatus(url).receiptNumber.toLong()
    }

    println("paylov_register: buildRegisterReceipt(config, input) + parseRegisterReceipt(response)")
    time("lower config (PaylovConfig) + free", warm) {
        val b = FfiConverterTypePaylovConfig.lower(w.uzPaylovConfig); val len = b.len; freeModel(b); len
    }
    time("lower input (RegisterReceiptInput, 10 items) + free", warm) {
        val b = FfiConverterTypeRegisterReceiptInput.lower(w.uzRegisterInput); val len = b.len; freeModel(b); len
    }
    time("Rust build call with arguments lowered, result freed unread", warm) {
        val s = status()
        val out = UniffiLib.uniffi_uzpay_kotlin_fn_func_build_register_receipt(
            FfiConverterTypePaylovConfig.lower(w.uzPaylovConfig), FfiConverterTypeRegisterReceiptInput.lower(w.uzRegisterInput), s)
        checked(s)
        val len = out.len
        freeBinding(out)
        len
    }
    val requestBytes = run {
        val s = status()
        bytesOf(UniffiLib.uniffi_uzpay_kotlin_fn_func_build_register_receipt(
            FfiConverterTypePaylovConfig.lower(w.uzPaylovConfig), FfiConverterTypeRegisterReceiptInput.lower(w.uzRegisterInput), s))
    }
    time("lift: HttpRequest read from a heap copy (${requestBytes.size} bytes)", warm) {
        FfiConverterTypeHttpRequest.read(heap(requestBytes)).body.size.toLong()
    }
    time("public buildRegisterReceipt, end to end", warm) {
        uz.uzpay.buildRegisterReceipt(w.uzPaylovConfig, w.uzRegisterInput).body.size.toLong()
    }
    time("lower response (HttpResponse) + free", warm) {
        val b = FfiConverterTypeHttpResponse.lower(w.uzRegisterResponse); val len = b.len; freeBinding(b); len
    }
    time("Rust parse call with the response lowered, result freed unread", warm) {
        val s = status()
        val out = UniffiLib.uniffi_uzpay_kotlin_fn_func_parse_register_receipt(FfiConverterTypeHttpResponse.lower(w.uzRegisterResponse), s)
        checked(s)
        val len = out.len
        freeModel(out)
        len
    }
    val receiptBytes = run {
        val s = status()
        bytesOfModel(UniffiLib.uniffi_uzpay_kotlin_fn_func_parse_register_receipt(FfiConverterTypeHttpResponse.lower(w.uzRegisterResponse), s))
    }
    time("lift: RegisterReceiptOutput read from a heap copy (${receiptBytes.size} bytes)", warm) {
        FfiConverterTypeRegisterReceiptOutput.read(heap(receiptBytes)).receiptId
    }
    time("public parseRegisterReceipt, end to end", warm) { uz.uzpay.parseRegisterReceipt(w.uzRegisterResponse).receiptId }
    time("experiment: the same calls, one call status reused", warm) {
        parseRegisterReceiptReusingStatus(w.uzRegisterResponse).receiptId
    }

    println("via_verify: buildConfirmPayVerify(config, input) + parseConfirmPayVerify(response)")
    time("Rust build call with arguments lowered, result freed unread", warm) {
        val s = status()
        val out = UniffiLib.uniffi_uzpay_kotlin_fn_func_build_confirm_pay_verify(
            FfiConverterTypeViaConfig.lower(w.uzViaConfig), FfiConverterTypeConfirmPayVerifyInput.lower(w.uzVerifyInput), s)
        checked(s)
        val len = out.len
        freeBinding(out)
        len
    }
    time("public buildConfirmPayVerify, end to end", warm) {
        uz.uzpay.buildConfirmPayVerify(w.uzViaConfig, w.uzVerifyInput).body.size.toLong()
    }
    time("Rust parse call with the response lowered, result freed unread", warm) {
        val s = status()
        val out = UniffiLib.uniffi_uzpay_kotlin_fn_func_parse_confirm_pay_verify(FfiConverterTypeHttpResponse.lower(w.uzVerifyResponse), s)
        checked(s)
        val len = out.len
        freeModel(out)
        len
    }
    val transactionBytes = run {
        val s = status()
        bytesOfModel(UniffiLib.uniffi_uzpay_kotlin_fn_func_parse_confirm_pay_verify(FfiConverterTypeHttpResponse.lower(w.uzVerifyResponse), s))
    }
    time("lift: ViaTransaction read from a heap copy (${transactionBytes.size} bytes)", warm) {
        FfiConverterTypeViaTransaction.read(heap(transactionBytes)).amount.toLong()
    }
    time("public parseConfirmPayVerify, end to end", warm) { uz.uzpay.parseConfirmPayVerify(w.uzVerifyResponse).amount.toLong() }
    if (profileSink == 42L) println()
}
