"""OFD receipt URLs, the QR code on every fiscal receipt:
``https://ofd.soliq.uz/check?t=UZ170703100597&r=2421&c=20230104121801&s=514343190161``."""

from __future__ import annotations

import datetime as _dt

from uzpay import _uzpay
from uzpay._generated import OfdReceipt, build_receipt_url, parse_receipt_url

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from uzpay._generated import OfdReceiptKind

__all__ = ["OfdReceiptUrl"]


class OfdReceiptUrl(OfdReceipt):
    """A receipt URL, checked by the core: terminal id, receipt number, a real
    date-time and fiscal sign, and the URL written canonically.
    ``OfdReceiptUrl.parse(url)`` reads one; ``OfdReceiptUrl(terminal_id=..., ...)``
    makes one from its parts. (Every ``OfdReceipt`` the core gives is one.)"""

    __slots__ = ()

    def __new__(
        cls,
        *,
        terminal_id: str,
        receipt_number: int,
        date_time: str | _dt.datetime,
        fiscal_sign: str,
        kind: OfdReceiptKind | None = None,
    ) -> OfdReceiptUrl:
        if isinstance(date_time, _dt.datetime):
            date_time = date_time.strftime("%Y%m%d%H%M%S")
        parts: Any = {"terminal_id": terminal_id, "receipt_number": receipt_number, "date_time": date_time}
        url = build_receipt_url(**parts, fiscal_sign=fiscal_sign, kind=kind or "check")
        return cls.parse(url)

    @classmethod
    def parse(cls, url: str) -> OfdReceiptUrl:
        """Parses a receipt URL; errors name ``url``, ``url.t``, ``url.r``, ``url.c`` or ``url.s``."""
        parsed = parse_receipt_url(url)
        assert isinstance(parsed, OfdReceiptUrl)  # the class the core makes its receipt URLs into
        return parsed

    @property
    def datetime(self) -> _dt.datetime:
        """``c`` as a naive ``datetime.datetime``, in Tashkent local time as printed."""
        return _dt.datetime.strptime(self.date_time, "%Y%m%d%H%M%S")

    def __str__(self) -> str:
        return self.url

    def __repr__(self) -> str:
        return f"OfdReceiptUrl.parse({self.url!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (OfdReceiptUrl.parse, (self.url,))


# The core makes every receipt URL it reads into this class, with the methods above.
_uzpay._register({"OfdReceipt": OfdReceiptUrl})
