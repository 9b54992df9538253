#!/usr/bin/env bash
# uzpay's Kotlin/JVM benchmark: the binding (libuzpay_kotlin.so through uniffi and JNA)
# against a pure-Kotlin reference (kotlinx.serialization) on bench/workload.json.
#   1. the release libuzpay_kotlin.so and the generated Kotlin
#      (bindings-kotlin/scripts/generate.sh: cargo and uniffi-bindgen, only what changed);
#   2. this module compiled by Maven with the binding's Kotlin sources (skipped when
#      nothing changed since the last build);
#   3. the benchmark main on the JVM, the .so on jna.library.path. It refuses to time two
#      sides that disagree on the workload, then writes target/bench/kotlin.json.
# Usage: bench/kotlin/bench.sh [--quick] [--profile] | --check
#   --quick    shorter warm-up and fewer samples (well under 3 minutes when built)
#   --profile  afterwards, time the pieces of one binding call (FFI, lowering, lifting)
#   --check    build as above, then only check that both sides agree on the workload
#              (bench/run.sh does this before timing); nothing is timed or written
# The reference's tests (conformance vectors, agreement with uzpay): bench/kotlin/test.sh.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
kotlin="$root/bindings-kotlin"

quick=()
profile=0
check=()
for arg in "$@"; do
  case "$arg" in
    --quick) quick=(--quick) ;;
    --profile) profile=1 ;;
    --check) check=(--check) ;;
    *) echo "usage: bench.sh [--quick] [--profile] | --check" >&2; exit 2 ;;
  esac
done

for tool in cargo java mvn; do
  command -v "$tool" >/dev/null || { echo "bench.sh: $tool is required" >&2; exit 1; }
done

# 1. The release library and the Kotlin generated from it (quiet; a no-op when current).
"$kotlin/scripts/generate.sh"
lib="$kotlin/target/native/libuzpay_kotlin.so"

# 2. Maven, only when a source changed (the Kotlin compiler has no up-to-date check of its own).
stamp="$here/target/.bench-build.stamp"
sources=("$here/pom.xml" "$here/src/main/kotlin" "$kotlin/src/main/kotlin" "$kotlin/target/generated")
if [ ! -f "$stamp" ] || [ ! -f "$here/target/classpath.txt" ] ||
  [ -n "$(find "${sources[@]}" -newer "$stamp" -print -quit)" ]; then
  log="$here/target/maven-build.log"
  mkdir -p "$here/target"
  rm -f "$stamp"
  echo "bench.sh: compiling (Maven; the binding's generated Kotlin takes a minute or two)" >&2
  if ! (cd "$here" && mvn -B -Dstyle.color=never compile dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt -DincludeScope=runtime) >"$log" 2>&1; then
    grep -E '^\[ERROR\]' "$log" >&2 || cat "$log" >&2
    echo "bench.sh: the Maven build failed (full log: $log)" >&2
    exit 1
  fi
  touch "$stamp"
fi

# 3. The benchmark.
out="$root/target/bench/kotlin.json"
mkdir -p "$(dirname "$out")"
cp="$here/target/classes:$(cat "$here/target/classpath.txt")"
java -Djna.library.path="$kotlin/target/native" -cp "$cp" uz.uzpay.bench.MainKt \
  --workload "$root/bench/workload.json" --so "$lib" --out "$out" "${quick[@]}" "${check[@]}"

if [ "$profile" = 1 ] && [ "${#check[@]}" = 0 ]; then
  echo
  java -Djna.library.path="$kotlin/target/native" -cp "$cp" uz.uzpay.bench.ProfileKt \
    "${quick[@]}" "$root/bench/workload.json"
fi
