"""0004 keeps the demo as it was at 0001 and turns old feedback stages into outcomes."""
import json

from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from app.extensions import db
from tests.app.test_migrations import FIXTURE, demo_at_0001

STAGES = ["none", "contact", "offer", "agreement"]


def _with_feedback(snapshot):
    meetings = snapshot["meetings"][:4]
    snapshot["feedback"] = [
        {"id": i + 1, "meeting_id": m["id"], "participant_id": m["participant_a_id"], "rating": i + 2,
         "comment": f"c{i}", "follow_up_stage": STAGES[i], "created_at": m["created_at"],
         "updated_at": m["created_at"]} for i, m in enumerate(meetings)]
    return snapshot


def test_0004_keeps_rows_and_maps_feedback_stages_to_outcomes(database_url, tmp_path, monkeypatch):
    snapshot = _with_feedback(json.loads(FIXTURE.read_text()))
    with demo_at_0001(database_url, tmp_path, monkeypatch, snapshot):
        upgrade(revision="0004")
        with db.engine.connect() as conn:
            rows = conn.execute(text("SELECT rating, outcome, did_not_take_place, comment FROM feedback "
                                     "ORDER BY id")).all()
            months = conn.execute(text("SELECT follow_up_months, series_id FROM events")).one()
            marks = conn.execute(text("SELECT count(*) FROM meetings WHERE mark_a IS NULL")).scalar()
        assert [tuple(r) for r in rows] == [
            (2, "no_follow_up", False, "c0"), (3, "further_contact", False, "c1"),
            (4, "offer_sent", False, "c2"), (5, "cooperation_agreed", False, "c3")]
        assert (json.loads(months[0]) if isinstance(months[0], str) else months[0]) == [3, 6]
        assert months[1] is None and marks == len(snapshot["meetings"])
        downgrade(revision="0001")
        with db.engine.connect() as conn:
            back = conn.execute(text("SELECT follow_up_stage FROM feedback ORDER BY id")).scalars().all()
        assert back == STAGES
