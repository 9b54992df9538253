#!/usr/bin/env bash
# Everything the JVM needs:
#   1. libuzpay_kotlin.so and the generated Kotlin (generate.sh),
#   2. the Kotlin (binding, tests, examples, conformance runner) compiled by Maven,
#   3. target/classpath.txt, the runtime classpath (kotlin-stdlib, JNA, Jackson).
# Usage: build.sh            compile, only when a source changed since the last build
#        build.sh GOAL...    run these Maven goals too (test.sh: `build.sh test`), always
# Quiet on success; Maven's errors (and the log's path) are shown when it fails.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
root=$(cd "$here/.." && pwd)

"$here/scripts/generate.sh"

stamp="$here/target/.jvm-build.stamp"
sources=("$here/pom.xml" "$here/src/main/kotlin" "$here/src/test/kotlin" "$here/examples"
  "$here/target/generated" "$root/tests/conformance/kotlin/src")
if [ $# -eq 0 ] && [ -f "$stamp" ] && [ -f "$here/target/classpath.txt" ] &&
  [ -z "$(find "${sources[@]}" -newer "$stamp" -print -quit)" ]; then
  exit 0
fi

log="$here/target/maven-build.log"
rm -f "$stamp"
# Maven does not delete the classes of a deleted source file; `mvn clean` would also
# delete target/native and target/generated, so only the class trees go.
rm -rf "$here/target/classes" "$here/target/test-classes" "$here/target/surefire-reports"
if ! (cd "$here" && mvn -B -Dstyle.color=never test-compile "$@" dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test) >"$log" 2>&1; then
  grep -E '^\[ERROR\]' "$log" >&2 || cat "$log" >&2
  echo "build.sh: the Maven build failed (full log: $log)" >&2
  exit 1
fi
touch "$stamp"
