#!/usr/bin/env bash
# Makes (or reuses) the Python environment of the bindings: bindings-python/.venv with
# the pinned tools of requirements-dev.txt and the uzpay wheel built from this
# checkout. Prints the venv's python on stdout; progress goes to stderr.
#
#   scripts/venv.sh            rebuild the wheel only if a file it is built from changed
#   scripts/venv.sh --rebuild  always rebuild the wheel
#
# PYTHON picks the interpreter that creates the venv (default: python3, >= 3.10 for the
# pinned Django; the wheel itself supports 3.9+). UZPAY_VENV moves the venv.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
root=$(cd "$here/.." && pwd)
venv=${UZPAY_VENV:-$here/.venv}
rebuild=false
[ "${1:-}" = --rebuild ] && rebuild=true

log() { echo "[uzpay-python] $*" >&2; }

if [ ! -x "$venv/bin/python" ]; then
  log "creating $venv"
  "${PYTHON:-python3}" -m venv "$venv" >&2
fi
py=$venv/bin/python

# A stamp of what each step depends on, so a second run costs nothing.
stamp() { cat "$@" 2>/dev/null | sha256sum | cut -d' ' -f1; }

tools=$(stamp "$here/requirements-dev.txt")
if [ "$(cat "$venv/.tools-stamp" 2>/dev/null)" != "$tools" ]; then
  log "installing the tools of requirements-dev.txt"
  "$py" -m pip install --quiet --disable-pip-version-check -r "$here/requirements-dev.txt" >&2
  echo "$tools" >"$venv/.tools-stamp"
fi

# Everything the wheel is built from: the core, the binding, the lockfile.
sources=$(cd "$root" && find Cargo.toml Cargo.lock core/Cargo.toml core/src \
  bindings-python/Cargo.toml bindings-python/pyproject.toml bindings-python/README.md \
  bindings-python/src bindings-python/python -type f \
  -not -name '*.pyc' -not -name '*.so' -not -path '*/__pycache__/*' | sort)
wheel=$(cd "$root" && stamp $sources)
if $rebuild || [ "$(cat "$venv/.wheel-stamp" 2>/dev/null)" != "$wheel" ]; then
  log "building the wheel (maturin build --release)"
  rm -rf "$venv/wheels"
  if ! "$venv/bin/maturin" build --release --quiet -m "$here/Cargo.toml" -i "$py" --out "$venv/wheels" >"$venv/build.log" 2>&1; then
    cat "$venv/build.log" >&2
    exit 1
  fi
  "$py" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps "$venv"/wheels/uzpay-*.whl >&2
  echo "$wheel" >"$venv/.wheel-stamp"
fi

echo "$py"
