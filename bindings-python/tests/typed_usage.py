"""Typed use of the whole public API. test_typing.py checks it with ``mypy --strict``
and runs it, so the stubs and the runtime cannot drift apart."""

from __future__ import annotations

import datetime
from typing import Callable

import uzpay
from uzpay.transport import HttpResponse, send, send_urllib

Transport = Callable[[uzpay.HttpRequest], HttpResponse]

TEA = uzpay.Item(
    title="Green tea, 100 g",
    price=1_120_000,
    count=1,
    code="01902001001000000",
    vat_percent=12,
    package_code="1437667",
    tin="310100000",
)


def register(transport: Transport) -> uzpay.RegisterReceiptOutput | None:
    config = uzpay.PaylovConfig.sandbox("api-key")
    request: uzpay.HttpRequest = uzpay.build_register_receipt(config, transaction_id="txn-1", items=[TEA])
    method: str = request.method
    pairs: tuple[tuple[str, str], ...] = request.headers
    assert method == "POST" and pairs and isinstance(request.body, bytes)
    try:
        return uzpay.parse_register_receipt(*transport(request))
    except uzpay.ProviderError as e:
        if e.code == "ofd_check_already_generated":
            return None
        cashier: str = e.messages.get("ru", e.message)
        raise RuntimeError(cashier) from e
    except uzpay.InvalidInput as e:
        field: str = e.field
        raise ValueError(field) from e


def confirm(transport: Transport, verify_id: str, code: str) -> str:
    config = uzpay.ViaConfig(uzpay.ViaConfig.SANDBOX_BASE_URL, "client", "secret")
    request = uzpay.build_confirm_pay_verify(config, {"verify_id": verify_id, "verify_code": code})
    tx: uzpay.ViaTransaction = uzpay.parse_confirm_pay_verify(*transport(request))
    epos: uzpay.Epos | None = tx.epos
    amount: int = tx.amount
    return f"{tx.status} {amount} {epos.terminal_id if epos else '-'}"


def payin(transport: Transport) -> int | None:
    base = uzpay.PaymentsGateConfig("https://api.paymentsgate.example")
    tokens = uzpay.parse_auth_token(*transport(uzpay.build_auth_token(base, account_id="a", public_key="pk")))
    config = uzpay.PaymentsGateConfig(base.base_url, tokens.access_token)
    uzpay.build_create_payin(config, amount=51_650, invoice_id="inv-1", lang="UZ", type="oneclick")
    deal: uzpay.DealStatusOutput = uzpay.parse_deal_status(*transport(uzpay.build_deal_status(config, deal_id="d1")))
    return deal.amount


def fiscal() -> tuple[int, datetime.datetime]:
    url = uzpay.OfdReceiptUrl.parse(
        "https://ofd.soliq.uz/check?t=UZ170703100597&r=2421&c=20230104121801&s=514343190161"
    )
    rebuilt = uzpay.OfdReceiptUrl(
        kind=url.kind,
        terminal_id=url.terminal_id,
        receipt_number=url.receipt_number,
        date_time=url.datetime,
        fiscal_sign=url.fiscal_sign,
    )
    assert rebuilt == url and str(rebuilt) == url.url
    totals: uzpay.ReceiptTotals = uzpay.receipt_totals([TEA, TEA.to_dict()])
    lines: tuple[uzpay.LineAmounts, ...] = totals.lines
    vat: int = uzpay.vat_included(lines[0].total, 12)
    return vat, url.datetime


def real_transports() -> tuple[Transport, Transport]:
    def with_requests(request: uzpay.HttpRequest) -> HttpResponse:
        return send(request, timeout=(3.05, 10))

    def with_urllib(request: uzpay.HttpRequest) -> HttpResponse:
        return send_urllib(request, timeout=10)

    return with_requests, with_urllib


def fake(status: int, body: bytes) -> Transport:
    def transport(request: uzpay.HttpRequest) -> HttpResponse:
        return HttpResponse(status, [("Content-Type", "application/json")], body)

    return transport


def main() -> None:
    ofd = b'{"result":{"ofd":{"receiptUrl":"u","terminalId":"T","receiptId":1,"fiscalSign":"F"}}}'
    receipt = register(fake(200, ofd))
    assert receipt is not None and receipt.receipt_id == 1
    assert register(fake(400, b'{"error":{"code":"ofd_check_already_generated","message":"x"}}')) is None
    tx = b'{"transactionId":"t","merchantId":"m","amount":100,"status":"SUCCESS","epos":{"terminalId":"22"}}'
    assert confirm(fake(200, tx), "trx_1", "1234") == "SUCCESS 100 22"
    assert fiscal()[0] == 120_000
    real_transports()
    errors: tuple[type[uzpay.UzpayError], ...] = (uzpay.HttpError, uzpay.DecodeError, uzpay.TransportError)
    assert all(issubclass(e, uzpay.UzpayError) for e in errors)


if __name__ == "__main__":
    main()
