# lrplot — two commands on a fresh Debian machine:
#   make render   installs what is missing (apt), builds, renders every schedules/*.sched into out/
#   make test     installs what is missing, builds and runs the whole test suite
SWIFT     ?= swift
BIN       := .build/release/lrplot
# A self-contained binary: the Swift runtime linked in starts faster (about 3 ms of a 30 ms chart).
RELEASE   := -c release --static-swift-stdlib
SOURCES   := Package.swift $(shell find Sources -name '*.swift' -o -name '*.c' -o -name '*.h' -o -name '*.modulemap')
SPECS     := $(wildcard schedules/*.sched)
PNGS      := $(patsubst schedules/%.sched,out/%.png,$(SPECS))
SVGS      := $(patsubst schedules/%.sched,out/%.svg,$(SPECS))
FIXTURE_VENV ?= .venv-fixtures
BENCH_VENV   ?= .venv-bench
PREFIX       ?= /usr/local
FUZZ_SECONDS ?= 60
BENCH_RUNS   ?= 15
TORCH_VERSION ?= 2.15.0

.PHONY: all render test golden snapshots fixtures snippet-fixtures config-fixtures fixtures-float32 deps build clean bench bench-python gallery gallery-check install man fuzz

all: render

deps:
	@scripts/install-deps.sh

build: $(BIN)

# One release build; every chart rule depends on it, so `make -j render` builds it once.
$(BIN): $(SOURCES) | deps
	$(SWIFT) build $(RELEASE) --product lrplot

render: $(PNGS) $(SVGS)

out:
	@mkdir -p out

out/%.png: schedules/%.sched $(BIN) | out
	$(BIN) @$< -o $@

out/%.svg: schedules/%.sched $(BIN) | out
	$(BIN) @$< -o $@

# A page showing every schedule's SVG with its command line; gallery-check opens it in headless
# chromium (installed when missing), screenshots it and fails unless every image loaded.
gallery: out/index.html

out/index.html: $(SVGS) scripts/gallery.sh | out
	scripts/gallery.sh $@ $(SPECS)

gallery-check: gallery
	scripts/gallery-check.sh out/index.html

# The manual page, generated from the registry by the binary itself.
man: $(BIN)
	@mkdir -p out
	$(BIN) man > out/lrplot.1

# Installs the binary, the man page and bash/zsh/fish completions under $(DESTDIR)$(PREFIX).
install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/lrplot
	$(BIN) man > $(DESTDIR)$(PREFIX)/share/man/man1/lrplot.1
	$(BIN) completions bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/lrplot
	$(BIN) completions zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_lrplot
	$(BIN) completions fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/lrplot.fish

# libFuzzer on the expression and Python-call parsers (separate sanitizer build), seeded from fuzz/corpus.
# A crash leaves crash-* files; replay one with `swift run lrplot-fuzz crash-…`.
fuzz:
	$(SWIFT) build --product lrplot-fuzz --scratch-path .build/fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -use-ld=lld
	@mkdir -p .build/fuzz-corpus && cp fuzz/corpus/* .build/fuzz-corpus/
	# Leak checks are off: a snippet's objects can form reference cycles as CPython's do (a list
	# holding itself, a class and its methods), freed with the process; crashes, hangs and memory
	# errors are what the fuzzer looks for.
	ASAN_OPTIONS=detect_leaks=0 .build/fuzz/debug/lrplot-fuzz .build/fuzz-corpus -max_total_time=$(FUZZ_SECONDS) -max_len=1024 -timeout=5 -detect_leaks=0

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Re-records the golden images on purpose (review the diff before committing).
golden: deps
	LRPLOT_RECORD_GOLDENS=1 $(SWIFT) test --filter GoldenImageTests || true
	$(SWIFT) test --filter GoldenImageTests

# Re-records the text snapshots of help, list, man, completions and error messages (review the diff).
snapshots: deps
	LRPLOT_RECORD_SNAPSHOTS=1 $(SWIFT) test --filter SnapshotTests
	$(SWIFT) test --filter SnapshotTests

# Regenerates the PyTorch reference fixtures (needs PyPI; installs torch into $(FIXTURE_VENV)): the
# fixtures, the three written with MKL's AVX2 sqrt kernel and the randomized parity cases. The sqrt
# measurements and tables (fixtures/sqrt_probe.py samples|table) need an AVX-512 CPU and cc.
# The MMEngine fixtures' script makes its own venv (fixtures/.venv-mmengine, pinned mmengine 0.10.7).
fixtures:
	test -x $(FIXTURE_VENV)/bin/python || python3 -m venv $(FIXTURE_VENV)
	$(FIXTURE_VENV)/bin/pip install -q "torch==$(TORCH_VERSION)" "transformers==5.24.0" "timm==1.0.31"
	$(FIXTURE_VENV)/bin/python fixtures/generate_fixtures.py
	$(FIXTURE_VENV)/bin/python fixtures/generate_fixtures.py avx2
	$(FIXTURE_VENV)/bin/python fixtures/generate_random_parity.py
	python3 fixtures/generate_mmengine_fixtures.py
	$(MAKE) snippet-fixtures

# Regenerates numpy 2.4.6's float64 exp/log fixture (Tests/LRPlotEngineTests/Fixtures/numpy_float64.tsv; needs an
# x86-64 Linux CPU with AVX-512, where numpy uses SVML's kernels, which lrplot's NumpyFloat64 ports).
.PHONY: numpy-fixtures
numpy-fixtures:
	test -x $(FIXTURE_VENV)/bin/python || python3 -m venv $(FIXTURE_VENV)
	$(FIXTURE_VENV)/bin/pip install -q "numpy==2.4.6"
	$(FIXTURE_VENV)/bin/python fixtures/generate_numpy_fixtures.py

# The Python-snippet fixtures of issue 13 (fixtures/snippets/*.py run by real CPython + torch; numpy
# pinned too, as np.exp's float64 kernel is numpy's own).
snippet-fixtures:
	test -x $(FIXTURE_VENV)/bin/python || python3 -m venv $(FIXTURE_VENV)
	$(FIXTURE_VENV)/bin/pip install -q "torch==$(TORCH_VERSION)" "transformers==5.24.0" "timm==1.0.31" "numpy==2.4.6"
	$(FIXTURE_VENV)/bin/python fixtures/generate_snippet_fixtures.py

# DeepSpeed 0.19.8 and Ultralytics 8.4.190 fixtures (issue 14): each script builds its own pinned
# virtual environment (.venv-deepspeed, .venv-ultralytics) with python3.11 and re-runs itself there.
.PHONY: fixtures-deepspeed fixtures-ultralytics
fixtures-deepspeed:
	python3.11 fixtures/generate_deepspeed_fixtures.py
fixtures-ultralytics:
	python3.11 fixtures/generate_ultralytics_fixtures.py

# Config-source fixtures (issue 14): HF TrainingArguments and timm train.py configs in fixtures/configs/
# read and stepped by the real Trainer arithmetic and timm scheduler factory (needs PyPI).
config-fixtures:
	test -x $(FIXTURE_VENV)/bin/python || python3 -m venv $(FIXTURE_VENV)
	$(FIXTURE_VENV)/bin/pip install -q "torch==$(TORCH_VERSION)" "transformers==5.24.0" "timm==1.0.31" "accelerate==1.15.0" "pyyaml==6.0.4"
	$(FIXTURE_VENV)/bin/python fixtures/generate_config_fixtures.py

# Regenerates the keras.* and optax.* float32 fixtures (needs PyPI: keras 3.15.1 on its numpy backend,
# optax 0.2.8 with jax 0.10.2 into .venv-float32); the header records numpy's SIMD dispatch on this CPU.
fixtures-float32:
	python3 fixtures/generate_float32_fixtures.py

# Performance targets (issues 4 and 16), measured with the release binary run for run (A B A B …)
# next to C floors kept in bench/: a C program drawing a comparable chart with Cairo, a one-thread
# C loop doing the same OneCycle + Adam arithmetic, a C++ CSV/JSON writer with std::to_chars's
# shortest digits (byte-identical output, checked), and, once `make bench-python` has set up
# $(BENCH_VENV), PyTorch + matplotlib (bench/pytorch_steplr.py).
BENCH_LONG_RUNS ?= 5

.build/bench/cairo_floor: bench/cairo_floor.c | deps
	@mkdir -p .build/bench
	$(CC) -O2 -o $@ $< $$(pkg-config --cflags --libs cairo) -lm

.build/bench/onecycle_floor: bench/onecycle_floor.c
	@mkdir -p .build/bench
	$(CC) -O2 -mfma -ffp-contract=off -o $@ $< -lm

.build/bench/csv_floor: bench/csv_floor.cpp
	@mkdir -p .build/bench
	$(CXX) -O2 -std=c++17 -mfma -ffp-contract=off -o $@ $<

bench: $(BIN) .build/bench/cairo_floor .build/bench/onecycle_floor .build/bench/csv_floor
	$(SWIFT) build $(RELEASE) --product lrplot-bench
	$(SWIFT) build $(RELEASE) --product lrplot-snippet-bench
	bench/snippet_vs_cpython.sh $(BIN) .build/release/lrplot-snippet-bench $(BENCH_RUNS)
	.build/release/lrplot-bench --lrplot $(BIN) --floor .build/bench/cairo_floor \
	  --onecycle-floor .build/bench/onecycle_floor --csv-floor .build/bench/csv_floor \
	  --runs $(BENCH_RUNS) --long-runs $(BENCH_LONG_RUNS) \
	  $$(test -x $(BENCH_VENV)/bin/python && echo --python $(BENCH_VENV)/bin/python)

# Installs torch and matplotlib into $(BENCH_VENV) (from PyPI), then runs the benchmark with them.
bench-python:
	test -x $(BENCH_VENV)/bin/python || python3 -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install -q "torch==$(TORCH_VERSION)" matplotlib
	$(MAKE) bench

clean:
	rm -rf .build out
