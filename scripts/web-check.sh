#!/usr/bin/env bash
# Rebuilds the web console from source (web/) and fails when the result
# differs from what is committed: web/dist is what the binary embeds, so it
# must be exactly what the sources build.
#
# The bundler (Vite 8 / Rolldown) now and then orders a chunk's imports
# differently from one build to the next (measured: 1 build in 6-20 on
# 2 cores), which renames every chunk. So a differing rebuild is tried again,
# up to 4 builds in all: the check passes when one of them is byte for byte
# the committed bundle, and fails when none is (a source change not rebuilt,
# or a bundle edited by hand).
set -euo pipefail
cd "$(dirname "$0")/../web"
npm ci --no-audit --no-fund --loglevel=error
npm run build

changes() {
    git -C .. status --porcelain -- web/ | grep -v '^??.*node_modules' || true
}

for attempt in 2 3 4; do
    [ -z "$(changes)" ] && break
    # Sources (codegen output included) differ: no rebuild can fix that.
    if changes | grep -qv ' web/dist/'; then
        break
    fi
    echo "web/dist differs from the commit after build $((attempt - 1)); building again" >&2
    git -C .. checkout -q -- web/dist
    git -C .. clean -fdq -- web/dist
    npx vite build >/dev/null
done

c=$(changes)
if [ -n "$c" ]; then
    echo "web/: the rebuilt console differs from the committed one (run 'cd web && npm run build' and commit):" >&2
    echo "$c" | head -20 >&2
    git --no-pager -C .. diff --stat -- web/ | tail -5 >&2
    exit 1
fi
echo "web/dist is the build of web/src"
