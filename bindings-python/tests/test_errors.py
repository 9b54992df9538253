"""Every exception type: its class, kind, attributes, retryability and text."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from typing import Any

import pytest

import uzpay
from uzpay import errors

VIA_ERROR = json.dumps(
    {
        "status": {"code": 3015, "message": "Error while executing the request"},
        "error": {
            "path": "/partner/merchant/confirm/pay/verify",
            "message": {"uz": "Karta bloklangan", "ru": "Карта заблокирована", "en": "Card is blocked"},
        },
    }
).encode()


def test_the_hierarchy() -> None:
    for cls in (uzpay.InvalidInput, uzpay.ProviderError, uzpay.HttpError, uzpay.DecodeError, uzpay.TransportError):
        assert issubclass(cls, uzpay.UzpayError)
    assert issubclass(uzpay.UzpayError, Exception)
    assert issubclass(uzpay.InputTypeError, uzpay.InvalidInput)
    assert issubclass(uzpay.InputTypeError, TypeError)
    assert uzpay.UzpayError is errors.UzpayError
    kinds = {
        cls.kind
        for cls in (
            uzpay.UzpayError,
            uzpay.InvalidInput,
            uzpay.ProviderError,
            uzpay.HttpError,
            uzpay.DecodeError,
            uzpay.TransportError,
        )
    }
    assert kinds == {"internal", "invalid_input", "provider", "http", "decode", "transport"}


def test_invalid_input(fiscalbox: uzpay.FiscalBoxConfig) -> None:
    with pytest.raises(uzpay.InvalidInput) as e:
        uzpay.build_click_confirm(
            fiscalbox, payment_id="4710103925", qr_code="https://ofd.soliq.uz/check?t=UZ-1&r=1&c=20230104121801&s=1"
        )
    error = e.value
    assert (error.kind, error.field, error.retryable) == ("invalid_input", "qr_code.t", False)
    assert str(error) == f"invalid input: qr_code.t: {error.message}"
    assert "terminal id" in error.message


def test_provider_error_with_messages_in_three_languages() -> None:
    with pytest.raises(uzpay.ProviderError) as e:
        uzpay.parse_confirm_pay_verify(400, {}, VIA_ERROR)
    error = e.value
    assert (error.kind, error.provider, error.code, error.status) == ("provider", "via", "3015", 400)
    assert error.messages == {"uz": "Karta bloklangan", "ru": "Карта заблокирована", "en": "Card is blocked"}
    assert error.message == "Card is blocked"
    assert str(error) == "VIA refused the request: Card is blocked (code 3015)"
    assert error.retryable is False
    assert error.details == {"path": "/partner/merchant/confirm/pay/verify"}


def test_provider_error_retryable_and_details() -> None:
    with pytest.raises(uzpay.ProviderError) as e:
        uzpay.parse_register_receipt(500, {}, b'{"error":{"code":"ofd_error","message":"OFD is down"}}')
    assert e.value.retryable is True and e.value.code == "ofd_error" and e.value.messages == {}
    with pytest.raises(uzpay.ProviderError) as e:
        uzpay.parse_register_receipt(400, {}, b'{"error":{"code":"ofd_check_already_generated","message":"exists"}}')
    assert e.value.retryable is False


def test_provider_details_are_parsed_json() -> None:
    body = json.dumps(
        {"error": "ERROR_VALIDATION", "message": ["amount must be positive"], "details": {"field": "amount"}}
    ).encode()
    with pytest.raises(uzpay.ProviderError) as e:
        uzpay.parse_create_payin(400, {}, body)
    assert e.value.code == "ERROR_VALIDATION"
    assert e.value.details == {"field": "amount"}
    with pytest.raises(uzpay.ProviderError) as e:
        uzpay.parse_create_payin(400, {}, body.replace(b'{"field": "amount"}', b"null"))
    assert e.value.details is None


@pytest.mark.parametrize(
    ("parse", "status", "retryable"),
    [
        # A read: sending it again is always safe after a 5xx or a 429.
        (uzpay.parse_receipt_status, 502, True),
        (uzpay.parse_receipt_status, 429, True),
        (uzpay.parse_receipt_status, 404, False),
        (uzpay.parse_receipt_status, 401, False),
        # A refund must happen once: only a 429 says it certainly did not.
        (uzpay.parse_refund_receipt, 502, False),
        (uzpay.parse_refund_receipt, 429, True),
    ],
)
def test_http_error(parse: Any, status: int, retryable: bool) -> None:
    with pytest.raises(uzpay.HttpError) as e:
        parse(status, {}, b"")
    assert (e.value.kind, e.value.status, e.value.retryable) == ("http", status, retryable)
    assert str(e.value) == f"unexpected HTTP status {status}"


def test_decode_error() -> None:
    with pytest.raises(uzpay.DecodeError) as e:
        uzpay.parse_click_confirm(200, {}, b'{"data":')
    assert (e.value.kind, e.value.retryable) == ("decode", False)
    assert str(e.value).startswith("could not decode the response: ")
    with pytest.raises(uzpay.DecodeError) as e:
        uzpay.parse_click_confirm(200, {"Content-Type": "text/html"}, b"<html>gateway</html>")
    assert e.value.retryable is True


def test_transport_error_carries_the_operation_and_the_failure() -> None:
    error = uzpay.TransportError(
        "fiscalbox.click_payment got no answer", operation="fiscalbox.click_payment", failure="maybe_sent"
    )
    assert (error.kind, error.retryable, error.operation, error.failure) == (
        "transport",
        False,
        "fiscalbox.click_payment",
        "maybe_sent",
    )


def test_a_panic_is_an_uzpay_error_not_a_panic_exception() -> None:
    with pytest.raises(uzpay.UzpayError) as e:
        uzpay._uzpay._panic_for_tests()
    assert type(e.value) is uzpay.UzpayError
    assert e.value.kind == "internal" and e.value.retryable is False
    assert "a bug; please report it" in str(e.value)
    assert "deliberate test panic" in str(e.value)


def test_a_panic_does_not_escape_except_exception() -> None:
    # In a subprocess, so the panic's message on stderr stays out of this run.
    code = (
        "import uzpay\ntry:\n    uzpay._uzpay._panic_for_tests()\nexcept Exception as e:\n    print(type(e).__name__)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "UzpayError"


@pytest.mark.parametrize(
    "error",
    [
        uzpay.InvalidInput("invalid input: a: b", field="a", message="b"),
        uzpay.InputTypeError("invalid input: a: b", field="a", message="b"),
        uzpay.ProviderError(
            "x", provider="via", code="1", status=400, messages={"en": "m"}, details={"k": 1}, retryable=True
        ),
        uzpay.HttpError("unexpected HTTP status 502", status=502, retryable=True),
        uzpay.DecodeError("could not decode", message="m"),
        uzpay.TransportError("down"),
        uzpay.UzpayError("bug"),
    ],
)
def test_errors_pickle(error: uzpay.UzpayError) -> None:
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is type(error)
    assert str(back) == str(error)
    assert back.__dict__ == error.__dict__
