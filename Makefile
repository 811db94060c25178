# coopex — `make run` serves the demo on http://127.0.0.1:5000, `make test` lints and tests (SQLite + PostgreSQL).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
STAMP := $(VENV)/.installed
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run install translations i18n test test-sqlite test-postgres lint bench migration clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "coopex: error: $(PYTHON) not found; install Python 3.11 or run 'make PYTHON=python3 …'" >&2; exit 2; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

translations: $(STAMP)
	@$(BIN)/pybabel -q compile -d translations

run: install translations
	$(FLASK) coopex init
	@$(FLASK) planning worker --help >/dev/null 2>&1 && { $(FLASK) planning worker & echo $$! > instance/worker.pid; } || true
	@trap 'test -f instance/worker.pid && kill $$(cat instance/worker.pid) 2>/dev/null; rm -f instance/worker.pid' EXIT INT TERM; \
	  $(FLASK) run --host 127.0.0.1 --port 5000

i18n: $(STAMP)
	$(BIN)/pybabel -q extract -F translations/babel.cfg -k _l -k lazy_gettext -o translations/messages.pot --no-location --no-wrap --sort-output --project coopex app templates
	@for l in cs de en; do \
	  if [ -f translations/$$l/LC_MESSAGES/messages.po ]; then \
	    $(BIN)/pybabel -q update -i translations/messages.pot -d translations -l $$l --no-fuzzy-matching --ignore-obsolete --no-wrap; \
	  else $(BIN)/pybabel -q init --no-wrap -i translations/messages.pot -d translations -l $$l; fi; done
	$(BIN)/pybabel -q compile -d translations

lint: $(STAMP)
	$(BIN)/ruff check .

test-sqlite: install translations
	$(BIN)/python -m pytest -q -p no:cacheprovider

test-postgres: install translations
	@url=$$(bash scripts/pg_test_db.sh) || exit 2; \
	  COOPEX_TEST_DATABASE_URL=$$url $(BIN)/python -m pytest -q -p no:cacheprovider

test: lint test-sqlite test-postgres

bench: install
	$(BIN)/python bench/b2bsp.py --only original
	$(BIN)/python bench/events.py
	$(BIN)/python bench/agendas.py

# Pre-release: one initial migration, regenerated from the models (scripts/regen_migration.sh).
migration: install
	bash scripts/regen_migration.sh

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
