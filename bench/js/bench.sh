#!/usr/bin/env bash
# The JavaScript side of the side-by-side benchmark (bench/README.md): uzpay's npm
# package against a hand-written JavaScript reference on bench/workload.json.
#   bench/js/bench.sh [--quick]      writes target/bench/js.json and prints a summary
#   bench/js/bench.sh --check        only checks that uzpay and the reference agree on
#                                    the workload (bench/run.sh, before timing)
# Builds the npm package first only when bindings-wasm/dist is missing or older than
# its sources (bindings-wasm/scripts/build.mjs --if-stale); otherwise reuses it.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
pkg="$root/bindings-wasm"

if [ ! -d "$pkg/node_modules" ]; then
  (cd "$pkg" && npm ci --no-audit --no-fund)
fi
# wasm-pack and wasm-bindgen live in cargo's bin directory.
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
node "$pkg/scripts/build.mjs" --if-stale

exec node "$here/bench.mjs" "$@"
