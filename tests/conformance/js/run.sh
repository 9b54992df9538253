#!/usr/bin/env bash
# The JavaScript conformance runner (tests/conformance/FORMAT.md): every case of the
# *.json files in DIR... through the public API of the npm package `uzpay`
# (bindings-wasm), ending with "N passed, M failed".
#   tests/conformance/js/run.sh DIR...
# Builds the package first when it is missing or older than its sources.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
pkg=$(cd "$here/../../../bindings-wasm" && pwd)

# Quiet unless something fails: `run.sh --lang all` shows every line a runner prints.
log=$(mktemp)
if ! { [ -d "$pkg/node_modules" ] || (cd "$pkg" && npm ci --no-audit --no-fund); } >"$log" 2>&1 ||
  ! node "$pkg/scripts/build.mjs" --if-stale >>"$log" 2>&1; then
  cat "$log" >&2
  echo "FAIL: could not build the npm package (bindings-wasm)"
  echo "0 passed, 1 failed"
  rm -f "$log"
  exit 1
fi
rm -f "$log"
# The runner reads numbers exactly with JSON.parse source text access: on by
# default from Node 21, behind a flag in Node 20.
has_raw_json='process.exit(typeof JSON.rawJSON === "function" ? 0 : 1)'
flags=()
if ! node -e "$has_raw_json" && node --harmony-json-parse-with-source -e "$has_raw_json" 2>/dev/null; then
  flags=(--harmony-json-parse-with-source)
fi
exec node "${flags[@]}" "$here/runner.mjs" "$@"
