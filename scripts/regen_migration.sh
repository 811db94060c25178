#!/usr/bin/env bash
# Pre-release only: regenerate the single initial Alembic migration from the models.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
rm -f migrations/versions/*.py
COOPEX_DATABASE_URL="sqlite:///$tmp/empty.sqlite3" .venv/bin/flask --app wsgi db revision --autogenerate \
  --rev-id 0001 -m "initial schema" >/dev/null
rm -rf "$tmp"
.venv/bin/ruff check --fix -q migrations/versions >/dev/null 2>&1 || true
ls migrations/versions
