"""Types of ``uzpay._uzpay``, the native half of uzpay (import ``uzpay``, not this).

The native module is generic: the generated Python (``uzpay/_generated.py``) names
the operations and hands each input over as JSON text; outputs come back as the
core's canonical form in plain Python values.
"""

from collections.abc import Iterable, Mapping
from typing import Any, Literal, final

from typing_extensions import Self, TypeAlias

__version__: str
#: Every operation uzpay implements, by its core name (``paylov.register_receipt``).
OPERATIONS: tuple[str, ...]
#: The largest response body the parsers read (1 MiB).
MAX_BODY_BYTES: int
#: The mask that stands for a credential wherever uzpay shows one: ``***``.
REDACTED: str

_Headers: TypeAlias = Mapping[str, str] | Iterable[tuple[str, str]] | None
_Body: TypeAlias = bytes | bytearray | memoryview | str | None

@final
class Config:
    """A provider's config as the core checked it; its credentials stay in Rust."""

    def __new__(cls, provider: str, config: str) -> Self: ...

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

def build(op: str, config: Config, input: Any) -> HttpRequest | None: ...
def parse(op: str, status: int, headers: _Headers, body: _Body) -> Any: ...
def call(name: str, input: Any) -> Any: ...
def _register(classes: dict[str, type]) -> None: ...
def _panic_for_tests() -> None: ...
