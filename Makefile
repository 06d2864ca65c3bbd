# Talking Trade: `make book` builds the HTML book, `make test` runs the tests.
# Both create .venv and install requirements.txt on first use.
.DEFAULT_GOAL := help
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
# The build's own progress stays; parser configuration dumps and the kernel's notice about
# its local TCP transport (one per notebook) are dropped.
QUIET := { grep --line-buffered -v -E 'MdParserConfig\(|NbParserConfig\(|Kernel is running over TCP|^\s*$$' || true; }
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
JB := $(BIN)/jupyter-book

.PHONY: help venv prepare book pdf test test-fast lint tables clean bib checksums scores reproduce \
	lock describe release reproduce-test

## help: list the targets
help:
	@grep -E '^## ' Makefile | sed 's/^## //'

$(STAMP): requirements.txt pyproject.toml
	@echo "[1/2] Creating .venv and installing requirements.txt (a few minutes on first use)..."
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip
	@$(BIN)/python -m pip install --progress-bar on -r requirements.txt 2>&1 \
	  | { grep --line-buffered -E '^(Collecting|Installing collected|Successfully installed|ERROR)' || true; } \
	  | sed -u 's/^/  /'
	@touch $(STAMP)
	@echo "[1/2] Environment ready."

## venv: create .venv and install requirements.txt
venv: $(STAMP)

## bib: write book/references.bib from seeds/manifest.csv
BIB := $(BIN)/python -m tradetalks bib seeds --out book/references.bib
bib: $(STAMP)
	@$(BIB)

JOBS ?= 2

## tables: extract seeds/ and every evaluation set without current recorded scores once into
##   _build/tables/<set>-<digest>/ (what the notebooks read) and write the seeds' data package to book/tables (the downloads)
TABLES = $(BIN)/python -m tradetalks build-tables --jobs $(JOBS) --book-tables book/tables --quiet
tables: $(STAMP)
	@$(TABLES)

# What the extraction store, the bibliography and the notebook cache depend on (the
# evaluation log and the recorded scores: the methods chapter shows them). `prepare`
# runs their three commands only when something here changed since it last succeeded
# (find -newer on the stamp), so a prose-only edit starts no Python before Jupyter Book.
INPUTS := seeds corpora data tradetalks results/evaluation_log.csv results/scores
PREPARED := _build/.prepared
CHANGED_INPUTS = find $(INPUTS) $(STAMP) book/tables book/references.bib -newer $(PREPARED) \
	-not -path '*/__pycache__*' -not -path '*/.ipynb_checkpoints*' -print -quit 2>/dev/null

## prepare: bib, the notebook-cache guard, then the tables and the notebooks the cache
##   lacks side by side (JOBS processes each, 2 by default), only when an input changed
prepare: $(STAMP)
	@if [ -f $(PREPARED) ] && [ -d _build/tables ] && [ -f book/tables/datapackage.json ] \
	  && [ -f book/references.bib ] && [ -z "$$($(CHANGED_INPUTS))" ]; then :; else \
	  $(BIB) \
	  && $(BIN)/python -m tradetalks cache-guard --cache _build/.jupyter_cache --stamp _build/.inputs-digest --also _build/.doctrees --also _build/jupyter_execute \
	  && $(BIN)/python -m tradetalks prepare-book --jobs $(JOBS) --book-tables book/tables --cache _build/.jupyter_cache 2>&1 | $(QUIET) \
	  && mkdir -p _build && touch $(PREPARED); fi

## book: build the HTML book in _build/html (warnings are errors)
book: $(STAMP) prepare
	@echo "[2/2] Building the HTML book (runs each chapter's notebook; about 3 minutes from clean)..."
	@$(JB) build . --builder html --warningiserror --nitpick --keep-going 2>&1 | $(QUIET)

## pdf: build the PDF book in _build/latex/talking-trade.pdf (needs Debian's TeX packages), copied beside the HTML
pdf: $(STAMP) prepare
	@echo "Building the PDF with pdflatex (about a minute; the LaTeX log goes to _build/pdf.log)..."
	@mkdir -p _build/html
	@$(JB) build . --builder pdflatex > _build/pdf.log 2>&1 \
	  || { tail -n 40 _build/pdf.log; echo "make pdf failed: the whole log is _build/pdf.log"; exit 1; }
	@cp _build/latex/talking-trade.pdf _build/html/talking-trade.pdf
	@echo "PDF: _build/latex/talking-trade.pdf (and beside the HTML: _build/html/talking-trade.pdf)"

## test: lint, import contracts, then every test, including the book, browser and PDF checks (one shared book build; not the fresh-environment check, see reproduce-test)
test: $(STAMP)
	$(BIN)/ruff check tradetalks tests benchmarks scripts
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -m "not reproduce" -n 2 --dist loadgroup

## reproduce-test: the test that runs `make reproduce` (a second environment in _build/reproduce)
reproduce-test: $(STAMP)
	$(BIN)/python -m pytest -m reproduce

## test-fast: the tests without the slow book, browser and PDF checks
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow"

## lint: ruff over the package and tests
lint: $(STAMP)
	$(BIN)/ruff check tradetalks tests benchmarks

## checksums: record the tables' checksums in results/checksums.json (only for an intended change)
checksums: tables
	$(BIN)/python -m tradetalks checksums book/tables --write results/checksums.json

## scores: extract every evaluation set afresh and record its scores in results/scores (after a change
##   to the rules, the package, data/ or a set: `make test` fails while a record is stale)
scores: $(STAMP)
	$(BIN)/python -m tradetalks scores --jobs $(JOBS)

## reproduce: as Binder would: fresh venv from requirements.txt, run every notebook, compare tables
reproduce:
	rm -rf _build/reproduce book/tables book/.tables.*
	$(PYTHON) -m venv _build/reproduce/venv
	_build/reproduce/venv/bin/python -m pip install --quiet -r requirements.txt
	for nb in notebooks/*.md; do \
	  _build/reproduce/venv/bin/jupytext --to ipynb --execute \
	    --output _build/reproduce/"$$(basename $$nb .md)".ipynb "$$nb" \
	    || exit 1; \
	done
	_build/reproduce/venv/bin/python -m tradetalks checksums book/tables --check results/checksums.json
	_build/reproduce/venv/bin/python -m tradetalks scores --check --jobs 2

## lock: compile requirements.txt from pyproject.toml (direct dependencies and extras), each pin annotated
lock: $(STAMP)
	$(BIN)/pip-compile --quiet --extra book --extra test --extra dev --strip-extras \
	  --no-emit-index-url --no-emit-find-links --output-file requirements.txt pyproject.toml
	$(BIN)/python scripts/lock_header.py requirements.txt

## describe: write and validate the data packages of data/dictionaries, data/codes and each gold set
describe: $(STAMP)
	$(BIN)/python -m tradetalks describe

## release: a dated archive of the tables, data package, citation files and PDF (if built), with checksums
release: tables
	$(BIN)/python -m tradetalks release book/tables --out _build/release \
	  $$(test -f _build/latex/talking-trade.pdf && echo --pdf _build/latex/talking-trade.pdf)

## clean: remove the build folder (the .venv stays)
clean:
	rm -rf _build book/tables book/.tables.*
