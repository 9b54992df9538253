#!/usr/bin/env bash
# Every test of the Python package, on a fresh machine too: makes bindings-python/.venv
# (pinned tools from PyPI), builds the abi3 wheel with maturin and installs it, then
# runs ruff, pytest, mypy --strict, the Django example's tests, the conformance vectors and
# the import time (printed). scripts/test.sh at the root calls it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

section() { printf '\n== python: %s\n' "$*"; }

section "venv and wheel"
py=$(scripts/venv.sh --rebuild)
venv=$(dirname "$(dirname "$py")")
wheel=$(ls "$venv"/wheels/uzpay-*.whl)
echo "$(basename "$wheel") ($(du -k "$wheel" | cut -f1) KiB)"

section "pytest"
"$py" -m pytest -q tests

section "ruff"
"$venv/bin/ruff" format --check .
"$venv/bin/ruff" check .

section "mypy --strict"
"$py" -m mypy --strict python/uzpay tests/typed_usage.py examples/quickstart.py
"$py" -m mypy.stubtest uzpay._uzpay # the stub against the built module
(cd examples/django_shop && "$py" -m mypy .)

section "Django example"
(cd examples/django_shop && "$py" manage.py test -v 1)

section "conformance"
../tests/conformance/python/run.sh ../tests/vectors ../tests/flows

section "import time (a figure, not a test: the benchmark owns the budget)"
"$py" -c "import uzpay" # compile the .pyc files first: a cold import measures the disk
micros=$("$py" -X importtime -c "import uzpay" 2>&1 | awk -F'|' '$3 ~ /^ uzpay$/ { gsub(/ /, "", $2); print $2 }')
echo "import uzpay: ${micros} us (budget 20000 us)"
