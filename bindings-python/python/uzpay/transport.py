"""Sending uzpay's requests over HTTP (the core never does I/O), and driving flows.

:func:`send` (on `requests`: ``pip install 'uzpay[requests]'``), :func:`send_urllib`
(the standard library) and :func:`send_httpx` (asyncio: ``pip install 'uzpay[httpx]'``)
send one request and return the answer, ``HttpResponse(status, headers, body)``,
whatever its status (what it means is the parser's job). When no answer comes they
raise :class:`SendError`, which says only whether the request never left or may have
arrived: what to do then is the core's decision, never the helper's. Redirects are
not followed (a credential never travels to another host), and the timeout is
required: a payment call without one can hang a worker forever.

:func:`run` and :func:`arun` drive a flow (each flow's ``run()`` and ``arun()`` call
them): they send each step, sleep the pauses it asks for, report lost answers, ask
for an SMS code, and hand every snapshot to ``save``.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, Iterable
from typing import TYPE_CHECKING, Any, Callable, Literal, NamedTuple, Optional, Union

from uzpay._flows import Done
from uzpay._generated import AwaitVerifyCode
from uzpay._uzpay import MAX_BODY_BYTES
from uzpay.errors import UzpayError

if TYPE_CHECKING:
    import urllib.request
    from collections.abc import Awaitable

    import httpx
    import requests

    from uzpay._flows import Flow
    from uzpay._runtime import HttpRequest

__all__ = ["HttpResponse", "SendError", "Timeout", "arun", "run", "send", "send_httpx", "send_urllib"]
__all__ += ["AskCode", "AsyncAskCode", "AsyncSave", "AsyncSend", "Failure", "Save", "Send"]

_CHUNK = 64 * 1024

#: Seconds: one number for the whole wait, or ``(connect, read)`` for ``send``.
Timeout = Union[float, tuple[float, float]]
#: ``not_sent``: the request never left; ``maybe_sent``: it may have reached the provider.
Failure = Literal["not_sent", "maybe_sent"]


class HttpResponse(NamedTuple):
    """What came back: unpack it into a ``parse_*`` function or a flow's ``on_response``."""

    status: int
    """The HTTP status code."""
    headers: list[tuple[str, str]]
    """The headers as ``(name, value)`` pairs, as received."""
    body: bytes
    """The raw body (at most one byte beyond what the core reads)."""

    def __repr__(self) -> str:
        # A body may hold tokens (a sign-in answer) or a masked card; a header a cookie.
        names = [name for name, _ in self.headers]
        return f"HttpResponse(status={self.status}, headers={names}, body=<{len(self.body)} bytes>)"


class SendError(OSError):
    """No answer came. ``failure`` is ``"not_sent"`` when the request certainly never
    reached the provider (DNS, a refused connection, a TLS handshake, a timeout while
    connecting) and ``"maybe_sent"`` when it may have (a timeout or a reset after the
    request was written). A flow takes it as it is (``on_transport_failure``); the
    message holds the method and URL, never a header."""

    def __init__(self, failure: Failure, message: str) -> None:
        super().__init__(message)
        self.failure: Failure = failure

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.failure, str(self)))


def send(request: HttpRequest, session: requests.Session | None = None, *, timeout: Timeout) -> HttpResponse:
    """Sends ``request`` with ``requests`` (through ``session`` when given, for
    connection reuse) and returns the answer, whatever its status.

    :param timeout: seconds to wait, or ``(connect, read)``; required.
    :raises SendError: when no answer came.
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
        raise SendError(_requests_failure(e), _failure(request, e)) from e
    finally:
        if session is None:
            client.close()


def _requests_failure(error: Exception) -> Failure:
    import requests

    # Connecting (DNS, a refused or timed-out connection, the TLS handshake) comes
    # before the request is written; a read timeout, a reset or a broken body after.
    if isinstance(error, (requests.ConnectTimeout, requests.exceptions.SSLError)):
        return "not_sent"
    if isinstance(error, requests.ConnectionError):
        from urllib3.exceptions import NewConnectionError

        reason = getattr(error.args[0], "reason", None) if error.args else None
        if isinstance(reason, NewConnectionError):
            return "not_sent"
    return "maybe_sent"


def send_urllib(request: HttpRequest, *, timeout: float) -> HttpResponse:
    """Sends ``request`` with the standard library's ``urllib`` and returns the answer,
    whatever its status (an ``HTTPError`` is an answer, and is returned).

    :param timeout: seconds to wait for the connection and for each read; required.
    :raises SendError: when no answer came.
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
        answer = _opener().open(outgoing, timeout=timeout)
    except urllib.error.HTTPError as error:
        answer = error  # a non-2xx status is an answer for the parser, not a failure
    except urllib.error.URLError as e:
        # urllib wraps in URLError only what fails before the whole request is written.
        raise SendError("not_sent", _failure(request, e.reason)) from e
    except (http.client.HTTPException, OSError) as e:
        raise SendError("maybe_sent", _failure(request, e)) from e
    try:
        with answer:
            body = _read_bounded(iter(lambda: answer.read(_CHUNK), b""))
        return HttpResponse(answer.status, list(answer.headers.items()), body)
    except (http.client.HTTPException, OSError) as e:
        raise SendError("maybe_sent", _failure(request, e)) from e


async def send_httpx(request: HttpRequest, client: httpx.AsyncClient | None = None, *, timeout: float) -> HttpResponse:
    """Sends ``request`` with ``httpx`` (through ``client`` when given, for connection
    reuse) and returns the answer, whatever its status.

    :param timeout: seconds to wait for the connection and for each read; required.
    :raises SendError: when no answer came.
    """
    try:
        import httpx
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("uzpay.transport.send_httpx needs httpx: pip install 'uzpay[httpx]'") from e
    owned = httpx.AsyncClient() if client is None else None
    try:
        outgoing = (owned or client).stream(  # type: ignore[union-attr]
            request.method,
            request.url,
            headers=list(request.headers),
            content=request.body or None,
            timeout=timeout,
            follow_redirects=False,
        )
        async with outgoing as response:
            body = await _aread_bounded(response.aiter_raw(_CHUNK))
            return HttpResponse(response.status_code, list(response.headers.multi_items()), body)
    except httpx.TransportError as e:
        connecting = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol)
        raise SendError("not_sent" if isinstance(e, connecting) else "maybe_sent", _failure(request, e)) from e
    finally:
        if owned is not None:
            await owned.aclose()


def _read_bounded(chunks: Iterable[bytes]) -> bytes:
    # The core reads at most MAX_BODY_BYTES; one byte more lets it say the body was
    # too large, and a hostile server cannot fill the memory.
    body = bytearray()
    for chunk in chunks:
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            return bytes(body[: MAX_BODY_BYTES + 1])
    return bytes(body)


async def _aread_bounded(chunks: AsyncIterable[bytes]) -> bytes:
    body = bytearray()
    async for chunk in chunks:
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            return bytes(body[: MAX_BODY_BYTES + 1])
    return bytes(body)


def _failure(request: HttpRequest, error: object) -> str:
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


#: Sends one request (``send_urllib`` with a timeout, say) and returns its answer.
Send = Callable[["HttpRequest"], "tuple[int, Any, bytes]"]
#: :data:`Send` as a coroutine (``send_httpx`` with a timeout, say).
AsyncSend = Callable[["HttpRequest"], "Awaitable[tuple[int, Any, bytes]]"]
#: Gets the card holder's SMS code for an ``AwaitVerifyCode``; ``None`` asks for a new SMS.
AskCode = Callable[[AwaitVerifyCode], Optional[str]]
#: :data:`AskCode` as a coroutine.
AsyncAskCode = Callable[[AwaitVerifyCode], "Awaitable[Optional[str]]"]
#: Stores a snapshot (a database row, a file).
Save = Callable[[str], object]
#: :data:`Save` as a coroutine.
AsyncSave = Callable[[str], "Awaitable[object]"]


def run(
    flow: Flow,
    send: Send | None = None,
    *,
    timeout: float | None = None,
    action: Any = None,
    ask_code: AskCode | None = None,
    save: Save | None = None,
    sleep: Callable[[float], object] | None = None,
) -> Any:
    """Drives ``flow`` until it is done (gives ``Done``) or, without ``ask_code``, until
    it asks for an SMS code (gives the ``AwaitVerifyCode``: a web shop asks on a page and
    goes on with ``provide_verify_code()`` and ``run(action=...)``).

    :param send: sends one request (``SendError`` when no answer came); by default
        :func:`send_urllib` with ``timeout``.
    :param action: where to go on from (what ``resume()`` or ``provide_verify_code()``
        gave); by default ``flow.start()``.
    :param save: called with ``flow.snapshot()`` after every event, before the next
        request leaves (and once more when the flow raises): store it, and a restart
        resumes from there.
    :raises UzpayError: what the flow ends with (``TransportError`` when answers were lost).
    """
    send = send or _default_send(timeout)
    pause = sleep or __import__("time").sleep
    try:
        action = flow._event("start") if action is None else action
        while True:
            if save is not None:
                save(flow.snapshot())
            if ask_code is not None and isinstance(action, AwaitVerifyCode):
                code = ask_code(action)
                action = flow._event("resend_code") if code is None else flow._event("provide_verify_code", code)
                continue
            if isinstance(action, (Done, AwaitVerifyCode)):
                return action
            if action.delay_ms:
                pause(action.delay_ms / 1000)
            try:
                answer = send(action.request)
            except SendError as e:
                action = flow._event("on_transport_failure", e.failure)
            else:
                action = flow._event("on_response", *answer)
    except UzpayError:
        if save is not None:
            save(flow.snapshot())  # the flow as it ended (or, after a refused resend, still waits)
        raise


async def arun(
    flow: Flow,
    send: AsyncSend | None = None,
    *,
    timeout: float | None = None,
    action: Any = None,
    ask_code: AsyncAskCode | None = None,
    save: AsyncSave | None = None,
) -> Any:
    """:func:`run` for asyncio: ``send``, ``ask_code`` and ``save`` are coroutines, and
    by default ``send`` is :func:`send_httpx` with ``timeout``."""
    import asyncio

    if send is None:
        seconds = _timeout(timeout)

        async def send(request: HttpRequest) -> tuple[int, Any, bytes]:
            return await send_httpx(request, timeout=seconds)

    try:
        action = flow._event("start") if action is None else action
        while True:
            if save is not None:
                await save(flow.snapshot())
            if ask_code is not None and isinstance(action, AwaitVerifyCode):
                code = await ask_code(action)
                action = flow._event("resend_code") if code is None else flow._event("provide_verify_code", code)
                continue
            if isinstance(action, (Done, AwaitVerifyCode)):
                return action
            if action.delay_ms:
                await asyncio.sleep(action.delay_ms / 1000)
            try:
                answer = await send(action.request)
            except SendError as e:
                action = flow._event("on_transport_failure", e.failure)
            else:
                action = flow._event("on_response", *answer)
    except UzpayError:
        if save is not None:
            await save(flow.snapshot())
        raise


def _timeout(timeout: float | None) -> float:
    if timeout is None:
        raise TypeError("give send, or a timeout for the default one (a payment call without one can hang forever)")
    return timeout


def _default_send(timeout: float | None) -> Send:
    seconds = _timeout(timeout)
    return lambda request: send_urllib(request, timeout=seconds)
