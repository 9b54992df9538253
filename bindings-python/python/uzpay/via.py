"""What VIA's operations return: the outputs of ``parse_confirm_pay``,
``parse_confirm_pay_verify``, ``parse_resend_code`` and ``parse_get_transaction``."""

from __future__ import annotations

from uzpay._record import Record

__all__ = ["ConfirmPayOutput", "ResendCodeOutput", "ViaTransaction", "Epos"]


class ConfirmPayOutput(Record):
    """The started payment, waiting for the SMS code (``via.confirm_pay``)."""

    __slots__ = ("verify_id",)

    verify_id: str
    """Give it, with the SMS code, to ``build_confirm_pay_verify``."""


class ResendCodeOutput(Record):
    """The answer to ``via.resend_code``."""

    __slots__ = ("verify_id",)

    verify_id: str | None
    """The payment's ``verifyId``, when VIA echoes it."""


class Epos(Record):
    """The merchant's terminal at the processing (UZCARD/HUMO)."""

    __slots__ = ("merchant_id", "terminal_id")

    merchant_id: str | None
    terminal_id: str | None


class ViaTransaction(Record):
    """A VIA transaction (``via.confirm_pay_verify``, ``via.get_transaction``). A
    ``REJECT`` or ``ERROR`` status is a transaction, not an exception: the call worked,
    the payment did not."""

    __slots__ = (
        "transaction_id",
        "processing_transaction_id",
        "merchant_id",
        "amount",
        "created_at",
        "payed_at",
        "status",
        "fee",
        "fee_percent",
        "currency",
        "epos",
        "error_code",
        "error_message",
        "refunded_amount",
        "process",
    )
    _nested = {"epos": Epos}

    transaction_id: str
    """VIA's transaction id."""
    processing_transaction_id: str | None
    """The processing's (UZCARD/HUMO) transaction id."""
    merchant_id: str
    """VIA's merchant id."""
    amount: int
    """The amount in tiyin."""
    created_at: int | None
    """Creation time, epoch milliseconds."""
    payed_at: int | None
    """Payment time, epoch milliseconds (absent until paid)."""
    status: str
    """``SUCCESS``, ``ERROR``, ``REJECT``, ``PENDING``, ``NEW``, ``DRAFT`` (or a newer one)."""
    fee: int
    """VIA's fee in tiyin."""
    fee_percent: float
    """VIA's fee rate in percent (a rate, not money)."""
    currency: str
    """Currency code, e.g. ``UZS``."""
    epos: Epos | None
    """The processing terminal."""
    error_code: str | None
    """VIA's error code for a failed transaction (lookups only)."""
    error_message: str | None
    """VIA's error message for a failed transaction (lookups only)."""
    refunded_amount: int | None
    """How much was refunded, in tiyin (lookups only)."""
    process: str | None
    """The processing: ``UZCARD`` or ``HUMO`` (lookups only)."""
