# Praxisbook: `make build` and `make test` are all a new machine needs.
# Everything runs from .venv, created from the pinned versions in constraints.txt.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
FORMAT ?= text
LANGS := en de nl fr sv fi

.PHONY: help install build validate test lint serve export clean i18n-extract i18n-update i18n-check bench

help:  ## List the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 16

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==26.3"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test]"
	@touch $@

install: $(STAMP)  ## Create .venv with the pinned dependencies

build: $(STAMP)  ## Validate, build the site and its search index into output/
	$(BIN)/praxisbook build

validate: $(STAMP)  ## Check every practice file (FORMAT=text|json|github)
	$(BIN)/praxisbook validate --format $(FORMAT) content/practices

serve: $(STAMP)  ## Serve output/ on http://127.0.0.1:8000/
	$(BIN)/praxisbook serve

test: $(STAMP) lint  ## Run every test (browser tests need Debian chromium/firefox-esr)
	$(BIN)/python -m pytest

lint: $(STAMP)  ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(STAMP)  ## Time validate and build on a synthetic catalogue (N=2000)
	$(BIN)/python bench/run.py

clean:  ## Remove output/ and caches (keeps .venv)
	rm -rf output .pytest_cache .ruff_cache

# UI translations. The site compiles .po files in memory at build time, so there
# is no compile step and no .mo file to go stale.
POT := theme/translations/messages.pot
i18n-extract: $(STAMP)  ## Re-extract UI strings from the templates into messages.pot
	$(BIN)/pybabel -q extract -F babel.cfg -k N_ --no-location --sort-output \
	  --project=Praxisbook --copyright-holder="The Praxisbook contributors" -o $(POT) .

i18n-update: i18n-extract  ## Merge messages.pot into every language's messages.po
	@for lang in $(filter-out en,$(LANGS)); do \
	  $(BIN)/pybabel -q update --init-missing --no-fuzzy-matching --ignore-obsolete \
	    -i $(POT) -d theme/translations -l $$lang; \
	done

i18n-check: $(STAMP)  ## Fail when a UI string lacks a translation
	$(BIN)/python -m pytest -q tests/test_i18n.py
