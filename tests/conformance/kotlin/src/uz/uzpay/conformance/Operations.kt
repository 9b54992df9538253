package uz.uzpay.conformance

import com.fasterxml.jackson.databind.JsonNode
import uz.uzpay.HttpRequest
import uz.uzpay.HttpResponse
import uz.uzpay.buildReceiptUrl
import uz.uzpay.model.OfdReceiptKind
import uz.uzpay.model.OfdReceiptUrl
import uz.uzpay.parseOfdDateTime
import uz.uzpay.parseReceiptUrl
import uz.uzpay.receiptTotals

/** An operation as the runner drives it: JSON config and input in, a request out; a response in, canonical JSON out. */
internal class Op(
    val build: (config: JsonNode?, input: JsonNode) -> HttpRequest,
    val parse: (HttpResponse) -> JsonNode,
)

/** The compute cases (tests/conformance/README.md): functions with no HTTP. */
internal val COMPUTE: Map<String, (JsonNode) -> JsonNode> = mapOf(
    "ofd.parse_receipt_url" to { input ->
        val url = input.get("url")?.takeIf { it.isTextual }?.textValue() ?: refuse("url", "must be a string")
        // The compute case's output adds the canonical rebuild of the URL.
        val receipt = parseReceiptUrl(url)
        write(receipt).put("url", buildReceiptUrl(receipt))
    },
    "ofd.build_receipt_url" to { input ->
        fun text(key: String) = input.get(key)?.takeIf { it.isTextual }?.textValue() ?: ""
        val kind = when (text("kind")) {
            "", "check" -> OfdReceiptKind.CHECK
            "epi" -> OfdReceiptKind.EPI
            else -> refuse("kind", "must be check or epi")
        }
        val number = input.get("receipt_number")?.takeIf { it.isIntegralNumber && it.bigIntegerValue().signum() >= 0 }
            ?: refuse("receipt_number", "must be a whole number")
        val receipt = OfdReceiptUrl(
            kind = kind,
            terminalId = text("terminal_id"),
            receiptNumber = number.bigIntegerValue().toULongExact(),
            dateTime = parseOfdDateTime(text("date_time")),
            fiscalSign = text("fiscal_sign"),
        )
        obj("url" to buildReceiptUrl(receipt))
    },
    "receipt.totals" to { input ->
        val o = Obj(input, "", setOf("items"))
        write(receiptTotals(o.list("items", ::readReceiptItem) ?: refuse("items", "is required")))
    },
)
