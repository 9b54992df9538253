#!/usr/bin/env bash
# The benchmark peers' own tests (bench/README.md): each hand-written reference against
# every conformance vector of its three operations, and against uzpay on the workload.
# They keep the benchmark fair (a peer that checks less would be faster for nothing);
# they test the benchmark, not uzpay, so the test command (scripts/test.sh) does not
# run them. Run them after changing a reference, the workload or a binding's answers.
#
#   bench/test.sh
#
#   Python   pytest bench/python, in the binding's venv with the wheel built from this
#            checkout (bindings-python/scripts/venv.sh builds it if a source changed)
#   Node     node --test bench/js/reference.test.mjs, after building the npm package
#            if bindings-wasm/dist is missing or stale (without it the comparisons
#            with uzpay would be skipped, not failed)
#   Kotlin   bench/kotlin/test.sh: the .so and the generated Kotlin, then mvn test
#
# Every suite runs even when an earlier one fails; a summary follows, and the exit
# status is non-zero if any suite failed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

python_peer() {
  local py
  py=$(bindings-python/scripts/venv.sh) || return 1
  "$py" -m pytest -q bench/python
}

js_peer() {
  if [ ! -d bindings-wasm/node_modules ]; then
    (cd bindings-wasm && npm ci --no-audit --no-fund) || return 1
  fi
  # wasm-pack and wasm-bindgen live in cargo's bin directory.
  PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH" node bindings-wasm/scripts/build.mjs --if-stale || return 1
  # Node 20 has JSON.rawJSON only behind this flag; the generated cases use it.
  local node_flags=()
  if ! node -e 'process.exit(typeof JSON.rawJSON === "function" ? 0 : 1)' &&
    node --harmony-json-parse-with-source -e '' 2>/dev/null; then
    node_flags=(--harmony-json-parse-with-source)
  fi
  node "${node_flags[@]}" --test --test-reporter=dot bench/js/reference.test.mjs
}

kotlin_peer() {
  bench/kotlin/test.sh
}

passed=()
failed=()
started=$(date +%s)
# suite NAME FUNCTION: runs one suite and records how it ended.
suite() {
  printf '\n== bench peers: %s\n' "$1"
  if "$2"; then passed+=("$1"); else failed+=("$1"); fi
}

suite "Python (pytest bench/python)" python_peer
suite "Node (bench/js/reference.test.mjs)" js_peer
suite "Kotlin (bench/kotlin/test.sh)" kotlin_peer

printf '\n== bench peers: summary (%ss)\n' "$(($(date +%s) - started))"
for name in "${passed[@]}"; do echo "  passed  $name"; done
for name in "${failed[@]}"; do echo "  FAILED  $name"; done
if [ "${#failed[@]}" -gt 0 ]; then
  echo "bench/test.sh: ${#failed[@]} of 3 peer suites failed" >&2
  exit 1
fi
echo "bench/test.sh: all 3 peer suites passed"
