"""Register a fiscal receipt with Paylov: build, send, parse.

python examples/quickstart.py          # a dry run: the request, credentials masked
PAYLOV_API_KEY=... python examples/quickstart.py --send   # Paylov's sandbox
"""

from __future__ import annotations

import os
import sys

import uzpay
from uzpay.transport import SendError, send_urllib


def main(send: bool) -> int:
    config = uzpay.PaylovConfig.sandbox(os.environ.get("PAYLOV_API_KEY", "sandbox-api-key"))
    tea = uzpay.Item(
        title="Green tea, 100 g",
        price=1_120_000,  # tiyin: 11,200.00 UZS, VAT included
        count=1,
        code="01902001001000000",  # IKPU/MXIK, 17 digits
        vat_percent=12,
        package_code="1437667",
        tin="310100000",
    )
    totals = uzpay.receipt_totals([tea])
    print(f"total {totals.total} tiyin, VAT {totals.vat} tiyin")
    try:
        request = uzpay.build_register_receipt(
            config, transaction_id="e2da46c6-8c89-400e-8bd9-037297b2e8b1", items=[tea]
        )
    except uzpay.InvalidInput as e:
        print(f"fix {e.field}: {e.message}", file=sys.stderr)
        return 2
    print(request)  # api-key: '***'
    print(request.redacted().json())
    if not send:
        return 0
    try:
        receipt = uzpay.parse_register_receipt(*send_urllib(request, timeout=15))
    except uzpay.ProviderError as e:
        if e.code == "ofd_check_already_generated":
            print("already registered: read it back with build_receipt_status")
            return 0
        print(f"Paylov refused: {e.message} (code {e.code})", file=sys.stderr)
        return 1
    except uzpay.UzpayError as e:
        print(f"{e.kind} error{' (try again later)' if e.retryable else ''}: {e}", file=sys.stderr)
        return 1
    except SendError as e:
        # No answer: whether it was registered is unknown (a flow would look it up:
        # uzpay.PaylovFiscalizationFlow does).
        print(f"no answer ({e.failure}): {e}", file=sys.stderr)
        return 1
    print(f"receipt {receipt.receipt_id}: {receipt.receipt_url}")
    return 0


if __name__ == "__main__":
    sys.exit(main("--send" in sys.argv[1:]))
