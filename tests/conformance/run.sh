#!/usr/bin/env bash
# Conformance runner, per tests/conformance/FORMAT.md:
#   tests/conformance/run.sh --lang rust|js|python|kotlin|all DIR...
# Builds what the language needs, runs every case of every *.json in DIR... through
# that language's public API, prints one line per failed case and ends with
# "N passed, M failed". Exits non-zero if a case failed or no case ran.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)

usage() { echo "usage: $0 --lang rust|js|python|kotlin|all DIR..." >&2; exit 2; }

lang=""
dirs=()
while [ $# -gt 0 ]; do
  case "$1" in
    --lang) [ $# -ge 2 ] || usage; lang=$2; shift 2 ;;
    --lang=*) lang=${1#--lang=}; shift ;;
    -h|--help) usage ;;
    *) dirs+=("$(cd "$1" && pwd)"); shift ;;
  esac
done
[ -n "$lang" ] && [ ${#dirs[@]} -gt 0 ] || usage

# Languages whose runner exists in this checkout.
available() {
  echo rust
  for l in js python kotlin; do
    [ -x "$here/$l/run.sh" ] && echo "$l"
  done
  return 0
}

run_one() {
  case "$1" in
    rust)
      cargo build -q --manifest-path "$root/Cargo.toml" -p uzpay-conformance
      "$root/target/debug/uzpay-conformance" "${dirs[@]}"
      ;;
    js|python|kotlin)
      if [ ! -x "$here/$1/run.sh" ]; then
        echo "the $1 runner is not part of this checkout yet" >&2
        exit 2
      fi
      "$here/$1/run.sh" "${dirs[@]}"
      ;;
    *) usage ;;
  esac
}

if [ "$lang" != all ]; then
  run_one "$lang"
  exit $?
fi

# --lang all: every available language, failures prefixed with the language, and
# one total line.
passed=0; failed=0; status=0
for l in $(available); do
  out=$(run_one "$l" 2>&1) || status=1
  printf '%s\n' "$out" | sed '$d' | sed "s/^/[$l] /"
  last=$(printf '%s\n' "$out" | tail -n 1)
  echo "[$l] $last"
  if [[ $last =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
    passed=$((passed + BASH_REMATCH[1])); failed=$((failed + BASH_REMATCH[2]))
  else
    status=1
  fi
done
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
