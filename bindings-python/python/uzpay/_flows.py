"""What the generated flow classes (``PaylovFiscalizationFlow`` and its siblings in
``uzpay/_generated.py``) stand on: their base class, over each flow's native class
(generated from the core), and ``Done``, the action that ends a flow."""

from __future__ import annotations

from uzpay._runtime import Record, _core, _input, fields

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any, ClassVar, Generic, TypeVar

    from typing_extensions import Self

    from uzpay._generated import FlowState

    _T = TypeVar("_T")

__all__ = ["Done", "Flow"]


if TYPE_CHECKING:

    class Done(Record, Generic[_T]):
        outcome: _T

else:

    class Done(Record):
        """The flow is over: ``outcome`` is what it gives (``match action: case Done(outcome): ...``)."""

        __slots__ = ()
        _fields = ("outcome",)
        __match_args__ = ("outcome",)


fields(Done)


class Flow:
    """A complete flow, run by the core's state machine (the generated classes, such as
    ``PaylovFiscalizationFlow``, give each its types). Not thread-safe to drive from two
    threads at once; not picklable (it holds the config's credentials): save
    ``snapshot()`` and ``restore()`` it instead."""

    __slots__ = ("_native",)
    #: The core's name of the flow, e.g. ``paylov.fiscalization`` (what to store beside a snapshot).
    flow_name: ClassVar[str]
    _config: ClassVar[type[Record]]
    #: The flow's native class (``_uzpay._<Flow>``, generated from the core).
    _native_class: ClassVar[Any]

    def __init__(self, config: Record, input: Any, options: Any, fields: Mapping[str, Any]) -> None:
        core, data = _core(self._config, config), _input(input, fields)
        options = options.to_dict() if isinstance(options, Record) else options
        self._native: Any = self._native_class.new(core, data, options)

    @classmethod
    def _restore(cls, config: Record, snapshot: str, credentials: Any) -> Self:
        flow = object.__new__(cls)
        credentials = credentials.to_dict() if isinstance(credentials, Record) else credentials
        flow._native = cls._native_class.restore(_core(cls._config, config), snapshot, credentials)
        return flow

    def _event(self, verb: str, *args: Any) -> Any:
        return getattr(self._native, verb)(*args)

    def snapshot(self) -> str:
        """The flow as text to store (a database column) between two events: versioned
        JSON holding no credential, card number or SMS code. ``restore()`` reads it."""
        return self._native.snapshot()  # type: ignore[no-any-return]

    @property
    def state(self) -> FlowState:
        """Where the flow stands: ``ready``, ``sending`` (a request is out, or may have
        been: ``resume()``), ``awaiting_code``, ``done`` or ``failed``."""
        return self._native.state()  # type: ignore[no-any-return]

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.flow_name} {self.state}>"

    def __reduce__(self) -> tuple[Any, ...]:
        raise TypeError(f"a {type(self).__name__} holds credentials and is not pickled; save its snapshot()")
