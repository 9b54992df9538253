"""Settings of the example shop. Everything secret comes from the environment: the
database holds flow snapshots, which never contain a credential, card number or SMS
code, so the provider configs are made again from these settings whenever a flow is
restored.

With no environment at all the shop runs on SQLite (``db.sqlite3`` here) against the
uzpay sandbox on http://127.0.0.1:8099."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "example-only-not-secret")
DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
ROOT_URLCONF = "shop.urls"
INSTALLED_APPS = ["django.contrib.messages", "shop"]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # The card form must not be framed by another site.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]
# Messages ("wrong code, 2 tries left") travel in a signed cookie: no session table.
MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def database(url: str) -> dict[str, Any]:
    """Django's database settings from a URL, without a dependency:
    ``sqlite:///db.sqlite3`` (relative to this project), ``sqlite:////var/db/shop.sqlite3``
    (absolute), or ``postgres://user:password@host:5432/name?sslmode=require`` (needs
    ``pip install 'psycopg[binary]'``)."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / unquote(parts.path[1:])}
    if parts.scheme in ("postgres", "postgresql"):
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path[1:]),
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            "OPTIONS": dict(parse_qsl(parts.query)),
        }
    raise ValueError(f"DATABASE_URL: use sqlite:/// or postgres://, not {parts.scheme}://")


DATABASES = {"default": database(os.environ.get("DATABASE_URL", "sqlite:///db.sqlite3"))}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A test runs the receipt flow in a second process (and kills it), so the test
    # database must be a file both processes open, not Django's in-memory default.
    DATABASES["default"]["TEST"] = {"NAME": Path(tempfile.gettempdir()) / f"django-shop-test-{os.getpid()}.sqlite3"}

# uzpay: the providers' configs, as the fields of uzpay.ViaConfig and uzpay.PaylovConfig
# (shop/payments.py makes the configs from them). Without the environment they point
# at the uzpay sandbox (`cargo run -p uzpay-sandbox -- --port 8099`) and its published
# credentials; in production set every variable below.
SANDBOX_URL = os.environ.get("UZPAY_SANDBOX_URL", "http://127.0.0.1:8099")
UZPAY_VIA = {
    "base_url": os.environ.get("VIA_BASE_URL", f"{SANDBOX_URL}/via"),
    "client_id": os.environ.get("VIA_CLIENT_ID", "sandbox-client"),
    "client_secret": os.environ.get("VIA_CLIENT_SECRET", "sandbox-secret"),
}
VIA_MERCHANT_ID = os.environ.get("VIA_MERCHANT_ID", "mrt_sandbox")
UZPAY_PAYLOV = {
    "base_url": os.environ.get("PAYLOV_BASE_URL", f"{SANDBOX_URL}/paylov"),
    "api_key": os.environ.get("PAYLOV_API_KEY", "sandbox-paylov-key"),
}
# Seconds to wait for each provider answer. A request without a timeout could hold a
# worker (and its flow) forever.
UZPAY_TIMEOUT = float(os.environ.get("UZPAY_TIMEOUT", "15"))
# The shop's taxpayer number (INN/TIN), printed on every receipt line as the seller.
SHOP_TIN = os.environ.get("SHOP_TIN", "310100000")
