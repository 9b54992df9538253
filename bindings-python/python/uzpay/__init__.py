"""uzpay: Uzbek payment and fiscalization providers (FiscalBox, Paylov, PaymentsGate,
VIA) for Python, on uzpay's sans-IO Rust core.

uzpay builds and validates each provider request and parses each response into a
typed result or a typed error; it never opens a socket. Send the request with any
HTTP client (or :mod:`uzpay.transport`)::

    import uzpay
    from uzpay.transport import send_urllib

    config = uzpay.PaylovConfig.sandbox(api_key)
    request = uzpay.build_register_receipt(config, transaction_id=txn, items=[item])
    receipt = uzpay.parse_register_receipt(*send_urllib(request, timeout=10))

Every operation is a pair ``build_<name>(config, input=None, /, **fields)`` and
``parse_<name>(status, headers, body)``; ``uzpay.OPERATIONS`` lists them by their
core names. Money is integer tiyin (1 UZS = 100 tiyin) everywhere.
"""

# The records, configs and build_*/parse_* pairs are generated from the core's own
# types (uzpay/_generated.py); a new operation needs no line here.
from uzpay._flows import Done as Done
from uzpay._flows import Flow as Flow
from uzpay._generated import *  # noqa: F403
from uzpay._runtime import HttpRequest as HttpRequest
from uzpay._uzpay import MAX_BODY_BYTES as MAX_BODY_BYTES
from uzpay._uzpay import OPERATIONS as OPERATIONS
from uzpay._uzpay import REDACTED as REDACTED
from uzpay._uzpay import __version__ as __version__
from uzpay.errors import *  # noqa: F403
from uzpay.ofd import OfdReceiptUrl as OfdReceiptUrl

#: One receipt line: the short name of :class:`ReceiptItem`.
Item = ReceiptItem  # noqa: F405 (from the generated module)
