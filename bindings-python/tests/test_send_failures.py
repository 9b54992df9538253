"""What each send helper says when no answer comes: ``not_sent`` when the request
certainly never reached the server, ``maybe_sent`` when it may have. The helpers only
classify; the flow decides (``on_transport_failure``). The same cases run in the npm
and Kotlin packages' tests."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterator
from typing import Callable

import pytest

import uzpay
from uzpay.transport import SendError, send, send_httpx, send_urllib

Send = Callable[[uzpay.HttpRequest], object]

SENDERS: dict[str, Send] = {
    "requests": lambda r: send(r, timeout=0.5),
    "urllib": lambda r: send_urllib(r, timeout=0.5),
    "httpx": lambda r: asyncio.run(send_httpx(r, timeout=0.5)),
}
EACH = pytest.mark.parametrize("sender", list(SENDERS))


def request_to(base_url: str) -> uzpay.HttpRequest:
    # A POST with a body: a charge, the case where the classification matters.
    config = uzpay.FiscalBoxConfig(base_url=base_url)
    return uzpay.build_click_payment(config, amount=100_000, qr_code="https://my.click.uz/pay/q1")


def failure_of(sender: str, base_url: str) -> str:
    with pytest.raises(SendError) as e:
        SENDERS[sender](request_to(base_url))
    assert isinstance(e.value, OSError)
    assert e.value.__cause__ is not None
    return e.value.failure


def serve(behaviour: Callable[[socket.socket], None]) -> Iterator[str]:
    """A TCP server on 127.0.0.1 that treats each connection with ``behaviour``."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    stop = threading.Event()

    def loop() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except OSError:
                continue
            with connection:
                behaviour(connection)

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join()
    listener.close()


def read_request(connection: socket.socket) -> None:
    connection.settimeout(2)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = connection.recv(4096)
        if not chunk:
            return
        data += chunk


@pytest.fixture
def closes_after_reading() -> Iterator[str]:
    """Reads the whole request, then hangs up without a word: it may have acted on it."""
    yield from serve(read_request)


@pytest.fixture
def never_answers() -> Iterator[str]:
    """Reads the request and keeps silent past the client's timeout."""

    def hold(connection: socket.socket) -> None:
        read_request(connection)
        threading.Event().wait(1.5)

    yield from serve(hold)


@pytest.fixture
def refuses_tls() -> Iterator[str]:
    """Accepts TCP, then answers the TLS handshake with plain text: nothing was sent."""

    def plain(connection: socket.socket) -> None:
        connection.recv(1024)
        connection.sendall(b"HTTP/1.1 400 Bad Request\r\n\r\n")

    for url in serve(plain):
        yield url.replace("http://", "https://")


def closed_port() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"


@EACH
def test_a_refused_connection_was_not_sent(sender: str) -> None:
    assert failure_of(sender, closed_port()) == "not_sent"


@EACH
def test_an_unknown_host_was_not_sent(sender: str) -> None:
    assert failure_of(sender, "https://uzpay-test.invalid") == "not_sent"


@EACH
def test_a_failed_tls_handshake_was_not_sent(sender: str, refuses_tls: str) -> None:
    assert failure_of(sender, refuses_tls) == "not_sent"


@EACH
def test_a_connection_closed_after_the_request_may_have_been_sent(sender: str, closes_after_reading: str) -> None:
    assert failure_of(sender, closes_after_reading) == "maybe_sent"


@EACH
def test_a_timeout_waiting_for_the_answer_may_have_been_sent(sender: str, never_answers: str) -> None:
    assert failure_of(sender, never_answers) == "maybe_sent"


def test_the_error_names_the_request_never_its_credentials() -> None:
    config = uzpay.PaylovConfig("paylov-secret-key", base_url=closed_port())
    with pytest.raises(SendError) as e:
        send_urllib(uzpay.build_receipt_status(config, transaction_id="t"), timeout=0.5)
    assert "GET http://127.0.0.1:" in str(e.value)
    assert "paylov-secret-key" not in str(e.value)


def test_a_send_error_survives_pickling() -> None:
    import pickle

    error = pickle.loads(pickle.dumps(SendError("maybe_sent", "POST https://x failed: reset")))
    assert (error.failure, str(error)) == ("maybe_sent", "POST https://x failed: reset")


def test_a_response_prints_no_token() -> None:
    from uzpay.transport import HttpResponse

    answer = HttpResponse(200, [("Set-Cookie", "sid=sentinel")], b'{"access_token":"sentinel-token"}')
    assert "sentinel" not in repr(answer) and "sentinel" not in str(answer)
    assert repr(answer) == "HttpResponse(status=200, headers=['Set-Cookie'], body=<33 bytes>)"
