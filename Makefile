# Talking Trade: `make book` builds the HTML book, `make test` runs the tests.
# Both create .venv and install requirements.txt on first use.
.DEFAULT_GOAL := help
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
JB := $(BIN)/jupyter-book

.PHONY: help venv book pdf test test-fast lint tables clean bib checksums reproduce

## help: list the targets
help:
	@grep -E '^## ' Makefile | sed 's/^## //'

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

## venv: create .venv and install requirements.txt
venv: $(STAMP)

## bib: write book/references.bib from seeds/manifest.csv
bib: $(STAMP)
	$(BIN)/python -m tradetalks bib seeds --out book/references.bib

JOBS ?= 2

## tables: extract seeds/ and every evaluation set once into _build/tables/<set>-<digest>/
##   (what the notebooks read) and write the seeds' data package to book/tables (the downloads)
tables: $(STAMP)
	$(BIN)/python -m tradetalks build-tables --jobs $(JOBS) --book-tables book/tables --quiet

## book: build the HTML book in _build/html (warnings are errors)
book: $(STAMP) bib tables
	$(BIN)/python -m tradetalks cache-guard --cache _build/.jupyter_cache --stamp _build/.inputs-digest --also _build/.doctrees --also _build/jupyter_execute
	$(JB) build . --builder html --warningiserror --nitpick --keep-going

## pdf: build the PDF book in _build/latex/talking-trade.pdf (needs Debian's TeX packages)
pdf: $(STAMP) bib tables
	$(BIN)/python -m tradetalks cache-guard --cache _build/.jupyter_cache --stamp _build/.inputs-digest --also _build/.doctrees --also _build/jupyter_execute
	$(JB) build . --builder pdflatex

## test: run every test, including the book, browser and PDF checks
test: $(STAMP)
	$(BIN)/python -m pytest

## test-fast: the tests without the slow book, browser and PDF checks
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow"

## lint: ruff over the package and tests
lint: $(STAMP)
	$(BIN)/ruff check tradetalks tests benchmarks

## checksums: record the tables' checksums in results/checksums.json (only for an intended change)
checksums: tables
	$(BIN)/python -m tradetalks checksums book/tables --write results/checksums.json

## reproduce: as Binder would: fresh venv from requirements.txt, run every notebook, compare tables
reproduce:
	rm -rf _build/reproduce book/tables
	$(PYTHON) -m venv _build/reproduce/venv
	_build/reproduce/venv/bin/python -m pip install --quiet -r requirements.txt
	for nb in notebooks/*.md; do \
	  _build/reproduce/venv/bin/jupytext --to ipynb --execute \
	    --output _build/reproduce/"$$(basename $$nb .md)".ipynb "$$nb" \
	    || exit 1; \
	done
	_build/reproduce/venv/bin/python -m tradetalks checksums book/tables --check results/checksums.json

## clean: remove the build folder (the .venv stays)
clean:
	rm -rf _build book/tables
