"""The pages: the catalogue, and an order's page, which shows what the order needs next
(the card form, the SMS-code form, or the paid order and its receipt). Each form posts
to a view that advances the payment (shop/payments.py) and redirects back to the
order's page, with a message saying what happened."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

import uzpay

from . import payments
from .catalogue import PRODUCTS
from .models import Order, Payment, SavedFlow


def catalogue(request: HttpRequest) -> HttpResponse:
    return render(request, "shop/catalogue.html", {"products": PRODUCTS})


@require_POST
def create_order(request: HttpRequest) -> HttpResponse:
    product = PRODUCTS.get(request.POST.get("product", ""))
    if product is None:
        raise Http404("no such product")
    with transaction.atomic():
        order = Order.objects.create()
        order.lines.create(count=1, **product)
    return redirect("order", order.pk)


def order_page(request: HttpRequest, order_id: int) -> HttpResponse:
    order = get_object_or_404(Order, pk=order_id)
    payment = order.latest_payment()
    waiting = running = False
    if payment is not None and payment.status == Payment.Status.PENDING:
        card_flow = payment.flows.get(kind=SavedFlow.Kind.CARD_PAYMENT)
        waiting = card_flow.status == SavedFlow.Status.WAITING_FOR_CODE
        running = not waiting
    receipt_flow = None
    if payment is not None and payment.status == Payment.Status.PAID:
        receipt_flow = payment.flows.filter(kind=SavedFlow.Kind.RECEIPT).order_by("-pk").first()
    return render(
        request,
        "shop/order.html",
        {
            "order": order,
            "lines": order.lines.order_by("pk"),
            "amount": order.amount(),
            "payment": payment,
            # What the page offers next.
            "card_form": payment is None or payment.status in (Payment.Status.DECLINED, Payment.Status.FAILED),
            "code_form": waiting,
            "in_progress": running,
            "receipt": getattr(payment, "receipt", None),
            "receipt_flow": receipt_flow,
            "receipt_again": payment is not None and payments.can_register_receipt_again(payment),
        },
    )


@require_POST
@sensitive_post_parameters("pan", "expiry")
def pay(request: HttpRequest, order_id: int) -> HttpResponse:
    order = get_object_or_404(Order, pk=order_id)
    latest = order.latest_payment()
    if latest is not None and latest.status not in (Payment.Status.DECLINED, Payment.Status.FAILED):
        # Paid, under way, or uncertain: a second payment could charge the card twice.
        messages.error(request, "This order already has a payment.")
        return redirect("order", order.pk)
    try:
        payments.pay_by_card(order, request.POST.get("pan", "").replace(" ", ""), request.POST.get("expiry", ""))
    except uzpay.UzpayError as error:
        messages.error(request, describe(error))
    return redirect("order", order.pk)


@require_POST
@sensitive_post_parameters("code")
def verify(request: HttpRequest, order_id: int) -> HttpResponse:
    payment = pending_payment(order_id)
    try:
        end = payments.provide_code(payment, request.POST.get("code", "").strip())
    except payments.NotWaiting:
        messages.error(request, "This payment is not waiting for a code.")
    except uzpay.UzpayError as error:
        messages.error(request, describe(error))
    else:
        if isinstance(end, uzpay.AwaitVerifyCode):
            messages.error(request, f"That code did not work. Tries left: {end.attempts_left}.")
    return redirect("order", order_id)


@require_POST
def resend(request: HttpRequest, order_id: int) -> HttpResponse:
    payment = pending_payment(order_id)
    try:
        payments.resend_code(payment)
    except payments.NotWaiting:
        messages.error(request, "This payment is not waiting for a code.")
    except uzpay.UzpayError as error:
        messages.error(request, describe(error))
    else:
        messages.info(request, "We sent you a new code; the old one no longer works.")
    return redirect("order", order_id)


@require_POST
def register_receipt_again(request: HttpRequest, order_id: int) -> HttpResponse:
    """A person's new try at a receipt whose last flow failed retryably (Paylov was
    down, say). The shop never does this by itself."""
    payment = get_object_or_404(Payment, order_id=order_id, status=Payment.Status.PAID)
    if payments.can_register_receipt_again(payment):
        try:
            payments.register_receipt(payment)
        except uzpay.UzpayError as error:
            messages.error(request, describe(error))
    return redirect("order", order_id)


def pending_payment(order_id: int) -> Payment:
    return get_object_or_404(Payment, order_id=order_id, status=Payment.Status.PENDING)


def describe(error: uzpay.UzpayError) -> str:
    """An uzpay error in words for the customer."""
    if isinstance(error, uzpay.InvalidInput):
        return f"Please check {error.field}: {error.message}"
    if isinstance(error, uzpay.ProviderError):
        # The provider's own words when it sent them (VIA sends uz, ru and en).
        return error.messages.get("en") or error.message
    if error.retryable:
        return "The payment service is not answering; nothing was charged. Please try again in a minute."
    return f"The payment could not be completed: {error.message}"
