# SalesTarget: `make run` starts the demo company; `make test` runs every check.
# Both install what they need first (Python packages from uv.lock, npm packages from
# package-lock.json, Debian packages when missing) and are safe to run again.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
export UV_PROJECT_ENVIRONMENT := $(VENV)
export PATH := $(CURDIR)/$(BIN):$(PATH)
# Tests fail, not skip, when chromium or poppler is missing: make installs them.
export SALESTARGET_REQUIRE_TOOLS := 1
# Python caches each module it compiles (__pycache__/*.pyc) unless PYTHONDONTWRITEBYTECODE is
# set, as it is on this project's machines: every process then compiled Django, the app and
# its libraries from source again — django.setup() 2.8 s of CPU instead of 0.9, with the URLs
# 6.8 s instead of 2.8 — and make test starts some fifty Django processes a suite.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run test install system-deps install-test check lint assets lint-then-postgres pytest-sqlite pytest-postgres browser bench clean

run: install
	@scripts/run

# The two databases' suites run side by side (one per core); each one's output is printed
# whole when it ends, so the logs don't interleave. What the suites read (the compiled
# catalogues, the collected static files) is made first; the lint checks run before the
# PostgreSQL suite, the shorter one, while the SQLite suite has started.
test: install-test assets
	$(MAKE) --no-print-directory --output-sync=target -j2 pytest-sqlite lint-then-postgres

$(BIN)/uv:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check "uv==0.13.9"

$(VENV)/.synced: $(BIN)/uv uv.lock pyproject.toml
	$(BIN)/uv sync --frozen --quiet
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Debian packages first: npm ci needs npm (left to right: make runs prerequisites in order).
install: system-deps $(VENV)/.synced node_modules/.installed

system-deps:
	@scripts/install-system-deps run

install-test: install
	@scripts/install-system-deps test

check: lint assets

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy salestarget bench
	$(BIN)/lint-imports --no-cache
	$(BIN)/python manage.py makemigrations --check --dry-run

assets:
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0
	$(BIN)/python manage.py collectstatic --noinput -v 0

lint-then-postgres: lint
	@$(MAKE) --no-print-directory pytest-postgres

# tests/core is the pure domain (no Django, no database: tests/core/test_purity.py), the same
# on either database: it runs once, in the PostgreSQL suite. The API fuzz test runs on both,
# its coverage phase (nine in ten of its requests) on PostgreSQL only: the SQLite suite, the
# longer one with the browser tests, sends the generated requests alone (tests/api/test_fuzz.py).
pytest-sqlite:
	$(BIN)/pytest -q -p no:cacheprovider --durations=15 --ignore=tests/core

pytest-postgres:
	url=$$(scripts/pg-test-server url) && \
	DATABASE_URL=$$url $(BIN)/pytest -q -p no:cacheprovider --durations=15 -m "not browser and not own_sqlite"

# Only the browser tests (Playwright + Debian's chromium); screenshots in var/screenshots/.
browser: install-test
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0
	$(BIN)/pytest -q -p no:cacheprovider -m browser

bench: install
	@scripts/install-system-deps bench
	$(BIN)/salestarget bench

clean:
	rm -rf $(VENV) node_modules var
