"""Sending uzpay's requests over HTTP (the core never does I/O): :func:`send` on
`requests` (``pip install 'uzpay[requests]'``; a session reuses connections) and
:func:`send_urllib` on the standard library. Both return an :class:`HttpResponse`
``(status, headers, body)``, so ``parse_x(*send(request, timeout=10))`` works; a
non-2xx answer is returned, not raised (what it means is the parser's job). Redirects
are not followed, so a credential never travels to another host. The timeout is
required: a payment call without one can hang a worker forever. A network failure
raises :class:`uzpay.TransportError`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple, Optional, Union

from uzpay._uzpay import MAX_BODY_BYTES
from uzpay.errors import TransportError

if TYPE_CHECKING:
    import urllib.request

    import requests

    from uzpay._runtime import HttpRequest

__all__ = ["HttpResponse", "Timeout", "send", "send_urllib"]

_CHUNK = 64 * 1024

#: Seconds: one number for the whole wait, or ``(connect, read)`` for ``send``.
Timeout = Union[float, tuple[float, float]]


class HttpResponse(NamedTuple):
    """What came back: unpack it into a ``parse_*`` function."""

    status: int
    """The HTTP status code."""
    headers: list[tuple[str, str]]
    """The headers as ``(name, value)`` pairs, as received."""
    body: bytes
    """The raw body (at most one byte beyond what the core reads)."""


def send(request: HttpRequest, session: requests.Session | None = None, *, timeout: Timeout) -> HttpResponse:
    """Sends ``request`` with ``requests`` (through ``session`` when given, for
    connection reuse) and returns the answer, whatever its status.

    :param timeout: seconds to wait, or ``(connect, read)``; required.
    :raises TransportError: when the request could not be sent or no answer came.
    """
    try:
        import requests
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError(
            "uzpay.transport.send needs requests: pip install 'uzpay[requests]' (or use send_urllib)"
        ) from e
    # Without a session, one for this request only, as `requests.request` does.
    client = requests.Session() if session is None else session
    try:
        with client.request(
            request.method,
            request.url,
            headers=dict(request.headers),
            data=request.body or None,
            timeout=timeout,
            allow_redirects=False,
            stream=True,
        ) as response:
            body = _read_bounded(response.iter_content(_CHUNK))
            return HttpResponse(response.status_code, list(response.headers.items()), body)
    except requests.RequestException as e:
        raise TransportError(_failure(request, e)) from e
    finally:
        if session is None:
            client.close()


def send_urllib(request: HttpRequest, *, timeout: float) -> HttpResponse:
    """Sends ``request`` with the standard library's ``urllib`` and returns the answer,
    whatever its status (an ``HTTPError`` is an answer, and is returned).

    :param timeout: seconds to wait for the connection and for each read; required.
    :raises TransportError: when the request could not be sent or no answer came.
    """
    import http.client
    import urllib.error
    import urllib.request

    outgoing = urllib.request.Request(
        request.url,
        data=request.body if request.method != "GET" else None,
        headers=dict(request.headers),
        method=request.method,
    )
    try:
        try:
            answer = _opener().open(outgoing, timeout=timeout)
        except urllib.error.HTTPError as error:
            answer = error  # a non-2xx status is an answer for the parser, not a failure
        with answer:
            body = _read_bounded(iter(lambda: answer.read(_CHUNK), b""))
        return HttpResponse(answer.status, list(answer.headers.items()), body)
    except (urllib.error.URLError, http.client.HTTPException, OSError) as e:
        raise TransportError(_failure(request, e)) from e


def _read_bounded(chunks: Iterable[bytes]) -> bytes:
    # The core reads at most MAX_BODY_BYTES; one byte more lets it say the body was
    # too large, and a hostile server cannot fill the memory.
    body = bytearray()
    for chunk in chunks:
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            return bytes(body[: MAX_BODY_BYTES + 1])
    return bytes(body)


def _failure(request: HttpRequest, error: BaseException) -> str:
    # The URL and the error, never the headers (they carry credentials).
    return f"{request.method} {request.url} failed: {error}"


_OPENER: Optional[urllib.request.OpenerDirector] = None


def _opener() -> urllib.request.OpenerDirector:
    """A urllib opener that does not follow redirects (built once)."""
    global _OPENER
    if _OPENER is None:
        import urllib.request

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args: object, **kwargs: object) -> None:
                return None

        _OPENER = urllib.request.build_opener(NoRedirect)
    return _OPENER
