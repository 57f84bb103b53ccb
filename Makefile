# The user's targets. Each installs missing Debian packages first
# (scripts/install-deps.sh), configures with CMake (Release, -O2) and builds.
#
#   make variants   build every rung and run it on the canonical workload
#   make test       build and run the tests (ctest)
#   make clean      remove the build trees

BUILD ?= build
JOBS ?= $(shell nproc)

.PHONY: all deps build variants test clean

all: build

deps:
	@scripts/install-deps.sh

$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

variants: build
	python3 scripts/compare.py --bin $(BUILD)/bin

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

clean:
	rm -rf $(BUILD) build-*
