#!/usr/bin/env bash
# The Kotlin conformance runner: tests/conformance/kotlin/run.sh DIR...
# Builds libuzpay_kotlin.so and the generated Kotlin (bindings-kotlin/scripts/generate.sh),
# compiles the binding and this runner with Maven (skipped when nothing changed), then
# runs every vector through uzpay's public Kotlin API (src/uz/uzpay/conformance).
# Prints one line per failed case and ends with "N passed, M failed".
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
exec "$here/../../../bindings-kotlin/scripts/jvm.sh" uz.uzpay.conformance.MainKt "$@"
