# The two commands a newcomer needs: `make run` and `make test`. Each installs what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint types pytest clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/laget db upgrade
	$(BIN)/laget serve --host 127.0.0.1 --port 3978

lint: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

types: $(STAMP)
	$(BIN)/mypy

# The official Teams manifest schema (npm @microsoft/app-manifest), for tests/deploy.
SCHEMA_CHECK := deploy/teams/schema-check
$(SCHEMA_CHECK)/node_modules: $(SCHEMA_CHECK)/package-lock.json
	npm ci --prefix $(SCHEMA_CHECK) --ignore-scripts --no-audit --no-fund
	touch $@

pytest: $(STAMP) $(SCHEMA_CHECK)/node_modules
	$(BIN)/python -m pytest

test: lint types pytest

clean:
	rm -rf $(VENV) var .mypy_cache .pytest_cache .ruff_cache
