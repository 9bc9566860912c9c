# Two commands for a newcomer: `make demo` and `make test`. Each bootstraps .venv from nothing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint clean-venv chromium

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the project's dependencies change: a second run is fast.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev,spark]"
	touch $(STAMP)

# The main job on the bundled example corpus, into the default store (./accordingto.duckdb).
demo: $(STAMP)
	$(BIN)/accordingto ingest examples/corpus
	$(BIN)/accordingto stats
	$(BIN)/accordingto stories
	$(BIN)/accordingto report --out report

# The browser tests drive Debian's chromium, never a browser Playwright downloads: install it
# when missing and we can (root with apt-get); otherwise those tests skip and say why.
chromium:
	@test -x /usr/bin/chromium || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || \
	  echo "chromium is missing: browser tests will be skipped (apt-get install chromium)"; }

test: $(STAMP) chromium
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests bench

clean-venv:
	rm -rf $(VENV)
