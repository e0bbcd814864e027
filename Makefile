# The two commands a newcomer needs: `make sandbox` and `make test`.
# Both create .venv and install the project into it when missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: sandbox cluster test lint typecheck check bench clean install

# The emulators (emulators/, a distribution of their own) come with the dev tools: the
# sandbox, the tests and the benchmarks need them; `briefbot run` does not.
$(STAMP): pyproject.toml emulators/pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]' -e ./emulators
	touch $(STAMP)

install: $(STAMP)

sandbox: $(STAMP)
	$(BIN)/briefbot sandbox $(ARGS)

# Several processes on one PostgreSQL (the local server's database `test`, schema
# briefbot_cluster, made afresh): the emulators, one gateway, two workers, two web servers
# (8090, 8091). `make cluster ARGS=--check` proves it works end to end, then stops.
cluster: $(STAMP)
	$(BIN)/python -m adapters.sandbox.cluster $(ARGS)

# The real-browser test drives Debian's chromium (browsers cannot be downloaded here).
# Installed when missing and we may (root with apt-get); otherwise that test skips, saying why.
CHROMIUM := /usr/bin/chromium
$(CHROMIUM):
	@if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's chromium for the browser test..."; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
		|| echo "chromium could not be installed; the browser test will be skipped."; \
	else echo "chromium is not installed; the browser test will be skipped."; fi

test: $(STAMP) | $(CHROMIUM)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check bot adapters emulators storage tests benchmarks
	$(BIN)/ruff format --check bot adapters emulators storage tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

check: lint typecheck test

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]' -e ./emulators
	$(BIN)/python benchmarks/quality.py
	$(BIN)/python benchmarks/speed.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
