package uz.uzpay.conformance

import com.fasterxml.jackson.databind.JsonNode
import com.fasterxml.jackson.databind.node.JsonNodeFactory
import com.fasterxml.jackson.databind.node.ObjectNode
import java.math.BigInteger

/*
 * The Kotlin outputs in their canonical JSON form (FORMAT.md): snake_case names, the
 * provider's `type` where Kotlin says `dealType`, enumerations as the provider's wire
 * string (their `toString()`), absent values as null.
 */

private val json = JsonNodeFactory.instance

/** An object from (canonical name, value) pairs. */
internal fun obj(vararg fields: Pair<String, Any?>): ObjectNode {
    val node = json.objectNode()
    for ((name, value) in fields) node.set<JsonNode>(name, value(value))
    return node
}

private fun value(v: Any?): JsonNode = when (v) {
    null -> json.nullNode()
    is JsonNode -> v
    is String -> json.textNode(v)
    is Boolean -> json.booleanNode(v)
    is Int -> json.numberNode(v)
    is Long -> json.numberNode(v)
    is Double -> json.numberNode(v)
    is ULong -> json.numberNode(BigInteger(v.toString()))
    is UInt -> json.numberNode(v.toLong())
    is List<*> -> json.arrayNode().also { array -> v.forEach { array.add(value(it)) } }
    else -> json.textNode(v.toString()) // provider enumerations: their wire string
}
