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
//   - the public call, end to end.
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

fun main(args: Array<String>) {
    val quick = "--quick" in args
    val warm = if (quick) 700L else 2000L
    val workloadFile = File(args.firstOrNull { !it.startsWith("--") } ?: "bench/workload.json")
    val w = Workload.load(workloadFile)
    val url = w.ofdUrl

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
