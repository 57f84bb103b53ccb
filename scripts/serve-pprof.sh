#!/usr/bin/env bash
# Serves pprof's web UI on one rung's profile, on loopback (`make pprof`).
# Usage: serve-pprof.sh PPROF BIN_DIR RUNG cpu|heap PORT
set -euo pipefail
pprof=$1 bin=$2 rung=$3 kind=$4 port=$5
case "$kind" in
  cpu)  binary=$bin/$rung;          profile=profiles/$rung.cpu.prof ;;
  heap) binary=$bin/$rung-tcmalloc; profile=profiles/$rung.heap ;;
  *) echo "serve-pprof: PROFILE must be cpu or heap, not '$kind'" >&2; exit 2 ;;
esac
[[ -x "$binary" ]] || { echo "serve-pprof: no $binary: is '$rung' a rung? (make build)" >&2; exit 2; }
[[ -f "$profile" ]] || { echo "serve-pprof: no $profile: run 'make profiles' first" >&2; exit 2; }
echo "pprof: http://127.0.0.1:$port/  ($rung, $kind profile; Ctrl-C stops)"
# Heap profiles are read by allocated space: most memory is freed by the
# time the profile is written.
index=()
[[ "$kind" == heap ]] && index=(-sample_index=alloc_space)
exec "$pprof" -http="127.0.0.1:$port" -no_browser "${index[@]}" "$binary" "$profile"
