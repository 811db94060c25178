"""0013 lets a participant have no e-mail address (walk-ins at the desk) and keeps every address of the demo."""
import json

from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from app.extensions import db
from tests.app.test_migrations import FIXTURE, demo_at_0001


def test_upgrading_the_demo_keeps_the_addresses_and_allows_none(database_url, tmp_path, monkeypatch):
    snapshot = json.loads(FIXTURE.read_text())
    with demo_at_0001(database_url, tmp_path, monkeypatch, snapshot, WTF_CSRF_ENABLED=False):
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
