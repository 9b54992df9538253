"""bench/workload.json prepared for both implementations, for bench.py and the tests.

Everything here happens once, outside any timing: reading the workload, making
uzpay's config objects (an application makes them once, at startup), turning the
response headers into ``(name, value)`` pairs and the body into bytes. The reference
takes its configs as the dicts of the workload, as its API says.
"""

from __future__ import annotations

import copy
import dataclasses
import json
from itertools import repeat
from pathlib import Path
from time import perf_counter_ns
from typing import Any, Callable

import reference

ROOT = Path(__file__).resolve().parents[2]
WORKLOAD = ROOT / "bench" / "workload.json"

IMPLEMENTATIONS = ("uzpay", "reference")
WORKLOADS = ("paylov_register", "via_verify", "ofd_parse")


def load(path: Path = WORKLOAD) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


@dataclasses.dataclass
class Prepared:
    """One workload for one implementation: ``once()`` runs one iteration and returns
    what it produced; ``loop(n)`` runs n iterations and returns the elapsed ns."""

    once: Callable[[], Any]
    loop: Callable[[int], int]


def build_and_parse(build: Any, parse: Any, config: Any, input: Any, response: dict[str, Any]) -> Prepared:
    status = response["status"]
    headers = [(name, value) for name, value in response["headers"]]
    body = response["body"].encode("utf-8")

    def once() -> tuple[Any, Any]:
        return build(config, input), parse(status, headers, body)

    def loop(n: int) -> int:
        start = perf_counter_ns()
        for _ in repeat(None, n):
            build(config, input)
            parse(status, headers, body)
        return perf_counter_ns() - start

    return Prepared(once, loop)


def parse_only(parse: Any, url: str) -> Prepared:
    def loop(n: int) -> int:
        start = perf_counter_ns()
        for _ in repeat(None, n):
            parse(url)
        return perf_counter_ns() - start

    return Prepared(lambda: parse(url), loop)


def prepare(implementation: str, workload: dict[str, Any]) -> dict[str, Prepared]:
    """The three workloads for ``uzpay`` or ``reference``, each with its own copy of
    the inputs."""
    workload = copy.deepcopy(workload)
    paylov, via, ofd = workload["paylov_register"], workload["via_verify"], workload["ofd_parse"]
    if implementation == "uzpay":
        import uzpay

        return {
            "paylov_register": build_and_parse(
                uzpay.build_register_receipt,
                uzpay.parse_register_receipt,
                uzpay.PaylovConfig.from_dict(paylov["config"]),
                paylov["input"],
                paylov["response"],
            ),
            "via_verify": build_and_parse(
                uzpay.build_confirm_pay_verify,
                uzpay.parse_confirm_pay_verify,
                uzpay.ViaConfig.from_dict(via["config"]),
                via["input"],
                via["response"],
            ),
            "ofd_parse": parse_only(uzpay.OfdReceiptUrl.parse, ofd["input"]["url"]),
        }
    if implementation == "reference":
        return {
            "paylov_register": build_and_parse(
                reference.build_register_receipt,
                reference.parse_register_receipt,
                paylov["config"],
                paylov["input"],
                paylov["response"],
            ),
            "via_verify": build_and_parse(
                reference.build_confirm_pay_verify,
                reference.parse_confirm_pay_verify,
                via["config"],
                via["input"],
                via["response"],
            ),
            "ofd_parse": parse_only(reference.parse_receipt_url, ofd["input"]["url"]),
        }
    raise ValueError(f"unknown implementation {implementation!r}")


# Both implementations must give the same answer ---------------------------------------


def canonical(value: Any) -> str:
    """JSON text with sorted keys: equal texts mean equal values of equal JSON types
    (``1`` differs from ``1.0`` and from ``True``)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def request_parts(request: Any) -> dict[str, Any]:
    return {
        "method": request.method,
        "url": request.url,
        "headers": [list(h) for h in request.headers],
        "json": json.loads(request.body),
    }


def output_dict(output: Any) -> dict[str, Any]:
    """An output as its canonical dict (uzpay's ``to_dict()``, the dataclass's fields)."""
    if dataclasses.is_dataclass(output):
        return dataclasses.asdict(output)
    return output.to_dict()


def ofd_dict(url: Any) -> dict[str, Any]:
    fields = ("kind", "terminal_id", "receipt_number", "date_time", "fiscal_sign")
    return {**{f: getattr(url, f) for f in fields}, "url": str(url)}


def differences(workload: dict[str, Any]) -> list[str]:
    """How uzpay's and the reference's answers to the workload differ (empty: same
    requests, byte for byte, and equal outputs)."""
    uz, ref = prepare("uzpay", workload), prepare("reference", workload)
    found = []
    for name in ("paylov_register", "via_verify"):
        (uz_request, uz_output), (ref_request, ref_output) = uz[name].once(), ref[name].once()
        a, b = request_parts(uz_request), request_parts(ref_request)
        for part in a:
            if canonical(a[part]) != canonical(b[part]):
                found.append(f"{name}: request {part}: uzpay {canonical(a[part])}, reference {canonical(b[part])}")
        if uz_request.body != ref_request.body:
            found.append(f"{name}: the request bodies differ in bytes: {uz_request.body!r} / {ref_request.body!r}")
        a, b = output_dict(uz_output), output_dict(ref_output)
        if canonical(a) != canonical(b):
            found.append(f"{name}: output: uzpay {canonical(a)}, reference {canonical(b)}")
    a, b = ofd_dict(uz["ofd_parse"].once()), ofd_dict(ref["ofd_parse"].once())
    if canonical(a) != canonical(b):
        found.append(f"ofd_parse: uzpay {canonical(a)}, reference {canonical(b)}")
    return found
