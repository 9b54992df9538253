"""A pure-Python reference for three uzpay operations, the peer of uzpay's Python
binding in the benchmark (bench/python/README.md).

- ``build_register_receipt`` / ``parse_register_receipt``: Paylov ``register_receipt``
- ``build_confirm_pay_verify`` / ``parse_confirm_pay_verify``: VIA ``confirm_pay_verify``
- ``parse_receipt_url``: the OFD receipt URL

Standard library only. The rules, field paths, error kinds, codes and ``retryable``
flags are uzpay's (core/src/paylov, core/src/via, core/src/receipt.rs, validate.rs,
request.rs, response.rs, json.rs, ofd.rs), and so is the order in which they are
checked, so that an input breaking several rules reports the same one:

1. what Python cannot say in JSON (a float, bytes, an int beyond 64 bits), anywhere
   in the input, in dict order (the binding's conversion);
2. the core's decoding: an object's keys in sorted order (serde_json keeps objects
   sorted), then missing fields in declaration order;
3. the operation's rules, then the credentials, then the base URL.

Known differences, all outside the conformance vectors: a JSON array given where an
object belongs is always refused (serde reads some arrays positionally); a response
object with a duplicate key keeps the last value (serde refuses it); the words of
decode messages differ (kind and ``retryable`` do not); exotic floats used as error
codes or ids print as Python prints them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Callable

__all__ = [
    "UzpayError",
    "InvalidInput",
    "InvalidInputError",
    "InputTypeError",
    "ProviderError",
    "HttpError",
    "DecodeError",
    "HttpRequest",
    "RegisterReceiptOutput",
    "Epos",
    "ViaTransaction",
    "OfdReceiptUrl",
    "build_register_receipt",
    "parse_register_receipt",
    "build_confirm_pay_verify",
    "parse_confirm_pay_verify",
    "parse_receipt_url",
]

# Limits (core/src/limits.rs) --------------------------------------------------------

MAX_ITEMS = 1000
MAX_BODY_BYTES = 1024 * 1024
MAX_TEXT_CHARS = 1024
MAX_ID_CHARS = 128
MAX_URL_CHARS = 2048
MAX_CREDENTIAL_CHARS = 8192
MAX_VERIFY_CODE = 12
MAX_PACKAGE_CODE = 32
MAX_NESTING = 32

U16_MAX = 2**16 - 1
U32_MAX = 2**32 - 1
U64_MAX = 2**64 - 1
I64_MIN = -(2**63)
I64_MAX = 2**63 - 1

PAYLOV_PRODUCTION_BASE_URL = "https://gw.paylov.uz"
PAYLOV_REGISTER_PATH = "/merchant/fiscalization/register/"
PAYLOV_DEPRECATED_REGISTER_PATH = "/merchant/registerFiscalReceipt/"
VIA_VERIFY_PATH = "/partner/merchant/confirm/pay/verify"
OFD_HOST = "ofd.soliq.uz"

# Rust's char::is_whitespace (Unicode White_Space), for trim() and "no spaces".
_WHITESPACE = (
    "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)
_ASCII_WHITESPACE = b" \t\n\x0c\r"  # u8::is_ascii_whitespace
_HAS_WHITESPACE = re.compile(f"[{_WHITESPACE}]").search
_HAS_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]").search  # char::is_control
_HAS_SPACE_OR_CONTROL = re.compile(f"[{_WHITESPACE}\x00-\x1f\x7f-\x9f]").search
_PRINTABLE_ASCII = re.compile("[!-~]*").fullmatch  # char::is_ascii_graphic
_PHONE = re.compile(r"\+998[0-9]{9}").fullmatch
_HOST_END = re.compile("[/?#]").search
_TERMINAL_ID = re.compile("[A-Za-z0-9]{1,32}").fullmatch
_FISCAL_SIGN = re.compile("[0-9]{1,32}").fullmatch
_RECEIPT_NUMBER = re.compile("[0-9]{1,20}").fullmatch
_DATE_TIME = re.compile("([0-9]{4})([0-9]{2})([0-9]{2})([0-9]{2})([0-9]{2})([0-9]{2})").fullmatch
_INTEGER_TEXT = re.compile("[+-]?[0-9]+").fullmatch  # str::parse::<i64>

_encode_body = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode
_json_text = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


_decode_json = json.JSONDecoder(parse_constant=_no_constant).decode


# Errors (core/src/error.rs, bindings-python/python/uzpay/errors.py) ------------------


class UzpayError(Exception):
    """Base of every error; ``str()`` reads as uzpay's."""

    kind = "internal"

    def __init__(self, text: str, *, message: str | None = None, retryable: bool = False) -> None:
        super().__init__(text)
        self.message = text if message is None else message
        self.retryable = retryable


class InvalidInputError(UzpayError):
    """Refused before any I/O; ``field`` is the path of the offending input."""

    kind = "invalid_input"

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"invalid input: {field}: {message}", message=message)
        self.field = field


# The short name uzpay keeps too.
InvalidInput = InvalidInputError


class InputTypeError(InvalidInputError, TypeError):
    """A Python type the input never takes (a float, a bool where a number belongs)."""


class ProviderError(UzpayError):
    """The provider said no, whatever the HTTP status."""

    kind = "provider"
    _NAMES = {"paylov": "Paylov", "via": "VIA"}

    def __init__(
        self,
        provider: str,
        code: str,
        message: str,
        status: int,
        *,
        messages: dict[str, str] | None = None,
        details: Any = None,
        retryable: bool = False,
    ) -> None:
        name = self._NAMES[provider]
        if not message.strip(_WHITESPACE):
            what = f"code {code}" if code else "no code"
            message = f"{name} refused the request without a message ({what}, HTTP {status})"
        super().__init__(f"{name} refused the request: {message} (code {code})", message=message, retryable=retryable)
        self.provider = provider
        self.code = code
        self.status = status
        self.messages = {} if messages is None else messages
        self.details = details


class HttpError(UzpayError):
    """A status the operation does not accept, with no provider error in the body."""

    kind = "http"

    def __init__(self, status: int) -> None:
        super().__init__(f"unexpected HTTP status {status}", retryable=_status_retryable(status))
        self.status = status


class DecodeError(UzpayError):
    """The body is not the shape the operation expects."""

    kind = "decode"

    def __init__(self, message: str, *, retryable: bool) -> None:
        super().__init__(f"could not decode the response: {message}", message=message, retryable=retryable)


def _status_retryable(status: int) -> bool:
    return status in (408, 425, 429) or 500 <= status <= 599


# Values -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, repr=False)
class HttpRequest:
    """What to send: the body is UTF-8 JSON."""

    method: str
    url: str
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        name = name.lower()
        return next((v for k, v in self.headers if k.lower() == name), None)

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None

    def __repr__(self) -> str:  # credentials never print; a body may carry card data
        headers = [(k, "***" if k.lower() in _SENSITIVE_HEADERS else v) for k, v in self.headers]
        return (
            f"HttpRequest(method={self.method!r}, url={self.url!r}, headers={headers!r}, body=<{len(self.body)} bytes>)"
        )


_SENSITIVE_HEADERS = frozenset(
    ["authorization", "proxy-authorization", "api-key", "x-api-key", "client-secret", "cookie", "set-cookie"]
)


@dataclass(frozen=True, slots=True)
class RegisterReceiptOutput:
    receipt_url: str
    terminal_id: str
    receipt_id: int
    fiscal_sign: str


@dataclass(frozen=True, slots=True)
class Epos:
    merchant_id: str | None
    terminal_id: str | None


@dataclass(frozen=True, slots=True)
class ViaTransaction:
    transaction_id: str
    processing_transaction_id: str | None
    merchant_id: str
    amount: int
    created_at: int | None
    payed_at: int | None
    status: str
    fee: int
    fee_percent: float
    currency: str
    epos: Epos | None
    error_code: str | None
    error_message: str | None
    refunded_amount: int | None
    process: str | None


@dataclass(frozen=True, slots=True)
class OfdReceiptUrl:
    kind: str  # "check" or "epi"
    terminal_id: str
    receipt_number: int
    date_time: str  # YYYYMMDDhhmmss
    fiscal_sign: str

    @property
    def url(self) -> str:
        """The canonical URL."""
        return (
            f"https://{OFD_HOST}/{self.kind}?t={self.terminal_id}&r={self.receipt_number}"
            f"&c={self.date_time}&s={self.fiscal_sign}"
        )

    def __str__(self) -> str:
        return self.url


# Input decoding (bindings-python/src/convert.rs, core/src/json.rs) --------------------

_ABSENT: Any = object()  # a key that is not there
_REQUIRED: Any = object()  # a field without a default

_FLOAT_WORDS = (
    "must be an int, not {}: money is integer tiyin (1 UZS = 100 tiyin, so 11,200.00 UZS is 1120000) "
    "and uzpay inputs never take fractions"
)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _json_type(value: Any) -> str:
    """What serde calls the value it got, in uzpay's words."""
    if value is None:
        return "null"
    if value is True or value is False:
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number with a fraction"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, (list, tuple)):
        return "an array"
    if isinstance(value, Mapping):
        return "an object"
    return "a value of another type"


def _refusal(value: Any, path: str = "", depth: int = 0) -> InvalidInput | None:
    """The first value (in dict order) uzpay's binding refuses before the core sees
    the input, or None. Only called once something was refused, to report the same
    error uzpay reports first."""
    if depth > MAX_NESTING:
        return InvalidInput(path, "is nested too deeply")
    if value is None or value is True or value is False:
        return None
    if isinstance(value, int):
        if I64_MIN <= value <= U64_MAX:
            return None
        return InvalidInput(path, "is out of range: whole numbers in uzpay fit in 64 bits")
    if isinstance(value, str):
        return None if _is_unicode(value) else InvalidInput(path, "is not valid Unicode text")
    if isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            refused = _refusal(item, f"{path}[{index}]", depth + 1)
            if refused:
                return refused
        return None
    if isinstance(value, float):
        # A float reaches uzpay's core, which refuses it where it stands (see _wrong).
        finite = value == value and value not in (float("inf"), float("-inf"))
        return None if finite else InputTypeError(path, "must be a finite number")
    if isinstance(value, Mapping):
        for key, item in value.items():
            if not isinstance(key, str):
                return InputTypeError(path, f"has a key that is not a str but {type(key).__name__}")
            if not _is_unicode(key):
                return InvalidInput(path, "has a key that is not valid Unicode text")
            refused = _refusal(item, _join(path, key), depth + 1)
            if refused:
                return refused
        return None
    import numbers  # only on the error path

    if isinstance(value, numbers.Number):
        return InputTypeError(path, _FLOAT_WORDS.format(f"a {type(value).__name__}"))
    return InputTypeError(path, f"must be a str, int, bool, None, list or dict, not {type(value).__name__}")


def _is_unicode(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return False
    return True


def _wrong(value: Any, path: str, key: str, expected: str) -> InvalidInput:
    got = _json_type(value)
    if isinstance(value, float) and expected.startswith("a whole number"):
        return InputTypeError(_join(path, key), _FLOAT_WORDS.format("a float"))
    error = InputTypeError if got == "a boolean" or isinstance(value, float) else InvalidInput
    return error(_join(path, key), f"must be {expected}, not {got}")


def _string(value: Any, path: str, key: str) -> str:
    if type(value) is str:
        return value
    if isinstance(value, str):
        return str(value)
    raise _wrong(value, path, key, "a string")


def _opt_string(value: Any, path: str, key: str) -> str | None:
    return None if value is None else _string(value, path, key)


def _unsigned(value: Any, path: str, key: str, maximum: int) -> int:
    if type(value) is int and 0 <= value <= maximum:
        return value
    if isinstance(value, int) and value is not True and value is not False:
        if value < 0:
            raise InvalidInput(_join(path, key), "must not be negative")
        if value > maximum:
            raise InvalidInput(_join(path, key), "is out of range: must be a whole number, zero or more")
        return int(value)
    raise _wrong(value, path, key, "a whole number, zero or more")


def _u64(value: Any, path: str, key: str) -> int:
    return _unsigned(value, path, key, U64_MAX)


def _u32(value: Any, path: str, key: str) -> int:
    return _unsigned(value, path, key, U32_MAX)


def _bool(value: Any, path: str, key: str) -> bool:
    if value is True or value is False:
        return value
    raise _wrong(value, path, key, "true or false")


# A struct's fields: name -> (check, default), in sorted order (the order serde meets
# the keys of a JSON object); and its required fields in declaration order (the order
# serde reports them missing in).
Fields = dict[str, tuple[Callable[[Any, str, str], Any], Any]]


def _object(raw: Any, fields: Fields, required: tuple[str, ...], path: str) -> dict[str, Any]:
    if type(raw) is not dict:
        if not isinstance(raw, Mapping):
            if isinstance(raw, (list, tuple)):
                raise InvalidInput(path, "must be an object with named fields, not an array")
            got = _json_type(raw)
            raise (InputTypeError if got == "a boolean" else InvalidInput)(path, f"must be an object, not {got}")
        raw = dict(raw)
    if raw.keys() - fields.keys():
        for key in sorted(raw, key=str):  # a key that is not a str is refused by _refusal
            if key not in fields:  # uzpay calls a bool it refused a type error, wherever it is
                error = InputTypeError if type(raw[key]) is bool else InvalidInput
                raise error(_join(path, key), "is not a known field (check its spelling)")
            fields[key][0](raw[key], path, key)
    out = {}
    missing = False
    for key, (check, default) in fields.items():
        value = raw.get(key, _ABSENT)
        if value is not _ABSENT:
            out[key] = check(value, path, key)
        elif default is _REQUIRED:
            missing = True
        else:
            out[key] = default
    if missing:
        key = next(k for k in required if k not in raw)
        raise InvalidInput(_join(path, key), "is required")
    return out


def _decode(raw: Any, fields: Fields, required: tuple[str, ...], what: str) -> dict[str, Any]:
    if raw is None:
        raw = {}
    elif not isinstance(raw, Mapping):
        raise TypeError(f"{what} must be a dict of its fields")
    return _object(raw, fields, required, "")


_ITEM_FIELDS: Fields = {
    "code": (_string, _REQUIRED),
    "count": (_u64, _REQUIRED),
    "discount": (_u64, 0),
    "package_code": (_string, _REQUIRED),
    "pinfl": (_opt_string, None),
    "price": (_u64, _REQUIRED),
    "tin": (_opt_string, None),
    "title": (_string, _REQUIRED),
    "vat_percent": (_u32, _REQUIRED),
}
_ITEM_REQUIRED = ("title", "price", "count", "code", "vat_percent", "package_code")


_ITEM_KEYS = frozenset(_ITEM_FIELDS)


def _is_typed_item(raw: Any) -> bool:
    """Whether an item is a dict whose fields all have their types: then it is its
    own decoded form (``discount``, ``pinfl`` and ``tin`` may be absent). The common
    case, checked in one pass; anything else goes through ``_object``."""
    if type(raw) is not dict or not raw.keys() <= _ITEM_KEYS:
        return False
    get = raw.get
    price, discount, count, vat_percent = get("price"), get("discount", 0), get("count"), get("vat_percent")
    pinfl, tin = get("pinfl"), get("tin")
    return (
        type(get("title")) is str
        and type(get("code")) is str
        and type(get("package_code")) is str
        and type(price) is int
        and type(discount) is int
        and type(count) is int
        and type(vat_percent) is int
        and 0 <= price <= U64_MAX
        and 0 <= discount <= U64_MAX
        and 0 <= count <= U64_MAX
        and 0 <= vat_percent <= U32_MAX
        and (pinfl is None or type(pinfl) is str)
        and (tin is None or type(tin) is str)
    )


def _items(value: Any, path: str, key: str) -> list[dict[str, Any]]:
    if type(value) is not list and not isinstance(value, (list, tuple)):
        raise _wrong(value, path, key, "a sequence")
    if all(map(_is_typed_item, value)):
        return value if type(value) is list else list(value)
    field = _join(path, key)
    return [
        item if _is_typed_item(item) else _object(item, _ITEM_FIELDS, _ITEM_REQUIRED, f"{field}[{i}]")
        for i, item in enumerate(value)
    ]


_REGISTER_FIELDS: Fields = {
    "external_id": (_opt_string, None),
    "items": (_items, _REQUIRED),
    "phone_number": (_opt_string, None),
    "transaction_id": (_opt_string, None),
}
_REGISTER_REQUIRED = ("items",)

_VERIFY_FIELDS: Fields = {"verify_code": (_string, _REQUIRED), "verify_id": (_string, _REQUIRED)}
_VERIFY_REQUIRED = ("verify_id", "verify_code")

_PAYLOV_CONFIG_FIELDS: Fields = {
    "api_key": (_string, _REQUIRED),
    "base_url": (_string, PAYLOV_PRODUCTION_BASE_URL),
    "use_deprecated_register_path": (_bool, False),
}
_PAYLOV_CONFIG_REQUIRED = ("api_key",)

_VIA_CONFIG_FIELDS: Fields = {
    "base_url": (_string, _REQUIRED),
    "client_id": (_string, _REQUIRED),
    "client_secret": (_string, _REQUIRED),
}
_VIA_CONFIG_REQUIRED = ("base_url", "client_id", "client_secret")


def _config(raw: Any, fields: Fields, required: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(raw, Mapping):
        raise TypeError("the config must be a dict of its fields")
    try:
        config = _object(raw, fields, required, "")
        if not all(_is_unicode(v) for v in config.values() if type(v) is str and not v.isascii()):
            raise InvalidInput("", "has a value that is not valid Unicode text")  # _refusal names it
    except InvalidInput as error:
        raise (_refusal(raw) or error) from None
    return config


# Rules (core/src/validate.rs, request.rs, receipt.rs) ----------------------------------


# Each rule returns what is wrong with the value (None: nothing), so that the caller
# builds the field's path only for an error.


def _text_problem(value: str, max_chars: int = MAX_TEXT_CHARS) -> str | None:
    """A non-empty text without control characters (a title)."""
    if not value.strip(_WHITESPACE):
        return "is required and must not be empty"
    if len(value) > max_chars:
        return f"is too long: {len(value)} characters, at most {max_chars}"
    if _HAS_CONTROL(value):
        return "must not contain control characters"
    return None


def _id(field: str, value: str) -> None:
    """An identifier: a text of at most MAX_ID_CHARS, without white space."""
    problem = _text_problem(value, MAX_ID_CHARS)
    if problem is None and _HAS_WHITESPACE(value):
        problem = "must not contain spaces"
    if problem:
        raise InvalidInput(field, problem)


def _is_digits(value: str) -> bool:
    return value.isascii() and value.isdigit()


def _describe(value: str) -> str:
    """A refused value without echoing it (it may be personal data)."""
    if not value:
        return "an empty value"
    non_digits = sum(1 for c in value if not ("0" <= c <= "9"))
    return f"{len(value)} digits" if not non_digits else f"{len(value)} characters, {non_digits} of them not digits"


def _digits_exact_problem(value: str, length: int, what: str) -> str | None:
    if len(value) != length or not _is_digits(value):
        return f"must be {what}: exactly {length} digits, got {_describe(value)}"
    return None


def _digits_problem(value: str, max_len: int) -> str | None:
    if not value:
        return "is required and must not be empty"
    if len(value) > max_len or not _is_digits(value):
        return f"must be digits only (at most {max_len}), got {_describe(value)}"
    return None


def _credential(field: str, value: str) -> None:
    if not value.strip(_WHITESPACE):
        raise InvalidInput(field, "is required: set it in the provider config")
    if len(value) > MAX_CREDENTIAL_CHARS:
        raise InvalidInput(field, f"is too long: at most {MAX_CREDENTIAL_CHARS} characters")
    if not _PRINTABLE_ASCII(value):
        raise InvalidInput(field, "must be printable ASCII (letters, digits, punctuation; no spaces or line breaks)")


def _strip_scheme(value: str) -> str | None:
    """The part after ``https://`` or ``http://`` (any case), or None."""
    head = value[:8].lower()
    if head == "https://":
        return value[8:]
    if head[:7] == "http://":
        return value[7:]
    return None


def _endpoint_url(base_url: str, path: str) -> str:
    field = "base_url"
    if not base_url:
        raise InvalidInput(field, "is required and must not be empty")
    if len(base_url) > MAX_URL_CHARS:
        raise InvalidInput(field, f"is too long: at most {MAX_URL_CHARS} characters")
    if _HAS_SPACE_OR_CONTROL(base_url):
        raise InvalidInput(field, "must not contain spaces or control characters")
    rest = _strip_scheme(base_url)
    if rest is None:
        raise InvalidInput(field, "must be an absolute http:// or https:// URL")
    end = _HOST_END(rest)
    authority = rest[: end.start()] if end else rest
    if not authority or authority[0] == ":" or "@" in authority:
        raise InvalidInput(field, "must name a host (and no user info)")
    if "?" in rest or "#" in rest:
        raise InvalidInput(field, "must not contain a query or a fragment")
    return f"{base_url.rstrip('/')}/{path.lstrip('/')}"


def _post_json(url: str, auth: list[tuple[str, str]], body: dict[str, Any]) -> HttpRequest:
    headers = [("Content-Type", "application/json"), ("Accept", "application/json"), *auth]
    return HttpRequest("POST", url, headers, _encode_body(body).encode())


def _receipt_item(item: dict[str, Any], index: int) -> dict[str, Any]:
    """Checks one decoded item (ReceiptItem::validate, in its order) and returns its
    wire form."""
    get = item.get
    title, price, discount, count = item["title"], item["price"], get("discount", 0), item["count"]
    code, vat_percent, package_code = item["code"], item["vat_percent"], item["package_code"]
    pinfl, tin = get("pinfl"), get("tin")
    problem = _text_problem(title)
    if problem:
        raise InvalidInput(f"items[{index}].title", problem)
    if count == 0:
        raise InvalidInput(f"items[{index}].count", "must be at least 1")
    if discount > price:
        raise InvalidInput(
            f"items[{index}].discount", f"must not exceed the price ({price} tiyin), got {discount} tiyin"
        )
    problem = _digits_exact_problem(code, 17, "the IKPU/MXIK code")
    if problem:
        raise InvalidInput(f"items[{index}].code", problem)
    if vat_percent > 100:
        raise InvalidInput(f"items[{index}].vat_percent", f"must be a percentage from 0 to 100, got {vat_percent}")
    problem = _digits_problem(package_code, MAX_PACKAGE_CODE)
    if problem:
        raise InvalidInput(f"items[{index}].package_code", problem)
    wire = {
        "title": title,
        "price": price,
        "discount": discount,
        "count": count,
        "code": code,
        "vat_percent": vat_percent,
        "package_code": package_code,
    }
    if pinfl is not None:
        if tin is not None:
            raise InvalidInput(
                f"items[{index}]", "give either pinfl (an individual seller) or tin (a company), not both"
            )
        problem = _digits_exact_problem(pinfl, 14, "a PINFL")
        if problem:
            raise InvalidInput(f"items[{index}].pinfl", problem)
        wire["pinfl"] = pinfl
    elif tin is not None:
        problem = _digits_exact_problem(tin, 9, "a TIN")
        if problem:
            raise InvalidInput(f"items[{index}].tin", problem)
        wire["tin"] = tin
    else:
        raise InvalidInput(f"items[{index}]", "needs the seller's pinfl (14 digits) or tin (9 digits)")
    if price * count > U64_MAX:  # the line's amounts must be computable in u64
        raise InvalidInput(f"items[{index}].count", "price x count is too large to compute (over 2^64 tiyin)")
    return wire


# Paylov register_receipt --------------------------------------------------------------


def build_register_receipt(config: Mapping[str, Any], input: Mapping[str, Any] | None) -> HttpRequest:
    """Validates the payment form and every item, then builds the register request."""
    cfg = _config(config, _PAYLOV_CONFIG_FIELDS, _PAYLOV_CONFIG_REQUIRED)
    try:
        data = _decode(input, _REGISTER_FIELDS, _REGISTER_REQUIRED, "input")
        body = _register_body(data)
        _credential("api_key", cfg["api_key"])
        path = PAYLOV_DEPRECATED_REGISTER_PATH if cfg["use_deprecated_register_path"] else PAYLOV_REGISTER_PATH
        url = _endpoint_url(cfg["base_url"], path)
        return _post_json(url, [("api-key", cfg["api_key"])], body)
    except (InvalidInput, UnicodeEncodeError) as error:  # a lone surrogate fails the encoding
        raise (_refusal(input) or error) from None


def _register_body(data: dict[str, Any]) -> dict[str, Any]:
    transaction_id, external_id, phone = data["transaction_id"], data["external_id"], data["phone_number"]
    cash = external_id is not None or phone is not None
    body: dict[str, Any] = {}
    if transaction_id is not None:
        if cash:
            raise InvalidInput(
                "transaction_id",
                "give either transaction_id (a card payment) or external_id with phone_number "
                "(a cash payment), not both",
            )
        _id("transaction_id", transaction_id)
        body["transactionId"] = transaction_id
    elif not cash:
        raise InvalidInput(
            "transaction_id", "is required for a card payment; for a cash payment give external_id and phone_number"
        )
    else:
        if external_id is None:
            raise InvalidInput("external_id", "is required for a cash payment (with phone_number)")
        _id("external_id", external_id)
        if phone is None:
            raise InvalidInput("phone_number", "is required for a cash payment (with external_id)")
        if not _PHONE(phone):
            raise InvalidInput(
                "phone_number", "must be an Uzbek phone number: +998 followed by 9 digits, e.g. +998901234567"
            )
        body["externalId"] = external_id
        body["phoneNumber"] = phone
    items = data["items"]
    if not items:
        raise InvalidInput("items", "must contain at least one item")
    if len(items) > MAX_ITEMS:
        raise InvalidInput("items", f"has {len(items)} items, at most {MAX_ITEMS} are allowed")
    body["items"] = [_receipt_item(item, i) for i, item in enumerate(items)]
    return body


def parse_register_receipt(status: int, headers: Any, body: bytes | str | None) -> RegisterReceiptOutput:
    """The registered receipt, or the error the answer means (a provider error whatever
    the status; ``ofd_check_already_generated`` is final)."""
    status, body = _response(status, body)
    try:
        doc = _read_json(body)
        result, error, output = _paylov_envelope(doc)
    except _BadShape as shape:
        raise _unexpected(status, body, shape.problem) from None
    if error is not None:
        raise _paylov_error(error, status)
    if not 200 <= status <= 299:
        raise HttpError(status)
    if result is None:
        raise _unexpected(status, body, "the body has no result")
    if output is None:
        raise _unexpected(status, body, "the body has no result.ofd")
    return output


def _paylov_envelope(doc: Any) -> tuple[Any, Any, RegisterReceiptOutput | None]:
    """Checks the whole envelope's shape, as serde decodes it before anything is decided."""
    if type(doc) is not dict:
        raise _BadShape(f"expected an object, got {_json_type(doc)}")
    result, error, output = doc.get("result"), doc.get("error"), None
    if result is not None:
        if type(result) is not dict:
            raise _BadShape(f"result: expected an object, got {_json_type(result)}")
        ofd = result.get("ofd")
        if ofd is not None:
            output = _receipt_output(ofd)
    if error is not None:
        if type(error) is not dict:
            raise _BadShape(f"error: expected an object, got {_json_type(error)}")
        message = error.get("message")
        if message is not None and type(message) is not str:
            raise _BadShape("error.message: expected a string")
    return result, error, output


def _receipt_output(ofd: Any) -> RegisterReceiptOutput:
    if type(ofd) is not dict:
        raise _BadShape(f"result.ofd: expected an object, got {_json_type(ofd)}")
    url = ofd.get("receiptUrl", _ABSENT)
    if type(url) is not str:
        raise _BadShape("result.ofd.receiptUrl: expected a string")
    receipt_id = ofd.get("receiptId", _ABSENT)
    if type(receipt_id) is not int:
        receipt_id = _integer_text(receipt_id, "result.ofd.receiptId")
    elif not I64_MIN <= receipt_id <= I64_MAX:
        raise _BadShape("result.ofd.receiptId: expected an integer, got an out-of-range number")
    return RegisterReceiptOutput(
        url,
        _text_or_number(ofd.get("terminalId", _ABSENT), "result.ofd.terminalId"),
        receipt_id,
        _text_or_number(ofd.get("fiscalSign", _ABSENT), "result.ofd.fiscalSign"),
    )


def _paylov_error(error: dict[str, Any], status: int) -> ProviderError:
    code = _code_text(error.get("code"))
    message = error.get("message")
    data = error.get("data")
    return ProviderError(
        "paylov",
        code,
        code if message is None else message,
        status,
        details=data,
        retryable=code in ("ofd_error", "server_error") or _status_retryable(status),
    )


# VIA confirm_pay_verify ---------------------------------------------------------------


def build_confirm_pay_verify(config: Mapping[str, Any], input: Mapping[str, Any] | None) -> HttpRequest:
    """Validates the input and builds ``POST /partner/merchant/confirm/pay/verify``."""
    cfg = _config(config, _VIA_CONFIG_FIELDS, _VIA_CONFIG_REQUIRED)
    try:
        data = _decode(input, _VERIFY_FIELDS, _VERIFY_REQUIRED, "input")
        verify_id, verify_code = data["verify_id"], data["verify_code"]
        _id("verify_id", verify_id)
        if not verify_code:
            raise InvalidInput("verify_code", "is required: the code from the SMS")
        problem = _digits_problem(verify_code, MAX_VERIFY_CODE)
        if problem:
            raise InvalidInput("verify_code", problem)
        client_id, client_secret = cfg["client_id"], cfg["client_secret"]
        _credential("client_id", client_id)
        _credential("client_secret", client_secret)
        url = _endpoint_url(cfg["base_url"], VIA_VERIFY_PATH)
        auth = [("client-id", client_id), ("client-secret", client_secret)]
        return _post_json(url, auth, {"verifyId": verify_id, "verifyCode": verify_code})
    except (InvalidInput, UnicodeEncodeError) as error:  # a lone surrogate fails the encoding
        raise (_refusal(input) or error) from None


def parse_confirm_pay_verify(status: int, headers: Any, body: bytes | str | None) -> ViaTransaction:
    """The transaction whatever its status (a REJECT is a transaction), or the error."""
    status, body = _response(status, body)
    doc = _ABSENT
    try:
        doc = _read_json(body)
        transaction = _via_transaction(doc)
    except _BadShape as shape:
        raise (_via_error(doc, status) or _unexpected(status, body, shape.problem)) from None
    if 200 <= status <= 299:
        return transaction
    raise _via_error(doc, status) or HttpError(status)


def _via_transaction(doc: Any) -> ViaTransaction:
    if type(doc) is not dict:
        raise _BadShape(f"expected an object, got {_json_type(doc)}")
    get = doc.get
    transaction_id = get("transactionId", _ABSENT)
    if type(transaction_id) is not str:
        raise _BadShape("transactionId: expected a string")
    status = get("status", _ABSENT)
    if type(status) is not str:
        raise _BadShape("status: expected a string")
    merchant_id = get("merchantId", "")
    currency = get("currency", "")
    if type(merchant_id) is not str or type(currency) is not str:
        raise _BadShape("merchantId and currency: expected strings")
    fee_percent = get("feePercent", 0.0)
    if type(fee_percent) is not float:
        if type(fee_percent) is not int:
            raise _BadShape("feePercent: expected a number")
        fee_percent = float(fee_percent)
    epos = get("epos")
    if epos is not None:
        if type(epos) is not dict:
            raise _BadShape("epos: expected an object")
        epos = Epos(
            _opt_text_or_number(epos.get("merchantId"), "epos.merchantId"),
            _opt_text_or_number(epos.get("terminalId"), "epos.terminalId"),
        )
    error_message = get("errorMessage")
    process = get("process")
    if not (error_message is None or type(error_message) is str) or not (process is None or type(process) is str):
        raise _BadShape("errorMessage and process: expected strings")
    refunded = get("refundedAmount")
    return ViaTransaction(
        transaction_id,
        _opt_text_or_number(get("processingTransactionId"), "processingTransactionId"),
        merchant_id,
        _tiyin(get("amount", _ABSENT), "amount"),
        _opt_i64(get("createdAt"), "createdAt"),
        _opt_i64(get("payedAt"), "payedAt"),
        status,
        _tiyin(get("fee", 0), "fee"),
        fee_percent,
        currency,
        epos,
        _opt_text_or_number(get("errorCode"), "errorCode"),
        error_message,
        None if refunded is None else _tiyin(refunded, "refundedAmount"),
        process,
    )


def _via_error(doc: Any, status: int) -> ProviderError | None:
    """VIA's error body ``{"status": {"code", "message"}, "error": {"path", "message":
    {"uz", "ru", "en"}}}`` as the error it stands for, or None if the body is not one."""
    if type(doc) is not dict:
        return None
    head = doc.get("status")
    if type(head) is not dict or "code" not in head:
        return None
    status_message = head.get("message")
    if status_message is not None and type(status_message) is not str:
        return None
    detail = doc.get("error")
    path, messages = None, {}
    if detail is not None:
        if type(detail) is not dict:
            return None
        path = detail.get("path")
        if path is not None and type(path) is not str:
            path = _json_text(path)
        texts = detail.get("message")
        if texts is not None:
            if type(texts) is not dict:
                return None
            for lang in ("uz", "ru", "en"):
                text = texts.get(lang)
                if text is not None:
                    if type(text) is not str:
                        return None
                    messages[lang] = text
    code = _code_text(head["code"])
    message = messages.get("en", status_message)
    return ProviderError(
        "via",
        code,
        f"VIA refused the request (code {code})" if message is None else message,
        status,
        messages=messages,
        details=None if path is None else {"path": path},
        retryable=_status_retryable(status),
    )


# OFD receipt URL (core/src/ofd.rs) ------------------------------------------------------

_KINDS = {"/check": "check", "/epi": "epi"}
_PARAMETERS = frozenset("trcs")


def parse_receipt_url(url: str, field: str = "url") -> OfdReceiptUrl:
    """Parses an OFD receipt URL; errors name ``url``, ``url.t``, ``url.r``, ``url.c``
    or ``url.s``."""
    if type(url) is not str:
        url = _string_argument(url, field)

    if len(url) > MAX_URL_CHARS // 4 and len(url.encode("utf-8", "surrogatepass")) > MAX_URL_CHARS:
        raise _not_a_receipt_url(field, "it is too long")
    rest = _strip_scheme(url)
    if rest is None:
        raise _not_a_receipt_url(field, "it must start with https://ofd.soliq.uz/")
    location, question, query = rest.partition("?")
    if not question:
        raise _not_a_receipt_url(field, "it has no query (?t=..&r=..&c=..&s=..)")
    slash = location.find("/")
    host, path = (location, "") if slash < 0 else (location[:slash], location[slash:])
    if host.lower() != OFD_HOST:
        raise _not_a_receipt_url(field, "its host must be ofd.soliq.uz")
    kind = _KINDS.get(path)
    if kind is None:
        raise _not_a_receipt_url(field, "its path must be /check or /epi")
    if "#" in query:
        raise _not_a_receipt_url(field, "it must not have a fragment (#...)")
    params: dict[str, str] = {}
    for pair in query.split("&"):
        key, _, value = pair.partition("=")
        if key not in _PARAMETERS:
            raise _not_a_receipt_url(field, "it has a parameter other than t, r, c and s")
        if key in params:
            raise InvalidInput(f"{field}.{key}", "is given more than once")
        params[key] = value
    for key in "trcs":
        if not params.get(key):
            raise InvalidInput(f"{field}.{key}", "is required and must not be empty")
    t, r, c, s = params["t"], params["r"], params["c"], params["s"]
    if not _TERMINAL_ID(t):
        raise InvalidInput(f"{field}.t", "must be the terminal id: 1 to 32 ASCII letters and digits")
    if not _RECEIPT_NUMBER(r):
        raise InvalidInput(f"{field}.r", "must be the receipt number: digits only")
    number = int(r)
    if number > U64_MAX:
        raise InvalidInput(f"{field}.r", "is too large for a receipt number")
    _check_date_time(f"{field}.c", c)
    if not _FISCAL_SIGN(s):
        raise InvalidInput(f"{field}.s", "must be the fiscal sign: 1 to 32 digits")
    return OfdReceiptUrl(kind, t, number, c, s)


def _not_a_receipt_url(field: str, why: str) -> InvalidInput:
    return InvalidInput(field, f"is not an OFD receipt URL: {why}")


def _check_date_time(field: str, text: str) -> None:
    """``YYYYMMDDhhmmss``, a real calendar date and time of day."""
    parts = _DATE_TIME(text)
    if parts is None:
        raise InvalidInput(field, "must be a date-time as YYYYMMDDhhmmss (14 digits)")
    year, month, day, hour, minute, second = map(int, parts.groups())
    if not 1 <= year <= 9999:
        raise InvalidInput(field, f"has year {year}, which is not 1..=9999")
    if not 1 <= month <= 12:
        raise InvalidInput(field, f"has month {month}, which is not 1..=12")
    last = _days_in_month(year, month)
    if not 1 <= day <= last:
        raise InvalidInput(field, f"has day {day}, but {year:04}-{month:02} has {last} days")
    if hour > 23 or minute > 59 or second > 59:
        raise InvalidInput(field, f"has time {hour:02}:{minute:02}:{second:02}, which is not a time of day")


def _days_in_month(year: int, month: int) -> int:
    if month in (4, 6, 9, 11):
        return 30
    if month == 2:
        return 29 if (year % 4 == 0 and year % 100 != 0) or year % 400 == 0 else 28
    return 31


def _string_argument(value: Any, name: str) -> str:
    """A single argument that must be a str, refused as uzpay refuses it."""
    refused = _refusal(value, name)
    if refused:
        raise refused
    raise _wrong(value, "", name, "a string")


# Responses (core/src/response.rs, wire.rs) -----------------------------------------------


class _BadShape(Exception):
    """The body is not the JSON the operation expects."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def _response(status: Any, body: Any) -> tuple[int, bytes]:
    if type(status) is not int or not 0 <= status <= U16_MAX:
        status = _status_argument(status)
    if type(body) is bytes:
        return status, body
    if body is None:
        return status, b""
    if isinstance(body, str):
        return status, body.encode("utf-8")
    if isinstance(body, (bytes, bytearray, memoryview)):
        return status, bytes(body)
    raise TypeError(f"body must be bytes or str, not {type(body).__name__}")


def _status_argument(status: Any) -> int:
    if type(status) is not int or not 0 <= status <= U16_MAX:
        raise InvalidInput("status", "must be the HTTP status code: a whole number from 0 to 65535")
    return status


def _read_json(body: bytes) -> Any:
    """The body as JSON: bounded, an object or a scalar (never an array), UTF-8."""
    if len(body) > MAX_BODY_BYTES:
        raise _BadShape(f"the body is {len(body)} bytes, more than the {MAX_BODY_BYTES} uzpay reads")
    if body.lstrip(_ASCII_WHITESPACE)[:1] == b"[":
        raise _BadShape("the body is a JSON array, not an object")
    try:
        return _decode_json(body.decode("utf-8"))
    except ValueError as e:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        raise _BadShape(f"the body is not the expected JSON: {e}") from None


def _unexpected(status: int, body: bytes, problem: str) -> UzpayError:
    """A body that is not what the operation expects and holds no provider error."""
    if not 200 <= status <= 299:
        return HttpError(status)
    html = body.lstrip(_ASCII_WHITESPACE)[:1] == b"<"
    if html:
        problem = f"the body is an HTML page, not JSON (a gateway or proxy answered): {problem}"
    return DecodeError(problem, retryable=html or _status_retryable(status))


def _code_text(value: Any) -> str:
    """An error code as text: a string as itself, null as empty, else its JSON."""
    if type(value) is str:
        return value
    return "" if value is None else _json_text(value)


def _opt_text_or_number(value: Any, where: str) -> str | None:
    if value is None or type(value) is str:
        return value
    if type(value) is int or type(value) is float:
        return _json_text(value)
    raise _BadShape(f"{where}: expected a string or a number, got {_json_type(value)}")


def _text_or_number(value: Any, where: str) -> str:
    if value is _ABSENT:
        raise _BadShape(f"{where}: missing")
    text = _opt_text_or_number(value, where)
    if text is None:
        raise _BadShape(f"{where}: expected a string, got null")
    return text


def _integer_text(value: Any, where: str) -> int:
    """An integer sent as a string (``"2421"``); anything else is refused."""
    if type(value) is str:
        text = value.strip(_WHITESPACE)
        if _INTEGER_TEXT(text) and I64_MIN <= int(text) <= I64_MAX:
            return int(text)
        raise _BadShape(f"{where}: expected an integer, got a non-numeric string")
    raise _BadShape(f"{where}: expected an integer, got {_json_type(value)}")


def _tiyin(value: Any, where: str) -> int:
    if type(value) is int and 0 <= value <= U64_MAX:
        return value
    raise _BadShape(f"{where}: expected a whole number of tiyin, zero or more")


def _opt_i64(value: Any, where: str) -> int | None:
    if value is None or (type(value) is int and I64_MIN <= value <= I64_MAX):
        return value
    raise _BadShape(f"{where}: expected an integer")
