#!/usr/bin/env bash
# Builds libuzpay_kotlin.so (release) for this machine and the workspace's
# uniffi-bindgen, then generates the Kotlin from the library:
#   bindings-kotlin/target/native/libuzpay_kotlin.so   (what JNA loads in the tests)
#   bindings-kotlin/target/generated/uz/uzpay/...      (never committed, never edited)
# Quiet on success; cargo's errors go to stderr.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"

cargo build -q --release -p uzpay-kotlin
# The bindgen runs once per build: a debug build compiles in a fraction of the time.
cargo build -q -p uzpay-uniffi-bindgen

target_dir=$(cargo metadata -q --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
lib="$target_dir/release/libuzpay_kotlin.so"

mkdir -p "$here/target/native"
# Copy only a changed library, so Maven's up-to-date checks see an unchanged one.
cmp -s "$lib" "$here/target/native/libuzpay_kotlin.so" || cp "$lib" "$here/target/native/libuzpay_kotlin.so"

out="$here/target/generated"
tmp="$here/target/generated.tmp"
rm -rf "$tmp"
"$target_dir/debug/uniffi-bindgen" generate "$lib" --language kotlin --no-format \
  --config "$here/bindgen.toml" --out-dir "$tmp" >/dev/null
# uniffi copies Rust doc comments into KDoc verbatim; Kotlin nests block comments, so a
# `/*` in a doc comment (`/payment/*`) would swallow the rest of the file. Say where.
if grep -rn '^ *\*.*/\*' "$tmp" >&2; then
  echo "generate.sh: a Rust doc comment above contains '/*', which Kotlin reads as a nested comment; reword it" >&2
  exit 1
fi
# Replace the generated tree only when it changed (keeps timestamps for incremental runs).
if ! diff -rq "$tmp" "$out" >/dev/null 2>&1; then
  rm -rf "$out"
  mv "$tmp" "$out"
else
  rm -rf "$tmp"
fi
