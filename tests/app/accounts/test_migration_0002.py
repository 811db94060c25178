"""0002 (accounts and sessions) keeps the demo as it was at 0001 and nobody loses access: existing organiser
and desk accounts are granted to every existing event; existing participants stay their organisations' people."""
import json

from flask_migrate import upgrade
from sqlalchemy import text

from app.demo import DEMO_DESK_LOGIN, DEMO_LOGIN
from app.extensions import db
from tests.app.test_migrations import FIXTURE, demo_at_0001


def test_upgrading_the_demo_grants_existing_staff_and_keeps_owners(database_url, tmp_path, monkeypatch):
    snapshot = json.loads(FIXTURE.read_text())
    with demo_at_0001(database_url, tmp_path, monkeypatch, snapshot, WTF_CSRF_ENABLED=False) as app:
        upgrade()
        with db.engine.connect() as conn:
            grants = conn.execute(text(
                "SELECT users.email, events.slug, event_staff.role FROM event_staff "
                "JOIN users ON users.id = event_staff.user_id JOIN events ON events.id = event_staff.event_id "
                "ORDER BY users.email, events.slug")).all()
            people = conn.execute(text("SELECT count(*), sum(CASE WHEN organisation_confirmed THEN 1 ELSE 0 END),"
                                       " max(session_version) FROM participants")).one()
        events = sorted(row["slug"] for row in snapshot["events"])
        staff = {row["email"]: row["role"] for row in snapshot["users"] if row["role"] != "admin"}
        assert grants == sorted((email, slug, role) for email, role in staff.items() for slug in events)
        assert staff[DEMO_LOGIN[0]] == "organiser" and staff[DEMO_DESK_LOGIN[0]] == "desk"
        assert people[0] == len(snapshot["participants"]) == people[1] and people[2] == 0
        client = app.test_client()
        client.post("/account/login", data={"email": DEMO_LOGIN[0], "password": DEMO_LOGIN[1]})
        event_id = next(row["id"] for row in snapshot["events"] if row["slug"] == "marienberg-2027")
        assert client.get(f"/organiser/events/{event_id}/setup").status_code == 200
