"""The flows' Python face: the classes, their verbs and records, snapshots, and the
drivers ``run`` and ``arun`` (the state machines themselves are the core's, checked
by the flow conformance cases in every language)."""

from __future__ import annotations

import asyncio
import json
import pickle
from typing import Any

import pytest

import uzpay
from conftest import RECEIPT_URL
from uzpay.transport import HttpResponse, SendError

REGISTERED = b'{"result":{"ofd":{"receiptUrl":"u1","terminalId":"T1","receiptId":7,"fiscalSign":"F1"}}}'
STATUS = b'{"result":{"success":true,"receiptUrl":"u1","terminalId":"T1","receiptId":7,"fiscalSign":"F1"}}'
CARD = {"pan": "8600000000000007", "expiry": "0127"}


def via_input(**changes: Any) -> dict[str, Any]:
    return {"merchant_id": "m-1", "card": CARD, "external_id": "order-7", "amount": 150_000, **changes}


class Script:
    """A send function answering from a script: bytes for a 200, an int status, or a
    failure name to raise."""

    def __init__(self, *answers: bytes | int | str) -> None:
        self.answers = list(answers)
        self.sent: list[uzpay.HttpRequest] = []

    def __call__(self, request: uzpay.HttpRequest) -> HttpResponse:
        self.sent.append(request)
        answer = self.answers.pop(0)
        if isinstance(answer, str):
            raise SendError(answer, f"{request.method} {request.url} failed: scripted")  # type: ignore[arg-type]
        if isinstance(answer, int):
            return HttpResponse(answer, [], b"")
        return HttpResponse(200, [("Content-Type", "application/json")], answer)


def test_a_flow_is_made_from_a_dict_a_record_or_keyword_arguments(
    paylov: uzpay.PaylovConfig, item: dict[str, Any]
) -> None:
    as_dict = uzpay.PaylovFiscalizationFlow(paylov, {"transaction_id": "t-1", "items": [item]})
    as_record = uzpay.PaylovFiscalizationFlow(
        paylov, uzpay.RegisterReceiptInput(transaction_id="t-1", items=[uzpay.Item(**item)])
    )
    as_kwargs = uzpay.PaylovFiscalizationFlow(paylov, transaction_id="t-1", items=[item])
    steps = [flow.start() for flow in (as_dict, as_record, as_kwargs)]
    assert all(isinstance(step, uzpay.Step) for step in steps)
    assert steps[0] == steps[1] == steps[2]
    assert steps[0].operation == "paylov.register_receipt" and steps[0].attempt == 1


def test_the_input_is_checked_when_the_flow_is_made(fiscalbox: uzpay.FiscalBoxConfig) -> None:
    with pytest.raises(uzpay.InvalidInput) as e:
        uzpay.FiscalBoxPaymentFlow(fiscalbox, wallet="click", amount=150_050, payment_qr="q", receipt_url=RECEIPT_URL)
    assert e.value.field == "amount"
    with pytest.raises(uzpay.InputTypeError) as t:
        uzpay.FiscalBoxPaymentFlow(fiscalbox, wallet="click", amount=1500.0, payment_qr="q", receipt_url=RECEIPT_URL)
    assert t.value.field == "amount" and "tiyin" in t.value.message
    with pytest.raises(TypeError, match="config must be a FiscalBoxConfig"):
        uzpay.FiscalBoxPaymentFlow(uzpay.PaylovConfig("k"), wallet="click")  # type: ignore[arg-type]


def test_options_come_as_a_record_or_a_dict(paylov: uzpay.PaylovConfig, item: dict[str, Any]) -> None:
    options = uzpay.FlowOptions(retry=uzpay.RetryPolicy(max_attempts=2, base_delay_ms=50, max_delay_ms=50))
    for given in (options, {"retry": {"max_attempts": 2, "base_delay_ms": 50}}):
        flow = uzpay.PaylovFiscalizationFlow(paylov, transaction_id="t-1", items=[item], options=given)
        flow.start()
        retry = flow.on_response(502, [], b"")
        assert isinstance(retry, uzpay.Step) and (retry.attempt, retry.delay_ms) == (2, 50)
        with pytest.raises(uzpay.HttpError) as e:
            flow.on_response(502, [], b"")
        assert e.value.retryable  # a register is never doubled: safe to start again
    with pytest.raises(uzpay.InvalidInput) as bad:
        uzpay.PaylovFiscalizationFlow(paylov, transaction_id="t-1", items=[item], options={"retries": 2})
    assert bad.value.field == "retries"


def test_run_drives_to_the_outcome_and_saves_every_step(paylov: uzpay.PaylovConfig, item: dict[str, Any]) -> None:
    flow = uzpay.PaylovFiscalizationFlow(paylov, transaction_id="t-1", items=[item])
    script, saved, pauses = Script(502, "maybe_sent", REGISTERED), [], []  # type: ignore[var-annotated]
    done = uzpay.transport.run(flow, script, save=saved.append, sleep=pauses.append)
    assert isinstance(done, uzpay.Done)
    assert done.outcome == uzpay.FiscalizedReceipt(
        receipt_url="u1", terminal_id="T1", receipt_id=7, fiscal_sign="F1", already_existed=False
    )
    assert [r.url.rsplit("/", 2)[-2] for r in script.sent] == ["register"] * 3
    assert pauses == [0.2, 0.4]
    # A snapshot before each request and one at the end; none holds the API key.
    assert len(saved) == 4 and not any("paylov-sentinel-key" in s for s in saved)
    assert [next(iter(json.loads(s)["state"]["state"])) for s in saved] == ["registering"] * 3 + ["done"]


def test_a_restored_flow_goes_on_where_it_was_saved(paylov: uzpay.PaylovConfig, item: dict[str, Any]) -> None:
    flow = uzpay.PaylovFiscalizationFlow(paylov, transaction_id="t-1", items=[item])
    flow.start()  # the register is in flight when the process dies
    snapshot = flow.snapshot()
    restored = uzpay.PaylovFiscalizationFlow.restore(paylov, snapshot)
    step = restored.resume()
    assert isinstance(step, uzpay.Step) and (step.operation, step.attempt) == ("paylov.register_receipt", 2)
    done = restored.run(Script(b'{"error":{"code":"ofd_check_already_generated","message":"x"}}', STATUS), action=step)
    assert done.outcome.already_existed
    # A finished flow restored gives its outcome again.
    again = uzpay.PaylovFiscalizationFlow.restore(paylov, restored.snapshot()).resume()
    assert again == done


def test_a_snapshot_that_is_not_one_is_refused_naming_it(paylov: uzpay.PaylovConfig, via: uzpay.ViaConfig) -> None:
    flow = uzpay.ViaCardPaymentFlow(via, via_input())
    flow.start()
    snapshot = flow.snapshot()
    assert "8600000000000007" not in snapshot and "via-sentinel-secret" not in snapshot
    for bad, words in [
        ("{", "not JSON"),
        (snapshot.replace('"amount":150000', '"amount":1'), "was changed"),
        (snapshot.replace('"uzpay_flow":1', '"uzpay_flow":9'), "newer uzpay"),
    ]:
        with pytest.raises(uzpay.InvalidInput, match=words) as e:
            uzpay.ViaCardPaymentFlow.restore(via, bad)
        assert e.value.field == "snapshot"
    with pytest.raises(uzpay.InvalidInput, match=r"not `paylov\.fiscalization`"):
        uzpay.PaylovFiscalizationFlow.restore(paylov, snapshot)


def test_run_without_ask_code_stops_at_the_code_and_goes_on_later(via: uzpay.ViaConfig) -> None:
    flow = uzpay.ViaCardPaymentFlow(via, via_input())
    assert flow.state == "ready"
    ask = flow.run(Script(b'{"verifyId":"trx_1"}'))
    assert ask == uzpay.AwaitVerifyCode(verify_id="trx_1", attempts_left=3)
    assert flow.state == "awaiting_code"
    # Another request of the web shop: the flow comes back from its snapshot.
    later = uzpay.ViaCardPaymentFlow.restore(via, flow.snapshot())
    assert later.resume() == ask
    txn = b'{"transactionId":"trx_1","merchantId":"m-1","amount":150000,"status":"SUCCESS","currency":"UZS"}'
    done = later.run(Script(txn), action=later.provide_verify_code("123456"))
    assert isinstance(done, uzpay.Done) and done.outcome.paid


def test_ask_code_gives_the_code_or_asks_for_a_new_one(via: uzpay.ViaConfig) -> None:
    flow = uzpay.ViaCardPaymentFlow(via, via_input())
    asked: list[uzpay.AwaitVerifyCode] = []
    codes = iter([None, "654321"])

    def ask_code(request: uzpay.AwaitVerifyCode) -> str | None:
        asked.append(request)
        return next(codes)

    txn = b'{"transactionId":"trx_1","merchantId":"m-1","amount":150000,"status":"REJECT","currency":"UZS"}'
    script = Script(b'{"verifyId":"trx_1"}', b'{"verifyId":"trx_1"}', txn)
    done = flow.run(script, ask_code=ask_code)
    assert isinstance(done, uzpay.Done) and not done.outcome.paid
    assert [r.url.rsplit("/", 1)[-1] for r in script.sent] == ["pay", "resend", "verify"]
    assert len(asked) == 2 and json.loads(script.sent[2].body)["verifyCode"] == "654321"


def test_a_lost_charge_ends_the_flow_not_retryable(fiscalbox: uzpay.FiscalBoxConfig) -> None:
    flow = uzpay.FiscalBoxPaymentFlow(
        fiscalbox, wallet="click", amount=150_000, payment_qr="https://my.click.uz/pay/q", receipt_url=RECEIPT_URL
    )
    with pytest.raises(uzpay.TransportError) as e:
        flow.run(Script("maybe_sent"))
    assert (e.value.operation, e.value.failure, e.value.retryable) == ("fiscalbox.click_payment", "maybe_sent", False)
    with pytest.raises(uzpay.InvalidInput, match="already ended"):
        flow.resume()
    assert flow.state == "failed"


def test_arun_drives_with_coroutines(paylov: uzpay.PaylovConfig, item: dict[str, Any]) -> None:
    flow = uzpay.PaylovFiscalizationFlow(paylov, transaction_id="t-1", items=[item])
    script, saved = Script("not_sent", REGISTERED), []

    async def send(request: uzpay.HttpRequest) -> HttpResponse:
        return script(request)

    async def save(snapshot: str) -> None:
        saved.append(snapshot)

    options = uzpay.FlowOptions(retry=uzpay.RetryPolicy(max_attempts=2, base_delay_ms=1, max_delay_ms=1))
    flow = uzpay.PaylovFiscalizationFlow(paylov, transaction_id="t-1", items=[item], options=options)
    done = asyncio.run(flow.arun(send, save=save))
    assert done.outcome.receipt_id == 7 and len(script.sent) == 2 and len(saved) == 3


def test_a_driver_needs_a_send_or_a_timeout(paylov: uzpay.PaylovConfig, item: dict[str, Any]) -> None:
    flow = uzpay.PaylovFiscalizationFlow(paylov, transaction_id="t-1", items=[item])
    with pytest.raises(TypeError, match="timeout"):
        flow.run()


def test_a_flow_is_never_pickled_and_its_repr_shows_no_secret(via: uzpay.ViaConfig) -> None:
    flow = uzpay.ViaCardPaymentFlow(via, via_input())
    assert repr(flow) == "<ViaCardPaymentFlow via.card_payment ready>"
    with pytest.raises(TypeError, match="snapshot"):
        pickle.dumps(flow)
    step = flow.start()
    assert "8600000000000007" not in repr(step) and "via-sentinel-secret" not in repr(step)


def test_a_payin_is_restored_with_its_credentials_given_again() -> None:
    config = uzpay.PaymentsGateConfig("https://pg.example")
    credentials = {"account_id": "acc-1", "public_key": "pk-sentinel"}
    flow = uzpay.PaymentsGatePayinFlow(config, credentials=credentials, payin={"amount": 51_650, "invoice_id": "inv-1"})
    flow.start()
    flow.on_response(200, [], b'{"access_token":"tok-sentinel","refresh_token":"ref-sentinel","expires_in":60}')
    snapshot = flow.snapshot()
    assert not any(secret in snapshot for secret in ("pk-sentinel", "tok-sentinel", "ref-sentinel"))
    restored = uzpay.PaymentsGatePayinFlow.restore(config, snapshot, uzpay.AuthTokenInput(**credentials))
    step = restored.resume()
    assert isinstance(step, uzpay.Step) and step.operation == "paymentsgate.auth_token"
