"""Fiscal receipt lines and their arithmetic, in integer tiyin (1 UZS = 100 tiyin).

:class:`Item` (``ReceiptItem``) is one receipt line for ``build_register_receipt`` (a
plain dict with the same keys works too). :func:`receipt_totals` and
:func:`vat_included` are the core's arithmetic: ``total = price x count - discount``
per line, and the VAT included in a VAT-inclusive amount, ``gross x rate / (100 +
rate)`` rounded half up.
"""

from __future__ import annotations

from uzpay import _uzpay
from uzpay._generated import LineAmounts, ReceiptItem, ReceiptTotals
from uzpay._runtime import core_call, to_json

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from typing import Any

__all__ = ["Item", "LineAmounts", "ReceiptItem", "ReceiptTotals", "receipt_totals", "vat_included"]

#: One receipt line: the short name of :class:`ReceiptItem`.
Item = ReceiptItem


def receipt_totals(items: Iterable[ReceiptItem | Mapping[str, Any]]) -> ReceiptTotals:
    """Each line's total and VAT and the receipt's sums, in tiyin, checked as
    ``build_register_receipt`` checks the items (errors name ``items[0].price``)."""
    if hasattr(items, "keys") or not hasattr(items, "__iter__"):
        raise TypeError("receipt_totals takes a list of items (ReceiptItem or dicts), not one item")
    data = {"items": list(items)}
    totals: ReceiptTotals = core_call(_uzpay.receipt_totals, data, to_json(data))
    return totals


def vat_included(gross: int, rate_percent: int) -> int:
    """The VAT included in ``gross`` tiyin at ``rate_percent``: ``gross x rate / (100 +
    rate)``, rounded half up (``vat_included(100_000, 12) == 10_714``)."""
    data = {"gross": gross, "rate_percent": rate_percent}
    result: int = core_call(_uzpay.vat_included, data, to_json(data))
    return result
