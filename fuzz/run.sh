#!/usr/bin/env bash
# fuzz/run.sh SECONDS: runs every fuzz target for SECONDS (default 20) and prints
# each target's executions and crashes, then a total line. Uses cargo-fuzz with
# nightly Rust (libFuzzer + AddressSanitizer) where the machine has nightly, and the
# stable mutation harness otherwise. Exits 1 if anything crashed.
set -euo pipefail
seconds=${1:-20}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
work=$root/target/fuzz
corpus=$work/corpus
artifacts=$work/artifacts
export CARGO_TARGET_DIR=$work/build
mkdir -p "$corpus" "$artifacts"
targets=(parse_response build_input ofd_url flows)

cargo run -q --release --manifest-path "$here/targets/Cargo.toml" --bin stable_fuzz -- seeds "$root/tests/vectors" "$corpus"

if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  engine=libfuzzer
  if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    echo "installing cargo-fuzz"
    cargo install -q cargo-fuzz
  fi
  (cd "$here" && cargo +nightly fuzz build -O -s address >/dev/null)
else
  engine=stable
  echo "no nightly toolchain: using the stable mutation harness"
fi

total_runs=0; total_crashes=0
for t in "${targets[@]}"; do
  mkdir -p "$artifacts/$t"
  before=$(find "$artifacts/$t" -type f | wc -l)
  if [ "$engine" = libfuzzer ]; then
    log=$work/$t.log
    (cd "$here" && cargo +nightly fuzz run -O -s address "$t" "$corpus/$t" -- \
        -max_total_time="$seconds" -artifact_prefix="$artifacts/$t/" -print_final_stats=1 >"$log" 2>&1) || true
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -n 1)
    runs=${runs:-0}
  else
    out=$("$CARGO_TARGET_DIR/release/stable_fuzz" run "$t" "$seconds" "$corpus" "$artifacts") || true
    runs=$(printf '%s' "$out" | grep -o '[0-9]* runs' | grep -o '[0-9]*')
  fi
  crashes=$(( $(find "$artifacts/$t" -type f | wc -l) - before ))
  printf '%-15s %12s executions %4s crashes (%s)\n' "$t" "$runs" "$crashes" "$engine"
  total_runs=$((total_runs + runs)); total_crashes=$((total_crashes + crashes))
  if [ "$crashes" -gt 0 ]; then
    echo "  crashing inputs: $artifacts/$t"
    [ "$engine" = libfuzzer ] && tail -n 30 "$log"
  fi
done
echo "total: $total_runs executions, $total_crashes crashes"
[ "$total_crashes" -eq 0 ]
