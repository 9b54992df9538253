#!/usr/bin/env bash
# The Kotlin benchmark's peer, tested (bench/README.md): the pure-Kotlin reference
# against every conformance vector of its three operations, and the reference and uzpay
# agreeing on the workload (`mvn test` here). Builds the release libuzpay_kotlin.so and
# the generated Kotlin first (bindings-kotlin/scripts/generate.sh), which the test
# compiles against and loads.
# Usage: bench/kotlin/test.sh   (exits non-zero when a vector or the agreement fails)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)

for tool in cargo java mvn; do
  command -v "$tool" >/dev/null || { echo "test.sh: $tool is required" >&2; exit 1; }
done

"$root/bindings-kotlin/scripts/generate.sh"

mkdir -p "$here/target"
log="$here/target/maven-test.log"
if ! (cd "$here" && mvn -B -Dstyle.color=never test) >"$log" 2>&1; then
  grep -E '^(FAIL|SKIP) |^  [0-9]+ passed|^\[ERROR\]' "$log" >&2 || cat "$log" >&2
  echo "bench/kotlin/test.sh: failed (full log: $log)" >&2
  exit 1
fi
grep -E '^reference conformance|^  [0-9]+ (through|passed)|^uzpay and the reference agree' "$log"
