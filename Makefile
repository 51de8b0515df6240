# kvetch: the two commands are `make demo` and `make test`. Both set up
# everything on a fresh Debian machine (apt-get for the C++ libraries, a
# .venv for Python) and are quick when already set up.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

DEB_PACKAGES := build-essential cmake ninja-build pkg-config libicu-dev libre2-dev \
                libeigen3-dev libtbb-dev zlib1g-dev catch2 libbenchmark-dev
# The report's browser test drives Debian's Chromium (never a downloaded one).
DEB_PACKAGES += chromium
PY_BUILD_DEPS := "scikit-build-core>=0.10" "pybind11>=2.12" numpy pandas pyarrow tqdm pytest
PY_BUILD_DEPS += jinja2
# Tests only: the report's browser test, the notebooks, the Dask test.
PY_TEST_DEPS := playwright nbformat nbclient ipykernel matplotlib duckdb dask
SOURCES := $(shell find core bindings -type f \( -name '*.cc' -o -name '*.h' -o -name '*.py' -o -name '*.pyi' -o -name CMakeLists.txt \)) \
           $(shell find bindings/python/kvetch/report/templates -type f) \
           CMakeLists.txt pyproject.toml VERSION
SOURCES += models/signals/rules.tsv $(wildcard models/*/*.kvm)

SAMPLE := corpora/sample_tickets.csv
DEMO_OUT := out/sample_results.parquet

.PHONY: help setup demo test test-cpp test-asan test-python fuzz bench bench-cpp clean

help:
	@echo "make demo    set up, then analyse the bundled sample archive"
	@echo "make test    set up, then run the C++ and Python tests"
	@echo "make bench   run the benchmarks (see benchmarks/README.md)"

# --- set-up -------------------------------------------------------------
.stamps/deb: Makefile
	@mkdir -p .stamps
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi
	@touch $@

$(VENV)/.deps: pyproject.toml | .stamps/deb
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q $(PY_BUILD_DEPS) $(PY_TEST_DEPS)
	@touch $@

# The package is built in build/py and installed into .venv; rebuilt only
# when a source changes (the build dir keeps compilation incremental).
$(VENV)/.kvetch: $(VENV)/.deps $(SOURCES)
	$(PIP) install -q --no-build-isolation --no-deps -Cbuild-dir=build/py .
	@touch $@

setup: $(VENV)/.kvetch

# --- the main job on the sample archive ----------------------------------
demo: setup
	@mkdir -p out
	$(VENV)/bin/kvetch analyze $(SAMPLE) -o $(DEMO_OUT) --id-column ticket_id \
	  --keep-columns customer_id,created_at,channel --no-progress
	@echo "Results: $(DEMO_OUT)"
	@$(PY) -c "import pandas as pd, kvetch; df = pd.read_parquet('$(DEMO_OUT)'); \
	  print(df[['ticket_id','lang','emotion','polarity','nes','text_redacted']].head(8).to_string(max_colwidth=60)); \
	  print(); print('Net Emotion Score by channel:'); \
	  print(kvetch.nes(df, by='channel')[['channel','nes','ci_low','ci_high','messages','coverage']].round(1).to_string(index=False))"
	$(VENV)/bin/kvetch report $(SAMPLE) -o out/report.html --routing corpora/sample_routing.toml --no-progress
	@echo "Report for product teams: out/report.html (open it in a browser; it makes no network request)"

# --- tests --------------------------------------------------------------
build/cpp/build.ninja: CMakeLists.txt | .stamps/deb
	cmake -S . -B build/cpp -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKVETCH_BUILD_TESTS=ON

test-cpp: build/cpp/build.ninja
	cmake --build build/cpp -j $(JOBS)
	ctest --test-dir build/cpp --output-on-failure --schedule-random -j $(JOBS)

# The C++ tests under AddressSanitizer and UBSan (not part of `make test`:
# a separate build, several minutes on 2 cores). KVETCH_STRESS_SEED=N picks
# another sample for the hostile-input test.
ASAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
test-asan: | .stamps/deb
	cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKVETCH_BUILD_TESTS=ON \
	  -DCMAKE_CXX_FLAGS="$(ASAN_FLAGS)" -DCMAKE_EXE_LINKER_FLAGS="$(ASAN_FLAGS)"
	cmake --build build/asan -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --test-dir build/asan --output-on-failure -j $(JOBS)

# libFuzzer over the core's entry points (tests/fuzz/fuzz_targets.h), each
# for FUZZ_SECONDS under AddressSanitizer and UBSan; not part of `make test`.
# Needs clang (installed here if missing). A failing input is left in
# build/fuzz/crashes/TARGET/; copy it to tests/data/fuzz/TARGET/ once fixed,
# where the C++ tests replay it. FUZZ_TARGETS=... runs some only.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= analyze csv_quotes text pii_pattern signal_rule model_bytes embed
FUZZ_DEB := clang libclang-rt-14-dev
fuzz: | .stamps/deb
	@missing=""; for p in $(FUZZ_DEB); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi
	CXX=clang++ cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DKVETCH_BUILD_FUZZERS=ON -DKVETCH_BUILD_TESTS=OFF \
	  -DCMAKE_CXX_FLAGS="$(ASAN_FLAGS)" -DCMAKE_EXE_LINKER_FLAGS="$(ASAN_FLAGS)"
	cmake --build build/fuzz -j $(JOBS)
	$(PYTHON) tests/fuzz/make_seeds.py build/fuzz/seeds
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p build/fuzz/corpus/$$t build/fuzz/crashes/$$t tests/data/fuzz/$$t; \
	  echo "== fuzz_$$t ($(FUZZ_SECONDS) s)"; \
	  UBSAN_OPTIONS=print_stacktrace=1 build/fuzz/tests/fuzz/fuzz_$$t \
	    build/fuzz/corpus/$$t build/fuzz/seeds/$$t tests/data/fuzz/$$t \
	    -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=20 -rss_limit_mb=4096 \
	    -print_final_stats=1 -artifact_prefix=build/fuzz/crashes/$$t/ \
	    2> build/fuzz/$$t.log || { tail -40 build/fuzz/$$t.log; exit 1; }; \
	  grep -E "stat::number_of_executed_units|cov:" build/fuzz/$$t.log | tail -2; \
	done

# Against the installed package, from outside the source tree.
test-python: setup
	cd tests/python && ../../$(PY) -m pytest -q -p no:cacheprovider .

test: test-cpp test-python

# --- benchmarks ----------------------------------------------------------
build/bench/build.ninja: CMakeLists.txt | .stamps/deb
	cmake -S . -B build/bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DKVETCH_BUILD_BENCHMARKS=ON -DKVETCH_BUILD_TESTS=OFF

bench-cpp: build/bench/build.ninja
	cmake --build build/bench -j $(JOBS)
	$(PYTHON) benchmarks/python/write_bench_messages.py build/bench/messages.txt
	KVETCH_BENCH_TEXTS=build/bench/messages.txt build/bench/benchmarks/cpp/kvetch_benchmarks \
	  --benchmark_min_time=1 --benchmark_repetitions=3 --benchmark_report_aggregates_only=true

bench: setup bench-cpp
	$(PY) benchmarks/python/bench_pii.py
	$(PY) benchmarks/python/bench_analyze.py

clean:
	rm -rf build out .stamps $(VENV)
