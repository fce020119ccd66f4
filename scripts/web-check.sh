#!/usr/bin/env bash
# Rebuilds the web console from source (web/) and fails when the result
# differs from what is committed: web/dist is what the binary embeds, so it
# must be exactly what the sources build.
set -euo pipefail
cd "$(dirname "$0")/../web"
npm ci --no-audit --no-fund --loglevel=error
npm run build
cd ..
changes=$(git status --porcelain -- web/ | grep -v '^??.*node_modules' || true)
if [ -n "$changes" ]; then
    echo "web/: the rebuilt console differs from the committed one (run 'cd web && npm run build' and commit):" >&2
    echo "$changes" | head -20 >&2
    git --no-pager diff --stat -- web/ | tail -5 >&2
    exit 1
fi
echo "web/dist is the build of web/src"
