"""What Paylov's operations return: the outputs of ``parse_register_receipt``,
``parse_receipt_status`` and ``parse_refund_receipt``."""

from __future__ import annotations

from uzpay._record import Record

__all__ = ["RegisterReceiptOutput", "ReceiptStatusOutput", "RefundReceiptOutput"]


class RegisterReceiptOutput(Record):
    """The registered fiscal receipt (``paylov.register_receipt``)."""

    __slots__ = ("receipt_url", "terminal_id", "receipt_id", "fiscal_sign")

    receipt_url: str
    """The receipt's URL at the OFD (``OfdReceiptUrl.parse`` reads it)."""
    terminal_id: str
    """The terminal (fiscal module) id."""
    receipt_id: int
    """The receipt's number (``build_refund_receipt`` takes it)."""
    fiscal_sign: str
    """The fiscal sign."""


class ReceiptStatusOutput(Record):
    """A payment's receipt as Paylov has it (``paylov.receipt_status``)."""

    __slots__ = ("success", "is_refund", "receipt_url", "terminal_id", "receipt_id", "fiscal_sign")

    success: bool
    """Whether the receipt was generated."""
    is_refund: bool
    """Whether it has been refunded."""
    receipt_url: str | None
    """The receipt's URL at the OFD."""
    terminal_id: str | None
    """The terminal (fiscal module) id."""
    receipt_id: int | None
    """The receipt's number."""
    fiscal_sign: str | None
    """The fiscal sign."""


class RefundReceiptOutput(Record):
    """The refund's outcome (``paylov.refund_receipt``)."""

    __slots__ = ("success",)

    success: bool
    """True when Paylov refunded the receipt."""
