"""The shop's one place that talks to providers through uzpay: the configs, the
transport, and a bounded retry of retryable failures."""

from __future__ import annotations

import time
from typing import Callable, TypeVar

from django.conf import settings

import uzpay
from uzpay.transport import HttpResponse, send_urllib

T = TypeVar("T")
Transport = Callable[[uzpay.HttpRequest], HttpResponse]
Parse = Callable[[int, list[tuple[str, str]], bytes], T]


def paylov() -> uzpay.PaylovConfig:
    return uzpay.PaylovConfig.from_dict(settings.UZPAY_PAYLOV)


def via() -> uzpay.ViaConfig:
    return uzpay.ViaConfig.from_dict(settings.UZPAY_VIA)


def transport() -> Transport:
    """The configured transport: ``settings.UZPAY_TRANSPORT`` (the tests inject a fake)
    or the standard library's, with the configured timeout."""
    configured: Transport | None = settings.UZPAY_TRANSPORT
    if configured is not None:
        return configured
    timeout: float = settings.UZPAY_TIMEOUT
    return lambda request: send_urllib(request, timeout=timeout)


def call(request: uzpay.HttpRequest, parse: Parse[T]) -> T:
    """Sends ``request`` and parses the answer, sending it again after a pause while the
    failure is retryable (a timeout, a 5xx, Paylov's ``ofd_error``) and attempts remain.
    Anything else, and the last retryable failure, is raised to the view."""
    send = transport()
    delays: tuple[float, ...] = settings.UZPAY_RETRY_DELAYS
    for delay in delays:
        try:
            return parse(*send(request))
        except uzpay.UzpayError as e:
            if not e.retryable:
                raise
        time.sleep(delay)
    return parse(*send(request))
