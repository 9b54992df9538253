"""The frozen value class behind every uzpay output and `Item`.

Hand-written rather than a dataclass so that ``import uzpay`` stays fast, and so that
the canonical dict round-trips exactly: ``type(out).from_dict(out.to_dict()) == out``.
"""

from __future__ import annotations

from uzpay._uzpay import REDACTED

# Names for type checkers only: importing `typing` at run time would cost more than
# the rest of `import uzpay`.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any, ClassVar, TypeVar

    _R = TypeVar("_R", bound="Record")

__all__ = ["Record"]


class Record:
    """A frozen record of named fields: attribute access, ``==``, ``hash()``,
    ``repr()``, pickling, and ``to_dict()`` / ``from_dict()`` for the canonical dict
    (the core's snake_case JSON form). Sequences are tuples, so records stay frozen
    all the way down."""

    __slots__: ClassVar[tuple[str, ...]] = ()

    #: Fields that hold a record, or a sequence of records: name -> record class.
    _nested: ClassVar[Mapping[str, type[Record]]] = {}
    #: Fields that hold a credential (a `uzpay::Secret` in the core): ``repr()`` shows
    #: them as ``'***'``.
    _secret: ClassVar[frozenset[str]] = frozenset()
    #: Fields the core leaves out of its canonical form when absent: ``to_dict()``
    #: leaves them out when they are ``None``. (The native module reads an input record
    #: by these rules, without calling ``to_dict()``, for a class that keeps it.)
    _omit_none: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        name = type(self).__name__
        fields = self.__slots__
        if len(args) > len(fields):
            raise TypeError(f"{name}() takes at most {len(fields)} positional arguments")
        values = dict(zip(fields, args))
        for key, value in kwargs.items():
            if key not in fields:
                raise TypeError(f"{name}() got an unexpected keyword argument {key!r}")
            if key in values:
                raise TypeError(f"{name}() got multiple values for argument {key!r}")
            values[key] = value
        missing = [f for f in fields if f not in values]
        if missing:
            raise TypeError(f"{name}() missing {', '.join(missing)}")
        for key in fields:
            object.__setattr__(self, key, values[key])

    @classmethod
    def from_dict(cls: type[_R], data: Mapping[str, Any]) -> _R:
        """The record from its canonical dict (as ``to_dict()`` gives it)."""
        unknown = sorted(set(data) - set(cls.__slots__))
        if unknown:
            raise TypeError(f"{cls.__name__} has no field {', '.join(unknown)}")
        nested = cls._nested
        return cls(**{key: _inflate(data[key], nested.get(key)) for key in data})

    def to_dict(self) -> dict[str, Any]:
        """The canonical dict: the core's snake_case JSON form, credentials included."""
        omit = self._omit_none
        if not omit:
            return {key: _plain(getattr(self, key)) for key in self.__slots__}
        fields = ((key, getattr(self, key)) for key in self.__slots__)
        return {key: _plain(value) for key, value in fields if value is not None or key not in omit}

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, key) for key in self.__slots__)

    def __repr__(self) -> str:
        shown = []
        for key in self.__slots__:
            value = REDACTED if key in self._secret else getattr(self, key)
            shown.append(f"{key}={value!r}")
        return f"{type(self).__name__}({', '.join(shown)})"

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, Record)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((type(self), self._values()))

    def __setattr__(self, key: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen; cannot set {key!r}")

    def __delattr__(self, key: str) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen; cannot delete {key!r}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self).from_dict, (self.to_dict(),))


def _inflate(value: Any, record: type[Record] | None) -> Any:
    if isinstance(value, list):
        return tuple(_inflate(v, record) for v in value)
    if record is not None and isinstance(value, dict):
        return record.from_dict(value)
    return value


def _plain(value: Any) -> Any:
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return value
