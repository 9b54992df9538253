"""The transports of uzpay.transport, against a local http.server on 127.0.0.1."""

from __future__ import annotations

from typing import Any, Callable

import pytest
import requests

import uzpay
from conftest import Recorded, reply
from uzpay.transport import HttpResponse, send, send_urllib

Send = Callable[[uzpay.HttpRequest], HttpResponse]


def with_requests(request: uzpay.HttpRequest) -> HttpResponse:
    return send(request, timeout=5)


def with_a_session(request: uzpay.HttpRequest) -> HttpResponse:
    with requests.Session() as session:
        return send(request, session, timeout=(2, 5))


def with_urllib(request: uzpay.HttpRequest) -> HttpResponse:
    return send_urllib(request, timeout=5)


TRANSPORTS = pytest.mark.parametrize("transport", [with_requests, with_a_session, with_urllib])


@TRANSPORTS
def test_a_post_goes_out_as_built(transport: Send, server: tuple[str, Recorded], item: dict[str, Any]) -> None:
    base_url, recorded = server
    answer = b'{"result":{"ofd":{"receiptUrl":"u","terminalId":"T1","receiptId":7,"fiscalSign":"F"}}}'
    recorded.answer = lambda h: reply(h, 200, answer)
    config = uzpay.PaylovConfig("paylov-key", base_url=base_url)
    request = uzpay.build_register_receipt(config, transaction_id="t-1", items=[item])

    response = transport(request)
    assert isinstance(response, HttpResponse)
    assert response.status == 200 and response.body == answer
    assert ("Content-Type", "application/json") in response.headers
    receipt = uzpay.parse_register_receipt(*response)
    assert receipt.receipt_id == 7

    seen = recorded.requests[0]
    assert (seen["method"], seen["path"]) == ("POST", "/merchant/fiscalization/register/")
    assert seen["body"] == request.body
    headers = {k.lower(): v for k, v in seen["headers"].items()}
    assert headers["api-key"] == "paylov-key"
    assert headers["content-type"] == "application/json"


@TRANSPORTS
def test_a_get_has_no_body(transport: Send, server: tuple[str, Recorded]) -> None:
    base_url, recorded = server
    config = uzpay.ViaConfig(base_url, "id", "secret")
    transport(uzpay.build_get_transaction(config, external_id="order-1"))
    seen = recorded.requests[0]
    assert (seen["method"], seen["path"], seen["body"]) == ("GET", "/partner/transaction?externalId=order-1", b"")


@TRANSPORTS
def test_an_error_status_is_returned_not_raised(transport: Send, server: tuple[str, Recorded]) -> None:
    base_url, recorded = server
    body = b'{"error":{"code":"ofd_error","message":"OFD is down"}}'
    recorded.answer = lambda h: reply(h, 503, body)
    request = uzpay.build_receipt_status(uzpay.PaylovConfig("k", base_url=base_url), transaction_id="t")
    response = transport(request)
    assert (response.status, response.body) == (503, body)
    with pytest.raises(uzpay.ProviderError) as e:
        uzpay.parse_receipt_status(*response)
    assert e.value.retryable


@TRANSPORTS
def test_a_redirect_is_not_followed(transport: Send, server: tuple[str, Recorded]) -> None:
    base_url, recorded = server
    recorded.answer = lambda h: reply(h, 302, b"", {"Location": "http://127.0.0.1:9/steal"})
    request = uzpay.build_receipt_status(uzpay.PaylovConfig("k", base_url=base_url), transaction_id="t")
    response = transport(request)
    assert response.status == 302
    assert len(recorded.requests) == 1
    with pytest.raises(uzpay.HttpError):
        uzpay.parse_receipt_status(*response)


@TRANSPORTS
def test_a_huge_body_is_cut_one_byte_past_the_limit(transport: Send, server: tuple[str, Recorded]) -> None:
    base_url, recorded = server
    recorded.answer = lambda h: reply(h, 200, b" " * (uzpay.MAX_BODY_BYTES + 100_000))
    request = uzpay.build_receipt_status(uzpay.PaylovConfig("k", base_url=base_url), transaction_id="t")
    response = transport(request)
    assert len(response.body) == uzpay.MAX_BODY_BYTES + 1
    with pytest.raises(uzpay.DecodeError):
        uzpay.parse_receipt_status(*response)


def test_the_timeout_is_required() -> None:
    request = uzpay.build_receipt_status(uzpay.PaylovConfig("k"), transaction_id="t")
    with pytest.raises(TypeError):
        send(request)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        send_urllib(request)  # type: ignore[call-arg]
