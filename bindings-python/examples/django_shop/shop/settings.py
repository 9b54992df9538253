"""Settings of the example shop. Credentials come from the environment; the sandbox
base URLs are uzpay's own constants."""

from __future__ import annotations

import os

import uzpay

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "example-only-not-secret")
DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
ROOT_URLCONF = "shop.urls"
INSTALLED_APPS: list[str] = ["shop"]
MIDDLEWARE: list[str] = []
DATABASES: dict[str, dict[str, str]] = {}  # the example keeps its orders in memory
USE_TZ = True

# uzpay: one config per provider, read once. `from_dict` checks them with the core's
# rules when the settings load, so a missing key fails at startup, not at checkout.
UZPAY_PAYLOV = {
    "api_key": os.environ.get("PAYLOV_API_KEY", "sandbox-api-key"),
    "base_url": uzpay.PaylovConfig.SANDBOX_BASE_URL,
}
UZPAY_VIA = {
    "base_url": uzpay.ViaConfig.SANDBOX_BASE_URL,
    "client_id": os.environ.get("VIA_CLIENT_ID", "sandbox-client"),
    "client_secret": os.environ.get("VIA_CLIENT_SECRET", "sandbox-secret"),
}

# How requests are sent: a callable HttpRequest -> HttpResponse. None means
# uzpay.transport.send_urllib with UZPAY_TIMEOUT; the tests put a fake here.
UZPAY_TRANSPORT = None
UZPAY_TIMEOUT = 15.0
# Pauses between the attempts of a retryable failure: three attempts in all.
UZPAY_RETRY_DELAYS = (0.5, 2.0)
