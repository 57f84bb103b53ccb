#!/usr/bin/env bash
# Installs the Debian 12 packages the suite needs, and nothing when they are all
# present. Run by `make variants` and `make test` (then scripts/toolchains.py
# fetch takes the pinned current toolchains from their own channels); safe to
# run again.
# As root it installs; otherwise it prints the exact command and exits 1.
set -euo pipefail

packages=(
  cmake g++ make pkg-config       # the build
  libgtest-dev                    # tests
  clang libclang-rt-14-dev        # the fuzzer (libFuzzer), clang 14 builds
  clang-19                        # the clang 19 build and toolchain
  clang-format-14                 # make format, and its check in make test
  libbenchmark-dev                # bench
  libbenchmark-tools python3-scipy  # Google Benchmark's compare.py
  libgoogle-perftools-dev         # CPU profiler, tcmalloc and its heap profiler
  google-perftools                # google-pprof
  libjemalloc-dev                 # jemalloc (and jeprof)
  graphviz                        # call graphs of profiles (dot)
  gnuplot-nox python3             # the comparison runner and its plots
  golang-go                       # Go 1.19, the old end of the toolchain axis
  rustc cargo                     # Rust 1.63, the old end of the toolchain axis
  openjdk-17-jdk-headless scala   # JDK 17 and Scala 2.11 on it, the old ends
  maven                           # fetches the pinned Scala 3 from Maven Central
  time                            # /usr/bin/time, an outside check of peak memory
  pypy3                           # PyPy, the Python programs' second interpreter
  nodejs                          # Node, the JavaScript programs' runtime
)

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

install=(apt-get install -y --no-install-recommends "${missing[@]}")
if [[ $(id -u) -ne 0 ]]; then
  echo "install-deps: missing Debian packages: ${missing[*]}" >&2
  echo "install-deps: run as root:  apt-get update && ${install[*]}" >&2
  exit 1
fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
"${install[@]}"
