#!/usr/bin/env bash
# The console's performance targets (issue 22), measured against a server
# with demo data: JavaScript of the first load (sign-in, home) and Lighthouse
# (desktop preset) on the home, enterprise list and hazard detail pages.
# Usage: scripts/bench-console.sh [binary]  (default target/release/anjian,
# else target/debug/anjian). Needs web/node_modules and /usr/bin/chromium;
# installs Lighthouse into /tmp/anjian-lighthouse on first use.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
BIN=${1:-}
[ -z "$BIN" ] && { [ -x "$TARGET/release/anjian" ] && BIN=$TARGET/release/anjian || BIN=$TARGET/debug/anjian; }
LH_DIR=${LH_DIR:-/tmp/anjian-lighthouse}
if [ ! -d "$LH_DIR/node_modules/lighthouse" ]; then
    mkdir -p "$LH_DIR" && (cd "$LH_DIR" && npm init -y >/dev/null && npm install --no-audit --no-fund --loglevel=error lighthouse@13.5.0)
fi
PORT=${PORT:-18181}
DATA=$(mktemp -d)
export ANJIAN_DEMO_PASSWORD=${ANJIAN_DEMO_PASSWORD:-Demo-Passw0rd!2026}
ANJIAN_LISTEN=127.0.0.1:$PORT ANJIAN_DATA_DIR=$DATA ANJIAN_LOG=warn "$BIN" serve --demo >/dev/null 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 1; done
echo "binary: $BIN"
echo "== first load (JavaScript, KB; target: sign-in and home <= 350 KB gzipped)"
(cd "$ROOT/web" && node scripts/size.mjs "http://127.0.0.1:$PORT")
echo "== Lighthouse (desktop; targets: performance >= 90, accessibility >= 95)"
(cd "$ROOT/web" && LH_DIR=$LH_DIR node scripts/lighthouse.mjs "http://127.0.0.1:$PORT")
