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
# Each language builds what it needs first (the wheel, the npm package, the .so) and
# writes target/bench/<lang>.json; bench/summary.py reads them all. --quick takes
# fewer samples (under 10 minutes on 2 cores with the builds in place). Figures, not
# tests: nothing here fails on a slow result, only on a broken run.
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
