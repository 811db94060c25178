"""SQLite: an FTS5 trigram index over `organisations.search_text` for the directory's substring search.

Why: the directory filters with `search_text LIKE '%word%'`; on SQLite that reads every row's folded text (about
1 kB each, 10,000 organisations). FTS5's trigram tokenizer answers the same substring question from an index
(words of three or more characters; shorter ones stay LIKE filters). The table holds no copy of the text
(external content on `organisations`), and triggers keep it in step with every insert, update and delete, whoever
writes the row (the app, the importer, a migration). PostgreSQL has the pg_trgm GIN index of app.directory.models
for the same LIKE filters, so it needs nothing here.

Created by migration 0016 and, for databases made by `create_all` (tests, the bench), by the DDL listener below.
"""
import sqlalchemy as sa
from sqlalchemy import text

TABLE = "organisations_fts"
MIN_CHARS = 3  # a trigram index cannot look up shorter strings

STATEMENTS = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5(search_text, content='organisations', "
    "content_rowid='id', tokenize='trigram')",
    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_ai AFTER INSERT ON organisations BEGIN "
    f"INSERT INTO {TABLE}(rowid, search_text) VALUES (new.id, new.search_text); END",
    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_ad AFTER DELETE ON organisations BEGIN "
    f"INSERT INTO {TABLE}({TABLE}, rowid, search_text) VALUES ('delete', old.id, old.search_text); END",
    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_au AFTER UPDATE OF search_text ON organisations BEGIN "
    f"INSERT INTO {TABLE}({TABLE}, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
    f"INSERT INTO {TABLE}(rowid, search_text) VALUES (new.id, new.search_text); END",
    f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')",  # index whatever rows are there already
)
DROP = (f"DROP TRIGGER IF EXISTS {TABLE}_au", f"DROP TRIGGER IF EXISTS {TABLE}_ad",
        f"DROP TRIGGER IF EXISTS {TABLE}_ai", f"DROP TABLE IF EXISTS {TABLE}")


def include_name(name, type_, _parent_names):
    """Alembic: the FTS table and its shadow tables are not part of the models; comparisons leave them alone."""
    return not (type_ == "table" and (name == TABLE or name.startswith(f"{TABLE}_")))


def create(conn):
    for statement in STATEMENTS:
        conn.execute(text(statement))


def drop(conn):
    for statement in DROP:
        conn.execute(text(statement))


def matching_ids(strings):
    """SELECT of the ids whose search_text contains every string (each at least MIN_CHARS long)."""
    query = " AND ".join('"' + s.replace('"', '""') + '"' for s in strings)
    return sa.select(sa.literal_column("rowid")).select_from(sa.table(TABLE)).where(
        sa.literal_column(TABLE).op("MATCH")(query))


def listen(table):
    """create_all / drop_all on SQLite also make / remove the index and its triggers."""
    sa.event.listen(table, "after_create", _on_sqlite(create))
    sa.event.listen(table, "before_drop", _on_sqlite(drop))


def _on_sqlite(action):
    def handler(_table, conn, **_kw):
        if conn.dialect.name == "sqlite":
            action(conn)
    return handler
