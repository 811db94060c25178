# coopex — `make run` serves the demo on http://127.0.0.1:5000 (PORT=… for another), `make test` lints and
# tests (SQLite + PostgreSQL), `make serve` runs gunicorn + the worker for production.
PYTHON ?= python3.11
PORT ?= 5000
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
STAMP := $(VENV)/.installed
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run serve install translations i18n test test-sqlite test-postgres lint bench clean sysdeps-run sysdeps-test axe

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "coopex: error: $(PYTHON) not found; install Python 3.11 or run 'make PYTHON=python3 …'" >&2; exit 2; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

translations: $(STAMP)
	@$(BIN)/pybabel -q compile -d translations

sysdeps-run:
	@bash scripts/system_deps.sh run

sysdeps-test:
	@bash scripts/system_deps.sh test

# Development: a random secret kept in instance/.secret_key, links in e-mails on this port.
instance/.secret_key:
	@mkdir -p instance && $(PYTHON) -c 'import secrets; print(secrets.token_hex(32))' > $@

DEV_ENV = COOPEX_SECRET_KEY=$$(cat instance/.secret_key) COOPEX_SERVER_NAME_FOR_LINKS=http://127.0.0.1:$(PORT)

run: sysdeps-run install translations instance/.secret_key
	$(DEV_ENV) $(FLASK) coopex init --demo
	@$(DEV_ENV) $(FLASK) planning worker & echo $$! > instance/worker.pid
	@trap 'test -f instance/worker.pid && kill $$(cat instance/worker.pid) 2>/dev/null; rm -f instance/worker.pid' EXIT INT TERM; \
	  $(DEV_ENV) $(FLASK) run --host 127.0.0.1 --port $(PORT)

# Production: gunicorn (2 x CPUs + 1 processes) and one background worker on COOPEX_DATABASE_URL.
# wsgi refuses the committed secret key; --preload loads it once in the master, so the refusal stops gunicorn.
WORKERS ?= $$(( 2 * $$(nproc) + 1 ))
serve: sysdeps-run install translations
	@$(BIN)/python -c 'import wsgi' || exit 2
	$(FLASK) db upgrade
	@$(FLASK) planning worker & echo $$! > instance/worker.pid
	@trap 'test -f instance/worker.pid && kill $$(cat instance/worker.pid) 2>/dev/null; rm -f instance/worker.pid' EXIT INT TERM; \
	  $(BIN)/gunicorn --preload --workers $(WORKERS) --bind 0.0.0.0:$(PORT) --access-logfile - wsgi:app

i18n: $(STAMP)
	$(BIN)/pybabel -q extract -F translations/babel.cfg -k _l -k lazy_gettext -o translations/messages.pot --no-location --no-wrap --sort-output --project coopex app templates
	@for l in cs de en; do \
	  if [ -f translations/$$l/LC_MESSAGES/messages.po ]; then \
	    $(BIN)/pybabel -q update -i translations/messages.pot -d translations -l $$l --no-fuzzy-matching --ignore-obsolete --no-wrap; \
	  else $(BIN)/pybabel -q init --no-wrap -i translations/messages.pot -d translations -l $$l; fi; done
	$(BIN)/pybabel -q compile -d translations

lint: $(STAMP)
	$(BIN)/ruff check .

# axe-core (npm registry) for the accessibility browser test; kept out of git in .cache/axe
AXE_JS := .cache/axe/node_modules/axe-core/axe.min.js
$(AXE_JS):
	@command -v npm >/dev/null 2>&1 || { echo "coopex: error: npm not found; install nodejs and npm (axe-core for tests)" >&2; exit 2; }
	npm install --no-save --no-audit --no-fund --prefix .cache/axe axe-core@4

axe: $(AXE_JS)

test-sqlite: sysdeps-test install translations axe
	$(BIN)/python -m pytest -q -p no:cacheprovider

test-postgres: sysdeps-test install translations axe
	@url=$$(bash scripts/pg_test_db.sh) || exit 2; \
	  COOPEX_TEST_DATABASE_URL=$$url $(BIN)/python -m pytest -q -p no:cacheprovider

test: lint test-sqlite test-postgres

bench: install
	$(BIN)/python bench/b2bsp.py --only original
	$(BIN)/python bench/events.py
	$(BIN)/python bench/agendas.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .cache
