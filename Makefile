# Praxisbook: `make build` and `make test` are all a new machine needs.
# Everything runs from .venv, created from the pinned versions in constraints.txt.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
PDF_STAMP := $(VENV)/.installed-pdf
FIREFOX_DRIVER := tests/firefox/node_modules/.package-lock.json
VNU := tests/validators/node_modules/.package-lock.json
FORMAT ?= text
# PUBLISH=1 builds for the published address in PRAXISBOOK_SITEURL (publishconf.py).
PUBLISH ?=
LANGS := en de nl fr sv fi

.PHONY: help install build validate test lint serve export clean i18n-extract i18n-update i18n-compile i18n-check bench docs search-report

help:  ## List the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 16

# Building needs only the engine's own dependencies; test tools, linters and the
# browser driver come with `make test` (the test extra), never with `make build`.
$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==26.3"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e .
	@touch $@

$(TEST_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test]"
	@touch $@

install: $(STAMP)  ## Create .venv with the pinned dependencies

build: $(STAMP)  ## Validate, build the site and its search index into output/
	$(BIN)/praxisbook build $(if $(PUBLISH),--publish)

validate: $(STAMP)  ## Check every practice file (FORMAT=text|json|github)
	$(BIN)/praxisbook validate --format $(FORMAT) content/practices

serve: $(STAMP)  ## Build, serve on http://127.0.0.1:8000/ (PORT=N for another) and rebuild on every change (live reload)
	$(BIN)/praxisbook serve $(if $(PORT),--port $(PORT))

test: $(TEST_STAMP) $(PDF_STAMP) $(FIREFOX_DRIVER) $(VNU) lint  ## Run every test (browser tests need Debian chromium/firefox-esr, the Nu checker Java)
	$(BIN)/python -m pytest

# WeasyPrint (the `pdf` extra) turns the booklets into PDF. It needs the Pango
# library; where it cannot be installed, the booklets are HTML only.
$(PDF_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[pdf]" \
	  || echo "WeasyPrint could not be installed: booklets will be HTML only."
	@touch $@

# puppeteer-core drives the system's Firefox in the offline-bundle tests; it never
# downloads a browser. Without npm those tests are skipped (or fail in CI).
$(FIREFOX_DRIVER): tests/firefox/package.json tests/firefox/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  cd tests/firefox && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: the Firefox tests of the offline bundle will be skipped."; fi

# The Nu Html Checker (npm vnu-jar, pinned in the lock file) checks every page of the built
# sites; it runs on the system's Java (Debian default-jre-headless). --ignore-scripts: its
# install script would download a Java runtime when none is found; we never download one.
$(VNU): tests/validators/package.json tests/validators/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  cd tests/validators && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: the Nu Html Checker tests will be skipped."; fi

export: $(PDF_STAMP)  ## Offline bundles and booklets into output/downloads/ (run after make build)
	$(BIN)/praxisbook export downloads $(if $(PUBLISH),--publish)

docs: $(STAMP)  ## Regenerate docs/fields.md from the schema and vocabularies
	$(BIN)/praxisbook schema-docs -o docs/fields.md

lint: $(TEST_STAMP)  ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The fast lane, for quick loops and the pre-push hook: no browser, no shared
# built site (tests/markers.py says which tests are `slow`).
.PHONY: check proposal proposal-report
check: lint  ## Fast checks: lint, unit tests without browsers or built sites, validate (about a minute)
	$(BIN)/python -m pytest -q -m "not browser and not slow"
	$(BIN)/praxisbook validate content/practices

# The proposal workflow (.github/workflows/proposal.yml) runs these. The issue's
# text is read from the event file GitHub writes ($GITHUB_EVENT_PATH), never
# passed through a shell.
proposal: $(STAMP)
	$(BIN)/praxisbook propose-pr --event "$$GITHUB_EVENT_PATH"

proposal-report: $(STAMP)
	$(BIN)/praxisbook propose-pr --event "$$GITHUB_EVENT_PATH" --report "$$CHECKS" --pr "$$PR"

# BENCH_ANCHOR: the Hugo + Pagefind anchor script (not in this repository); without it the
# comparison with the anchor is left out of the report.
BENCH_N ?= 2000 10000
BENCH_ANCHOR ?=
bench: $(TEST_STAMP)  ## Time validate, build, preview, first search and bundle at N=2000 and 10000; adds to docs/performance.md
	@for n in $(BENCH_N); do \
	  $(BIN)/python bench/run.py --n $$n --record docs/performance.md \
	    $(if $(BENCH_ANCHOR),--anchor $(BENCH_ANCHOR)) || exit 1; \
	done

search-report: $(TEST_STAMP)  ## Precision@3 and recall of the search-quality suite per UI language (Chromium)
	$(BIN)/python bench/search_report.py

clean:  ## Remove output/, the spare site the next build writes over, and caches (keeps .venv)
	rm -rf output .output.spare .pytest_cache .ruff_cache

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

i18n-compile: $(STAMP)  ## Compile every messages.po (with statistics) to check it; the build compiles in memory
	@tmp=$$(mktemp -d) && for lang in $(filter-out en,$(LANGS)); do \
	  $(BIN)/pybabel compile --statistics -l $$lang \
	    -i theme/translations/$$lang/LC_MESSAGES/messages.po -o $$tmp/$$lang.mo || exit 1; \
	done; rm -rf $$tmp

i18n-check: $(TEST_STAMP)  ## Fail when a UI string lacks a translation
	$(BIN)/python -m pytest -q tests/test_i18n.py
