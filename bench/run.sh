#!/usr/bin/env bash
# uzpay's side-by-side benchmark in every language (bench/README.md): the same workload
# (bench/workload.json) through uzpay and through its peer in each language, then one
# Markdown table and target/bench/summary.json.
#
#   bench/run.sh [--quick]
#
#   Rust     criterion: the core vs the serde floor (bench/rust)
#   Python   the wheel vs a pure-Python reference (bench/python)
#   Node     the npm package vs a pure-JavaScript reference (bench/js)
#   Kotlin   the uniffi binding vs a pure-Kotlin reference on the JVM (bench/kotlin)
#
# First, before anything is timed, each language checks that its peer gives uzpay's
# answers on the workload, building what it needs on the way (the wheel, the npm
# package, the .so); a peer that disagrees stops the run. Then each language writes
# target/bench/<lang>.json; bench/summary.py reads them all. --quick takes fewer
# samples (under 10 minutes on 2 cores with the builds in place). Figures, not tests:
# nothing here fails on a slow result, only on a broken run or a disagreeing peer. The
# peers' full suites (every conformance vector) are bench/test.sh.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
quick=()
criterion=(--warm-up-time 2 --measurement-time 5)
case "${1:-}" in
  --quick) quick=(--quick); criterion=(--warm-up-time 1 --measurement-time 2) ;;
  "") ;;
  *) echo "usage: bench/run.sh [--quick]" >&2; exit 2 ;;
esac

out="$root/target/bench"
mkdir -p "$out"
# Only this run's figures go into the summary.
rm -f "$out"/{rust,python,js,kotlin}.json
started=$(date +%s)
step() { printf '\n== bench: %s (%ss)\n' "$*" "$(($(date +%s) - started))"; }

# A peer is only a fair peer if it does the same work: the same requests (bodies byte
# for byte) and the same outputs as uzpay on the workload. So each language's check
# runs before any timing: a disagreement stops the run before any figure is written.
# These are the workload checks alone, quick once built; the Python, Node and Kotlin
# ones also build what their timing needs, so no build runs between timings.
agree() { # agree LANGUAGE COMMAND...
  local lang=$1
  shift
  if ! "$@"; then
    printf '\nbench/run.sh: %s: uzpay and its peer do not give the same answers on the workload,\n' "$lang" >&2
    printf 'or the check could not run (see above). Nothing was timed.\n' >&2
    exit 1
  fi
}

step "agreement: each peer gives uzpay's answers on the workload (nothing timed yet)"
# Rust's peer, the serde floor, validates nothing and builds only a body, no request;
# its check (the crate's one unit test) is that it writes the same bodies and reads
# the same answers as the core.
agree Rust cargo test -q --release --manifest-path "$root/Cargo.toml" -p uzpay-bench --lib
agree Python "$root/bench/python/bench.sh" --check
agree Node "$root/bench/js/bench.sh" --check
agree Kotlin "$root/bench/kotlin/bench.sh" --check

step "Rust: the core vs the serde floor (criterion)"
(cd "$root" && cargo bench -q -p uzpay-bench --bench core_vs_floor -- --noplot "${criterion[@]}" 2>&1 |
  grep -E '^[a-z_]+/|time:' || true)
python3 "$root/bench/rust/criterion_summary.py" "$root/target/criterion" "$out/rust.json"

step "Python: the wheel vs pure Python"
"$root/bench/python/bench.sh" "${quick[@]}"

step "Node: the npm package vs pure JavaScript"
"$root/bench/js/bench.sh" "${quick[@]}"

step "Kotlin: the uniffi binding vs pure Kotlin (JVM)"
"$root/bench/kotlin/bench.sh" "${quick[@]}"

step "summary"
python3 "$root/bench/summary.py" "$out" --seconds "$(($(date +%s) - started))" "${quick[@]}"
