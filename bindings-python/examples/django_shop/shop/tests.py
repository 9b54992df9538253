"""The shop against the real uzpay sandbox over HTTP (started here as a subprocess):
the pages a customer goes through, the rows they leave, a process killed while its
request is in flight, and ``resume_flows``.

The sandbox is ``target/debug/uzpay-sandbox`` when it is built (``UZPAY_SANDBOX_BIN``
names another binary), else ``cargo run -p uzpay-sandbox``."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from io import StringIO
from pathlib import Path
from typing import IO, Any, Callable, ClassVar
from urllib.parse import quote
from urllib.request import urlopen

from django.core.management import call_command
from django.db import connection
from django.test import TransactionTestCase, override_settings
from django.test.client import Client

import uzpay
from shop import payments
from shop.models import Order, Payment, Receipt, SavedFlow
from uzpay.transport import send_urllib

EXAMPLE = Path(__file__).resolve().parent.parent
ROOT = EXAMPLE.parents[2]
CARD = "8600123412341239"  # the sandbox pays it
DECLINED_CARD = "9860490000010002"  # the sandbox's bank refuses it (REJECT)
TEA = 1_120_000  # tiyin: the catalogue's tea


class Sandbox:
    """The uzpay sandbox as a subprocess on a free port, with its test-only endpoints."""

    def __init__(self) -> None:
        binary = Path(os.environ.get("UZPAY_SANDBOX_BIN", ROOT / "target" / "debug" / "uzpay-sandbox"))
        command = [str(binary)] if binary.exists() else ["cargo", "run", "--quiet", "-p", "uzpay-sandbox", "--"]
        self.log: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 (closed by stop())
        self.process = subprocess.Popen(
            [*command, "--port", "0"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=self.log,
            text=True,
            start_new_session=True,  # its own process group: stop() ends cargo's child too
        )
        assert self.process.stdout is not None
        first = self.process.stdout.readline()
        match = re.fullmatch(r"uzpay sandbox listening on (http://127\.0\.0\.1:\d+)", first.strip())
        if match is None:
            self.stop()
            self.log.seek(0)
            raise RuntimeError(f"the sandbox did not start ({first!r}): {self.log.read().decode()[-2000:]}")
        self.url = match[1]

    def get(self, path: str) -> Any:
        with urlopen(self.url + path, timeout=10) as answer:
            return json.load(answer)

    def stats(self) -> dict[str, Any]:
        stats: dict[str, Any] = self.get("/_sandbox/stats")
        return stats

    def sms_code(self, verify_id: str) -> str:
        """The code VIA "texted" the card holder."""
        code: str = self.get(f"/_sandbox/via/sms/{verify_id}")["verifyCode"]
        return code

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=10)
        assert self.process.stdout is not None
        self.process.stdout.close()
        self.log.close()


def database_url() -> str:
    """The test database as a DATABASE_URL, for a second process."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"  # an absolute path: sqlite:////tmp/...
    user = f"{quote(db['USER'], safe='')}:{quote(db['PASSWORD'], safe='')}@" if db["USER"] else ""
    return f"postgres://{user}{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def wait_until(condition: Callable[[], bool], process: subprocess.Popen[bytes], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if process.poll() is not None:
            raise AssertionError(f"the process ended first: {process.communicate()}")
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.05)


# The receipt flow of a paid payment, run by a second process whose every request asks
# the sandbox to hold it (`X-Sandbox-Fault: delay=...`), so that it can be killed while
# its register_receipt is in flight.
REGISTER_HELD_BY_THE_SANDBOX = """
import sys

import django

django.setup()

import requests

from shop import payments
from shop.models import Payment
from uzpay.transport import send

session = requests.Session()
session.headers["X-Sandbox-Fault"] = sys.argv[2]
payments.send = lambda request: send(request, session, timeout=60)
payments.register_receipt(Payment.objects.get(pk=int(sys.argv[1])))
"""


class ShopTests(TransactionTestCase):
    # TransactionTestCase: every write is committed, as in production, so that a second
    # process sees it (and the snapshot saved before a request is really in the database).
    sandbox: ClassVar[Sandbox]
    client: Client

    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.sandbox = Sandbox()
        cls.addClassCleanup(cls.sandbox.stop)
        providers = override_settings(
            UZPAY_VIA={
                "base_url": f"{cls.sandbox.url}/via",
                "client_id": "sandbox-client",
                "client_secret": "sandbox-secret",
            },
            UZPAY_PAYLOV={"base_url": f"{cls.sandbox.url}/paylov", "api_key": "sandbox-paylov-key"},
        )
        providers.enable()
        cls.addClassCleanup(providers.disable)

    # The customer's steps, through the pages.

    def buy(self) -> int:
        response = self.client.post("/orders", {"product": "tea"})
        self.assertEqual(response.status_code, 302)
        return int(response["Location"].rsplit("/", 1)[1])

    def pay(self, order_id: int, pan: str = CARD) -> Any:
        return self.client.post(f"/orders/{order_id}/pay", {"pan": pan, "expiry": "1229"}, follow=True)

    def verify(self, order_id: int, code: str) -> Any:
        return self.client.post(f"/orders/{order_id}/verify", {"code": code}, follow=True)

    def payment(self, order_id: int) -> Payment:
        return Payment.objects.get(order_id=order_id)

    def card_flow(self, payment: Payment) -> SavedFlow:
        return payment.flows.get(kind=SavedFlow.Kind.CARD_PAYMENT)

    def receipt_status(self, payment: Payment) -> uzpay.ReceiptStatusOutput:
        """What Paylov (the sandbox) holds for the payment."""
        request = uzpay.build_receipt_status(payments.paylov_config(), transaction_id=payment.transaction_id)
        return uzpay.parse_receipt_status(*send_urllib(request, timeout=10))

    def assert_paid_with_receipt(self, order_id: int, page: Any) -> Payment:
        payment = self.payment(order_id)
        self.assertEqual(payment.status, Payment.Status.PAID)
        receipt = Receipt.objects.get(payment=payment)
        self.assertContains(page, "Paid. Thank you!")
        self.assertContains(page, f"No. {receipt.receipt_id}")
        self.assertEqual(self.receipt_status(payment).receipt_id, receipt.receipt_id)
        self.assertEqual(
            {(flow.kind, flow.status) for flow in payment.flows.all()},
            {(SavedFlow.Kind.CARD_PAYMENT, SavedFlow.Status.DONE), (SavedFlow.Kind.RECEIPT, SavedFlow.Status.DONE)},
        )
        return payment

    def test_a_card_payment_then_its_receipt(self) -> None:
        order_id = self.buy()
        page = self.pay(order_id)
        self.assertContains(page, "The code we sent by SMS")
        payment = self.payment(order_id)
        self.assertEqual((payment.status, payment.amount), (Payment.Status.PENDING, TEA))
        flow = self.card_flow(payment)
        self.assertEqual(flow.status, SavedFlow.Status.WAITING_FOR_CODE)
        self.assertTrue(payment.transaction_id)

        code = self.sandbox.sms_code(payment.transaction_id)
        page = self.verify(order_id, code)
        payment = self.assert_paid_with_receipt(order_id, page)
        receipt = payment.receipt
        self.assertTrue(receipt.receipt_url.startswith("https://ofd.soliq.uz/check?"))
        # What the database holds: no card number, SMS code or credential.
        for saved in payment.flows.all():
            for secret in (CARD, f'"{code}"', "sandbox-secret", "sandbox-paylov-key"):
                self.assertNotIn(secret, saved.snapshot)

    def test_a_wrong_code_then_the_right_one(self) -> None:
        order_id = self.buy()
        self.pay(order_id)
        payment = self.payment(order_id)
        right = self.sandbox.sms_code(payment.transaction_id)
        page = self.verify(order_id, "12ab")  # refused by uzpay before anything is sent
        self.assertContains(page, "Please check code")
        page = self.verify(order_id, "000000" if right != "000000" else "111111")
        self.assertContains(page, "That code did not work. Tries left: 2.")
        self.assertContains(page, "The code we sent by SMS")
        self.assertEqual(self.card_flow(payment).status, SavedFlow.Status.WAITING_FOR_CODE)
        self.assert_paid_with_receipt(order_id, self.verify(order_id, right))

    def test_a_new_code_replaces_the_old_one(self) -> None:
        order_id = self.buy()
        self.pay(order_id)
        payment = self.payment(order_id)
        old = self.sandbox.sms_code(payment.transaction_id)
        page = self.client.post(f"/orders/{order_id}/resend", follow=True)
        self.assertContains(page, "We sent you a new code")
        new = self.sandbox.sms_code(payment.transaction_id)
        self.assertNotEqual(old, new)
        self.assertContains(self.verify(order_id, old), "That code did not work")
        self.assert_paid_with_receipt(order_id, self.verify(order_id, new))

    def test_a_declined_card_leaves_the_order_open(self) -> None:
        order_id = self.buy()
        self.pay(order_id, pan=DECLINED_CARD)
        payment = self.payment(order_id)
        page = self.verify(order_id, self.sandbox.sms_code(payment.transaction_id))
        self.assertContains(page, "Your bank declined the card")
        self.assertContains(page, "Card number")  # another card may be tried
        payment.refresh_from_db()
        self.assertEqual(payment.status, Payment.Status.DECLINED)
        self.assertFalse(payment.flows.filter(kind=SavedFlow.Kind.RECEIPT).exists())

    def test_a_bad_card_is_refused_before_anything_is_stored(self) -> None:
        order_id = self.buy()
        page = self.pay(order_id, pan="8600123412341234")  # fails the Luhn check
        self.assertContains(page, "Please check card.pan")
        self.assertFalse(Payment.objects.exists())

    def test_resume_flows_leaves_a_payment_waiting_for_its_code(self) -> None:
        order_id = self.buy()
        self.pay(order_id)
        payment = self.payment(order_id)
        before = self.card_flow(payment).snapshot
        requests = self.sandbox.stats()["requests"]
        call_command("resume_flows", stdout=StringIO())
        self.assertEqual(self.sandbox.stats()["requests"], requests + 1)  # that stats call only
        flow = self.card_flow(payment)
        self.assertEqual((flow.status, flow.snapshot), (SavedFlow.Status.WAITING_FOR_CODE, before))
        # The card holder's code still pays it.
        page = self.verify(order_id, self.sandbox.sms_code(payment.transaction_id))
        self.assert_paid_with_receipt(order_id, page)

    def test_a_receipt_flow_killed_mid_request_is_finished_by_resume_flows(self) -> None:
        order = Order.objects.create()
        order.lines.create(
            title="Green tea, 100 g",
            price=TEA,
            ikpu_code="01902001001000000",
            package_code="1437667",
            vat_percent=12,
        )
        payment = Payment.objects.create(
            order=order, amount=TEA, status=Payment.Status.PAID, transaction_id=f"trx_{uuid.uuid4().hex}"
        )
        before = self.sandbox.stats()
        delay_ms = 3000
        child = subprocess.Popen(
            [sys.executable, "-c", REGISTER_HELD_BY_THE_SANDBOX, str(payment.pk), f"delay={delay_ms}"],
            cwd=EXAMPLE,
            env={
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "shop.settings",
                "DATABASE_URL": database_url(),
                "UZPAY_SANDBOX_URL": self.sandbox.url,
            },
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.addCleanup(child.kill)  # if the test fails before killing it
        # The register is at the sandbox, held: in flight. Kill the process now.
        wait_until(lambda: self.sandbox.stats()["faults_injected"] > before["faults_injected"], child)
        held_since = time.monotonic()
        child.send_signal(signal.SIGKILL)
        child.communicate()

        saved = payment.flows.get(kind=SavedFlow.Kind.RECEIPT)
        self.assertEqual(saved.status, SavedFlow.Status.RUNNING)
        # Its snapshot was saved before the request left: restored, the flow knows the
        # register may have arrived (it will be answered "already generated" if so).
        step = uzpay.PaylovFiscalizationFlow.restore(payments.paylov_config(), saved.snapshot).resume()
        assert isinstance(step, uzpay.Step)
        self.assertEqual((step.operation, step.attempt), ("paylov.register_receipt", 2))

        out = StringIO()
        call_command("resume_flows", stdout=out)
        self.assertIn("done", out.getvalue())
        saved.refresh_from_db()
        self.assertEqual(saved.status, SavedFlow.Status.DONE)
        receipt = Receipt.objects.get(payment=payment)
        self.assertEqual(self.receipt_status(payment).receipt_id, receipt.receipt_id)
        # Let the killed request's hold run out: if the sandbox goes on with it, Paylov
        # answers that the receipt exists. One receipt for the payment, never two.
        time.sleep(max(0.0, held_since + delay_ms / 1000 + 0.5 - time.monotonic()))
        after = self.sandbox.stats()
        self.assertEqual(after["paylov_receipts"] - before["paylov_receipts"], 1)
        self.assertEqual(after["paylov_duplicate_receipts"], 0)

    def test_a_receipt_that_failed_retryably_is_registered_again_by_a_person(self) -> None:
        order_id = self.buy()
        self.pay(order_id)
        payment = self.payment(order_id)
        code = self.sandbox.sms_code(payment.transaction_id)
        with socket.socket() as unused:
            unused.bind(("127.0.0.1", 0))
            closed = f"http://127.0.0.1:{unused.getsockname()[1]}"
        # Paylov is unreachable while the payment goes through.
        with self.settings(UZPAY_PAYLOV={"base_url": closed, "api_key": "sandbox-paylov-key"}):
            page = self.verify(order_id, code)
        self.assertContains(page, "Paid. Thank you!")
        failed = payment.flows.get(kind=SavedFlow.Kind.RECEIPT)
        self.assertEqual((failed.status, failed.retryable), (SavedFlow.Status.FAILED, True))
        self.assertContains(page, "Register the receipt again")
        # The shop never tried again by itself; a person does.
        page = self.client.post(f"/orders/{order_id}/receipt", follow=True)
        receipt = Receipt.objects.get(payment=payment)
        self.assertContains(page, f"No. {receipt.receipt_id}")
        self.assertEqual(self.receipt_status(payment).receipt_id, receipt.receipt_id)
