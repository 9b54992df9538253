#!/usr/bin/env bash
# The bounded soak: FLOWS complete flows (default 10000), 64 at a time, 5% with a
# random injected fault, against the in-process sandbox on 127.0.0.1 only.
# Prints throughput, p50/p99, errors by kind, receipts lost and doubled (both must
# be 0), and writes target/soak/summary.json. Not part of .ci/run (its 500-flow
# version is, in scripts/test.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
flows=${1:-10000}
mkdir -p target/soak
cargo build -q --release -p uzpay-cli
exec target/release/uzpay soak --flows "$flows" --concurrency 64 --fault-rate 0.05 --json target/soak/summary.json
