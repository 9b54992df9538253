"""The shop's one place that talks to the providers, through uzpay's flows.

It starts a flow, hands it what the customer typed (the card, the SMS code), stores
every snapshot before the next request leaves, and records where the flow stopped.
Every retry, every lookup after a lost answer and every "did that charge go through?"
is the flow's own decision (uzpay's core): nothing here sends a request again by
itself, whatever the error. A person may start a new flow (another card, the receipt
once more) when the last one failed and uzpay said that is safe.

The card number and the SMS code live only in memory, for the request that carries
them: snapshots leave them out, and Django's error reports hide them
(``sensitive_variables``). Credentials stay in settings.
"""

from __future__ import annotations

from contextlib import suppress
from typing import Any, Callable, Union

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

import uzpay
from uzpay.transport import HttpResponse, run, send_urllib

from .models import Order, Payment, Receipt, SavedFlow

Flow = Union[uzpay.ViaCardPaymentFlow, uzpay.PaylovFiscalizationFlow]


class NotWaiting(Exception):
    """The payment waits for no code (it is paid, or another request is on it)."""


def via_config() -> uzpay.ViaConfig:
    # Made from settings whenever needed: the database never holds a credential.
    return uzpay.ViaConfig.from_dict(settings.UZPAY_VIA)


def paylov_config() -> uzpay.PaylovConfig:
    return uzpay.PaylovConfig.from_dict(settings.UZPAY_PAYLOV)


def send(request: uzpay.HttpRequest) -> HttpResponse:
    """Sends one request. When no answer comes, ``send_urllib`` raises ``SendError``
    saying whether the request may have arrived; the flow decides what to do."""
    return send_urllib(request, timeout=settings.UZPAY_TIMEOUT)


# The customer's steps: pay, give the code (or ask for a new one), get the receipt.


@sensitive_variables("pan", "expiry", "card")
def pay_by_card(order: Order, pan: str, expiry: str) -> None:
    """Starts a card payment for ``order``: VIA texts the card holder a code. A card
    VIA would refuse raises ``InvalidInput`` (naming the field) before anything is stored
    or sent; any other ``UzpayError`` is recorded on the payment, then raised."""
    payment = Payment(order=order, amount=order.amount())
    card = {"pan": pan, "expiry": expiry}
    flow = uzpay.ViaCardPaymentFlow(
        via_config(),
        merchant_id=settings.VIA_MERCHANT_ID,
        card=card,
        external_id=payment.external_id,
        amount=payment.amount,
        note=f"Order {order.pk}",
    )
    # The receipt's lines are checked now, before money moves (the request is built, not
    # sent): a paid order whose receipt uzpay refuses would need a person.
    uzpay.build_register_receipt(paylov_config(), transaction_id=payment.external_id, items=order.receipt_items())
    with transaction.atomic():
        payment.save()
        saved, action = _store(payment, SavedFlow.Kind.CARD_PAYMENT, flow)
    _go_on(saved, flow, action)


@sensitive_variables("code")
def provide_code(payment: Payment, code: str) -> Any:
    """Confirms the payment with the SMS code. Gives ``Done`` (paid or declined) or,
    when the code did not take, ``AwaitVerifyCode`` with the tries left."""
    return _go_on_waiting(payment, lambda flow: flow.provide_verify_code(code))


def resend_code(payment: Payment) -> Any:
    """Has VIA text the card holder a new code (the old one stops working)."""
    return _go_on_waiting(payment, lambda flow: flow.resend_code())


def register_receipt(payment: Payment) -> None:
    """Registers the paid payment's fiscal receipt (a new flow: the first one, or a
    person's new try after a failure uzpay called retryable). Paylov makes one receipt
    per payment, and the flow reads an existing one back, so a new try never doubles it."""
    flow = _receipt_flow(payment)
    saved, action = _store(payment, SavedFlow.Kind.RECEIPT, flow)
    _go_on(saved, flow, action)


def can_register_receipt_again(payment: Payment) -> bool:
    """Whether a person may start the receipt again: the payment is paid, has no
    receipt, and its last receipt flow failed with an error uzpay calls retryable."""
    last = payment.flows.filter(kind=SavedFlow.Kind.RECEIPT).order_by("-pk").first()
    return (
        payment.status == Payment.Status.PAID
        and not Receipt.objects.filter(payment=payment).exists()
        and last is not None
        and last.status == SavedFlow.Status.FAILED
        and last.retryable
    )


def resume(saved: SavedFlow) -> Any:
    """Goes on with a flow left unfinished by a process that stopped: restores it from
    its snapshot, resumes (a request that was in flight counts as possibly arrived, so
    the flow looks it up rather than repeating it blind) and runs it as far as it goes.
    A payment waiting for its code stays waiting: only the card holder has the code.
    The caller has taken the flow with :func:`take`."""
    try:
        flow: Flow = (
            uzpay.ViaCardPaymentFlow.restore(via_config(), saved.snapshot)
            if saved.kind == SavedFlow.Kind.CARD_PAYMENT
            else uzpay.PaylovFiscalizationFlow.restore(paylov_config(), saved.snapshot)
        )
        action = flow.resume()
    except uzpay.UzpayError as error:
        # A snapshot that cannot go on, such as a card payment saved before it started
        # (the card is never saved): nothing was charged; the customer pays again.
        _failed(saved, error, None)
        raise
    return _go_on(saved, flow, action)


def take(saved: SavedFlow) -> bool:
    """Takes ``saved`` for this process, unless another process changed it since it was
    read (a double-clicked form, a second ``resume_flows``): one driver per flow. A
    compare-and-set on the row, so it works on SQLite and PostgreSQL alike."""
    now = timezone.now()
    unchanged = SavedFlow.objects.filter(pk=saved.pk, status=saved.status, updated_at=saved.updated_at)
    taken = unchanged.update(status=SavedFlow.Status.RUNNING, updated_at=now) == 1
    if taken:
        saved.status, saved.updated_at = SavedFlow.Status.RUNNING, now
    return taken


# Driving a flow and recording where it stopped.


def _store(payment: Payment, kind: str, flow: Flow) -> tuple[SavedFlow, Any]:
    """Starts ``flow`` (no I/O: it gives the first request) and stores it, so that its
    snapshot is in the database before that request leaves."""
    action = flow.start()
    return SavedFlow.objects.create(payment=payment, kind=kind, snapshot=flow.snapshot()), action


def _go_on_waiting(payment: Payment, event: Callable[[uzpay.ViaCardPaymentFlow], Any]) -> Any:
    """Takes the payment's flow that waits for its code, restores it, gives it ``event``
    (the code, or a resend) and runs it on."""
    saved = payment.flows.filter(kind=SavedFlow.Kind.CARD_PAYMENT, status=SavedFlow.Status.WAITING_FOR_CODE).first()
    if saved is None or not take(saved):
        raise NotWaiting(f"{payment} is not waiting for a code")
    flow = uzpay.ViaCardPaymentFlow.restore(via_config(), saved.snapshot)
    try:
        action = event(flow)
    except uzpay.UzpayError:
        # Refused before anything was sent (a malformed code): the flow still waits.
        _set_status(saved, SavedFlow.Status.WAITING_FOR_CODE)
        raise
    return _go_on(saved, flow, action)


def _go_on(saved: SavedFlow, flow: Flow, action: Any) -> Any:
    """Runs ``flow`` from ``action`` until it is done or waits for a code, and records
    the end. Each snapshot is committed before the next request leaves (autocommit:
    never call this inside ``transaction.atomic``, or a crash would lose them)."""

    def save(snapshot: str) -> None:
        if snapshot != saved.snapshot:
            saved.snapshot = snapshot
            saved.save(update_fields=["snapshot", "updated_at"])

    try:
        end = run(flow, send, action=action, save=save)
    except uzpay.UzpayError as error:
        _failed(saved, error, flow)
        raise
    if saved.kind == SavedFlow.Kind.RECEIPT:
        _receipt_registered(saved, end.outcome)
    else:
        _card_payment_stopped(saved, end)
    return end


def _card_payment_stopped(saved: SavedFlow, end: Any) -> None:
    payment = saved.payment
    if isinstance(end, uzpay.AwaitVerifyCode):
        with transaction.atomic():
            payment.transaction_id = end.verify_id
            payment.save(update_fields=["transaction_id", "updated_at"])
            _set_status(saved, SavedFlow.Status.WAITING_FOR_CODE)
        return
    outcome: uzpay.ViaPaymentOutcome = end.outcome
    payment.transaction_id = outcome.transaction.transaction_id
    # REJECT or ERROR is the bank's answer, not an error: the call worked, the card did not.
    payment.status = Payment.Status.PAID if outcome.paid else Payment.Status.DECLINED
    with transaction.atomic():
        payment.save(update_fields=["transaction_id", "status", "updated_at"])
        _set_status(saved, SavedFlow.Status.DONE)
        if outcome.paid:
            # Stored with "paid" in one transaction: if the process dies before the
            # receipt is registered, resume_flows finds this flow and registers it.
            receipt_flow = _receipt_flow(payment)
            receipt, action = _store(payment, SavedFlow.Kind.RECEIPT, receipt_flow)
    if outcome.paid:
        with suppress(uzpay.UzpayError):  # recorded on the receipt's flow; the payment went through
            _go_on(receipt, receipt_flow, action)


def _receipt_flow(payment: Payment) -> uzpay.PaylovFiscalizationFlow:
    # Paylov's card form takes the payment's transaction id (here VIA's). For a payment
    # Paylov did not process, your contract may call for its cash form instead
    # (external_id and phone_number): ask Paylov.
    return uzpay.PaylovFiscalizationFlow(
        paylov_config(), transaction_id=payment.transaction_id, items=payment.order.receipt_items()
    )


def _receipt_registered(saved: SavedFlow, receipt: uzpay.FiscalizedReceipt) -> None:
    with transaction.atomic():
        # update_or_create: a process that died between the two writes left the flow
        # done but not recorded, and resume_flows gives its outcome again.
        Receipt.objects.update_or_create(
            payment=saved.payment,
            defaults={
                "receipt_id": receipt.receipt_id,
                "receipt_url": receipt.receipt_url,
                "terminal_id": receipt.terminal_id,
                "fiscal_sign": receipt.fiscal_sign,
            },
        )
        _set_status(saved, SavedFlow.Status.DONE)


def _failed(saved: SavedFlow, error: uzpay.UzpayError, flow: Flow | None) -> None:
    """Records how a flow's run ended in an error. Most errors end the flow; a resend
    VIA refused leaves it waiting for the code, which only ``resume()`` tells."""
    waiting = False
    if flow is not None:
        saved.snapshot = flow.snapshot()
        with suppress(uzpay.UzpayError):  # raised by a flow that has ended
            waiting = isinstance(flow.resume(), uzpay.AwaitVerifyCode)
    saved.status = SavedFlow.Status.WAITING_FOR_CODE if waiting else SavedFlow.Status.FAILED
    saved.error, saved.retryable = str(error), error.retryable
    with transaction.atomic():
        saved.save(update_fields=["snapshot", "status", "error", "retryable", "updated_at"])
        payment = saved.payment
        if saved.kind == SavedFlow.Kind.CARD_PAYMENT and not waiting:
            payment.status = Payment.Status.UNCERTAIN if _may_be_charged(payment, error) else Payment.Status.FAILED
            payment.error = str(error)
            payment.save(update_fields=["status", "error", "updated_at"])


def _may_be_charged(payment: Payment, error: uzpay.UzpayError) -> bool:
    # VIA charges only a payment it started (it gave a verify id) and whose code it took.
    # A refusal (ProviderError) or a bad input is an answer: nothing charged. A flow that
    # gave up without any answer it could read, and that uzpay says must not simply be
    # started again, may have been charged.
    answered = isinstance(error, (uzpay.ProviderError, uzpay.InvalidInput))
    return bool(payment.transaction_id) and not answered and not error.retryable


def _set_status(saved: SavedFlow, status: str) -> None:
    saved.status = status
    saved.save(update_fields=["status", "updated_at"])
