"""Every operation, built and parsed through the public API."""

from __future__ import annotations

import importlib
import json
from typing import Any

import pytest

import uzpay
from conftest import RECEIPT_URL, vector_cases
from uzpay._runtime import Record

CONFIGS: dict[str, Any] = {
    "fiscalbox": uzpay.FiscalBoxConfig,
    "paylov": uzpay.PaylovConfig,
    "paymentsgate": uzpay.PaymentsGateConfig,
    "via": uzpay.ViaConfig,
}


def first_case(op: str, key: str) -> dict[str, Any]:
    return next(c for c in vector_cases() if c["op"] == op and key in c)


def test_every_core_operation_has_a_build_and_a_parse_function() -> None:
    assert len(uzpay.OPERATIONS) == 16
    for op in uzpay.OPERATIONS:
        name = op.split(".")[1]
        assert callable(getattr(uzpay, f"build_{name}")), op
        assert callable(getattr(uzpay, f"parse_{name}")), op


@pytest.mark.parametrize("op", uzpay.OPERATIONS)
def test_build_gives_a_request_object(op: str) -> None:
    case = first_case(op, "request")
    provider, name = op.split(".")
    config = CONFIGS[provider].from_dict(case["config"])
    request = getattr(uzpay, f"build_{name}")(config, **case["input"])
    want = case["request"]
    assert isinstance(request, uzpay.HttpRequest)
    assert request.method == want["method"]
    assert request.url == want["url"]
    assert isinstance(request.headers, tuple)
    assert all(isinstance(h, tuple) and len(h) == 2 for h in request.headers)
    for header, value in want.get("headers", {}).items():
        assert request.header(header) == value
    assert isinstance(request.body, bytes)
    if "json" in want:
        assert request.json() == want["json"]
        assert json.loads(request.body) == want["json"]
    if request.method == "GET":
        assert request.body == b"" and request.json() is None


@pytest.mark.parametrize("op", uzpay.OPERATIONS)
def test_parse_gives_a_typed_frozen_output(op: str) -> None:
    case = first_case(op, "output")
    _, name = op.split(".")
    response = case["response"]
    output = getattr(uzpay, f"parse_{name}")(response["status"], response["headers"], response["body"].encode())
    assert isinstance(output, Record)
    assert type(output).__module__ == "uzpay"  # pickles and reprs name the public module
    assert getattr(importlib.import_module("uzpay"), type(output).__name__) is type(output)
    canonical = output.to_dict()
    for key, value in case["output"].items():
        assert canonical[key] == value
    for key in canonical:
        attribute = getattr(output, key)
        assert attribute == canonical[key] or isinstance(attribute, (Record, tuple))
    assert type(output).from_dict(canonical) == output
    with pytest.raises(AttributeError):
        setattr(output, next(iter(canonical)), None)


def test_click_confirm(fiscalbox: uzpay.FiscalBoxConfig) -> None:
    request = uzpay.build_click_confirm(fiscalbox, payment_id="4710103925", qr_code=RECEIPT_URL)
    assert request.method == "POST"
    assert request.url == "https://api.fiscalbox.uz/payment/click_confirm"
    assert request.headers == (("Content-Type", "application/json"), ("Accept", "application/json"))
    assert request.json() == {"payment_id": "4710103925", "qr_code": RECEIPT_URL}

    data = {"inn": "310100000", "payment_id": 4710103925, "qr_code": None, "status": "successfully", "error": None}
    ok = json.dumps({"data": data, "error": None, "is_success": True})
    confirmed = uzpay.parse_click_confirm(200, {"Content-Type": "application/json"}, ok)
    assert confirmed == uzpay.ClickConfirmOutput(
        inn="310100000", payment_id="4710103925", qr_code=None, status="successfully", error=None
    )
    assert repr(confirmed) == (
        "ClickConfirmOutput(inn='310100000', payment_id='4710103925', qr_code=None, status='successfully', error=None)"
    )

    refused = b'{"data":null,"error":{"code":7,"message":"Validation error"},"is_success":false}'
    with pytest.raises(uzpay.ProviderError) as e:
        uzpay.parse_click_confirm(200, [], refused)
    assert (e.value.provider, e.value.code, e.value.status) == ("fiscalbox", "7", 200)


def test_click_and_anor_payments_send_whole_som(fiscalbox: uzpay.FiscalBoxConfig) -> None:
    click = uzpay.build_click_payment(fiscalbox, amount=150_000, qr_code="https://my.click.uz/pay/abc123")
    assert click.json() == {"amount": 1500, "qr_code": "https://my.click.uz/pay/abc123"}
    with pytest.raises(uzpay.InvalidInput) as e:
        uzpay.build_anor_payment(fiscalbox, amount=150_050, qr_code="12345678901234567890")
    assert e.value.field == "amount"
    assert "multiple of 100" in str(e.value)


def test_register_receipt_with_items_and_dicts(paylov: uzpay.PaylovConfig, item: dict[str, Any]) -> None:
    items = [uzpay.Item(**item), dict(item, title="Lemon", price=500_000, count=2, discount=10_000)]
    request = uzpay.build_register_receipt(paylov, transaction_id="e2da46c6-8c89-400e-8bd9-037297b2e8b1", items=items)
    assert request.url == "https://gw.paylov.uz/merchant/fiscalization/register/"
    assert request.header("api-key") == "paylov-sentinel-key"
    body = request.json()
    assert body["transactionId"] == "e2da46c6-8c89-400e-8bd9-037297b2e8b1"
    assert [line["price"] for line in body["items"]] == [1_120_000, 500_000]
    assert body["items"][0] == dict(item, discount=0)

    answer = {
        "result": {
            "ofd": {
                "receiptUrl": RECEIPT_URL,
                "terminalId": "UZ170703100597",
                "receiptId": "2421",
                "fiscalSign": 514343190161,
            }
        }
    }
    receipt = uzpay.parse_register_receipt(200, None, json.dumps(answer))
    assert receipt.receipt_id == 2421
    assert receipt.fiscal_sign == "514343190161"
    assert uzpay.OfdReceiptUrl.parse(receipt.receipt_url).receipt_number == receipt.receipt_id


def test_the_deprecated_register_path_only_when_asked(item: dict[str, Any]) -> None:
    config = uzpay.PaylovConfig("k", use_deprecated_register_path=True)
    request = uzpay.build_register_receipt(config, transaction_id="t-1", items=[item])
    assert request.url == "https://gw.paylov.uz/merchant/registerFiscalReceipt/"


def test_receipt_status_and_refund(paylov: uzpay.PaylovConfig) -> None:
    status = uzpay.build_receipt_status(paylov, external_id="order-1")
    assert (status.method, status.url) == (
        "GET",
        "https://gw.paylov.uz/merchant/fiscalization/status/?externalId=order-1",
    )
    refund = uzpay.build_refund_receipt(paylov, {"receipt_id": 2421})
    assert refund.json() == {"receiptId": 2421}
    assert uzpay.parse_refund_receipt(200, {}, b'{"result":{"success":true}}') == uzpay.RefundReceiptOutput(
        success=True
    )


def test_paymentsgate_from_token_to_deal(paymentsgate: uzpay.PaymentsGateConfig) -> None:
    no_token = uzpay.PaymentsGateConfig("https://api.paymentsgate.example")
    auth = uzpay.build_auth_token(no_token, account_id="acc-1", public_key="pk-sentinel")
    assert auth.header("Authorization") is None
    tokens = uzpay.parse_auth_token(
        200, {}, b'{"access_token":"eyJ.access","refresh_token":"eyJ.refresh","expires_in":3600}'
    )
    assert (tokens.access_token, tokens.refresh_token, tokens.expires_in) == ("eyJ.access", "eyJ.refresh", 3600)
    config = uzpay.PaymentsGateConfig(no_token.base_url, tokens.access_token)

    payin = uzpay.build_create_payin(config, amount=51_650, invoice_id="inv-1001", lang="RU")
    assert payin.header("Authorization") == "Bearer eyJ.access"
    # 51650 tiyin go out as som, 516.5, written exactly from the integer.
    assert b'"amount":516.5' in payin.body
    assert payin.json() == {
        "amount": 516.5,
        "currency": "UZS",
        "invoiceId": "inv-1001",
        "type": "oneclick",
        "lang": "RU",
    }

    deal = uzpay.parse_deal_status(
        200,
        {},
        b'{"id":"d1","status":"paid","type":"oneclick","url":null,"amount":516.5,"currency":"UZS","invoiceId":"inv-1001"}',
    )
    assert (deal.status, deal.amount) == ("paid", 51_650)


def test_payin_credentials_nest_records(paymentsgate: uzpay.PaymentsGateConfig) -> None:
    request = uzpay.build_payin_credentials(paymentsgate, deal_id="6632f6b2")
    assert request.url == "https://api.paymentsgate.example/deals/6632f6b2/credentials"
    case = first_case("paymentsgate.payin_credentials", "output")
    credentials = uzpay.parse_payin_credentials(200, {}, case["response"]["body"])
    assert isinstance(credentials.bank, uzpay.CredentialsBank)
    assert isinstance(credentials.bank.logo, uzpay.BankLogo)
    assert isinstance(credentials.currency, uzpay.CredentialsCurrency)
    assert isinstance(credentials.bank.supported_payment_systems, tuple)
    assert credentials.type == "custom"
    assert credentials.to_dict()["bank"]["logo"] == credentials.bank.logo.to_dict()
    with pytest.raises(uzpay.ProviderError) as e:
        uzpay.parse_payin_credentials(
            404, {}, b'{"statusCode":404,"error":"ERROR_CREDENTIALS_NOT_FOUND","message":"not yet"}'
        )
    assert e.value.retryable and e.value.code == "ERROR_CREDENTIALS_NOT_FOUND"


def test_via_card_payment(via: uzpay.ViaConfig) -> None:
    start = uzpay.build_confirm_pay(
        via,
        merchant_id="mrt_1",
        card={"pan": "8600000000000007", "expiry": "0127"},
        external_id="order-646",
        amount=2_320_000,
    )
    assert start.json()["card"] == {"pan": "8600000000000007", "expiry": "0127"}
    assert uzpay.parse_confirm_pay(200, {}, b'{"verifyId":"trx_1"}').verify_id == "trx_1"
    assert uzpay.build_resend_code(via, verify_id="trx_1").json() == {"verifyId": "trx_1"}

    verify = uzpay.build_confirm_pay_verify(via, {"verify_id": "trx_1", "verify_code": "005646"})
    assert verify.header("client-id") == "system"
    rejected = uzpay.parse_confirm_pay_verify(
        200,
        {},
        b'{"transactionId":"trx_1","merchantId":"m","amount":2320000,"status":"REJECT","epos":{"merchantId":1,"terminalId":"2"}}',
    )
    # A refused payment is a transaction, not an exception.
    assert rejected.status == "REJECT"
    assert rejected.epos == uzpay.Epos(merchant_id="1", terminal_id="2")
    assert rejected.fee_percent == 0.0

    lookup = uzpay.build_get_transaction(via, external_id="order-646")
    assert lookup.url == "https://api.viasandbox.uz/partner/transaction?externalId=order-646"


@pytest.mark.parametrize(
    "headers",
    [None, {}, {"Content-Type": "application/json"}, [("Content-Type", "application/json")]],
)
@pytest.mark.parametrize("kind", [bytes, bytearray, memoryview, str])
def test_parse_takes_any_header_and_body_form(headers: Any, kind: Any) -> None:
    text = '{"result":{"success":true}}'
    body = text if kind is str else kind(text.encode())
    assert uzpay.parse_refund_receipt(200, headers, body).success is True


def test_parse_refuses_a_body_of_another_type() -> None:
    with pytest.raises(TypeError, match="body must be bytes or str"):
        uzpay.parse_refund_receipt(200, {}, 12)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"headers\[0\]"):
        uzpay.parse_refund_receipt(200, [("a",)], b"{}")  # type: ignore[list-item]
