"""Organiser and desk accounts work per event (EventStaff); admins see every event (issue 17).
On today's code any organiser opened every event."""
from flask import g
from sqlalchemy import select

from app.accounts.models import AuditLog, EventStaff
from tests.conftest import DEFAULT_PASSWORD


def _as(client, email):
    g.pop("_login_user", None)
    client.post("/account/logout")
    g.pop("_login_user", None)
    assert client.post("/account/login", data={"email": email, "password": DEFAULT_PASSWORD}).status_code == 302


def _events(make_event, db):
    mine, other = make_event(slug="mine-2027"), make_event(slug="other-2027")
    db.session.commit()
    return mine, other


def test_an_organiser_opens_only_granted_events(client, make_event, make_user, db):
    mine, other = _events(make_event, db)
    make_user(events=[mine])
    db.session.commit()
    _as(client, "organiser@example.org")
    assert client.get(f"/organiser/events/{mine.id}/setup").status_code == 200
    assert client.get(f"/organiser/events/{other.id}/setup").status_code == 403
    assert client.get(f"/organiser/events/{other.id}/participants/").status_code == 403
    assert client.get(f"/agendas/{other.slug}/").status_code == 403
    g.pop("event", None)  # left over from the last request in the tests' app context
    home = client.get("/account/organiser").get_data(as_text=True)
    assert f"/organiser/events/{mine.id}/setup" in home and f"/organiser/events/{other.id}/" not in home


def test_desk_staff_open_only_their_events_desk(client, make_event, make_user, db):
    mine, other = _events(make_event, db)
    make_user(email="desk@example.org", role="desk", events=[mine])
    db.session.commit()
    _as(client, "desk@example.org")
    assert client.get(f"/desk/events/{mine.id}/").status_code == 200
    assert client.get(f"/desk/events/{other.id}/").status_code == 403
    assert client.get(f"/organiser/events/{mine.id}/setup").status_code == 403


def test_admins_see_every_event(client, make_event, make_user, db):
    mine, other = _events(make_event, db)
    make_user(email="admin@example.org", role="admin")
    db.session.commit()
    _as(client, "admin@example.org")
    assert client.get(f"/organiser/events/{other.id}/setup").status_code == 200
    home = client.get("/account/organiser").get_data(as_text=True)
    assert f"/organiser/events/{mine.id}/setup" in home and f"/organiser/events/{other.id}/setup" in home


def test_the_creator_of_an_event_works_at_it(client, make_user, db):
    user = make_user(events=[])
    db.session.commit()
    _as(client, "organiser@example.org")
    client.post("/organiser/events/new", data={"slug": "new-2027", "name_cs": "Burza", "name_de": "Börse",
                                               "name_en": "Exchange", "venue": "Chemnitz",
                                               "timezone": "Europe/Berlin", "status": "draft",
                                               "request_mode": "approval", "max_meetings_default": 12,
                                               "max_open_requests": 20, "cross_border_weight": 1,
                                               "languages": ["cs", "de"], "default_locale": "de"})
    grants = db.session.scalars(select(EventStaff).where(EventStaff.user_id == user.id)).all()
    assert len(grants) == 1 and grants[0].role.value == "organiser"


def test_cli_grants_and_revokes(runner, make_event, make_user, db):
    mine, _ = _events(make_event, db)
    user = make_user(events=[])
    db.session.commit()
    res = runner.invoke(args=["users", "grant", "organiser@example.org", "mine-2027", "--role", "desk"])
    assert res.exit_code == 0, res.output
    assert user.event_role(mine).value == "desk"
    assert runner.invoke(args=["users", "grant", "organiser@example.org", "mine-2027", "--revoke"]).exit_code == 0
    db.session.expire_all()
    assert user.event_role(mine) is None
    res = runner.invoke(args=["users", "grant", "organiser@example.org", "no-such-event"])
    assert res.exit_code == 2 and "No event" in res.output


def test_admin_page_grants_staff_and_is_audited(client, make_event, make_user, db):
    mine, _ = _events(make_event, db)
    make_user(email="admin@example.org", role="admin")
    desk = make_user(email="desk@example.org", role="desk", events=[])
    db.session.commit()
    _as(client, "desk@example.org")
    assert client.get(f"/account/events/{mine.id}/staff").status_code == 403
    _as(client, "admin@example.org")
    res = client.post(f"/account/events/{mine.id}/staff", data={"email": "desk@example.org", "role": "desk"})
    assert res.status_code == 302
    db.session.expire_all()
    assert desk.event_role(mine).value == "desk"
    assert db.session.scalar(select(AuditLog).where(AuditLog.action == "staff_granted")).target_id == desk.id


def test_demo_grants_its_organiser_and_desk_to_the_demo_event(db):
    from app.accounts.services import find_user
    from app.demo import DEMO_DESK_LOGIN, DEMO_LOGIN, seed_demo

    event = seed_demo(db.session)
    db.session.commit()
    assert find_user(DEMO_LOGIN[0]).event_role(event).value == "organiser"
    assert find_user(DEMO_DESK_LOGIN[0]).event_role(event).value == "desk"


def test_create_admin_still_works_and_can_grant_events(runner, make_event, db):
    mine, other = _events(make_event, db)
    res = runner.invoke(args=["users", "create-admin", "--email", "desk2@example.org", "--password", "desk-pass-12",
                              "--role", "desk", "--event", "mine-2027"])
    assert res.exit_code == 0, res.output
    from app.accounts.services import find_user

    user = find_user("desk2@example.org")
    assert user.event_role(mine).value == "desk" and user.event_role(other) is None
    res = runner.invoke(args=["users", "create-admin", "--email", "boss@example.org", "--password", "boss-pass-12"])
    assert res.exit_code == 0 and find_user("boss@example.org").event_role(other).value == "admin"
