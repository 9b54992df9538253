"""Hostile input to every public function: wrong types, NaN and floats for money,
None where a value is required, negative and huge numbers, 1 MB strings, nested
garbage. Each must end in uzpay's typed error (``InvalidInput``, whose subclass
``InputTypeError`` is also a ``TypeError``), naming the field, or a ``TypeError``
raised by Python itself for a wrong call shape: never a crash and never a
``PanicException`` (a ``BaseException``, which these tests would not catch).

The valid starting inputs are the conformance vectors' documented requests, so every
operation is covered and none is forgotten when one is added."""

from __future__ import annotations

import copy
import json
import math
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import uzpay

VECTORS = Path(__file__).resolve().parents[2] / "tests" / "vectors"

HOSTILE: list[tuple[str, Any]] = [
    ("a string", "12abc"),
    ("a float", 1.5),
    ("NaN", math.nan),
    ("infinity", math.inf),
    ("a Decimal", Decimal("1.00")),
    ("a bool", True),
    ("None", None),
    ("a negative number", -1),
    ("a huge number", 2**70),
    ("a 1 MB string", "9" * (1 << 20)),
    ("a dict", {"nested": [{"garbage": None}]}),
    ("a list", [1, "two", None]),
    ("bytes", b"\xff\xfe"),
    ("a lone surrogate", "\ud800"),
]

CONFIG_CLASSES = {
    "fiscalbox": uzpay.FiscalBoxConfig,
    "paylov": uzpay.PaylovConfig,
    "paymentsgate": uzpay.PaymentsGateConfig,
    "via": uzpay.ViaConfig,
}


def valid_cases() -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    """One accepted (op, config, input) per operation, from the vectors."""
    seen: dict[str, tuple[str, dict[str, Any], dict[str, Any]]] = {}
    for path in sorted(VECTORS.glob("*.json")):
        for case in json.loads(path.read_text())["cases"]:
            op = case["op"]
            # A provider's own host (the loopback vectors test the https rule itself).
            https = str(case["config"].get("base_url", "https://")).startswith("https://")
            if op in uzpay.OPERATIONS and "request" in case and https and op not in seen:
                seen[op] = (op, case["config"], case["input"])
    assert set(seen) == set(uzpay.OPERATIONS), "every operation needs a documented request vector"
    return list(seen.values())


def paths(value: Any, prefix: str = "") -> list[tuple[list[str | int], str]]:
    """Every field path of an input: ([keys...], "items[0].price")."""
    out: list[tuple[list[str | int], str]] = []
    if isinstance(value, dict):
        for key, inner in value.items():
            name = f"{prefix}.{key}" if prefix else key
            out.append(([key], name))
            out += [([key, *rest], text) for rest, text in paths(inner, name)]
    elif isinstance(value, list) and value:
        out += [([0, *rest], text) for rest, text in paths(value[0], f"{prefix}[0]")]
    return out


def original(value: dict[str, Any], keys: list[str | int]) -> Any:
    target: Any = value
    for key in keys:
        target = target[key]
    return target


def replaced(value: dict[str, Any], keys: list[str | int], new: Any) -> dict[str, Any]:
    out = copy.deepcopy(value)
    target: Any = out
    for key in keys[:-1]:
        target = target[key]
    target[keys[-1]] = new
    return out


CASES = [
    pytest.param(
        op, config, replaced(input_, keys, value), name, label, type(original(input_, keys)), id=f"{op}:{name}={label}"
    )
    for op, config, input_ in valid_cases()
    for keys, name in paths(input_)
    for label, value in HOSTILE
]


def call_build(op: str, config: dict[str, Any], input_: dict[str, Any]) -> Any:
    provider, name = op.split(".")
    cfg = CONFIG_CLASSES[provider].from_dict(config)
    return getattr(uzpay, f"build_{name}")(cfg, input_)


@pytest.mark.parametrize(("op", "config", "input_", "field", "label", "was"), CASES)
def test_hostile_field(
    op: str, config: dict[str, Any], input_: dict[str, Any], field: str, label: str, was: type
) -> None:
    try:
        request = call_build(op, config, input_)
    except uzpay.InvalidInput as e:
        # The field named is the one we broke, inside it (items[0].price.x), or, for a
        # rule across fields (an item needs a pinfl or a tin), the object holding it.
        assert e.field is not None and (
            e.field == field or e.field.startswith((field + ".", field + "[")) or field.startswith(e.field + ".")
        ), f"{op}: {field}={label} blamed {e.field!r}: {e}"
        assert str(e), "an error with no message"
        assert not e.retryable
        return
    except TypeError as e:
        assert field.split(".")[-1].split("[")[0] in str(e) or "tiyin" in str(e), f"{op}: {field}={label}: {e}"
        return
    # Accepted: only None for an optional field (taken as absent), or a short plain
    # string where a string belongs, may pass; then the request is well formed.
    assert label == "None" or (label == "a string" and was is str), f"{op}: {field}={label} was accepted"
    assert request.url.startswith("https://")


HOSTILE_RESPONSES: list[tuple[str, Any, Any, Any]] = [
    ("a string status", "200", [], b"{}"),
    ("a float status", 200.0, [], b"{}"),
    ("a None status", None, [], b"{}"),
    ("a negative status", -1, [], b"{}"),
    ("a huge status", 2**40, [], b"{}"),
    ("headers as a string", 200, "content-type: json", b"{}"),
    ("headers as non-pairs", 200, [("a",), 5], b"{}"),
    ("a None body", 200, [], None),
    ("a 1 MB + 1 body", 200, [], b"{" + b" " * (1 << 20) + b"}"),
    ("invalid UTF-8", 200, [], b"\xff\xfe\xfd"),
    ("deeply nested JSON", 200, [], b"[" * 100_000 + b"]" * 100_000),
    ("a number as the body", 200, [], b"1e999999"),
    ("NaN in the body", 200, [], b'{"data": NaN}'),
]

PARSE_CASES = [
    pytest.param(op, status, headers, body, id=f"{op}:{label}")
    for op in uzpay.OPERATIONS
    for label, status, headers, body in HOSTILE_RESPONSES
]


@pytest.mark.parametrize(("op", "status", "headers", "body"), PARSE_CASES)
def test_hostile_response(op: str, status: Any, headers: Any, body: Any) -> None:
    parse = getattr(uzpay, f"parse_{op.split('.')[1]}")
    with pytest.raises((uzpay.UzpayError, TypeError, ValueError, OverflowError)) as info:
        parse(status, headers, body)
    assert str(info.value)


@pytest.mark.parametrize(("label", "value"), HOSTILE, ids=[label for label, _ in HOSTILE])
def test_hostile_fiscal_functions(label: str, value: Any) -> None:
    with pytest.raises((uzpay.UzpayError, TypeError)):
        uzpay.OfdReceiptUrl.parse(value)
    with pytest.raises((uzpay.UzpayError, TypeError)):
        uzpay.receipt_totals(value)
    with pytest.raises((uzpay.UzpayError, TypeError)):
        uzpay.receipt_totals([value])
    if label not in ("a negative number", "a huge number"):
        with pytest.raises((uzpay.UzpayError, TypeError)):
            uzpay.vat_included(value, 12)
    with pytest.raises((uzpay.UzpayError, TypeError, ValueError, OverflowError)):
        uzpay.vat_included(100, value if label != "None" else -5)


def test_the_suite_is_large() -> None:
    # Recorded in docs/reliability.md; a shrinking count means lost coverage.
    total = len(CASES) + len(PARSE_CASES) + len(HOSTILE) * 5
    print(f"hostile cases: {total}")
    assert total >= 900
