# Entry points. `make demo` and `make test` work on a fresh Debian 12 machine:
# each installs what is missing (scripts/setup.sh), builds, and runs.
BUILD ?= build
JOBS ?= 2
CMAKE_FLAGS ?=
REFNET := $(BUILD)/refnet
DEMO := datasets/demo/events.csv.gz

.PHONY: all setup build demo screenshots test asan-test fuzz bench datasets format tidy install clean

# Whether this build carries the HTML report's front-end (web/CMakeLists.txt).
WEB_BUILT = $(shell grep -qs '^REFNET_WEB_AVAILABLE:INTERNAL=ON' $(BUILD)/CMakeCache.txt && echo yes)

all: build

setup:
	@bash scripts/setup.sh

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS)

build: setup $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j$(JOBS)

demo: build
	@mkdir -p $(BUILD)/demo
	$(REFNET) build $(DEMO) -o $(BUILD)/demo/demo.refnet --report $(BUILD)/demo/build-report.json
	$(REFNET) analyze $(BUILD)/demo/demo.refnet -o $(BUILD)/demo/report.json $(if $(WEB_BUILT),--html $(BUILD)/demo/report.html)
	@echo
	@echo "JSON report: $(BUILD)/demo/report.json   snapshot: $(BUILD)/demo/demo.refnet"
	@$(if $(WEB_BUILT),echo "HTML report: $(BUILD)/demo/report.html",echo "no HTML report: this build has no front-end (see refnet report)")

# The screenshots in docs/report.md, from the demo's HTML report (headless Chromium).
screenshots: demo
	node web/test/screenshots.mjs $(BUILD)/demo/report.html docs/images/report

test: build
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS) --timeout 600

# The suite under AddressSanitizer and UndefinedBehaviorSanitizer (-O1 keeps it
# fast enough for CI); any sanitizer report fails the test that triggered it.
asan-test: setup
	cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-g -O1" -DREFNET_SANITIZE=ON -DREFNET_MPI=OFF
	cmake --build build-asan -j$(JOBS)
	cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	  ctest --output-on-failure -j$(JOBS) --timeout 1200

# libFuzzer targets (fuzz/: every text parser, gzip, detection, snapshots, labels),
# built with clang-14 under ASan and UBSan in build-fuzz/, each run FUZZ_SECONDS on a
# corpus seeded by `refnet gen` (fuzz/make_corpus.sh); FUZZ_TARGETS picks some.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?=
FUZZ_BUILD ?= build-fuzz
fuzz: build
	cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 \
	  -DREFNET_FUZZ=ON -DREFNET_BUILD_TESTS=OFF -DREFNET_MPI=OFF
	cmake --build $(FUZZ_BUILD) -j$(JOBS) --target fuzz_all
	bash fuzz/run.sh $(FUZZ_BUILD) $(REFNET) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# Parsing and snapshots against igraph and networkx, then tiers and cascades
# at scale (a generated 10M-user log; BENCH_USERS to change it).
BENCH_USERS ?= 10000000
bench: build
	bash bench/run_all.sh $(BUILD)
	bash bench/tiers_bench.sh $(BUILD) $(BENCH_USERS)
	bash bench/cascade_bench.sh $(BUILD) $(BENCH_USERS)
	/usr/bin/python3 bench/influence_bench.py $(BUILD)
	/usr/bin/python3 bench/peers_bench.py --refnet $(BUILD)/refnet --build $(BUILD) --tmp $${BENCH_TMP:-/tmp/refnet-bench}/peers --json $(BUILD)/bench/peers.json
	/usr/bin/python3 bench/scale_out_bench.py $(BUILD)

# Regenerates the bundled demo log; bit-identical for the same seed.
datasets: build
	$(BUILD)/refnet gen --users 20000 --seed 42 -o $(DEMO)

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

tidy: $(BUILD)/CMakeCache.txt
	clang-tidy -p $(BUILD) $$(git ls-files 'core/src/*.cpp' 'tools/*.cpp')

install: build
	cmake --install $(BUILD)

clean:
	rm -rf $(BUILD) build-asan $(FUZZ_BUILD)
