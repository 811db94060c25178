"""The Alembic migrations build exactly the schema the models describe and keep existing data
(SQLite and PostgreSQL)."""
import json
import time
import uuid
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import Date, DateTime, MetaData, create_engine, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from app import create_app
from app.demo import DEMO_LOGIN
from app.directory.fts import include_name
from app.extensions import db


def _scratch_url(base_url, tmp_path):
    url = make_url(base_url)
    if url.get_backend_name() != "postgresql":
        return "sqlite:///" + str(tmp_path / "migrated.sqlite3"), None
    name = f"coopex_migr_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    return url.set(database=name).render_as_string(hide_password=False), (admin, name)


def _drop_scratch(cleanup):
    """Drop the PostgreSQL database _scratch_url made (SQLite files go with tmp_path).

    FORCE ends our own leftover sessions, but PostgreSQL 15 refuses it while an autovacuum worker is in
    the fresh database (the worker has no role, so the permission check fails: "must be a member of the
    role whose process is being terminated", seen once on CI); the worker is gone within a moment, so
    that case is retried for a few seconds."""
    if not cleanup:
        return
    admin, name = cleanup
    try:
        for attempt in range(20):
            try:
                with admin.connect() as conn:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                return
            except ProgrammingError as error:
                if getattr(error.orig, "sqlstate", None) != "42501" or attempt == 19:  # insufficient privilege
                    raise
                time.sleep(0.25)
    finally:
        admin.dispose()


def test_migrations_match_models(database_url, tmp_path, monkeypatch):
    url, cleanup = _scratch_url(database_url, tmp_path)
    monkeypatch.setenv("COOPEX_INSTANCE_PATH", str(tmp_path))
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "t", "TESTING": True})
    try:
        with app.app_context():
            upgrade()
            with db.engine.connect() as conn:
                context = MigrationContext.configure(conn, opts={"include_name": include_name})
                diff = compare_metadata(context, db.metadata)
            db.engine.dispose()
        assert diff == [], f"models and migrations differ; add a new revision (0001 is released): {diff[:5]}"
    finally:
        _drop_scratch(cleanup)


FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "demo_at_0001.json"


def _load_rows(conn, rows_by_table):
    """Insert the snapshot through the schema as it is at the revision (reflected, not the models)."""
    meta = MetaData()
    meta.reflect(conn)
    for table in meta.sorted_tables:
        rows = rows_by_table.get(table.name) or []
        if rows:
            conn.execute(table.insert(), [_typed(table, row) for row in rows])
        if conn.dialect.name == "postgresql" and "id" in table.c and rows:
            conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                              f"(SELECT max(id) FROM {table.name}))"))


@contextmanager
def demo_at_0001(database_url, tmp_path, monkeypatch, snapshot=None, **config):
    """An app on a scratch database that holds `snapshot` (default: the demo dumped at 0001) at revision 0001,
    inside its app context; the test upgrades it and looks. The scratch database goes afterwards."""
    snapshot = snapshot if snapshot is not None else json.loads(FIXTURE.read_text())
    url, cleanup = _scratch_url(database_url, tmp_path)
    monkeypatch.setenv("COOPEX_INSTANCE_PATH", str(tmp_path))
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "t", "TESTING": True, **config})
    try:
        with app.app_context():
            upgrade(revision="0001")
            with db.engine.begin() as conn:
                _load_rows(conn, snapshot)
            yield app
            db.session.remove()
            db.engine.dispose()
    finally:
        _drop_scratch(cleanup)


def _typed(table, row):
    out = {}
    for key, value in row.items():
        kind = table.c[key].type
        if isinstance(value, str) and isinstance(kind, DateTime):
            value = datetime.fromisoformat(value)
        elif isinstance(value, str) and isinstance(kind, Date):
            value = date.fromisoformat(value)
        out[key] = value
    return out


OFFER_CONTENT = ("kind", "title_cs", "title_de", "title_en", "text_cs", "text_de", "text_en", "sectors",
                 "target_countries")


def offer_key(snapshot, row):
    """An offer's organisation and content: 0015 keeps one row per key (truly identical offers of one organisation)."""
    org = {p["id"]: p["organisation_id"] for p in snapshot["participants"]}[row["participant_id"]]
    return (org, *(json.dumps(row[c], sort_keys=True) for c in OFFER_CONTENT))


def expected_count(snapshot, name):
    """Rows a table holds after upgrading the snapshot: all of them, but identical offers of one organisation (0015)."""
    if name == "opportunities":
        return len({offer_key(snapshot, row) for row in snapshot[name]})
    return len(snapshot[name])


def test_a_database_holding_the_demo_at_0001_upgrades_to_head(database_url, tmp_path, monkeypatch):
    """0001 is released: every later revision must keep the rows of a real database made with it.

    The fixture is the demo (with a published first-fit plan) seeded at 0001 and dumped row by row."""
    snapshot = json.loads(FIXTURE.read_text())
    url, cleanup = _scratch_url(database_url, tmp_path)
    monkeypatch.setenv("COOPEX_INSTANCE_PATH", str(tmp_path))
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "t", "TESTING": True,
                      "WTF_CSRF_ENABLED": False})
    try:
        with app.app_context():
            upgrade(revision="0001")
            with db.engine.begin() as conn:
                _load_rows(conn, snapshot)
            upgrade()
            with db.engine.connect() as conn:
                tables = set(inspect(conn).get_table_names())
                for name in snapshot:
                    assert name in tables, f"table {name} of 0001 disappeared; move its rows and update this test"
                    assert conn.execute(text(f"SELECT count(*) FROM {name}")).scalar() == expected_count(
                        snapshot, name), name
            client = app.test_client()
            assert client.get("/e/marienberg-2027/").status_code == 200
            res = client.post("/account/login", data={"email": DEMO_LOGIN[0], "password": DEMO_LOGIN[1]})
            assert res.status_code == 302 and "/account/login" not in res.headers["Location"]
            db.session.remove()
            db.engine.dispose()
    finally:
        _drop_scratch(cleanup)


def test_0003_moves_agenda_e_mail_runs_into_the_job_queue(database_url, tmp_path, monkeypatch):
    snapshot = json.loads(FIXTURE.read_text())
    pub = snapshot["publications"][0]
    base = {"event_id": pub["event_id"], "objective": {}, "bound": {}, "progress": {}, "error": "",
            "stop_requested": False, "worker": "", "created_at": pub["created_at"]}
    snapshot["schedule_runs"] = [
        {**base, "id": 1, "status": "done", "parameters": {"kind": "solve", "time_limit_s": 5}},
        {**base, "id": 2, "status": "queued",
         "parameters": {"kind": "notify", "publication_id": pub["id"], "participants": [1, 2]}}]
    with demo_at_0001(database_url, tmp_path, monkeypatch, snapshot):
        upgrade()
        with db.engine.connect() as conn:
            kinds = conn.execute(text("SELECT id FROM schedule_runs")).scalars().all()
            jobs = conn.execute(text("SELECT kind, status, payload FROM jobs")).all()
    assert kinds == [1]
    assert [(k, s) for k, s, _p in jobs] == [("planning.notify_agendas", "queued")]
    payload = jobs[0][2] if isinstance(jobs[0][2], dict) else json.loads(jobs[0][2])
    assert payload == {"publication_id": pub["id"], "participants": [1, 2]}
