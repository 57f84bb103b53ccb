#!/usr/bin/env bash
# Runs every rung on the canonical workload, one after another.
# Usage: scripts/run-variants.sh BIN_DIR
set -euo pipefail
bin=${1:?usage: run-variants.sh BIN_DIR}
for rung in havlak1; do
  "$bin/$rung"
  echo
done
