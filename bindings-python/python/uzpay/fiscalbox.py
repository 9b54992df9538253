"""What FiscalBox's operations return: the outputs of ``parse_click_payment``,
``parse_click_confirm``, ``parse_anor_payment`` and ``parse_anor_confirm``.

Amounts are integer tiyin; statuses are FiscalBox's own strings, kept verbatim.
"""

from __future__ import annotations

from uzpay._record import Record

__all__ = ["ClickPaymentOutput", "ClickConfirmOutput", "AnorPaymentOutput", "AnorConfirmOutput"]


class ClickPaymentOutput(Record):
    """The Click payment FiscalBox created (``fiscalbox.click_payment``)."""

    __slots__ = ("payment_id", "transaction_id", "status", "message", "amount", "client_phone_number")

    payment_id: str
    """The payment's id: give it to ``build_click_confirm``."""
    transaction_id: str | None
    """FiscalBox's transaction id (a UUID)."""
    status: str | None
    """FiscalBox's status text."""
    message: str | None
    """FiscalBox's message."""
    amount: int | None
    """The amount charged, in tiyin."""
    client_phone_number: str | None
    """The customer's phone, as FiscalBox sends it (often without ``+``)."""


class ClickConfirmOutput(Record):
    """The receipt attached to a Click payment (``fiscalbox.click_confirm``)."""

    __slots__ = ("inn", "payment_id", "qr_code", "status", "error")

    inn: str | None
    """The merchant's INN, when FiscalBox sends it."""
    payment_id: str | None
    """The payment id, when FiscalBox sends it."""
    qr_code: str | None
    """The receipt URL, when FiscalBox sends it."""
    status: str
    """``successfully`` (``failed`` is raised as a ``ProviderError``)."""
    error: str | None
    """FiscalBox's error text, when it sends one with a success."""


class AnorPaymentOutput(Record):
    """The Anor payment FiscalBox created (``fiscalbox.anor_payment``)."""

    __slots__ = (
        "transaction_id",
        "payment_id",
        "status",
        "message",
        "payment_status",
        "phone_number",
        "card_number",
    )

    transaction_id: str
    """The transaction's id: give it to ``build_anor_confirm``."""
    payment_id: str | None
    """The payment's id at Anor."""
    status: str | None
    """Anor's status text."""
    message: str | None
    """Anor's message."""
    payment_status: int | None
    """Anor's payment status code."""
    phone_number: str | None
    """The customer's phone, as sent."""
    card_number: str | None
    """The card, masked by Anor."""


class AnorConfirmOutput(Record):
    """The receipt attached to an Anor payment (``fiscalbox.anor_confirm``)."""

    __slots__ = ("message", "error_code", "payment_id", "transaction_id")

    message: str
    """FiscalBox's message."""
    error_code: int
    """Always 0 here (a non-zero code is raised as a ``ProviderError``)."""
    payment_id: int
    """The payment's id at Anor."""
    transaction_id: str
    """The transaction id."""
