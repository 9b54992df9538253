#!/usr/bin/env bash
# Runs every test of uzpay in every language, installing what it needs first.
# This is the README's test command; .ci/run calls it and nothing else.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

section() { printf '\n== %s\n' "$*"; }

section "toolchain"
rustup component add rustfmt clippy >/dev/null 2>&1 || true
cargo --version

section "format"
cargo fmt --all -- --check

section "generated files (cargo xtask codegen --check: the bindings' types and tables match the core)"
cargo xtask codegen --check
scripts/loc.sh

section "lint"
cargo clippy --workspace --all-targets --locked -- -D warnings

section "docs"
RUSTDOCFLAGS="-D warnings" cargo doc -p uzpay --no-deps --locked -q

section "rust tests"
cargo test --workspace --locked

section "example"
cargo run -q -p uzpay --example checkout_flow --locked >/dev/null

section "soak (500 flows, with driver restarts and kills; scripts/soak.sh runs the 10,000-flow version)"
cargo run -q -p uzpay-cli --locked -- soak --flows 500 --concurrency 64 --fault-rate 0.05 --restart-rate 0.05 --kill-rate 0.01 | tail -n 1

section "fuzz smoke (fuzz/run.sh SECONDS runs longer)"
fuzz/run.sh "${UZPAY_FUZZ_SECONDS:-20}"

section "python binding"
bindings-python/test.sh

section "npm binding (wasm)"
bindings-wasm/test.sh

section "Kotlin binding (JVM)"
bindings-kotlin/test.sh

section "conformance (every language)"
tests/conformance/run.sh --lang all tests/vectors tests/flows
