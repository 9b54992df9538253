package uz.uzpay

/*
 * What every UzpayException answers, whatever its subclass. The generated sealed class
 * carries `retryable` only on the kinds where it varies; these extensions give it (and
 * the kind's canonical name) on the base type, so a handler needs no cast:
 *
 *     catch (e: UzpayException) { if (e.retryable) retryLater() else report(e.kind, e) }
 */

/**
 * Whether the same request may safely be sent again (after a pause): never for
 * invalid input; for the other kinds, the core's rule (5xx, 429, 408, 425, and the
 * provider codes that mean "not yet", such as Paylov's `ofd_error`).
 */
val UzpayException.retryable: Boolean
    get() = when (this) {
        is UzpayException.InvalidInput -> false
        is UzpayException.Provider -> this.retryable
        is UzpayException.Http -> this.retryable
        is UzpayException.Decode -> this.retryable
    }

/**
 * The kind's canonical name, the same in every language uzpay ships to:
 * `invalid_input`, `provider`, `http` or `decode`.
 */
val UzpayException.kind: String
    get() = when (this) {
        is UzpayException.InvalidInput -> "invalid_input"
        is UzpayException.Provider -> "provider"
        is UzpayException.Http -> "http"
        is UzpayException.Decode -> "decode"
    }
