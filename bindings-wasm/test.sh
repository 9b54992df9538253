#!/usr/bin/env bash
# Builds the npm package `uzpay` and runs every test of it, installing what it needs
# first (so it works on a fresh machine; later runs skip what is there):
#   the wasm32 target, wasm-bindgen-cli (exactly the wasm-bindgen version in
#   Cargo.lock), wasm-pack, the npm devDependencies, Debian's Chromium.
# Then: the crate's fmt, clippy and unit tests; both wasm builds and wasm-opt; every
# node test (API, types with tsc, fetch round trip, the checkout page in Chromium);
# the Node shop example against the sandbox;
# the conformance vectors; the package's contents.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$here"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

section() { printf '\n== wasm: %s\n' "$*"; }

section "toolchain"
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
# The CLI must be exactly the crate's version; with it on PATH wasm-pack downloads nothing.
bindgen=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' "$root/Cargo.lock")
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }')" != "$bindgen" ]; then
  cargo install wasm-bindgen-cli --version "$bindgen"
fi
command -v wasm-pack >/dev/null || cargo install wasm-pack
export WASM_PACK_CACHE="${WASM_PACK_CACHE:-$root/target/wasm-pack-cache}"
mkdir -p "$WASM_PACK_CACHE"
npm ci --no-audit --no-fund
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q chromium
fi
wasm-bindgen --version; wasm-pack --version; node --version

section "rust"
cargo fmt -p uzpay-wasm -- --check
cargo clippy -p uzpay-wasm --all-targets --locked -- -D warnings
cargo test -p uzpay-wasm --locked -q

section "build"
node scripts/build.mjs

section "node tests"
UZPAY_REQUIRE_BROWSER=1 node --test test/

section "node shop example"
cargo build -q -p uzpay-sandbox --locked
node --test examples/node-shop/test/

section "conformance"
"$root/tests/conformance/js/run.sh" "$root/tests/vectors" "$root/tests/flows"

section "package"
npm pack --dry-run 2>&1 | grep -E 'package size|unpacked size|total files'
