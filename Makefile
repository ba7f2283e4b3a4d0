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

PORT ?= 3978

run: $(STAMP)
	$(BIN)/laget db upgrade
	$(BIN)/laget model build
	$(BIN)/laget serve --host 127.0.0.1 --port $(PORT)

lint: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/lint-imports

types: $(STAMP)
	$(BIN)/mypy

# The official Teams manifest schema (npm @microsoft/app-manifest), for tests/deploy.
SCHEMA_CHECK := deploy/teams/schema-check
$(SCHEMA_CHECK)/node_modules: $(SCHEMA_CHECK)/package-lock.json
	npm ci --prefix $(SCHEMA_CHECK) --ignore-scripts --no-audit --no-fund
	touch $@

pytest: $(STAMP) $(SCHEMA_CHECK)/node_modules
	$(BIN)/python -m pytest

test: lint types e2e-deps pytest

clean:
	rm -rf $(VENV) var .mypy_cache .pytest_cache .ruff_cache

# End-to-end: Laget in the Microsoft 365 Agents Playground and every card in Teams' renderer,
# both in Debian's Chromium. Installs what it needs (chromium with apt when root, the pinned npm
# packages of e2e/); whatever cannot be installed makes its tests skip (fail under CI=true).
E2E_NPM := e2e/node_modules/.package-lock.json

.PHONY: e2e e2e-deps e2e-chromium

e2e: $(STAMP) e2e-deps
	$(BIN)/python -m pytest -q tests/e2e

e2e-deps: e2e-chromium $(E2E_NPM)

# A colour emoji font too, so 👍/👎 show in the screenshots instead of empty boxes.
EMOJI_FONT := /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf

e2e-chromium:
	@if { command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; } && [ -f $(EMOJI_FONT) ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-color-emoji) \
	  || echo "e2e: could not install chromium; its tests will skip" >&2; \
	else echo "e2e: chromium or the emoji font is missing (apt-get install chromium fonts-noto-color-emoji)" >&2; fi

$(E2E_NPM): e2e/package.json e2e/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  (npm ci --prefix e2e && touch $@) || echo "e2e: npm ci --prefix e2e failed; tests will skip" >&2; \
	else echo "e2e: npm is missing; the Playground and card rendering tests will skip" >&2; fi
