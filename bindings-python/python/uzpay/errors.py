"""The exceptions uzpay raises.

Every failure is an :class:`UzpayError`. Its ``kind`` is one of the core's kinds, the
same in every language uzpay ships to (``invalid_input``, ``provider``, ``http``,
``decode``, ``transport``: their classes are generated from the core, in
``uzpay._error_kinds``), or ``internal`` (:class:`UzpayError` itself: a bug in uzpay;
please report it).

``retryable`` says whether the same request may safely be sent again (after a pause).
``str(error)`` is the core's message; it never contains a credential.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class UzpayError(Exception):
    """Base of every uzpay error. Raised as itself only with kind ``internal``: a bug
    in uzpay (never a panic, which Python could not catch as an ``Exception``)."""

    kind: str = "internal"

    # Every argument has a default so that errors survive pickling (a task queue or a
    # multiprocessing pool re-creates them from ``args`` and ``__dict__``).
    def __init__(self, text: str = "", *, message: str | None = None, retryable: bool = False) -> None:
        super().__init__(text)
        #: The message without the kind and field prefix of ``str(error)``.
        self.message: str = text if message is None else message
        #: Whether the same request may safely be sent again (after a pause).
        self.retryable: bool = retryable


# The core's kinds, after the base class they derive from.
from uzpay._error_kinds import (  # noqa: E402
    KINDS,
    DecodeError,
    HttpError,
    InvalidInputError,
    ProviderError,
    TransportError,
)

#: The short name of :class:`InvalidInputError`.
InvalidInput = InvalidInputError


class InputTypeError(InvalidInputError, TypeError):
    """An input of a Python type uzpay never takes: a float or a ``Decimal`` (money is
    integer tiyin), or a bool where a number or a string belongs. Both an
    :class:`InvalidInput` (with ``field``) and a ``TypeError``."""


def _from_core(record: dict[str, Any], type_error: bool = False) -> UzpayError:
    """The exception for the core's error record (``uzpay::ErrorRecord``); with
    ``type_error``, the refusal of a value's Python type (``InputTypeError``)."""
    fields = {key: value for key, value in record.items() if key not in ("kind", "text", "message", "retryable")}
    if fields.get("details") is not None:
        import json  # on first use: `import uzpay` stays fast

        try:  # noqa: SIM105 (text that is not JSON, VIA's `path: ...`, stays text)
            fields["details"] = json.loads(fields["details"])
        except ValueError:
            pass
    error: UzpayError = (InputTypeError if type_error else KINDS[record["kind"]])(
        record["text"], message=record["message"], retryable=record["retryable"], **fields
    )
    return error


__all__ = ["UzpayError", "InvalidInputError", "InvalidInput", "InputTypeError", "ProviderError", "HttpError"]
__all__ += ["DecodeError", "TransportError"]
