"""Shared fixtures: configs, a valid receipt item, the conformance vectors, and a
local HTTP server on 127.0.0.1 for the transport tests."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable

import pytest

import uzpay

VECTORS = Path(__file__).resolve().parents[2] / "tests" / "vectors"
RECEIPT_URL = "https://ofd.soliq.uz/check?t=UZ170703100597&r=2421&c=20230104121801&s=514343190161"


def vector_cases() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = []
    for file in sorted(VECTORS.glob("*.json")):
        cases.extend(json.loads(file.read_text(encoding="utf-8"))["cases"])
    return cases


@pytest.fixture
def paylov() -> uzpay.PaylovConfig:
    return uzpay.PaylovConfig("paylov-sentinel-key", base_url="https://gw.paylov.uz")


@pytest.fixture
def fiscalbox() -> uzpay.FiscalBoxConfig:
    return uzpay.FiscalBoxConfig()


@pytest.fixture
def paymentsgate() -> uzpay.PaymentsGateConfig:
    return uzpay.PaymentsGateConfig("https://api.paymentsgate.example", "pg-sentinel-token")


@pytest.fixture
def via() -> uzpay.ViaConfig:
    return uzpay.ViaConfig("https://api.viasandbox.uz", "system", "via-sentinel-secret")


@pytest.fixture
def item() -> dict[str, Any]:
    return {
        "title": "Green tea, 100 g",
        "price": 1_120_000,
        "count": 1,
        "code": "01902001001000000",
        "vat_percent": 12,
        "package_code": "1437667",
        "tin": "310100000",
    }


# The local server -------------------------------------------------------------------


class Recorded:
    """What the server received, and what it answers next."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.answer: Callable[[BaseHTTPRequestHandler], None] = lambda h: reply(h, 200, b"{}")


def reply(handler: BaseHTTPRequestHandler, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
    handler.send_response(status)
    for name, value in (headers or {"Content-Type": "application/json"}).items():
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


@pytest.fixture
def server() -> Iterator[tuple[str, Recorded]]:
    """A local HTTP server on 127.0.0.1 (an ephemeral port), and its record."""
    recorded = Recorded()

    class Handler(BaseHTTPRequestHandler):
        def handle_one(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            recorded.requests.append(
                {
                    "method": self.command,
                    "path": self.path,
                    "headers": dict(self.headers.items()),
                    "body": self.rfile.read(length),
                }
            )
            recorded.answer(self)

        do_GET = do_POST = handle_one

        def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True  # a deliberately slow handler must not hold up shutdown
    httpd.block_on_close = False
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", recorded
    finally:
        httpd.shutdown()
        httpd.server_close()
