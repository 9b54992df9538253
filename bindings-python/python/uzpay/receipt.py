"""Fiscal receipt lines and their arithmetic, in integer tiyin (1 UZS = 100 tiyin).

:class:`Item` is one receipt line for ``build_register_receipt`` (a plain dict with
the same keys works too). :func:`receipt_totals` and :func:`vat_included` are the
core's arithmetic: ``total = price x count - discount`` per line, and the VAT included
in a VAT-inclusive amount, ``gross x rate / (100 + rate)`` rounded half up.
"""

from __future__ import annotations

from uzpay._record import Record
from uzpay._uzpay import receipt_totals as receipt_totals
from uzpay._uzpay import vat_included as vat_included

__all__ = ["Item", "LineAmounts", "ReceiptTotals", "receipt_totals", "vat_included"]


class Item(Record):
    """One line of a fiscal receipt, as the tax committee's OFD wants it. Nothing is
    checked here: the core checks every rule when the request is built, and names the
    field (``items[0].discount``). ``to_dict()`` leaves out an absent ``pinfl`` or
    ``tin``, as the core does."""

    __slots__ = (
        "title",
        "price",
        "discount",
        "count",
        "code",
        "vat_percent",
        "package_code",
        "pinfl",
        "tin",
    )
    # The core leaves them out of its canonical form when absent; so does `to_dict()`.
    _omit_none = frozenset({"pinfl", "tin"})

    title: str
    """The item's name as printed on the receipt."""
    price: int
    """Unit price in tiyin, VAT included, before discount."""
    discount: int
    """Discount on the whole line, in tiyin (0 to the price)."""
    count: int
    """How many units; at least 1."""
    code: str
    """The IKPU (MXIK) code of the goods or service: 17 digits."""
    vat_percent: int
    """VAT rate in percent, 0 to 100 (12 is today's standard rate)."""
    package_code: str
    """The package code from the item's MXIK entry: digits."""
    pinfl: str | None
    """The seller's PINFL (14 digits) when the seller is an individual."""
    tin: str | None
    """The seller's TIN (9 digits) when the seller is a company."""

    # Keyword-only: a price and a count are both ints, and must never trade places.
    def __init__(
        self,
        *,
        title: str,
        price: int,
        count: int,
        code: str,
        vat_percent: int,
        package_code: str,
        discount: int = 0,
        pinfl: str | None = None,
        tin: str | None = None,
    ) -> None:
        super().__init__(
            title=title,
            price=price,
            discount=discount,
            count=count,
            code=code,
            vat_percent=vat_percent,
            package_code=package_code,
            pinfl=pinfl,
            tin=tin,
        )


class LineAmounts(Record):
    """One line's amounts, in tiyin."""

    __slots__ = ("total", "vat")

    total: int
    """``price x count - discount``."""
    vat: int
    """The VAT included in ``total``."""


class ReceiptTotals(Record):
    """A receipt's amounts, in tiyin."""

    __slots__ = ("lines", "total", "vat")
    _nested = {"lines": LineAmounts}

    lines: tuple[LineAmounts, ...]
    """Each line's amounts, in the order of the items."""
    total: int
    """The sum of the line totals."""
    vat: int
    """The sum of the line VAT amounts."""
