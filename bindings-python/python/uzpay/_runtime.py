"""What the generated records and functions (``uzpay/_generated.py``) stand on: the
frozen ``Record``, the configs, and the calls into the native core, which reads every
input (and names the field of every refusal in the same words in every language).
The flows' base class is in ``uzpay/_flows.py``.
"""

from __future__ import annotations

from uzpay import _uzpay
from uzpay._uzpay import REDACTED

# Names for type checkers only: importing `typing` at run time would cost more than
# the rest of `import uzpay`.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from typing import Any, ClassVar, Literal, TypeVar

    _R = TypeVar("_R", bound="Record")
    _C = TypeVar("_C", bound="Config")

__all__ = ["Config", "HttpRequest", "Record", "build", "call", "fields", "new_config"]


class Record(tuple):  # type: ignore[type-arg]
    """A frozen record: a tuple of its field values (as a ``NamedTuple``) with typed
    attributes, ``==`` and ``hash()`` by type and value, ``repr()`` (credentials as
    ``'***'``), pickling, and ``to_dict()`` / ``from_dict()`` for the canonical dict.
    Sequences are tuples, so records stay frozen all the way down."""

    __slots__ = ()
    #: The fields, in the core's order (that of the tuple, ``to_dict()`` and ``repr()``).
    _fields: ClassVar[tuple[str, ...]] = ()
    #: Fields that hold a record, or a sequence of records: name -> record class.
    _nested: ClassVar[Mapping[str, type[Record]]] = {}
    #: Fields that hold a credential, a card number or a one-time code.
    _secret: ClassVar[frozenset[str]] = frozenset()
    #: Fields the core leaves out of its canonical form when absent.
    _omit_none: ClassVar[frozenset[str]] = frozenset()

    @classmethod
    def _make(cls: type[_R], values: Iterable[Any]) -> _R:
        """The record of these values, in ``_fields`` order (lists become tuples)."""
        return tuple.__new__(cls, [tuple(v) if type(v) is list else v for v in values])

    @classmethod
    def from_dict(cls: type[_R], data: Mapping[str, Any]) -> _R:
        """The record from its canonical dict (as ``to_dict()`` gives it)."""
        unknown = sorted(set(data) - set(cls._fields))
        if unknown:
            raise TypeError(f"{cls.__name__} has no field {', '.join(unknown)}")
        nested = cls._nested
        return cls(**{key: _inflate(data[key], nested.get(key)) for key in data})

    def to_dict(self) -> dict[str, Any]:
        """The canonical dict: the core's snake_case JSON form, credentials included."""
        omit = self._omit_none
        return {key: _plain(value) for key, value in zip(self._fields, self) if value is not None or key not in omit}

    def __repr__(self) -> str:
        # A credential shows as the mask; an absent one ('' or None) as it is.
        secret = self._secret
        shown = (f"{k}={REDACTED if k in secret and v else v!r}" for k, v in zip(self._fields, self))
        return f"{type(self).__name__}({', '.join(shown)})"

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return tuple.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return tuple.__ne__(self, other)

    def __hash__(self) -> int:
        return hash((type(self), tuple.__getitem__(self, slice(len(self._fields)))))

    def __setattr__(self, key: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen; cannot set {key!r}")

    def __delattr__(self, key: str) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen; cannot delete {key!r}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), tuple(self)))


def _rebuild(cls: type[_R], values: tuple[Any, ...]) -> _R:
    return tuple.__new__(cls, values)


class HttpRequest(Record):
    """A request built and validated by uzpay; nothing has been sent: ``(method, url,
    headers, body)``, with the headers as ``(name, value)`` pairs in the order they
    should be sent. ``repr()`` masks credential headers (as the core's ``redacted()``)
    and shows the body only as its length, since a body may carry card data."""

    __slots__ = ()
    _fields = ("method", "url", "headers", "body")
    method: Literal["GET", "POST"]
    url: str
    headers: tuple[tuple[str, str], ...]
    body: bytes

    def header(self, name: str) -> str | None:
        """The first header with this name (case-insensitive), or ``None``."""
        return next((value for key, value in self.headers if key.lower() == name.lower()), None)

    def json(self) -> Any:
        """The body parsed as JSON (``None`` for an empty body). Amounts appear in the
        provider's wire unit here (PaymentsGate's som), not in tiyin."""
        import json

        return json.loads(self.body) if self.body else None

    def redacted(self) -> HttpRequest:
        """A copy safe to log: credential headers read ``***``, and in the body a card
        number is masked (``860012******1234``) and credential fields read ``***``."""
        return _uzpay.redacted(self)

    def __repr__(self) -> str:
        method, url, headers, body = self.redacted()
        return f"HttpRequest({method=}, {url=}, headers={list(headers)!r}, body=<{len(body)} bytes>)"


def fields(*classes: type[Record]) -> None:
    """Gives each record class its attributes (field ``i`` reads item ``i``) and tells
    the core which class each of its types is made into."""
    from operator import itemgetter

    for cls in classes:
        for index, name in enumerate(cls._fields):
            setattr(cls, name, property(itemgetter(index)))
    _uzpay._register({cls.__name__: cls for cls in classes})


fields(HttpRequest)


def _inflate(value: Any, record: type[Record] | None) -> Any:
    if type(value) is list:
        return tuple(_inflate(v, record) for v in value)
    if record is not None and type(value) is dict:
        return record.from_dict(value)
    return value


def _plain(value: Any) -> Any:
    """``value`` with its records and mappings as dicts and its sequences as lists: what
    JSON writes as the core reads it (a record is a tuple, which JSON would write as an
    array)."""
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, dict) or (hasattr(value, "keys") and hasattr(value, "__getitem__")):
        if not all(isinstance(key, str) for key in value.keys()):  # noqa: SIM118 (a mapping-like, not a dict)
            raise TypeError  # JSON would write an int key as text; refused with its path instead
        return {key: _plain(value[key]) for key in value.keys()}  # noqa: SIM118
    return value


class Config(Record):
    """A provider config: its fields, then the core's typed config checked from them
    (which holds the credentials: no attribute does), then the names of the
    credentials given (for ``repr()``)."""

    __slots__ = ()
    _provider: ClassVar[str]
    #: Every field, credentials included, in the core's order.
    _order: ClassVar[tuple[str, ...]]
    #: Each field's value when it is not given.
    _defaults: ClassVar[Mapping[str, Any]] = {}

    @classmethod
    def from_dict(cls: type[_C], data: Mapping[str, Any]) -> _C:
        """The config from a dict of its fields (settings); the core names a missing,
        unknown or malformed one (a ``None`` too)."""
        return new_config(cls, data, none_is_default=False)

    @property
    def _core(self) -> _uzpay.Config:
        core: _uzpay.Config = tuple.__getitem__(self, len(self._fields))
        return core

    def __repr__(self) -> str:
        given: frozenset[str] = tuple.__getitem__(self, len(self._fields) + 1)
        values = dict(zip(self._fields, self))
        shown = (f"{k}={(REDACTED if k in given else '') if k in self._secret else values[k]!r}" for k in self._order)
        return f"{type(self).__name__}({', '.join(shown)})"

    def __reduce__(self) -> tuple[Any, ...]:
        raise TypeError(f"a {type(self).__name__} holds credentials and is not pickled; make it again from settings")


def new_config(cls: type[_C], values: Mapping[str, Any], none_is_default: bool = True) -> _C:
    """A config of these fields, checked by the core. From the constructor, ``None`` for
    a field with a default is that default."""
    if not isinstance(values, dict):
        raise TypeError(f"{cls.__name__} takes a dict of its fields, not {type(values).__name__}")
    defaults = cls._defaults
    given = {
        **defaults,
        **{k: v for k, v in values.items() if v is not None or not (none_is_default and k in defaults)},
    }
    core = _uzpay.Config(cls._provider, given)
    shown = frozenset(key for key in cls._secret if given.get(key))
    return tuple.__new__(cls, [*(given.get(key) for key in cls._fields), core, shown])


def build(op: str, config_class: type[Record], config: Record, input: Any, fields: Mapping[str, Any]) -> HttpRequest:
    """``build_<name>``: the input (a dict, a record, keyword arguments) to the core."""
    return _uzpay.build(op, _core(config_class, config), _input(input, fields))


def _core(config_class: type[Record], config: Record) -> _uzpay.Config:
    if type(config) is not config_class:
        raise TypeError(f"config must be a {config_class.__name__}, not {type(config).__name__}")
    core: _uzpay.Config = config._core  # type: ignore[attr-defined]
    return core


def _input(input: Any, fields: Mapping[str, Any]) -> Any:
    """One input from a dict, a record, keyword arguments, or a dict and keyword arguments."""
    if input is None:
        return dict(fields)
    data = input.to_dict() if isinstance(input, Record) else input
    if not (hasattr(data, "keys") and hasattr(data, "__getitem__")):
        raise TypeError("input must be a dict of the fields (or pass them as keyword arguments)")
    if fields:
        data = dict(data)
        twice = sorted(set(data) & set(fields))
        if twice:
            raise TypeError(f"{twice[0]} is given twice: in the input and as a keyword argument")
        data.update(fields)
    return data


def call(function: str, data: dict[str, Any]) -> Any:
    """A function of the core (``receipt_totals``, ...): its output record."""
    return _uzpay.call(function, data)
