"""OFD receipt URLs, the QR code on every fiscal receipt:
``https://ofd.soliq.uz/check?t=UZ170703100597&r=2421&c=20230104121801&s=514343190161``."""

from __future__ import annotations

import datetime as _dt

from uzpay import _generated, _uzpay
from uzpay._runtime import core_call, fields, to_json

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

__all__ = ["OfdReceiptUrl"]


class OfdReceiptUrl(_generated.OfdReceiptUrl):
    """A receipt URL, checked by the core: terminal id, receipt number, a real
    date-time and fiscal sign. ``OfdReceiptUrl.parse(url)`` reads one;
    ``OfdReceiptUrl(terminal_id=..., ...)`` makes one from its parts."""

    __slots__ = ()

    def __new__(
        cls,
        *,
        terminal_id: str,
        receipt_number: int,
        date_time: str | _dt.datetime,
        fiscal_sign: str,
        kind: str | None = None,
    ) -> OfdReceiptUrl:
        if isinstance(date_time, _dt.datetime):
            date_time = date_time.strftime("%Y%m%d%H%M%S")
        parts = {"terminal_id": terminal_id, "receipt_number": receipt_number, "date_time": date_time}
        parts.update(fiscal_sign=fiscal_sign, kind=kind)
        checked: OfdReceiptUrl = core_call(_uzpay.build_receipt_url, parts, to_json(parts))
        return checked

    @classmethod
    def parse(cls, url: str) -> OfdReceiptUrl:
        """Parses a receipt URL; errors name ``url``, ``url.t``, ``url.r``, ``url.c`` or ``url.s``."""
        parsed: OfdReceiptUrl = core_call(_uzpay.parse_receipt_url, {"url": url}, url)
        return parsed

    @property
    def url(self) -> str:
        """The canonical URL (as ``str()``), written by the core."""
        url: str = _uzpay.receipt_url(to_json(self.to_dict()))
        return url

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


# The core makes its receipt URLs into this class, with the methods above.
fields(OfdReceiptUrl)
