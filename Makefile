# lrplot — two commands on a fresh Debian machine:
#   make render   installs what is missing (apt), builds, renders every schedules/*.sched into out/
#   make test     installs what is missing, builds and runs the whole test suite
SWIFT     ?= swift
BIN       := .build/release/lrplot
SOURCES   := Package.swift $(shell find Sources -name '*.swift' -o -name '*.h' -o -name '*.modulemap')
SPECS     := $(wildcard schedules/*.sched)
PNGS      := $(patsubst schedules/%.sched,out/%.png,$(SPECS))
SVGS      := $(patsubst schedules/%.sched,out/%.svg,$(SPECS))
FIXTURE_VENV ?= .venv-fixtures
TORCH_VERSION ?= 2.15.0

.PHONY: all render test golden fixtures deps build clean

all: render

deps:
	@scripts/install-deps.sh

build: $(BIN)

# One release build; every chart rule depends on it, so `make -j render` builds it once.
$(BIN): $(SOURCES) | deps
	$(SWIFT) build -c release --product lrplot

render: $(PNGS) $(SVGS)

out:
	@mkdir -p out

out/%.png: schedules/%.sched $(BIN) | out
	$(BIN) @$< -o $@

out/%.svg: schedules/%.sched $(BIN) | out
	$(BIN) @$< -o $@

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Re-records the golden images on purpose (review the diff before committing).
golden: deps
	LRPLOT_RECORD_GOLDENS=1 $(SWIFT) test --filter GoldenImageTests || true
	$(SWIFT) test --filter GoldenImageTests

# Regenerates the PyTorch reference fixtures (needs PyPI; installs torch into $(FIXTURE_VENV)).
fixtures:
	test -x $(FIXTURE_VENV)/bin/python || python3 -m venv $(FIXTURE_VENV)
	$(FIXTURE_VENV)/bin/pip install -q "torch==$(TORCH_VERSION)"
	$(FIXTURE_VENV)/bin/python fixtures/generate_fixtures.py

clean:
	rm -rf .build out
