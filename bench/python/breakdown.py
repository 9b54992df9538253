"""Where uzpay's time goes on the workload: each step of a call timed on its own
(interleaved rounds, median CPU ns per call: this thread's CPU time, so that other
processes on a busy machine count less). A diagnostic, not part of the benchmark.

    $(bindings-python/scripts/venv.sh) bench/python/breakdown.py [--rounds N]

The binding's steps are not callable one by one, so some are differences:
``convert`` is a build whose input is refused at its very end (the whole dict was
turned into JSON) minus one refused at its very start (the cost of raising).
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
from itertools import repeat
from time import thread_time_ns
from typing import Any, Callable

import reference
import workload

import uzpay


def per_call(f: Callable[[], Any], n: int) -> float:
    gc.disable()
    try:
        start = thread_time_ns()
        for _ in repeat(None, n):
            f()
        return (thread_time_ns() - start) / n
    finally:
        gc.enable()


def refused(f: Callable[[], Any]) -> Callable[[], None]:
    def call() -> None:
        try:
            f()
        except uzpay.UzpayError:
            pass
        else:
            raise AssertionError("expected an error")

    return call


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    rounds = parser.parse_args(argv).rounds

    w = workload.load()
    p, v = w["paylov_register"], w["via_verify"]
    paylov = uzpay.PaylovConfig.from_dict(p["config"])
    via = uzpay.ViaConfig.from_dict(v["config"])
    headers = [tuple(h) for h in p["response"]["headers"]]
    p_body, v_body = p["response"]["body"].encode(), v["response"]["body"].encode()
    receipt = uzpay.parse_register_receipt(200, headers, p_body).to_dict()
    transaction = uzpay.parse_confirm_pay_verify(200, headers, v_body).to_dict()
    items = p["input"]["items"]
    float_last = {**p["input"], "zz": 1.5}  # converted whole, then refused
    float_first = {"aa": 1.5, **p["input"]}  # refused at once
    no_payment = {"items": items}  # decoded whole, then refused (transaction_id is checked first)
    item_objects = {**p["input"], "items": [uzpay.Item(**i) for i in items]}
    url = w["ofd_parse"]["input"]["url"]

    steps: dict[str, Callable[[], Any]] = {
        "paylov build": lambda: uzpay.build_register_receipt(paylov, p["input"]),
        "  refused after converting the input": refused(lambda: uzpay.build_register_receipt(paylov, float_last)),
        "  refused before converting (raising)": refused(lambda: uzpay.build_register_receipt(paylov, float_first)),
        "  refused after the core decoded the input": refused(lambda: uzpay.build_register_receipt(paylov, no_payment)),
        "  with uzpay.Item objects": lambda: uzpay.build_register_receipt(paylov, item_objects),
        "  PaylovConfig.from_dict (once per app)": lambda: uzpay.PaylovConfig.from_dict(p["config"]),
        "  receipt_totals(items)": lambda: uzpay.receipt_totals(items),
        "paylov parse": lambda: uzpay.parse_register_receipt(200, headers, p_body),
        "  headers=None": lambda: uzpay.parse_register_receipt(200, None, p_body),
        "  RegisterReceiptOutput.from_dict": lambda: uzpay.RegisterReceiptOutput.from_dict(receipt),
        "  a frozen dataclass of its fields": lambda: reference.RegisterReceiptOutput(**receipt),
        "via build": lambda: uzpay.build_confirm_pay_verify(via, v["input"]),
        "via parse": lambda: uzpay.parse_confirm_pay_verify(200, headers, v_body),
        "  headers=None ": lambda: uzpay.parse_confirm_pay_verify(200, None, v_body),
        "  ViaTransaction.from_dict": lambda: uzpay.ViaTransaction.from_dict(transaction),
        "  Epos.from_dict": lambda: uzpay.Epos.from_dict(transaction["epos"]),
        "  frozen dataclasses of its fields": lambda: reference.ViaTransaction(
            **{**transaction, "epos": reference.Epos(**transaction["epos"])}
        ),
        "ofd parse": lambda: uzpay.OfdReceiptUrl.parse(url),
        "vat_included(100000, 12) (a call's floor)": lambda: uzpay.vat_included(100_000, 12),
    }
    sizes = {}
    for name, f in steps.items():  # about 5 ms a sample
        n = 1
        while per_call(f, n) * n < 1_000_000:
            n *= 2
        sizes[name] = n * 5
    samples: dict[str, list[float]] = {name: [] for name in steps}
    for _ in range(rounds):
        for name, f in steps.items():
            samples[name].append(per_call(f, sizes[name]))
    medians = {name: statistics.median(s) for name, s in samples.items()}
    for name, ns in medians.items():
        print(f"{name:44s} {ns:>10,.0f} ns")
    convert = medians["  refused after converting the input"] - medians["  refused before converting (raising)"]
    print(f"{'=> paylov build: converting the input dict':44s} {convert:>10,.0f} ns (difference)")
    decode = medians["  refused after the core decoded the input"] - medians["  refused after converting the input"]
    print(f"{'=> paylov build: the core decoding the JSON':44s} {decode:>10,.0f} ns (difference)")
    for op, record in (("paylov", "  RegisterReceiptOutput.from_dict"), ("via", "  ViaTransaction.from_dict")):
        share = medians[record] / medians[f"{op} parse"]
        print(
            f"{'=> ' + op + ' parse: the output record (Python)':44s} {medians[record]:>10,.0f} ns "
            f"({share:.0%} of the parse)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
