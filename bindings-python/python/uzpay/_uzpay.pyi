"""Types of ``uzpay._uzpay``, the native half of uzpay (import ``uzpay``, not this).

Build functions take a config, then the input as a dict, as keyword arguments, or
both; names are the core's canonical snake_case names. Every amount is an ``int`` of
tiyin (1 UZS = 100 tiyin); a float, a ``Decimal`` or a bool where a number belongs
raises ``InputTypeError``. Parse functions take ``(status, headers, body)`` and return
the operation's frozen output, or raise an ``UzpayError``.
"""

import datetime as _dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal, final

from typing_extensions import Self, TypeAlias

from uzpay.fiscalbox import AnorConfirmOutput, AnorPaymentOutput, ClickConfirmOutput, ClickPaymentOutput
from uzpay.paylov import ReceiptStatusOutput, RefundReceiptOutput, RegisterReceiptOutput
from uzpay.paymentsgate import (
    AuthTokenOutput,
    CreatePayinOutput,
    DealStatusOutput,
    PayinCredentialsOutput,
)
from uzpay.receipt import Item, ReceiptTotals
from uzpay.via import ConfirmPayOutput, ResendCodeOutput, ViaTransaction

__version__: str
#: Every operation uzpay implements, by its core name (``paylov.register_receipt``).
OPERATIONS: tuple[str, ...]
#: The largest response body the parsers read (1 MiB).
MAX_BODY_BYTES: int
#: The mask that stands for a credential wherever uzpay shows one: ``***``.
REDACTED: str

#: An operation's input as a dict of canonical names.
_Input: TypeAlias = Mapping[str, Any]
#: A receipt line: an ``Item`` or a dict with the same keys.
_ItemLike: TypeAlias = Item | Mapping[str, Any]
#: Response headers: a mapping (``requests``' headers, a dict) or ``(name, value)`` pairs.
_Headers: TypeAlias = Mapping[str, str] | Iterable[tuple[str, str]] | None
#: A response body: bytes, or text (sent as UTF-8).
_Body: TypeAlias = bytes | bytearray | memoryview | str | None

# Configs ---------------------------------------------------------------------------

@final
class FiscalBoxConfig:
    """How to reach FiscalBox. Its ``/payment/*`` calls take no credentials."""

    DEFAULT_BASE_URL: str
    def __new__(cls, base_url: str | None = None) -> Self: ...
    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self: ...
    @property
    def base_url(self) -> str: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class PaylovConfig:
    """How to reach Paylov. The api key never appears in ``repr()`` or ``str()``."""

    PRODUCTION_BASE_URL: str
    SANDBOX_BASE_URL: str
    def __new__(
        cls,
        api_key: str,
        base_url: str | None = None,
        use_deprecated_register_path: bool | None = None,
    ) -> Self: ...
    @classmethod
    def sandbox(cls, api_key: str) -> Self: ...
    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self: ...
    @property
    def base_url(self) -> str: ...
    @property
    def use_deprecated_register_path(self) -> bool: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class PaymentsGateConfig:
    """How to reach PaymentsGate. The token never appears in ``repr()`` or ``str()``;
    only ``build_auth_token`` and ``build_refresh_token`` work without one."""

    def __new__(cls, base_url: str, access_token: str | None = None) -> Self: ...
    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self: ...
    @property
    def base_url(self) -> str: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class ViaConfig:
    """How to reach VIA. The client secret never appears in ``repr()`` or ``str()``."""

    SANDBOX_BASE_URL: str
    def __new__(cls, base_url: str, client_id: str, client_secret: str) -> Self: ...
    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self: ...
    @property
    def base_url(self) -> str: ...
    @property
    def client_id(self) -> str: ...
    def __eq__(self, value: object, /) -> bool: ...

# Requests --------------------------------------------------------------------------

@final
class HttpRequest:
    """A request built and validated by uzpay; nothing has been sent. ``repr()`` masks
    credential headers and shows the body only as its length."""

    @property
    def method(self) -> Literal["GET", "POST"]: ...
    @property
    def url(self) -> str: ...
    @property
    def headers(self) -> list[tuple[str, str]]: ...
    @property
    def body(self) -> bytes: ...
    def header(self, name: str) -> str | None: ...
    def json(self) -> Any: ...
    def redacted(self) -> HttpRequest: ...
    def __eq__(self, value: object, /) -> bool: ...

# Operations ------------------------------------------------------------------------
# One build_*/parse_* pair per operation of the core, in the core's order.

def build_click_payment(
    config: FiscalBoxConfig, input: _Input | None = None, /, *, amount: int = ..., qr_code: str = ...
) -> HttpRequest: ...
def parse_click_payment(status: int, headers: _Headers, body: _Body) -> ClickPaymentOutput: ...
def build_click_confirm(
    config: FiscalBoxConfig, input: _Input | None = None, /, *, payment_id: str = ..., qr_code: str = ...
) -> HttpRequest: ...
def parse_click_confirm(status: int, headers: _Headers, body: _Body) -> ClickConfirmOutput: ...
def build_anor_payment(
    config: FiscalBoxConfig, input: _Input | None = None, /, *, amount: int = ..., qr_code: str = ...
) -> HttpRequest: ...
def parse_anor_payment(status: int, headers: _Headers, body: _Body) -> AnorPaymentOutput: ...
def build_anor_confirm(
    config: FiscalBoxConfig,
    input: _Input | None = None,
    /,
    *,
    transaction_id: str = ...,
    qr_code: str = ...,
) -> HttpRequest: ...
def parse_anor_confirm(status: int, headers: _Headers, body: _Body) -> AnorConfirmOutput: ...
def build_register_receipt(
    config: PaylovConfig,
    input: _Input | None = None,
    /,
    *,
    transaction_id: str | None = ...,
    external_id: str | None = ...,
    phone_number: str | None = ...,
    items: Sequence[_ItemLike] = ...,
) -> HttpRequest: ...
def parse_register_receipt(status: int, headers: _Headers, body: _Body) -> RegisterReceiptOutput: ...
def build_receipt_status(
    config: PaylovConfig,
    input: _Input | None = None,
    /,
    *,
    transaction_id: str | None = ...,
    external_id: str | None = ...,
) -> HttpRequest: ...
def parse_receipt_status(status: int, headers: _Headers, body: _Body) -> ReceiptStatusOutput: ...
def build_refund_receipt(
    config: PaylovConfig, input: _Input | None = None, /, *, receipt_id: int = ...
) -> HttpRequest: ...
def parse_refund_receipt(status: int, headers: _Headers, body: _Body) -> RefundReceiptOutput: ...
def build_auth_token(
    config: PaymentsGateConfig,
    input: _Input | None = None,
    /,
    *,
    account_id: str = ...,
    public_key: str = ...,
) -> HttpRequest: ...
def parse_auth_token(status: int, headers: _Headers, body: _Body) -> AuthTokenOutput: ...
def build_refresh_token(
    config: PaymentsGateConfig, input: _Input | None = None, /, *, refresh_token: str = ...
) -> HttpRequest: ...
def parse_refresh_token(status: int, headers: _Headers, body: _Body) -> AuthTokenOutput: ...
def build_create_payin(
    config: PaymentsGateConfig,
    input: _Input | None = None,
    /,
    *,
    amount: int = ...,
    invoice_id: str = ...,
    currency: Literal["UZS"] = ...,
    type: Literal["oneclick"] = ...,
    success_url: str | None = ...,
    fail_url: str | None = ...,
    back_url: str | None = ...,
    lang: Literal["EN", "UZ", "RU"] | None = ...,
) -> HttpRequest: ...
def parse_create_payin(status: int, headers: _Headers, body: _Body) -> CreatePayinOutput: ...
def build_payin_credentials(
    config: PaymentsGateConfig, input: _Input | None = None, /, *, deal_id: str = ...
) -> HttpRequest: ...
def parse_payin_credentials(status: int, headers: _Headers, body: _Body) -> PayinCredentialsOutput: ...
def build_deal_status(
    config: PaymentsGateConfig, input: _Input | None = None, /, *, deal_id: str = ...
) -> HttpRequest: ...
def parse_deal_status(status: int, headers: _Headers, body: _Body) -> DealStatusOutput: ...
def build_confirm_pay(
    config: ViaConfig,
    input: _Input | None = None,
    /,
    *,
    merchant_id: str = ...,
    card: Mapping[Literal["pan", "expiry"], str] = ...,
    external_id: str = ...,
    amount: int = ...,
    currency: Literal["UZS"] = ...,
    note: str | None = ...,
) -> HttpRequest: ...
def parse_confirm_pay(status: int, headers: _Headers, body: _Body) -> ConfirmPayOutput: ...
def build_confirm_pay_verify(
    config: ViaConfig,
    input: _Input | None = None,
    /,
    *,
    verify_id: str = ...,
    verify_code: str = ...,
) -> HttpRequest: ...
def parse_confirm_pay_verify(status: int, headers: _Headers, body: _Body) -> ViaTransaction: ...
def build_resend_code(config: ViaConfig, input: _Input | None = None, /, *, verify_id: str = ...) -> HttpRequest: ...
def parse_resend_code(status: int, headers: _Headers, body: _Body) -> ResendCodeOutput: ...
def build_get_transaction(
    config: ViaConfig,
    input: _Input | None = None,
    /,
    *,
    transaction_id: str | None = ...,
    external_id: str | None = ...,
) -> HttpRequest: ...
def parse_get_transaction(status: int, headers: _Headers, body: _Body) -> ViaTransaction: ...

# The fiscal domain -----------------------------------------------------------------

@final
class OfdReceiptUrl:
    """A fiscal receipt URL (the receipt's QR code), parsed and checked:
    ``https://ofd.soliq.uz/check?t=UZ170703100597&r=2421&c=20230104121801&s=514343190161``.
    ``str()`` is the canonical URL."""

    def __new__(
        cls,
        *,
        terminal_id: str,
        receipt_number: int,
        date_time: str | _dt.datetime,
        fiscal_sign: str,
        kind: Literal["check", "epi"] | None = None,
    ) -> Self: ...
    @staticmethod
    def parse(url: str) -> OfdReceiptUrl: ...
    @property
    def kind(self) -> Literal["check", "epi"]: ...
    @property
    def terminal_id(self) -> str: ...
    @property
    def receipt_number(self) -> int: ...
    @property
    def date_time(self) -> str: ...
    @property
    def datetime(self) -> _dt.datetime: ...
    @property
    def fiscal_sign(self) -> str: ...
    @property
    def url(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

def receipt_totals(items: Sequence[_ItemLike]) -> ReceiptTotals: ...
def vat_included(gross: int, rate_percent: int) -> int: ...
def _panic_for_tests() -> None: ...
