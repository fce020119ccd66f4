#!/usr/bin/env bash
# Plugin invocation benchmark (issue 4): Anjian's end-to-end hook call for a
# trivial rule and the Rust/Python/JavaScript examples, the raw wasmtime
# floor, and the same rule through Extism 1.30. Reproduces docs/benchmarks.md:
#   bash scripts/bench-plugins.sh [ITERATIONS]
# Builds the examples first (scripts/build-plugin-examples.sh), then the
# bench crate in release, sharing the workspace's target directory.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build-plugin-examples.sh >/dev/null
[[ -f plugins/bench/Cargo.lock ]] || cp Cargo.lock plugins/bench/Cargo.lock
CARGO_TARGET_DIR=$PWD/target cargo run --release --manifest-path plugins/bench/Cargo.toml -- "${1:-20000}"
