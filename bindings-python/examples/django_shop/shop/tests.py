"""The views with Django's test client and a fake transport: no network."""

from __future__ import annotations

import json
from typing import Any

from django.test import SimpleTestCase, override_settings

import uzpay
from uzpay.transport import HttpResponse

RECEIPT = {
    "result": {
        "ofd": {
            "receiptUrl": "https://ofd.soliq.uz/check?t=UZ170703100597&r=2421&c=20230104121801&s=514343190161",
            "terminalId": "UZ170703100597",
            "receiptId": 2421,
            "fiscalSign": "514343190161",
        }
    }
}
TRANSACTION = {"transactionId": "trx_1", "merchantId": "m", "amount": 2_240_000, "status": "SUCCESS"}


class FakeTransport:
    """Answers each request with the next of ``answers`` and records the requests."""

    def __init__(self, *answers: tuple[int, Any] | Exception) -> None:
        self.answers = list(answers)
        self.requests: list[uzpay.HttpRequest] = []

    def __call__(self, request: uzpay.HttpRequest) -> HttpResponse:
        self.requests.append(request)
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        status, body = answer
        return HttpResponse(status, [("Content-Type", "application/json")], json.dumps(body).encode())


@override_settings(UZPAY_RETRY_DELAYS=(0, 0))
class RegisterReceiptTests(SimpleTestCase):
    def post(self, fake: FakeTransport, order_id: str = "1001") -> Any:
        with self.settings(UZPAY_TRANSPORT=fake):
            return self.client.post(f"/orders/{order_id}/receipt")

    def test_registers_the_receipt(self) -> None:
        fake = FakeTransport((200, RECEIPT))
        response = self.post(fake)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["receipt_id"], 2421)
        sent = fake.requests[0].json()
        self.assertEqual(sent["transactionId"], "e2da46c6-8c89-400e-8bd9-037297b2e8b1")
        self.assertEqual(sent["items"][0]["price"], 1_120_000)

    def test_an_existing_receipt_is_read_back(self) -> None:
        already = {"error": {"code": "ofd_check_already_generated", "message": "exists"}}
        status = {"result": {"success": True, "isRefund": False, **RECEIPT["result"]["ofd"]}}
        fake = FakeTransport((400, already), (200, status))
        response = self.post(fake)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["receipt_id"], 2421)
        self.assertEqual(fake.requests[1].method, "GET")

    def test_a_refusal_is_a_message_for_the_cashier(self) -> None:
        refusal = {"error": {"code": "invalid_amount", "message": "The amount does not match the payment"}}
        response = self.post(FakeTransport((400, refusal)))
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json()["code"], "invalid_amount")
        self.assertEqual(response.json()["message"], "The amount does not match the payment")

    def test_retryable_failures_are_retried_a_bounded_number_of_times(self) -> None:
        ofd_down = (500, {"error": {"code": "ofd_error", "message": "OFD is down"}})
        fake = FakeTransport(uzpay.TransportError("timed out"), ofd_down, (200, RECEIPT))
        self.assertEqual(self.post(fake).status_code, 200)
        self.assertEqual(len(fake.requests), 3)

        fake = FakeTransport(ofd_down, ofd_down, ofd_down, (200, RECEIPT))
        response = self.post(fake)
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response["Retry-After"], "30")
        self.assertEqual(len(fake.requests), 3)

    def test_an_unknown_order(self) -> None:
        self.assertEqual(self.post(FakeTransport(), order_id="9").status_code, 404)


@override_settings(UZPAY_RETRY_DELAYS=(0,))
class ConfirmViaPaymentTests(SimpleTestCase):
    def post(self, fake: FakeTransport, data: Any) -> Any:
        with self.settings(UZPAY_TRANSPORT=fake):
            return self.client.post("/payments/via/confirm", json.dumps(data), content_type="application/json")

    def test_confirms_the_payment(self) -> None:
        fake = FakeTransport((200, TRANSACTION))
        response = self.post(fake, {"verify_id": "trx_1", "verify_code": "005646"})
        self.assertEqual(response.json(), {"transaction_id": "trx_1", "status": "SUCCESS"})
        self.assertEqual(fake.requests[0].json(), {"verifyId": "trx_1", "verifyCode": "005646"})

    def test_a_rejected_card_is_an_answer(self) -> None:
        response = self.post(
            FakeTransport((200, {**TRANSACTION, "status": "REJECT"})), {"verify_id": "trx_1", "verify_code": "1"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["status"], "REJECT")

    def test_a_bad_code_is_a_400_naming_the_field(self) -> None:
        fake = FakeTransport()
        response = self.post(fake, {"verify_id": "trx_1", "verify_code": "12ab"})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json()["field"], "verify_code")
        self.assertEqual(fake.requests, [])  # refused before any I/O

    def test_a_float_code_is_a_400_too(self) -> None:
        response = self.post(FakeTransport(), {"verify_id": "trx_1", "verify_code": 1234.0})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json()["field"], "verify_code")

    def test_the_provider_message_in_the_cashier_language(self) -> None:
        refusal = {
            "status": {"code": 3015, "message": "Error"},
            "error": {"path": "/x", "message": {"uz": "Kod noto'g'ri", "ru": "Неверный код", "en": "Wrong code"}},
        }
        response = self.post(FakeTransport((400, refusal)), {"verify_id": "trx_1", "verify_code": "1111"})
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json()["message"], "Неверный код")

    def test_a_final_http_error_is_a_502(self) -> None:
        response = self.post(FakeTransport((401, None)), {"verify_id": "trx_1", "verify_code": "1111"})
        self.assertEqual(response.status_code, 502)
        self.assertEqual(response.json()["error"], "http")
