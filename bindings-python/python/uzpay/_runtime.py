"""What the generated records and functions (``uzpay/_generated.py``) stand on: the
frozen ``Record``, and the calls into the native core.

An input reaches the core as JSON text, written by the standard library's encoder and
read by the core's decoder, which names the field of every refusal in the same words
in every language. Only what Python can hold and JSON cannot (a ``Decimal``, bytes, a
NaN) is refused here, with the field's path.
"""

from __future__ import annotations

from uzpay import _uzpay
from uzpay._uzpay import REDACTED
from uzpay.errors import InputTypeError, InvalidInput

# Names for type checkers only: importing `typing` at run time would cost more than
# the rest of `import uzpay`.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any, ClassVar, TypeVar

    _R = TypeVar("_R", bound="Record")

__all__ = ["Record", "build", "core_call", "init_config", "parse", "to_json"]


class Record:
    """A frozen record of named fields: attribute access, ``==``, ``hash()``,
    ``repr()`` (credentials as ``'***'``), pickling, and ``to_dict()`` /
    ``from_dict()`` for the canonical dict (the core's snake_case JSON form). Sequences
    are tuples, so records stay frozen all the way down."""

    __slots__: ClassVar[tuple[str, ...]] = ()
    #: The fields, in the core's order (that of ``to_dict()`` and ``repr()``).
    _fields: ClassVar[tuple[str, ...]] = ()
    #: Fields that hold a record, or a sequence of records: name -> record class.
    _nested: ClassVar[Mapping[str, type[Record]]] = {}
    #: Fields that hold a credential, a card number or a one-time code.
    _secret: ClassVar[frozenset[str]] = frozenset()
    #: Fields the core leaves out of its canonical form when absent.
    _omit_none: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, *values: Any) -> None:
        for key, value in zip(self._fields, values):
            object.__setattr__(self, key, tuple(value) if type(value) is list else value)

    @classmethod
    def from_dict(cls: type[_R], data: Mapping[str, Any]) -> _R:
        """The record from its canonical dict (as ``to_dict()`` gives it)."""
        if hasattr(cls, "_provider"):
            # A config: the core checks the dict itself, naming a missing or unknown field.
            config = object.__new__(cls)
            init_config(config, data)
            return config
        unknown = sorted(set(data) - set(cls._fields))
        if unknown:
            raise TypeError(f"{cls.__name__} has no field {', '.join(unknown)}")
        nested = cls._nested
        return cls(**{key: _inflate(data[key], nested.get(key)) for key in data})

    @classmethod
    def _from_core(cls: type[_R], data: Mapping[str, Any]) -> _R:
        # A canonical output of the core: every field present and of its type.
        record = object.__new__(cls)
        nested = cls._nested
        for key in cls._fields:
            object.__setattr__(record, key, _inflate(data.get(key), nested.get(key)))
        return record

    def to_dict(self) -> dict[str, Any]:
        """The canonical dict: the core's snake_case JSON form, credentials included."""
        omit = self._omit_none
        fields = ((key, getattr(self, key)) for key in self._fields)
        return {key: _plain(value) for key, value in fields if value is not None or key not in omit}

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, key) for key in self._fields)

    def __repr__(self) -> str:
        # A credential shows as the mask; an absent one ('' or None) as it is. A config
        # holds none of its own (`_order` lists them, `_shown` those given).
        secret, given = self._secret, getattr(self, "_shown", None)
        shown = []
        for key in getattr(self, "_order", self._fields):
            value = ((key in given and REDACTED) or "") if given is not None and key in secret else getattr(self, key)
            shown.append(f"{key}={REDACTED if key in secret and value else value!r}")
        return f"{type(self).__name__}({', '.join(shown)})"

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, Record)
        # Configs compare their credentials too, in the core.
        return self._values() == other._values() and getattr(self, "_core", None) == getattr(other, "_core", None)

    def __hash__(self) -> int:
        return hash((type(self), self._values()))

    def __setattr__(self, key: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen; cannot set {key!r}")

    def __delattr__(self, key: str) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen; cannot delete {key!r}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self).from_dict, (self.to_dict(),))


def _inflate(value: Any, record: type[Record] | None) -> Any:
    if type(value) is list:
        return tuple(_inflate(v, record) for v in value)
    if record is not None and type(value) is dict:
        return record._from_core(value)
    return value


def _plain(value: Any) -> Any:
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return value


def init_config(config: Record, values: Mapping[str, Any]) -> None:
    """Sets a config's fields and the core's typed config, checked from them. A field
    given as ``None`` takes its default; the core refuses what is missing or unknown."""
    if not isinstance(values, dict):
        raise TypeError(f"{type(config).__name__} takes a dict of its fields, not {type(values).__name__}")
    defaults: Mapping[str, Any] = type(config)._defaults  # type: ignore[attr-defined]
    given = {key: defaults.get(key) if value is None else value for key, value in values.items()}
    given = {**defaults, **{key: value for key, value in given.items() if value is not None}}
    provider: str = type(config)._provider  # type: ignore[attr-defined]
    core = core_call(_uzpay.Config, given, provider, to_json(given))
    for key in config._fields:
        object.__setattr__(config, key, given.get(key))
    object.__setattr__(config, "_core", core)
    object.__setattr__(config, "_shown", frozenset(key for key in config._secret if given.get(key)))


def build(
    op: str, config_class: type[Record], config: Record, input: Any, fields: Mapping[str, Any]
) -> _uzpay.HttpRequest:
    """``build_<name>``: the input (a dict, a record, keyword arguments) to the core."""
    if type(config) is not config_class:
        raise TypeError(f"config must be a {config_class.__name__}, not {type(config).__name__}")
    if input is None:
        data: Any = dict(fields)
    else:
        data = input.to_dict() if isinstance(input, Record) else input
        if not (hasattr(data, "keys") and hasattr(data, "__getitem__")):
            raise TypeError("input must be a dict of the operation's fields (or pass them as keyword arguments)")
        if fields:
            if not isinstance(data, dict):
                data = dict(data)
            twice = sorted(set(data) & set(fields))
            if twice:
                raise TypeError(f"{twice[0]} is given twice: in the input and as a keyword argument")
            data = {**data, **fields}
    request: _uzpay.HttpRequest = core_call(_uzpay.build, data, op, config._core, to_json(data))  # type: ignore[attr-defined]
    return request


def parse(op: str, output: type[_R], status: Any, headers: Any, body: Any) -> _R:
    """``parse_<name>``: the core's canonical output as the operation's record."""
    return output._from_core(_uzpay.parse(op, status, headers, body))


def core_call(function: Any, data: Any, *args: Any) -> Any:
    """Calls the core; an input it refused for a Python type uzpay never takes (a bool
    or a float where a number or a text belongs) is an ``InputTypeError``."""
    try:
        return function(*args)
    except UnicodeEncodeError:
        # A str with half a character (a lone surrogate), which the core cannot take.
        field, message = _refusal(data, "", 0) or ("", "is not valid Unicode text")
        raise InvalidInput(f"invalid input: {field}: {message}", field=field, message=message) from None
    except InvalidInput as e:
        value = _at(data, e.field)
        if isinstance(value, float):
            message = f"must be an int, not a float: {_MONEY}"
            raise InputTypeError(f"invalid input: {e.field}: {message}", field=e.field, message=message) from None
        if isinstance(value, bool):
            raise InputTypeError(str(e), field=e.field, message=e.message) from None
        raise


def _at(data: Any, field: str) -> Any:
    """The value at a core field path (``items[0].price``), or ``None``."""
    for part in field.replace("[", ".[").split("."):
        try:
            data = data[int(part[1:-1])] if part.startswith("[") else data[part] if part else data
            data = data.to_dict() if isinstance(data, Record) else data
        except (KeyError, IndexError, TypeError, ValueError):
            return None
    return data


def _default(value: Any) -> Any:
    # What the encoder cannot write itself: records and other mappings.
    if isinstance(value, Record):
        return value.to_dict()
    if hasattr(value, "keys") and hasattr(value, "__getitem__"):
        return {key: value[key] for key in value.keys()}  # noqa: SIM118 (a mapping-like, not a dict)
    raise TypeError


_encoder: Any = None


def to_json(value: Any) -> str:
    """``value`` as JSON text for the core; a value JSON cannot carry is refused naming
    its field."""
    global _encoder
    if _encoder is None:
        # Imported on first use: `json` (with `re` and `enum`) would triple the time
        # `import uzpay` takes.
        import json

        _encoder = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":"), default=_default)
    try:
        return _encoder.encode(value)  # type: ignore[no-any-return]
    except (TypeError, ValueError, RecursionError):
        pass
    field, message = _refusal(value, "", 0) or ("", "could not be written as JSON")
    raise InputTypeError(f"invalid input: {field}: {message}", field=field, message=message)


_MONEY = "money is integer tiyin (1 UZS = 100 tiyin, so 11,200.00 UZS is 1120000) and uzpay inputs never take fractions"


def _refusal(value: Any, path: str, depth: int) -> tuple[str, str] | None:
    """The first value under ``value`` that JSON cannot carry, with its path."""
    if depth > 32:
        return path, "is nested too deeply (does it contain itself?)"
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return path, "is not valid Unicode text (it has a lone UTF-16 surrogate, half of a character)"
        return None
    if value is None or isinstance(value, (bool, int)):
        return None
    if isinstance(value, float):
        return (
            None if value == value and value not in (float("inf"), float("-inf")) else (path, "must be a finite number")
        )
    if isinstance(value, Record):
        value = value.to_dict()
    if isinstance(value, (list, tuple)):
        return next((r for i, v in enumerate(value) if (r := _refusal(v, f"{path}[{i}]", depth + 1))), None)
    if isinstance(value, dict) or (hasattr(value, "keys") and hasattr(value, "__getitem__")):
        for key in value.keys():  # noqa: SIM118 (a mapping-like, not a dict)
            if not isinstance(key, str):
                return path, f"has a key that is not a str but {type(key).__name__}"
            found = _refusal(value[key], f"{path}.{key}" if path else key, depth + 1)
            if found:
                return found
        return None
    name = type(value).__name__
    if hasattr(value, "as_integer_ratio") or name in ("Decimal", "Fraction"):
        return path, f"must be an int, not a {name}: {_MONEY}"
    return path, f"must be a str, int, bool, None, list or dict, not {name}"
