"""0013 lets a participant have no e-mail address (walk-ins at the desk) and keeps every address of the demo."""
import json

from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from app import create_app
from app.extensions import db
from tests.app.test_migrations import FIXTURE, _drop_scratch, _load_rows, _scratch_url


def test_upgrading_the_demo_keeps_the_addresses_and_allows_none(database_url, tmp_path, monkeypatch):
    snapshot = json.loads(FIXTURE.read_text())
    url, cleanup = _scratch_url(database_url, tmp_path)
    monkeypatch.setenv("COOPEX_INSTANCE_PATH", str(tmp_path))
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "t", "TESTING": True, "WTF_CSRF_ENABLED": False})
    try:
        with app.app_context():
            upgrade(revision="0001")
            with db.engine.begin() as conn:
                _load_rows(conn, snapshot)
            upgrade()
            with db.engine.begin() as conn:
                emails = dict(conn.execute(text("SELECT id, email FROM participants")).all())
                assert emails == {row["id"]: row["email"] for row in snapshot["participants"]}
                row = next(r for r in snapshot["participants"])
                conn.execute(text("UPDATE participants SET email = NULL WHERE id = :id"), {"id": row["id"]})
            downgrade(revision="0013-1")  # the way back gives the walk-in an address that never receives mail
            with db.engine.connect() as conn:
                back = conn.execute(text("SELECT email FROM participants WHERE id = :id"), {"id": row["id"]}).scalar()
            assert back == f"walk-in-{row['id']}@coopex.invalid"
            db.session.remove()
            db.engine.dispose()
    finally:
        _drop_scratch(cleanup)
