"""The package as a whole: what `import uzpay` exposes and what it costs."""

from __future__ import annotations

import inspect
import subprocess
import sys

import uzpay


def test_version_and_operations() -> None:
    assert uzpay.__version__ == "0.1.0"
    assert isinstance(uzpay.OPERATIONS, tuple) and "paylov.register_receipt" in uzpay.OPERATIONS
    assert uzpay.MAX_BODY_BYTES == 1024 * 1024
    assert uzpay.REDACTED == "***"


def test_every_public_class_says_it_is_uzpays() -> None:
    for name in ("HttpRequest", "OfdReceiptUrl", "PaylovConfig", "UzpayError", "Item", "ViaTransaction"):
        assert getattr(uzpay, name).__module__.startswith("uzpay"), name


def test_functions_are_documented() -> None:
    assert "paylov.register_receipt" in (uzpay.build_register_receipt.__doc__ or "")
    assert "RegisterReceiptOutput" in (uzpay.parse_register_receipt.__doc__ or "")
    signature = inspect.signature(uzpay.build_register_receipt)
    assert [str(p) for p in signature.parameters.values()][:2] == [
        "config: 'PaylovConfig'",
        "input: 'RegisterReceiptInputDict | RegisterReceiptInput | Mapping[str, Any] | None' = None",
    ]


def test_the_namespace_is_the_public_api() -> None:
    assert not hasattr(uzpay, "_panic_for_tests")
    assert not hasattr(uzpay._uzpay, "__all__")  # so the star import takes the public names
    names = {name for name in dir(uzpay) if not name.startswith("_")}
    assert {"build_register_receipt", "PaylovConfig", "InvalidInput", "Item", "ViaTransaction"} <= names


def test_import_uzpay_imports_nothing_heavy() -> None:
    code = "import sys\nbefore = set(sys.modules)\nimport uzpay\nprint(' '.join(sorted(set(sys.modules) - before)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(out.stdout.split())
    assert "uzpay._uzpay" in loaded
    for heavy in ("requests", "django", "urllib.request", "dataclasses", "decimal", "typing", "uzpay.transport"):
        assert heavy not in loaded, heavy
