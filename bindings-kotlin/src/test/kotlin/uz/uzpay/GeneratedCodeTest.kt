package uz.uzpay

import java.io.File
import kotlin.test.assertEquals
import kotlin.test.assertTrue
import org.junit.jupiter.api.Test

/**
 * A guard over the generated Kotlin, for records added later: uniffi makes every
 * record a data class, whose default `toString()` prints every field. A record that
 * holds a credential (`Secret`) or a card number (`Pan`) must therefore export the
 * core's masking `Debug` (`uniffi::export(Debug)` next to its `uniffi::Record` derive),
 * which replaces that `toString()`. This test fails for one that does not.
 */
class GeneratedCodeTest {
    private val source = File(System.getProperty("uzpay.generated.dir", "target/generated"), "uz/uzpay/model/uzpay.kt").readText()

    /** Each generated record: its name, its fields' declarations, its body. */
    private val records = Regex("""(?s)\ndata class (\w+) \((.*?)\n\)\s*\{(.*?)\n {4}companion object\n}""")
        .findAll(source)
        .map { Triple(it.groupValues[1], it.groupValues[2], it.groupValues[3]) }
        .toList()

    @Test
    fun `every record holding a Secret or a Pan prints through the core's masking Debug`() {
        assertTrue(records.size > 40, "found ${records.size} records: the pattern no longer matches the generated code")
        val holding = records.filter { (_, fields, _) -> Regex(""": (Secret|Pan)\??\s""").containsMatchIn(fields) }
        assertEquals(
            setOf("PaylovConfig", "PaymentsGateConfig", "ViaConfig", "AuthTokenInput", "RefreshTokenInput", "AuthTokenOutput", "CardInput"),
            holding.map { it.first }.toSet(),
        )
        for ((name, _, body) in holding) {
            assertTrue("override fun toString()" in body && "uniffi_trait_debug" in body, "$name prints its credential")
        }
    }
}
