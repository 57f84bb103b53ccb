#!/usr/bin/env bash
# Serves pprof's web UI on one rung's profile, on loopback (`make pprof`).
# Usage: serve-pprof.sh PPROF BIN_DIR RUNG cpu|heap PORT [PROFILES_DIR]
# RUNG must be a built program with a profile: a rung (havlakN, or a Go rung
# go-havlakN), or rust-, java-, scala-, python- or js-havlak1 or -top (a CPU
# profile only);
# every value is checked before use and only ever used quoted.
set -euo pipefail
if (( $# < 5 || $# > 6 )); then
  echo "usage: serve-pprof.sh PPROF BIN_DIR RUNG cpu|heap PORT [PROFILES_DIR]" >&2
  exit 2
fi
pprof=$1 bin=$2 rung=$3 kind=$4 port=$5 profiles=${6:-profiles}
if [[ ! "$rung" =~ ^((go-)?havlak[0-9]+|(rust|java|scala|python|js)-(havlak1|top))$ ]]; then
  printf 'serve-pprof: RUNG must name a program such as havlak3, go-havlak3 or java-top, not %q\n' "$rung" >&2
  exit 2
fi
if [[ "$rung" =~ ^(rust|java|scala|python|js)- && "$kind" != cpu ]]; then
  printf 'serve-pprof: %s has a CPU profile only (PROFILE=cpu), not %q\n' "$rung" "$kind" >&2
  exit 2
fi
# A Go rung's heap profile comes from the rung itself (runtime/pprof); a
# C++ rung's from its -tcmalloc build.
heap_binary=$bin/$rung-tcmalloc
[[ "$rung" == go-* ]] && heap_binary=$bin/$rung
case "$kind" in
  cpu)  binary=$bin/$rung;       profile=$profiles/$rung.cpu.prof ;;
  heap) binary=$heap_binary;     profile=$profiles/$rung.heap ;;
  *) printf 'serve-pprof: PROFILE must be cpu or heap, not %q\n' "$kind" >&2; exit 2 ;;
esac
if [[ ! "$port" =~ ^[0-9]{1,5}$ ]] || (( 10#$port < 1 || 10#$port > 65535 )); then
  printf 'serve-pprof: PORT must be a port number (1 to 65535), not %q\n' "$port" >&2
  exit 2
fi
port=$((10#$port))
[[ -x "$bin/$rung" ]] || { echo "serve-pprof: no rung '$rung' in $bin (make build)" >&2; exit 2; }
[[ -x "$binary" ]] || { echo "serve-pprof: no $binary (make build)" >&2; exit 2; }
[[ -f "$profile" ]] || { echo "serve-pprof: no $profile: run 'make profiles' first" >&2; exit 2; }
[[ -x "$pprof" ]] || { echo "serve-pprof: no pprof at $pprof" >&2; exit 2; }
# The port must be free before the URL is printed: bind it once ourselves.
if ! python3 - "$port" <<'PY' 2>/dev/null
import socket, sys
with socket.socket() as probe:
    # As pprof's own listener does: a port left in TIME_WAIT is free.
    probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    probe.bind(("127.0.0.1", int(sys.argv[1])))
PY
then
  echo "serve-pprof: port $port is in use; choose another with PORT=..." >&2
  exit 1
fi
echo "pprof: http://127.0.0.1:$port/  ($rung, $kind profile; Ctrl-C stops)"
# Heap profiles are read by allocated space: most memory is freed by the
# time the profile is written.
index=()
[[ "$kind" == heap ]] && index=(-sample_index=alloc_space)
# A JVM, Python or Node program's profile names its functions itself
# (topprof): pprof reads no binary for it, and the launcher script is none.
inputs=("$binary" "$profile")
[[ "$rung" =~ ^(java|scala|python|js)- ]] && inputs=("$profile")
exec "$pprof" -http="127.0.0.1:$port" -no_browser "${index[@]}" "${inputs[@]}"
