"""The one rollback point of the views (app.transactions.change)."""
import ast
from pathlib import Path

import pytest

from app.events.models import Event
from app.events.setup_services import SetupError
from app.transactions import change

APP = Path(__file__).resolve().parents[2] / "app"


def _event(slug):
    return Event(slug=slug, name_cs="Burza", name_de="Börse", name_en="Exchange", venue="Most",
                 timezone="Europe/Prague")


def _slugs(db):
    return {e.slug for e in db.session.query(Event).all()}


def test_a_block_that_ends_normally_is_committed(db):
    with change(SetupError) as result:
        db.session.add(_event("kept"))
    db.session.rollback()  # nothing pending is left to lose: the block committed
    assert not result.failed and "kept" in _slugs(db)


def test_a_named_error_undoes_the_whole_block_and_is_handed_back(db):
    db.session.add(_event("before"))
    db.session.commit()
    with change(SetupError) as result:
        db.session.add(_event("half-made"))
        db.session.flush()  # already sent to the database: the rollback must take it back
        raise SetupError("The slot is taken.")
    assert result.failed and result.message == "The slot is taken."
    assert _slugs(db) == {"before"}  # the page rendered after the failure sees no half-made change


def test_other_errors_reach_the_error_page_uncaught(db):
    with pytest.raises(KeyError), change(SetupError):
        db.session.add(_event("lost"))
        raise KeyError("bug")
    db.session.rollback()  # done by the 500 handler in a request
    assert "lost" not in _slugs(db)


def test_a_failed_change_rendered_again_shows_no_half_saved_tables(client, make_user, make_event, make_participant,
                                                                    db):
    from app.events.models import Table
    from app.participants.models import ParticipantRole

    event = make_event()
    db.session.add_all([Table(event=event, number=n) for n in (1, 2, 3)])
    db.session.flush()
    host = make_participant(event, role=ParticipantRole.EXHIBITOR)
    event.tables[2].host_participant_id = host.id
    make_user(email="setup@example.org", role="organiser", events=[event])
    db.session.commit()
    client.post("/account/login", data={"email": "setup@example.org", "password": "organiser-pass-1"})
    # shrinking to 1 table deletes table 2, then refuses at table 3 (it has a host): table 2 must survive
    answer = client.post(f"/organiser/events/{event.id}/setup/tables", data={"count": "1", "zone": ""})
    db.session.expire_all()
    assert answer.status_code == 200
    assert [t.number for t in db.session.get(Event, event.id).tables] == [1, 2, 3]


def _rollback_calls(path):
    tree = ast.parse(path.read_text())
    return [n.lineno for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
            and n.func.attr == "rollback"]


def test_views_leave_undoing_to_the_one_rollback_point():
    views = [p for p in APP.rglob("*.py") if p.name.endswith("views.py") or p.parent.name == "views"]
    assert views, "no view modules found"
    found = {str(p.relative_to(APP)): lines for p in views if (lines := _rollback_calls(p))}
    assert found == {}, f"views call rollback() themselves instead of app.transactions.change: {found}"
