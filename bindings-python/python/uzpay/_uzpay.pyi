"""Types of ``uzpay._uzpay``, the native half of uzpay: generic calls that the
generated ``uzpay/_generated.py`` names (import ``uzpay``, not this). The flows' native
classes (``_PaylovFiscalizationFlow``, ...) are private: each generated flow class holds
one."""

from collections.abc import Iterable, Mapping
from typing import Any, final

from typing_extensions import Self, TypeAlias

from uzpay._runtime import HttpRequest

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

    def __new__(cls, provider: str, config: Mapping[str, Any]) -> Self: ...

def build(op: str, config: Config, data: Any) -> HttpRequest: ...
def redacted(request: HttpRequest) -> HttpRequest: ...
def parse(op: str, status: int, headers: _Headers, body: _Body) -> Any: ...
def call(name: str, data: Any) -> Any: ...
def _register(classes: dict[str, type]) -> None: ...
def _panic_for_tests() -> None: ...

# The flows' native classes (`_PaylovFiscalizationFlow`, ...), generated from the core.
def __getattr__(name: str) -> Any: ...
