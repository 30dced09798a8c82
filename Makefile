# Siftwire: the two commands a new user runs are `make demo` and `make test`.
SWIFT ?= swift
BIN := .build/debug

# Floors for the extraction development set (see devset/README.md); CI fails below them.
EVAL_FLOORS := --min-mention-f1 0.93 --min-entity-f1 0.91 --min-identity-f1 0.97

.PHONY: deps build demo test eval clean

deps:
	@bash scripts/install-deps.sh

build: deps
	$(SWIFT) build

## Runs Siftwire's main job on the built-in demo corpus.
demo: build
	$(BIN)/siftwire demo

## Runs the whole test suite: unit, store and end-to-end tests, then the extraction eval floors.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(BIN)/siftwire eval devset/gold.jsonl $(EVAL_FLOORS)

eval: build
	$(BIN)/siftwire eval devset/gold.jsonl
	@if [ -f holdout/gold.jsonl ]; then $(BIN)/siftwire eval holdout/gold.jsonl; fi

clean:
	rm -rf .build
