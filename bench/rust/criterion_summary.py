#!/usr/bin/env python3
"""Criterion's medians for the Rust benchmark as target/bench/rust.json, in the schema
every language's benchmark writes (bench/README.md).

    criterion_summary.py <target/criterion> <out.json>
"""

import json
import platform
import subprocess
import sys
from pathlib import Path

WORKLOADS = ("paylov_register", "via_verify", "ofd_parse")


def median_ns(criterion: Path, workload: str, function: str) -> float:
    estimates = json.loads((criterion / workload / function / "new" / "estimates.json").read_text())
    return float(estimates["median"]["point_estimate"])


def main() -> None:
    criterion, out = Path(sys.argv[1]), Path(sys.argv[2])
    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True, check=False).stdout.strip()
    summary = {
        "lang": "rust",
        "peer": "the serde floor: plain serde structs with the same fields, serialized and parsed by serde_json, nothing checked (bench/rust)",
        "unit": "ns per iteration, median",
        "workloads": {
            w: {"uzpay": median_ns(criterion, w, "uzpay"), "reference": median_ns(criterion, w, "serde_floor")}
            for w in WORKLOADS
        },
        "extra": {},
        "samples": 100,
        "rustc": rustc or platform.python_implementation(),
    }
    out.write_text(json.dumps(summary, indent=1) + "\n")


if __name__ == "__main__":
    main()
