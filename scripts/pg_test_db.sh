#!/usr/bin/env bash
# Start the local PostgreSQL 15 cluster if needed, (re)create the test database, print its URL.
set -euo pipefail
DB=${COOPEX_TEST_PG_DB:-coopex_test}
if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  if command -v pg_ctlcluster >/dev/null; then
    pg_ctlcluster 15 main start >&2 || { echo "coopex: error: cannot start PostgreSQL 15 (pg_ctlcluster 15 main start)" >&2; exit 2; }
  else
    echo "coopex: error: PostgreSQL is not running on 127.0.0.1:5432 and pg_ctlcluster is missing" >&2; exit 2
  fi
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.5; done
fi
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -c "$1"; else sh -c "$1"; fi; }
as_pg "psql -q -d postgres -tc \"SELECT 1 FROM pg_roles WHERE rolname='coopex'\" | grep -q 1 || psql -q -d postgres -c \"CREATE ROLE coopex LOGIN PASSWORD 'coopex' CREATEDB\"" >&2
as_pg "psql -q -d postgres -c 'DROP DATABASE IF EXISTS $DB WITH (FORCE)' -c 'CREATE DATABASE $DB OWNER coopex'" >&2
echo "postgresql://coopex:coopex@127.0.0.1:5432/$DB"
