# The user's targets. Each installs missing Debian packages first
# (scripts/install-deps.sh), configures with CMake (Release, -O2) and builds.
#
#   make variants   build every program and run it on the canonical workload:
#                   the C++ rungs with every allocator, the Go rungs under two
#                   GOGC settings, Rust, Java and Scala (G1 and Parallel), in
#                   one interleaved run; results in a new
#                   results/<date>-<host>[-N]/ (QUICK=1: a reduced workload)
#                   BUILDS=gcc-O2,gcc-checked,... (or all): the C++ rungs
#                   (RUNGS=..., default havlak1,havlak6,top) under those builds
#                   TOOLCHAINS=go-1.19,go-1.27.3,... (or all): the toolchain
#                   axis (toolchains.json), as make toolchains
#   make builds     every C++ build, Go's PGO and Rust's release tuning on
#                   the bottom, Cox's last step and the top of each language
#   make toolchains each language's bottom, Cox's last step and top under
#                   every toolchain of toolchains.json, old and current
#   make heaps      time against memory: each level's programs at several
#                   heap sizes (the JVM at multiples of its minimum heap per
#                   collector, Go's GOGC and GOMEMLIMIT, the C++ allocators),
#                   into results/<date>-<host>-heaps[-N]/ (LEVELS=top,...;
#                   RUNS=3)
#   make jmh        the JVM top programs' steady state against JMH 1.37's,
#                   once (results/<date>-<host>-jmh[-N]/)
#   make bench      Google Benchmark: one loop finding of every rung on
#                   graphs of 1,012 to 4,032,013 blocks, into the same folder
#   make test       check formatting, build and run the tests (ctest), again
#                   under ASan and UBSan, then a minute of fuzzing
#   make format     format the C++ sources with .clang-format (clang-format-14)
#   make profiles   CPU and heap profiles of every rung, with summaries
#                   (RUNGS=go-havlak1,havlak6,...: only those rungs)
#   make pprof RUNG=havlak3|go-havlak3 [PORT=8080] [PROFILE=cpu|heap]
#                   pprof's web UI on a rung's profile, on 127.0.0.1
#   make clean      remove the build trees

BUILD ?= build
JOBS ?= $(shell nproc)

PPROF := $(BUILD)/tools/pprof
TOPPROF := $(BUILD)/tools/topprof
PY_SPY := $(BUILD)/tools/py-spy/bin/py-spy
RUNG ?= havlak1
PORT ?= 8080
PROFILE ?= cpu
PROFILES ?= profiles

# A value for the shell, single-quoted: `$(call quote,RUNG)` is RUNG's text as
# given, never expanded by make nor by the shell (make pprof RUNG='x;id').
quote = '$(subst ','\'',$(value $(1)))'
# Not exported to recipes either: exporting would expand them.
unexport RUNG PORT PROFILE PROFILES
# make variants' choices, passed to compare.py quoted and checked there.
BUILDS ?=
RUNGS ?=
TOOLCHAINS ?=
unexport BUILDS RUNGS TOOLCHAINS

.PHONY: all deps build variants builds toolchains heaps jmh bench test format profiles pprof clean

all: build

# Debian's packages, then the pinned toolchains (toolchains.json) through
# their own channels: the Go module proxy, rustup, Maven Central.
deps:
	@scripts/install-deps.sh
	@python3 scripts/toolchains.py fetch

$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS) -- --no-print-directory

# A new results folder per run (results/<date>-<host>[-N]); one measurement
# at a time per checkout.
# BUILDS adds the build axis: the C++ rungs built each way in a tree of
# its own under build-flavours/ (gcc-O2 is $(BUILD) itself).
variants: build
	python3 scripts/compare.py --bin '$(subst ','\'',$(BUILD))/bin' $(if $(QUICK),--quick) \
	  $(if $(BUILDS),--builds $(call quote,BUILDS)) $(if $(RUNGS),--rungs $(call quote,RUNGS)) \
	  $(if $(TOOLCHAINS),--toolchains $(call quote,TOOLCHAINS))

toolchains: build
	python3 scripts/compare.py --bin '$(subst ','\'',$(BUILD))/bin' $(if $(QUICK),--quick) \
	  --toolchains $(if $(TOOLCHAINS),$(call quote,TOOLCHAINS),all) $(if $(RUNGS),--rungs $(call quote,RUNGS))

builds: build
	python3 scripts/compare.py --bin '$(subst ','\'',$(BUILD))/bin' $(if $(QUICK),--quick) \
	  --builds all $(if $(RUNGS),--rungs $(call quote,RUNGS))

# LEVELS and RUNS go to the script quoted, checked there.
LEVELS ?=
RUNS ?=
unexport LEVELS RUNS
heaps: build
	python3 scripts/heaps.py --bin '$(subst ','\'',$(BUILD))/bin' \
	  $(if $(LEVELS),--levels $(call quote,LEVELS)) $(if $(RUNS),--runs $(call quote,RUNS))

jmh: build
	python3 scripts/jmh.py --build '$(subst ','\'',$(BUILD))'

bench: build
	python3 scripts/bench.py --bin '$(subst ','\'',$(BUILD))/bin'

# The tests run three ways: in the Release build; again, all of them, built
# with AddressSanitizer and UBSan in a tree of their own, which also checks
# libstdc++'s bounds (-D_GLIBCXX_ASSERTIONS: the gcc-checked build's
# assertions, at no extra build) and guards the stack; and a bounded
# libFuzzer run of the CFG reader and the top rung (clang).
SANITIZE_BUILD ?= build-asan
SANITIZE_CHECKS := -D_GLIBCXX_ASSERTIONS -fstack-protector-strong
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60

test: deps $(BUILD)/CMakeCache.txt
	scripts/format.sh --check
	cmake --build $(BUILD) --target havlak_tests -j $(JOBS) -- --no-print-directory
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)
	cmake -S . -B $(SANITIZE_BUILD) -DCMAKE_BUILD_TYPE=Release -DHAVLAK_SANITIZE=ON \
	  '-DCMAKE_CXX_FLAGS=$(SANITIZE_CHECKS)' >/dev/null
	cmake --build $(SANITIZE_BUILD) --target havlak_tests -j $(JOBS) -- --no-print-directory >/dev/null
	ctest --test-dir $(SANITIZE_BUILD) --output-on-failure -j $(JOBS)
	scripts/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_BUILD)

format: deps
	scripts/format.sh

profiles: build $(PPROF) $(TOPPROF) $(PY_SPY)
	python3 scripts/profiles.py --bin '$(subst ','\'',$(BUILD))/bin' \
	  --pprof '$(subst ','\'',$(PPROF))' --topprof '$(subst ','\'',$(TOPPROF))' \
	  --py-spy '$(subst ','\'',$(PY_SPY))' $(if $(RUNGS),--rungs $(call quote,RUNGS))

# pprof and topprof (the JVM's, Node's and Python's samples to pprof's
# format) from one Go module, tools/pprof, at the versions its go.sum pins,
# through the Go module proxy: a current pprof keeps C++ names, demangles
# Rust's and serves a web UI.
TOOLS_GO_ENV := GOFLAGS=-mod=readonly GOCACHE=$(abspath $(BUILD))/tools/go-cache
$(PPROF): tools/pprof/go.mod tools/pprof/go.sum | deps
	mkdir -p $(BUILD)/tools
	cd tools/pprof && $(TOOLS_GO_ENV) go build -o $(abspath $@) github.com/google/pprof

$(TOPPROF): tools/pprof/go.mod tools/pprof/go.sum $(wildcard tools/pprof/topprof/*.go) | deps
	mkdir -p $(BUILD)/tools
	cd tools/pprof && $(TOOLS_GO_ENV) go build -o $(abspath $@) ./topprof

# py-spy (the Python programs' profiler) from PyPI, pinned by digest.
$(PY_SPY): tools/py-spy/requirements.txt | deps
	rm -rf $(BUILD)/tools/py-spy
	python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --no-deps \
	  --require-hashes --target $(BUILD)/tools/py-spy -r tools/py-spy/requirements.txt

# RUNG, PROFILE, PORT and PROFILES go to the script quoted, as given; it
# accepts only a built rung, cpu or heap, and a free port.
pprof: $(PPROF)
	@scripts/serve-pprof.sh '$(subst ','\'',$(PPROF))' '$(subst ','\'',$(BUILD))/bin' \
	  $(call quote,RUNG) $(call quote,PROFILE) $(call quote,PORT) $(call quote,PROFILES)

clean:
	rm -rf $(BUILD) build-*
