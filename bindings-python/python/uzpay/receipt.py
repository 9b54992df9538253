"""Fiscal receipt lines and their arithmetic, in integer tiyin (1 UZS = 100 tiyin).

:class:`Item` (``ReceiptItem``) is one receipt line for ``build_register_receipt`` (a
plain dict with the same keys works too); ``receipt_totals`` and ``vat_included`` are
the core's arithmetic.
"""

from uzpay._generated import ReceiptItem

__all__ = ["Item"]

#: One receipt line: the short name of :class:`ReceiptItem`.
Item = ReceiptItem
