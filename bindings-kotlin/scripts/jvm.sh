#!/usr/bin/env bash
# Runs a main class of the binding's build (the conformance runner, an example) on the
# JVM with libuzpay_kotlin.so: scripts/jvm.sh MAIN_CLASS ARGS...
# Builds first what is stale (build.sh). Arguments are passed as given (relative paths
# stay relative to the caller's directory).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$here/scripts/build.sh"

main=$1
shift
exec java -Djna.library.path="$here/target/native" \
  -cp "$here/target/classes:$here/target/test-classes:$(cat "$here/target/classpath.txt")" "$main" "$@"
