#!/usr/bin/env bash
# Every test of the Kotlin binding, from a fresh machine with Java 17+, Maven and
# Rust (Maven Central and crates.io reachable; the rest is fetched here):
#   1. libuzpay_kotlin.so (release) and the workspace's uniffi-bindgen; the Kotlin
#      generated from the library into target/generated;
#   2. the JUnit tests on the JVM (mvn test, one Maven run with the compile), loading
#      the .so through JNA;
#   3. the conformance vectors through the Kotlin API (tests/conformance/kotlin/run.sh);
#   4. the Rust side for Android: `cargo check` for aarch64-linux-android (no NDK
#      here, so nothing is linked; see README.md "Android").
# Usage: bindings-kotlin/test.sh   (exits non-zero on the first failure)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
step() { printf '\n== kotlin: %s\n' "$*"; }

for tool in cargo java mvn; do
  command -v "$tool" >/dev/null || { echo "test.sh: $tool is required" >&2; exit 1; }
done

step "native library, bindgen and generated Kotlin; Maven compile and JUnit on the JVM"
# One Maven run compiles everything (the conformance runner too) and runs the tests.
"$here/scripts/build.sh" test
ls -l "$here/target/native/libuzpay_kotlin.so" | awk '{print "libuzpay_kotlin.so: " $5 " bytes"}'
# Surefire's reports hold the counts (the Maven log is in target/maven-build.log).
cat "$here"/target/surefire-reports/TEST-*.xml | grep -o '<testsuite [^>]*>' |
  sed -E 's/.* tests="([0-9]+)".* errors="([0-9]+)".* failures="([0-9]+)".*/\1 \2 \3/' |
  awk '{t += $1; e += $2; f += $3} END {print t " JUnit tests, " e " errors, " f " failures"}'

step "Rust: clippy and unit tests of uzpay-kotlin"
(cd "$root" && cargo clippy -q -p uzpay-kotlin -p uzpay-uniffi-bindgen --all-targets -- -D warnings)
out=$(cd "$root" && cargo test -q -p uzpay-kotlin 2>&1) || { printf '%s\n' "$out"; exit 1; }
printf '%s\n' "$out" | grep -E '^test result' | head -1

step "conformance vectors through the Kotlin API"
"$root/tests/conformance/kotlin/run.sh" "$root/tests/vectors" "$root/tests/flows"

step "Android: cargo check --target aarch64-linux-android"
if ! rustup target list --installed 2>/dev/null | grep -qx aarch64-linux-android; then
  rustup target add aarch64-linux-android
fi
(cd "$root" && cargo check -q --target aarch64-linux-android -p uzpay-kotlin)
echo "uzpay-kotlin compiles for aarch64-linux-android (not linked: no NDK here)"
