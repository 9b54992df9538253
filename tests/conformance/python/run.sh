#!/usr/bin/env bash
# The Python conformance runner: tests/conformance/python/run.sh DIR...
# Makes (or reuses) the bindings' venv with the wheel built from this checkout, then
# runs every vector through uzpay's public Python API (runner.py). Prints one line per
# failed case and ends with "N passed, M failed".
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
py=$("$here/../../../bindings-python/scripts/venv.sh")
exec "$py" "$here/runner.py" "$@"
