#!/usr/bin/env python3
"""Reads target/bench/{rust,python,js,kotlin}.json (written by each language's
benchmark), writes target/bench/summary.json and prints the Markdown table the README
shows.

    summary.py <target/bench> [--seconds N] [--quick]

A ratio is uzpay's time over its peer's for the whole workload: the sum of the three
workloads' medians (Paylov register, VIA verify, OFD parse), each the median time of
one iteration. Below 1, uzpay is faster.
"""

import json
import os
import platform
import sys
from datetime import datetime, timezone
from pathlib import Path

WORKLOADS = ("paylov_register", "via_verify", "ofd_parse")

# (key, language file, uzpay's side, its peer, budget: the ratio must not exceed it)
RATIOS = (
    ("core_vs_serde_floor", "rust", "Rust core", "serde floor", 1.3),
    ("python_vs_pure_python", "python", "Python wheel", "pure Python", 0.5),
    ("js_vs_pure_js", "js", "npm (Node)", "pure JS", 1.5),
    ("kotlin_vs_pure_kotlin", "kotlin", "Kotlin (JVM)", "pure Kotlin", 2.0),
)

# (key, language file, extra key, budget or None, unit)
FIGURES = (
    ("wasm_gzip_bytes", "js", "wasm_gzip_bytes", 60 * 1024, "bytes"),
    ("npm_tarball_bytes", "js", "npm_tarball_bytes", None, "bytes"),
    ("node_import_ms", "js", "node_import_ms", None, "ms"),
    ("wheel_bytes", "python", "wheel_bytes", None, "bytes"),
    ("python_import_ms", "python", "python_import_ms", 20.0, "ms"),
    ("kotlin_so_bytes", "kotlin", "so_bytes", None, "bytes"),
)


def load(directory: Path) -> dict:
    found = {}
    for lang in ("rust", "python", "js", "kotlin"):
        path = directory / f"{lang}.json"
        if path.exists():
            found[lang] = json.loads(path.read_text())
    return found


def ratio(result: dict) -> float:
    uzpay = sum(result["workloads"][w]["uzpay"] for w in WORKLOADS)
    peer = sum(result["workloads"][w]["reference"] for w in WORKLOADS)
    return uzpay / peer


def micros(ns: float) -> str:
    return f"{ns / 1000:.2f}"


def main() -> None:
    directory = Path(sys.argv[1])
    args = sys.argv[2:]
    seconds = int(args[args.index("--seconds") + 1]) if "--seconds" in args else None
    results = load(directory)
    missing = [lang for _, lang, _, _, _ in RATIOS if lang not in results]
    if missing:
        sys.exit(f"summary.py: no figures for {', '.join(missing)} in {directory}")

    summary: dict = {}
    budgets: dict = {}
    for key, lang, _, _, budget in RATIOS:
        summary[key] = round(ratio(results[lang]), 3)
        budgets[key] = {"budget": budget, "holds": summary[key] <= budget}
    for key, lang, extra, budget, _ in FIGURES:
        value = results[lang].get("extra", {}).get(extra)
        summary[key] = value
        if budget is not None and value is not None:
            budgets[key] = {"budget": budget, "holds": value <= budget}
    summary["budgets"] = budgets
    summary["workloads"] = {
        lang: {
            w: {
                "uzpay_ns": r["workloads"][w]["uzpay"],
                "peer_ns": r["workloads"][w]["reference"],
                "ratio": round(r["workloads"][w]["uzpay"] / r["workloads"][w]["reference"], 3),
            }
            for w in WORKLOADS
        }
        for lang, r in results.items()
    }
    summary["peers"] = {lang: r.get("peer") for lang, r in results.items()}
    summary["run"] = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "quick": "--quick" in args,
        "seconds": seconds,
        "cpus": os.cpu_count(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "machine": platform.machine(),
        "runtimes": {lang: r.get(k) for lang, r in results.items() for k in ("rustc", "python", "node", "jvm") if k in r},
    }
    (directory / "summary.json").write_text(json.dumps(summary, indent=1) + "\n")

    lines = [
        "| language | uzpay vs | Paylov register (10 items) | VIA verify | OFD parse | whole workload | budget |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for key, lang, side, peer, budget in RATIOS:
        r = results[lang]
        cells = []
        for w in WORKLOADS:
            u, p = r["workloads"][w]["uzpay"], r["workloads"][w]["reference"]
            cells.append(f"{micros(u)} vs {micros(p)} µs ({u / p:.2f}x)")
        mark = "holds" if budgets[key]["holds"] else "**missed**"
        lines.append(f"| {side} | {peer} | {' | '.join(cells)} | **{summary[key]:.2f}x** | <= {budget} {mark} |")
    lines.append("")
    lines.append("| figure | measured | budget |")
    lines.append("| --- | --- | --- |")
    for key, _, _, budget, unit in FIGURES:
        value = summary[key]
        shown = "n/a" if value is None else (f"{value / 1024:.1f} KiB" if unit == "bytes" else f"{value:.1f} ms")
        if budget is None:
            limit = "-"
        else:
            limit_text = f"{budget / 1024:.0f} KiB" if unit == "bytes" else f"{budget:.0f} ms"
            limit = f"<= {limit_text} " + ("holds" if budgets[key]["holds"] else "**missed**")
        lines.append(f"| {key} | {shown} | {limit} |")
    run = summary["run"]
    lines.append("")
    lines.append(
        f"Medians of one run{' (--quick)' if run['quick'] else ''}, {run['cpus']} CPUs, "
        f"load average {run['load_average'][0]} at the end; times are µs per iteration (build + parse)."
    )
    print("\n".join(lines))
    print(f"\nwrote {directory / 'summary.json'}")


if __name__ == "__main__":
    main()
