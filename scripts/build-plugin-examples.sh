#!/usr/bin/env bash
# Builds the example county plugins into WebAssembly components:
#
#   plugins/examples/python/<name>/app.py  -> plugins/examples/build/<name>-python.wasm
#   plugins/examples/js/<name>.js          -> plugins/examples/build/<name>-js.wasm
#   plugins/examples/rust/<name>/          -> plugins/examples/build/<name>-rust.wasm
#
# <name> is the rule: enterprise-validator (world `enterprise-validator`) or
# hazard-triage (world `hazard-triager`), standardization-score (world
# `standardization-scorer`) or credit-assess (world `credit-assessor`, Rust
# only); Python directories use `_` for `-`.
#
# Tooling is installed on first use, at the versions pinned in
# plugins/examples/python/requirements.txt (componentize-py, into
# plugins/examples/python/.venv) and plugins/examples/js/package-lock.json
# (componentize-js and jco, into plugins/examples/js/node_modules). Once it
# is there the build needs no network. A component newer than its source,
# the WIT and the tooling is not built again, so running twice is cheap.
#
# Usage: scripts/build-plugin-examples.sh [--test] [--force] [--only LANG]
#   --test       also run each component in Node on a few cases (js/smoke-test.mjs)
#   --force      rebuild every component
#   --only LANG  build only python, js or rust (CI builds rust: no installs)
# Environment: PLUGIN_WIT_DIR overrides the WIT directory (default plugins/wit).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
EXAMPLES=$ROOT/plugins/examples
WIT=${PLUGIN_WIT_DIR:-$ROOT/plugins/wit}
BUILD=$EXAMPLES/build
VENV=$EXAMPLES/python/.venv
JS=$EXAMPLES/js

TEST=0
FORCE=0
ONLY=
while [[ $# -gt 0 ]]; do
  case $1 in
    --test) TEST=1 ;;
    --force) FORCE=1 ;;
    --only) shift; ONLY=${1:-} ;;
    *) echo "usage: $0 [--test] [--force] [--only python|js|rust]" >&2; exit 2 ;;
  esac
  shift
done
case $ONLY in ''|python|js|rust) ;; *) echo "--only takes python, js or rust" >&2; exit 2 ;; esac
want() { [[ -z $ONLY || $ONLY == "$1" ]]; }

# The world each rule targets.
world_of() {
  case $1 in
    enterprise-validator) echo enterprise-validator ;;
    hazard-triage) echo hazard-triager ;;
    standardization-score) echo standardization-scorer ;;
    credit-assess) echo credit-assessor ;;
    *) echo "no WIT world known for example '$1'" >&2; return 1 ;;
  esac
}

# True when $1 is missing or older than any of the other paths (files or dirs).
stale() {
  local out=$1; shift
  [[ $FORCE == 1 || ! -e $out ]] && return 0
  [[ -n $(find "$@" -newer "$out" -type f -not -path '*/__pycache__/*' -print -quit 2>/dev/null) ]]
}

log() { printf '==> %s\n' "$*"; }

mkdir -p "$BUILD"

# ---- tooling ---------------------------------------------------------------
COMPONENTIZE_PY=$VENV/bin/componentize-py
if want python; then
want_py=$(sed -n 's/^componentize-py==//p' "$EXAMPLES/python/requirements.txt")
if [[ ! -x $COMPONENTIZE_PY ]] || [[ $("$COMPONENTIZE_PY" --version 2>/dev/null) != "componentize-py $want_py" ]]; then
  log "installing componentize-py $want_py into $VENV"
  [[ -x $VENV/bin/python ]] || python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$EXAMPLES/python/requirements.txt"
fi
fi

# npm ci when node_modules is missing or older than the lock file.
if want js && [[ ! -e $JS/node_modules/.package-lock.json || $JS/package-lock.json -nt $JS/node_modules/.package-lock.json ]]; then
  log "installing componentize-js and jco into $JS/node_modules"
  (cd "$JS" && npm ci --no-audit --no-fund --loglevel=error)
fi
COMPONENTIZE_JS=$JS/node_modules/.bin/componentize-js

# ---- Python ----------------------------------------------------------------
# --stub-wasi replaces every WASI import with a trapping stub, so the
# component imports nothing but anjian:plugin/host (print() would trap).
for dir in "$EXAMPLES"/python/*/; do
  want python || break
  [[ -f $dir/app.py ]] || continue
  name=$(basename "$dir"); name=${name//_/-}
  out=$BUILD/$name-python.wasm
  if stale "$out" "$dir" "$WIT" "$COMPONENTIZE_PY"; then
    log "python: $name -> ${out#"$ROOT"/}"
    (cd "$dir" && "$COMPONENTIZE_PY" -d "$WIT" -w "$(world_of "$name")" \
      componentize app -p . --stub-wasi -o "$out.tmp")
    mv "$out.tmp" "$out"
  else
    log "python: $name is up to date"
  fi
done

# ---- JavaScript ------------------------------------------------------------
# -d disables StarlingMonkey's WASI features; with all five disabled the
# component imports nothing but anjian:plugin/host.
for src in "$JS"/*.js; do
  want js || break
  name=$(basename "$src" .js)
  out=$BUILD/$name-js.wasm
  if stale "$out" "$src" "$WIT" "$JS/package-lock.json"; then
    log "js: $name -> ${out#"$ROOT"/}"
    "$COMPONENTIZE_JS" "$src" --wit "$WIT" --world-name "$(world_of "$name")" \
      -d http fetch-event stdio random clocks -o "$out.tmp"
    mv "$out.tmp" "$out"
  else
    log "js: $name is up to date"
  fi
done

# ---- Rust ------------------------------------------------------------------
# Each plugins/examples/rust/<name>/ is its own crate (not in the workspace),
# built with its own target dir; needs the wasm32-wasip2 target installed
# (`rustup target add wasm32-wasip2`). One job, to leave the other core free.
for dir in "$EXAMPLES"/rust/*/; do
  want rust || break
  [[ -f $dir/Cargo.toml ]] || continue
  name=$(basename "$dir")
  out=$BUILD/$name-rust.wasm
  if stale "$out" "$dir/Cargo.toml" "$dir/src" "$WIT"; then
    log "rust: $name -> ${out#"$ROOT"/}"
    cargo build --release --jobs 1 --target wasm32-wasip2 \
      --manifest-path "$dir/Cargo.toml" --target-dir "$dir/target"
    cp "$dir/target/wasm32-wasip2/release/${name//-/_}.wasm" "$out"
  else
    log "rust: $name is up to date"
  fi
done

ls -l "$BUILD"/*.wasm

if [[ $TEST == 1 && -z $ONLY ]]; then
  # componentize-py output uses the extended-const proposal, behind a flag in Node 20.
  node --experimental-wasm-extended-const "$JS/smoke-test.mjs" "$BUILD"
fi
