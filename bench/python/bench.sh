#!/usr/bin/env bash
# uzpay's Python binding against the pure-Python reference on bench/workload.json:
#
#   bench/python/bench.sh [--quick | --check]
#
# Makes (or reuses) the binding's venv with the wheel built from this checkout
# (bindings-python/scripts/venv.sh), then runs bench.py with the venv's python.
# Writes target/bench/python.json and prints a summary. --quick takes fewer samples;
# --check only checks that uzpay and the reference agree on the workload.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
py=$("$root/bindings-python/scripts/venv.sh")
exec "$py" "$here/bench.py" "$@"
