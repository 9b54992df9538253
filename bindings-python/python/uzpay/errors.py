"""The exceptions uzpay raises.

Every failure is an :class:`UzpayError`. Its ``kind`` is one of the core's four kinds,
the same in every language uzpay ships to, or one of two that only a binding has:

- ``invalid_input`` (:class:`InvalidInput`): refused before any I/O; ``field`` says where.
- ``provider`` (:class:`ProviderError`): the provider said no, whatever the HTTP status.
- ``http`` (:class:`HttpError`): a status the operation does not accept.
- ``decode`` (:class:`DecodeError`): the body is not the shape the operation expects.
- ``transport`` (:class:`TransportError`): the request could not be sent or answered.
- ``internal`` (:class:`UzpayError` itself): a bug in uzpay; please report it.

``retryable`` says whether the same request may safely be sent again (after a pause).
``str(error)`` is the core's message; it never contains a credential.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

__all__ = [
    "UzpayError",
    "InvalidInput",
    "InputTypeError",
    "ProviderError",
    "HttpError",
    "DecodeError",
    "TransportError",
]


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


class InvalidInput(UzpayError):
    """The input breaks a rule and nothing was sent. ``field`` is the path of the
    offending input, such as ``items[0].discount`` or ``qr_code.t``."""

    kind = "invalid_input"

    def __init__(
        self,
        text: str = "",
        *,
        field: str = "",
        message: str | None = None,
        retryable: bool = False,
    ) -> None:
        super().__init__(text, message=message, retryable=retryable)
        #: Path of the offending input: ``items[0].discount``, ``qr_code.t``, ``api_key``.
        self.field: str = field


class InputTypeError(InvalidInput, TypeError):
    """An input of a Python type uzpay never takes: a float or a ``Decimal`` (money is
    integer tiyin), or a bool where a number or a string belongs. Both an
    :class:`InvalidInput` (with ``field``) and a ``TypeError``."""


class ProviderError(UzpayError):
    """The provider answered with a business error, whatever the HTTP status (FiscalBox
    sends errors with 200)."""

    kind = "provider"

    def __init__(
        self,
        text: str = "",
        *,
        provider: str = "",
        code: str = "",
        status: int = 0,
        messages: dict[str, str] | None = None,
        details: Any = None,
        message: str | None = None,
        retryable: bool = False,
    ) -> None:
        super().__init__(text, message=message, retryable=retryable)
        #: Who refused: ``fiscalbox``, ``paylov``, ``paymentsgate`` or ``via``.
        self.provider: str = provider
        #: The provider's error code as text (integers in decimal):
        #: ``ofd_check_already_generated``, ``7``, ``ERROR_CREDENTIALS_NOT_FOUND``.
        self.code: str = code
        #: The HTTP status the error came with.
        self.status: int = status
        #: The provider's message by language (``uz``, ``ru``, ``en``), those it sent.
        self.messages: dict[str, str] = {} if messages is None else messages
        #: Extra data the provider attached (parsed JSON), or ``None``.
        self.details: Any = details


class HttpError(UzpayError):
    """An HTTP status the operation does not accept, with no provider error in the
    body (a gateway's 502 page, a 401 without a body)."""

    kind = "http"

    def __init__(
        self,
        text: str = "",
        *,
        status: int = 0,
        message: str | None = None,
        retryable: bool = False,
    ) -> None:
        super().__init__(text, message=message, retryable=retryable)
        #: The HTTP status code.
        self.status: int = status


class DecodeError(UzpayError):
    """The body is not the shape the operation expects. Retryable when it looks like a
    gateway's HTML page or came with a 5xx: the provider never finished the request."""

    kind = "decode"


class TransportError(UzpayError):
    """The request could not be sent or no answer came (a refused connection, DNS, a
    timeout). Raised by :mod:`uzpay.transport`, never by the core, which does no I/O.
    Retryable: nothing was received, so ask again (for a payment, look it up first
    when the operation has a status call)."""

    kind = "transport"

    def __init__(self, text: str = "", *, message: str | None = None, retryable: bool = True) -> None:
        super().__init__(text, message=message, retryable=retryable)


# The class of each kind the core gives (``ERROR_KINDS``, generated from the core).
_CLASSES: dict[str, type[UzpayError]] = {c.kind: c for c in (InvalidInput, ProviderError, HttpError, DecodeError)}


def _from_core(record: dict[str, Any]) -> UzpayError:
    """The exception for the core's error record (``uzpay::ErrorRecord``)."""
    kind = record["kind"]
    fields: dict[str, Any] = {k: record[k] for k in ("field", "provider", "code", "status", "messages") if k in record}
    details = record.get("details")
    if details is not None:
        import json  # on first use: `import uzpay` stays fast

        try:
            fields["details"] = json.loads(details)
        except ValueError:
            fields["details"] = details  # text that is not JSON (VIA's `path: ...`) stays text
    return _CLASSES[kind](record["text"], message=record["message"], retryable=record["retryable"], **fields)
