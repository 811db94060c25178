"""0012 keeps the demo's meeting requests (seeded at 0001) and marks none of them as a desk proposal."""
import json

from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from app import create_app
from app.extensions import db
from tests.app.test_migrations import FIXTURE, _drop_scratch, _load_rows, _scratch_url


def test_0012_keeps_requests_and_adds_by_desk_false(database_url, tmp_path, monkeypatch):
    snapshot = json.loads(FIXTURE.read_text())
    assert snapshot["meeting_requests"], "the demo fixture holds meeting requests"
    url, cleanup = _scratch_url(database_url, tmp_path)
    monkeypatch.setenv("COOPEX_INSTANCE_PATH", str(tmp_path))
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "t", "TESTING": True})
    query = "SELECT id, requester_id, target_id, status, message FROM meeting_requests ORDER BY id"
    try:
        with app.app_context():
            upgrade(revision="0001")
            with db.engine.begin() as conn:
                _load_rows(conn, snapshot)
                before = [tuple(r) for r in conn.execute(text(query)).all()]
            upgrade(revision="0012")
            with db.engine.connect() as conn:
                after = [tuple(r) for r in conn.execute(text(query)).all()]
                flags = conn.execute(text("SELECT DISTINCT by_desk FROM meeting_requests")).scalars().all()
                meetings = conn.execute(text("SELECT count(*) FROM meetings")).scalar()
            assert after == before and len(after) == len(snapshot["meeting_requests"])
            assert [bool(f) for f in flags] == [False] and meetings == len(snapshot["meetings"])
            downgrade(revision="0012-1")  # one step back, wherever the chain puts 0012
            with db.engine.connect() as conn:
                assert [tuple(r) for r in conn.execute(text(query)).all()] == before
            db.session.remove()
            db.engine.dispose()
    finally:
        _drop_scratch(cleanup)
