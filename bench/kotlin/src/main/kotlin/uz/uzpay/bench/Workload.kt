package uz.uzpay.bench

import java.io.File
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.long
import kotlinx.serialization.json.int
import uz.uzpay.bench.reference.ConfirmPayVerifyInput as RefVerifyInput
import uz.uzpay.bench.reference.Header as RefHeader
import uz.uzpay.bench.reference.HttpResponse as RefResponse
import uz.uzpay.bench.reference.PaylovConfig as RefPaylovConfig
import uz.uzpay.bench.reference.ReceiptItem as RefItem
import uz.uzpay.bench.reference.RegisterReceiptInput as RefRegisterInput
import uz.uzpay.bench.reference.ViaConfig as RefViaConfig
import uz.uzpay.Header as UzHeader
import uz.uzpay.HttpResponse as UzResponse
import uz.uzpay.model.ConfirmPayVerifyInput as UzVerifyInput
import uz.uzpay.model.PaylovConfig as UzPaylovConfig
import uz.uzpay.model.ReceiptItem as UzItem
import uz.uzpay.model.RegisterReceiptInput as UzRegisterInput
import uz.uzpay.model.ViaConfig as UzViaConfig

/*
 * bench/workload.json, read once, as each side's own typed values: uzpay's through the
 * binding's public Kotlin API (the records, the `Long` factories, `HttpResponse`), the
 * reference's through its data classes. Nothing here is timed.
 */

class Workload(root: JsonObject) {
    private val paylov = root.obj("paylov_register")
    private val via = root.obj("via_verify")
    private val ofd = root.obj("ofd_parse")

    // paylov_register
    private val paylovConfig = paylov.obj("config")
    private val paylovInput = paylov.obj("input")
    private val items = paylovInput["items"]!!.jsonArray.map { it.jsonObject }

    val uzPaylovConfig = UzPaylovConfig(baseUrl = paylovConfig.str("base_url"), apiKey = paylovConfig.str("api_key"))
    val uzRegisterInput = UzRegisterInput(
        transactionId = paylovInput.optStr("transaction_id"),
        items = items.map { o ->
            UzItem(
                title = o.str("title"), price = o.long("price"), discount = o.long("discount"), count = o.long("count"),
                code = o.str("code"), vatPercent = o.int("vat_percent"), packageCode = o.str("package_code"),
                pinfl = o.optStr("pinfl"), tin = o.optStr("tin"),
            )
        },
    )
    val uzRegisterResponse = paylov.obj("response").let { r ->
        UzResponse(status = r.int("status"), headers = r.headers().map { (n, v) -> UzHeader(n, v) }, body = r.body())
    }

    val refPaylovConfig = RefPaylovConfig(baseUrl = paylovConfig.str("base_url"), apiKey = paylovConfig.str("api_key"))
    val refRegisterInput = RefRegisterInput(
        transactionId = paylovInput.optStr("transaction_id"),
        items = items.map { o ->
            RefItem(
                title = o.str("title"), price = o.long("price"), discount = o.long("discount"), count = o.long("count"),
                code = o.str("code"), vatPercent = o.int("vat_percent"), packageCode = o.str("package_code"),
                pinfl = o.optStr("pinfl"), tin = o.optStr("tin"),
            )
        },
    )
    val refRegisterResponse = paylov.obj("response").let { r ->
        RefResponse(status = r.int("status"), headers = r.headers().map { (n, v) -> RefHeader(n, v) }, body = r.body())
    }

    // via_verify
    private val viaConfig = via.obj("config")
    private val viaInput = via.obj("input")

    val uzViaConfig = UzViaConfig(viaConfig.str("base_url"), viaConfig.str("client_id"), viaConfig.str("client_secret"))
    val uzVerifyInput = UzVerifyInput(verifyId = viaInput.str("verify_id"), verifyCode = viaInput.str("verify_code"))
    val uzVerifyResponse = via.obj("response").let { r ->
        UzResponse(status = r.int("status"), headers = r.headers().map { (n, v) -> UzHeader(n, v) }, body = r.body())
    }

    val refViaConfig = RefViaConfig(viaConfig.str("base_url"), viaConfig.str("client_id"), viaConfig.str("client_secret"))
    val refVerifyInput = RefVerifyInput(verifyId = viaInput.str("verify_id"), verifyCode = viaInput.str("verify_code"))
    val refVerifyResponse = via.obj("response").let { r ->
        RefResponse(status = r.int("status"), headers = r.headers().map { (n, v) -> RefHeader(n, v) }, body = r.body())
    }

    // ofd_parse: a String is a String on both sides.
    val ofdUrl: String = ofd.obj("input").str("url")

    companion object {
        fun load(file: File): Workload = Workload(Json.parseToJsonElement(file.readText()).jsonObject)
    }
}

private fun JsonObject.obj(key: String): JsonObject = this[key]?.jsonObject ?: error("workload: no \"$key\"")
private fun JsonObject.str(key: String): String = this[key]?.jsonPrimitive?.content ?: error("workload: no \"$key\"")
private fun JsonObject.optStr(key: String): String? = this[key]?.jsonPrimitive?.content
private fun JsonObject.long(key: String): Long = this[key]?.jsonPrimitive?.long ?: 0L
private fun JsonObject.int(key: String): Int = this[key]?.jsonPrimitive?.int ?: error("workload: no \"$key\"")
private fun JsonObject.headers(): List<Pair<String, String>> =
    (this["headers"] as? JsonArray).orEmpty().map { h -> h.jsonArray.let { it[0].jsonPrimitive.content to it[1].jsonPrimitive.content } }
private fun JsonObject.body(): ByteArray = str("body").encodeToByteArray()
