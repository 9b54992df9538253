"""What PaymentsGate's operations return: the outputs of ``parse_auth_token``,
``parse_refresh_token``, ``parse_create_payin``, ``parse_payin_credentials`` and
``parse_deal_status``.

Statuses are PaymentsGate's own strings, kept verbatim; ``type`` keeps the provider's
name.
"""

from __future__ import annotations

from uzpay._record import Record

__all__ = [
    "AuthTokenOutput",
    "CreatePayinOutput",
    "PayinCredentialsOutput",
    "CredentialsCurrency",
    "CredentialsBank",
    "BankLogo",
    "DealStatusOutput",
]


class AuthTokenOutput(Record):
    """A fresh pair of tokens (``paymentsgate.auth_token`` and ``refresh_token``).
    ``repr()`` hides both tokens; ``to_dict()`` and the attributes carry them."""

    __slots__ = ("access_token", "refresh_token", "expires_in")
    _secret = frozenset({"access_token", "refresh_token"})

    access_token: str
    """The bearer token: ``PaymentsGateConfig(base_url, access_token)``."""
    refresh_token: str
    """The token for ``build_refresh_token``."""
    expires_in: int
    """Seconds until ``access_token`` expires."""


class CreatePayinOutput(Record):
    """The created deal (``paymentsgate.create_payin``)."""

    __slots__ = ("id", "status", "type", "url")

    id: str
    """The deal's id."""
    status: str
    """Its status: ``queued``, ``new``, ``pending``, ``paid``, ``completed``, ..."""
    type: str
    """The deal's type, e.g. ``oneclick``."""
    url: str | None
    """The payment page to send the customer to."""


class BankLogo(Record):
    """A bank's logos."""

    __slots__ = ("short", "full")

    short: str
    """The small logo's URL."""
    full: str
    """The full logo's URL."""


class CredentialsCurrency(Record):
    """The currency of payin credentials."""

    __slots__ = ("id", "type", "code", "symbol", "label", "decimal", "country_name", "country_code")

    id: str
    type: str
    """e.g. ``FIAT``."""
    code: str
    """ISO code, e.g. ``UZS``."""
    symbol: str
    label: str
    decimal: int
    """Decimal places."""
    country_name: str
    country_code: str
    """e.g. ``UZ``."""


class CredentialsBank(Record):
    """The bank behind payin credentials."""

    __slots__ = (
        "id",
        "name",
        "alias",
        "logo",
        "type",
        "automation_available",
        "enabled",
        "is_top_bank",
        "tag_color",
        "currency",
        "currency_id",
        "country",
        "supported_payment_systems",
        "tid",
        "is_any_bank",
    )
    _nested = {"logo": BankLogo}

    id: str
    name: str
    """The bank's name, e.g. ``Humo``."""
    alias: str
    logo: BankLogo | None
    type: str
    automation_available: bool
    enabled: bool
    is_top_bank: bool
    tag_color: str
    currency: str
    currency_id: str
    country: str
    supported_payment_systems: tuple[str, ...]
    tid: str
    is_any_bank: bool


class PayinCredentialsOutput(Record):
    """Where the customer should send the money (``paymentsgate.payin_credentials``)."""

    __slots__ = (
        "account_number",
        "account_owner",
        "account_iban",
        "account_phone",
        "currency",
        "bank",
        "type",
        "account_subtype",
    )
    _nested = {"currency": CredentialsCurrency, "bank": CredentialsBank}

    account_number: str
    """The card or account number."""
    account_owner: str
    """The holder's name."""
    account_iban: str
    account_phone: str
    currency: CredentialsCurrency | None
    bank: CredentialsBank | None
    type: str
    """e.g. ``custom``."""
    account_subtype: str
    """e.g. ``oneclick``."""


class DealStatusOutput(Record):
    """A deal as PaymentsGate has it (``paymentsgate.deal_status``)."""

    __slots__ = ("id", "status", "type", "url", "amount", "currency", "invoice_id")

    id: str
    """The deal's id."""
    status: str
    """``paid`` and ``completed`` are paid; ``canceled`` and ``expired`` are final."""
    type: str
    """The deal's type, e.g. ``oneclick``."""
    url: str | None
    """The payment page."""
    amount: int | None
    """The amount in tiyin (read exactly from PaymentsGate's som)."""
    currency: str | None
    """The currency code."""
    invoice_id: str | None
    """The merchant's invoice id."""
