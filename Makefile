# nextround: one task runner. `make run` to use it, `make test` to check it.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
TEST_PG_URL ?= postgresql://nextround:nextround@127.0.0.1:5432/nextround
PYTEST_ARGS ?=

.PHONY: run install dev test test-sqlite test-postgres lint typecheck format bench eval clean services docs serve-gunicorn worker

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "nextround needs Python 3.11 or newer"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[semantic,voice]"
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev,semantic,voice]"
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed

dev: $(VENV)/.installed-dev

## run: install nextround in .venv and start the web app on http://127.0.0.1:8000
run: install
	$(BIN)/nextround serve

## services: install and start what the tests need (Chromium, PostgreSQL) where missing
services:
	@scripts/test-services.sh

lint: dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: dev
	$(BIN)/mypy

format: dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test-sqlite: dev
	$(BIN)/pytest $(PYTEST_ARGS)

test-postgres: dev
	NEXTROUND_DATABASE_URL=$(TEST_PG_URL) $(BIN)/pytest $(PYTEST_ARGS)

## test: everything the tests need, then lint, types, and the whole suite on SQLite and PostgreSQL
test: dev services lint typecheck
	BIN=$(BIN) TEST_PG_URL=$(TEST_PG_URL) scripts/run-tests.sh $(PYTEST_ARGS)

## bench: speed and accuracy figures, printed as one table
bench: dev
	$(BIN)/python -m bench.run

## eval: what the candidate reads, scored on whole cases and ranked answers (development | held out)
eval: dev
	$(BIN)/python -m bench.run eval_scenarios eval_answers

## docs: regenerate the command and settings reference from the code
docs: dev
	COLUMNS=100 $(BIN)/python scripts/gen_docs.py

## serve-gunicorn: server mode on gunicorn with NEXTROUND_WORKERS workers (see docs/deploy.md)
serve-gunicorn: dev
	$(BIN)/python -m gunicorn --config python:nextround.web.gunicorn_config nextround.web.wsgi:application

## worker: run queued heavy work (PDF rendering, batch analysis) beside the web workers
worker: dev
	$(BIN)/nextround worker

clean:
	rm -rf $(VENV) build dist src/*.egg-info .mypy_cache .ruff_cache .pytest_cache test-artifacts
