"""0011 keeps every event and participant of the demo (seeded at 0001) and gives them the reminder defaults."""
import json

from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from app.extensions import db
from tests.app.test_migrations import FIXTURE, demo_at_0001


def test_0011_keeps_rows_and_switches_reminders_on_with_defaults(database_url, tmp_path, monkeypatch):
    snapshot = json.loads(FIXTURE.read_text())
    with demo_at_0001(database_url, tmp_path, monkeypatch, snapshot):
        upgrade(revision="0011")
        with db.engine.connect() as conn:
            events = conn.execute(text(
                "SELECT slug, remind_confirm, remind_confirm_days, remind_agenda, remind_requests, "
                "remind_requests_days, remind_no_meetings FROM events ORDER BY id")).all()
            people = conn.execute(text("SELECT email, attendance_answer FROM participants ORDER BY id")).all()
        assert [e[0] for e in events] == [e["slug"] for e in snapshot["events"]]
        assert all(tuple(e[1:]) == (True, 3, True, True, 2, True) for e in events)
        assert [p[0] for p in people] == [p["email"] for p in snapshot["participants"]]
        assert all(p[1] is None for p in people)
        downgrade(revision="0011-1")  # one step back, wherever the chain puts 0011
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM participants")).scalar() == len(snapshot["participants"])
