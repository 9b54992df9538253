"""uzpay's Python binding side by side with a pure-Python reference (reference.py) on
bench/workload.json. Run it through bench.sh, which makes the binding's venv.

    python bench.py [--quick] [--out PATH]
    python bench.py --check    only the agreement below, nothing timed (bench/run.sh)

Before anything is timed, both implementations must give the same answers on the
workload (the same requests, byte for byte, and the same outputs); it stops if not.
For each workload it takes N samples of each implementation, interleaved (uzpay,
reference, uzpay, reference, ...) so that drift on a busy machine hits both alike;
a sample times one batch of iterations with time.perf_counter_ns (the garbage
collector off, as timeit does), and the figure is the median ns per iteration. It
also measures the wheel's size and ``import uzpay``. Figures only: nothing here
passes or fails on a time.

Writes target/bench/python.json (see bench/python/README.md for the schema).
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

import workload

PEER = (
    "pure-Python reference (bench/python/reference.py: stdlib json/re/dataclasses, "
    "uzpay's rules, passes the same conformance vectors)"
)


class Settings:
    def __init__(self, quick: bool) -> None:
        self.samples = 9 if quick else 41  # per implementation and workload
        self.sample_ns = (8 if quick else 60) * 1_000_000  # one batch lasts about this long
        self.warmup_ns = (100 if quick else 500) * 1_000_000
        self.import_runs = 7


def batch_size(loop: workload.Callable[[int], int], target_ns: int) -> int:
    """Iterations for one batch of about target_ns (the first calls warm up too). The
    fastest of three tries sets it, so one pause of a busy machine cannot shrink it."""
    n = 1
    while loop(n) < target_ns / 8 and n < 1 << 24:
        n *= 2
    elapsed = min(loop(n) for _ in range(3))
    return max(1, round(n * target_ns / max(elapsed, 1)))


def warm_up(loop: workload.Callable[[int], int], n: int, duration_ns: int) -> None:
    deadline = time.perf_counter_ns() + duration_ns
    while time.perf_counter_ns() < deadline:
        loop(n)


def timed(loop: workload.Callable[[int], int], n: int) -> float:
    """ns per iteration over one batch of n."""
    gc.collect()
    gc.disable()
    try:
        return loop(n) / n
    finally:
        gc.enable()


def measure(settings: Settings) -> dict[str, dict[str, float]]:
    data = workload.load()
    prepared = {impl: workload.prepare(impl, data) for impl in workload.IMPLEMENTATIONS}
    medians: dict[str, dict[str, float]] = {}
    for name in workload.WORKLOADS:
        loops = {impl: prepared[impl][name].loop for impl in workload.IMPLEMENTATIONS}
        sizes = {impl: batch_size(loop, settings.sample_ns) for impl, loop in loops.items()}
        for impl, loop in loops.items():
            warm_up(loop, max(1, sizes[impl] // 10), settings.warmup_ns // 2)
        samples: dict[str, list[float]] = {impl: [] for impl in loops}
        for _ in range(settings.samples):
            for impl in workload.IMPLEMENTATIONS:  # ABAB: each round times both
                samples[impl].append(timed(loops[impl], sizes[impl]))
        medians[name] = {impl: round(statistics.median(s), 1) for impl, s in samples.items()}
        spread = {impl: spread_of(s) for impl, s in samples.items()}
        print(
            f"  {name:16s} uzpay {medians[name]['uzpay']:>10,.0f} ns (±{spread['uzpay']:.0%}, {sizes['uzpay']}/batch)"
            f"   reference {medians[name]['reference']:>10,.0f} ns "
            f"(±{spread['reference']:.0%}, {sizes['reference']}/batch)",
            flush=True,
        )
    return medians


def spread_of(samples: list[float]) -> float:
    """Half the interquartile range, relative to the median."""
    q = statistics.quantiles(samples, n=4)
    return (q[2] - q[0]) / 2 / statistics.median(samples)


def wheel_bytes() -> int:
    """The abi3 wheel scripts/venv.sh built into the venv's wheels directory."""
    wheels = sorted((Path(sys.prefix) / "wheels").glob("uzpay-*.whl"))
    if len(wheels) != 1:
        raise SystemExit(f"expected one uzpay wheel in {Path(sys.prefix) / 'wheels'}, found {len(wheels)}")
    return wheels[0].stat().st_size


def import_ms(runs: int) -> float:
    """``python -X importtime -c "import uzpay"``: the cumulative time of the uzpay line,
    median of fresh processes after one warm run (which also writes the .pyc files)."""
    command = [sys.executable, "-X", "importtime", "-c", "import uzpay"]
    env = {k: v for k, v in __import__("os").environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(command, capture_output=True, check=True, env=env)
    times = []
    for _ in range(runs):
        stderr = subprocess.run(command, capture_output=True, check=True, text=True, env=env).stderr
        micros = [int(line.split("|")[1]) for line in stderr.splitlines() if line.endswith("| uzpay")]
        if len(micros) != 1:
            raise SystemExit(f"no 'uzpay' line in the import times:\n{stderr}")
        times.append(micros[0] / 1000)
    return round(statistics.median(times), 2)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer, shorter samples (well under a minute)")
    parser.add_argument("--out", type=Path, default=workload.ROOT / "target" / "bench" / "python.json")
    parser.add_argument(
        "--check", action="store_true", help="only check that both give the same answers on the workload; time nothing"
    )
    args = parser.parse_args(argv)
    settings = Settings(args.quick)

    differences = workload.differences(workload.load())
    if differences:
        print("uzpay and the reference disagree on the workload:", *differences, sep="\n  ", file=sys.stderr)
        return 1
    if args.check:
        print(
            f"python {platform.python_version()}: uzpay and the reference give the same answers on the workload "
            "(requests byte for byte, outputs)"
        )
        return 0
    print(
        f"python {platform.python_version()}: both implementations give the same answers; "
        f"{settings.samples} samples each{' (--quick)' if args.quick else ''}",
        flush=True,
    )

    medians = measure(settings)
    extra = {"wheel_bytes": wheel_bytes(), "python_import_ms": import_ms(settings.import_runs)}
    result = {
        "lang": "python",
        "peer": PEER,
        "unit": "ns per iteration, median",
        "workloads": medians,
        "extra": extra,
        "samples": settings.samples,
        "python": platform.python_version(),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")

    total = {impl: sum(m[impl] for m in medians.values()) for impl in workload.IMPLEMENTATIONS}
    print()
    print(f"{'workload':16s} {'uzpay ns':>12s} {'reference ns':>14s} {'uzpay/ref':>10s}")
    for name, m in medians.items():
        print(f"{name:16s} {m['uzpay']:>12,.0f} {m['reference']:>14,.0f} {m['uzpay'] / m['reference']:>10.2f}")
    ratio = total["uzpay"] / total["reference"]
    print(f"{'sum':16s} {total['uzpay']:>12,.0f} {total['reference']:>14,.0f} {ratio:>10.2f}   (budget <= 0.50)")
    print(f"import uzpay {extra['python_import_ms']} ms (budget 20); wheel {extra['wheel_bytes']:,} bytes")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
