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

# The native module holds the configs, HttpRequest, OfdReceiptUrl, the receipt
# arithmetic, and a build_*/parse_* pair for each entry of its operation table; the
# star import re-exports all of them, so a new operation needs no line here.
from uzpay._uzpay import *  # noqa: F403
from uzpay._uzpay import __version__ as __version__
from uzpay.errors import *  # noqa: F403
from uzpay.fiscalbox import *  # noqa: F403
from uzpay.paylov import *  # noqa: F403
from uzpay.paymentsgate import *  # noqa: F403
from uzpay.receipt import *  # noqa: F403
from uzpay.via import *  # noqa: F403
