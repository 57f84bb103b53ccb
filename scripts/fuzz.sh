#!/usr/bin/env bash
# A bounded libFuzzer run of the CFG reader and the top rung's finder
# against the reference (tests/fuzz/cfg_fuzzer.cc), part of `make test`.
# Needs clang; without it, says so and passes.
# Usage: scripts/fuzz.sh [SECONDS] [BUILD_DIR]
set -euo pipefail
seconds=${1:-60}
build=${2:-build-fuzz}
if ! command -v clang++ >/dev/null; then
  echo "fuzz: clang++ not found: skipped (install clang and libclang-rt-14-dev)"
  exit 0
fi
cmake -S . -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DHAVLAK_FUZZ=ON \
  -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target havlak_cfg_fuzzer -j "$(nproc)" -- --no-print-directory >/dev/null
# New inputs go to a scratch corpus; the committed seeds are only read.
corpus="$build/fuzz-corpus"
mkdir -p "$corpus"
log="$build/fuzz.log"
echo "fuzz: ${seconds} s of the CFG reader and the top rung's finder against the reference"
if ! (cd "$build" && ./bin/havlak_cfg_fuzzer -max_total_time="$seconds" \
        -max_len=4096 -timeout=10 -print_final_stats=1 \
        fuzz-corpus "$OLDPWD/tests/fuzz/corpus") >"$log" 2>&1; then
  tail -n 40 "$log"
  echo "fuzz: FAILED; the input is in $build/crash-* (see $log)"
  exit 1
fi
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
echo "fuzz: ${runs} inputs run, no failure"
