"""Two views: register the fiscal receipt of an order (Paylov) and confirm a card
payment with its SMS code (VIA). Each turns uzpay's errors into an answer the till can
show: a bad input is a 400 naming the field, a provider's refusal a message for the
cashier, and a failure that outlasted the retries a 503."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

import uzpay

from . import orders, payments


@csrf_exempt
@require_POST
def register_receipt(request: HttpRequest, order_id: str) -> JsonResponse:
    order = orders.find(order_id)
    if order is None:
        return JsonResponse({"error": "not_found", "message": f"no order {order_id}"}, status=404)
    try:
        built = uzpay.build_register_receipt(payments.paylov(), transaction_id=order.transaction_id, items=order.items)
        receipt = payments.call(built, uzpay.parse_register_receipt)
        return JsonResponse({"receipt_url": receipt.receipt_url, "receipt_id": receipt.receipt_id})
    except uzpay.UzpayError as e:
        if isinstance(e, uzpay.ProviderError) and e.code == "ofd_check_already_generated":
            # Final, not a failure: the receipt exists (an earlier attempt got through).
            return existing_receipt(order.transaction_id)
        return failed(e)


def existing_receipt(transaction_id: str) -> JsonResponse:
    try:
        built = uzpay.build_receipt_status(payments.paylov(), transaction_id=transaction_id)
        status = payments.call(built, uzpay.parse_receipt_status)
        return JsonResponse({"receipt_url": status.receipt_url, "receipt_id": status.receipt_id})
    except uzpay.UzpayError as e:
        return failed(e)


@csrf_exempt
@require_POST
def confirm_via_payment(request: HttpRequest) -> JsonResponse:
    try:
        data: Any = json.loads(request.body or b"{}")
    except ValueError:
        return JsonResponse({"error": "invalid_json"}, status=400)
    if not isinstance(data, dict):
        return JsonResponse({"error": "invalid_json"}, status=400)
    try:
        # The posted fields go to uzpay as they are: it checks them and names the bad one.
        built = uzpay.build_confirm_pay_verify(payments.via(), data)
        transaction = payments.call(built, uzpay.parse_confirm_pay_verify)
    except uzpay.UzpayError as e:
        return failed(e)
    # REJECT and ERROR are answers, not exceptions: the card was refused.
    return JsonResponse({"transaction_id": transaction.transaction_id, "status": transaction.status})


def failed(e: uzpay.UzpayError) -> JsonResponse:
    """The till's answer to an uzpay error."""
    if isinstance(e, uzpay.InvalidInput):
        return JsonResponse({"error": "invalid_input", "field": e.field, "message": e.message}, status=400)
    if e.retryable:
        # Still failing after the retries (payments.call): the till may try again later.
        response = JsonResponse(
            {"error": "unavailable", "message": "the provider is not answering; try again"}, status=503
        )
        response["Retry-After"] = "30"
        return response
    if isinstance(e, uzpay.ProviderError):
        # The provider's refusal, in the cashier's language when the provider sent it.
        message = e.messages.get("ru") or e.messages.get("uz") or e.message
        return JsonResponse(
            {"error": "refused", "provider": e.provider, "code": e.code, "message": message}, status=422
        )
    return JsonResponse({"error": e.kind, "message": str(e)}, status=502)
