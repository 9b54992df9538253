#!/usr/bin/env bash
# The JavaScript conformance runner (tests/conformance/FORMAT.md): every case of the
# *.json files in DIR... through the public API of the npm package `uzpay`
# (bindings-wasm), ending with "N passed, M failed".
#   tests/conformance/js/run.sh DIR...
# Builds the package first when it is missing or older than its sources.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
pkg=$(cd "$here/../../../bindings-wasm" && pwd)

[ -d "$pkg/node_modules" ] || (cd "$pkg" && npm ci --no-audit --no-fund >&2)
node "$pkg/scripts/build.mjs" --if-stale >&2
# The runner reads numbers exactly with JSON.parse source text access: on by
# default from Node 21, behind a flag in Node 20.
flags=()
node -e 'process.exit(typeof JSON.rawJSON === "function" ? 0 : 1)' || flags=(--harmony-json-parse-with-source)
exec node "${flags[@]}" "$here/runner.mjs" "$@"
