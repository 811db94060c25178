"""Roles: organisers/admins everything, desk only the event-day screens, participants and anonymous nothing."""
import pytest

from tests.sessions import sign_in_session

GROUPS = {
    "setup": ["/organiser/events/{e}/setup", "/organiser/events/{e}/setup/sessions",
              "/organiser/events/{e}/setup/tables", "/organiser/events/{e}/setup/interpreters",
              "/organiser/events/new"],
    "roster": ["/organiser/events/{e}/participants/", "/organiser/events/{e}/participants/import"],
    "planning": ["/organiser/events/{e}/planning/", "/organiser/events/{e}/planning/plan",
                 "/organiser/events/{e}/planning/metrics", "/organiser/events/{e}/planning/runs/compare",
                 "/organiser/events/{e}/planning/capacity"],
    "desk": ["/desk/events/{e}/"],
}
ALLOWED = {"admin": set(GROUPS), "organiser": set(GROUPS), "desk": {"desk"}}


def _urls(event_id, group):
    return [u.format(e=event_id) for u in GROUPS[group]]


@pytest.mark.parametrize("role", ["admin", "organiser", "desk"])
@pytest.mark.parametrize("group", list(GROUPS))
def test_staff_roles(small_event, login_as, db, role, group):
    event, _people = small_event
    db.session.commit()
    client = login_as(role)
    for url in _urls(event.id, group):
        status = client.get(url).status_code
        assert status == (200 if group in ALLOWED[role] else 403), (role, url, status)


@pytest.mark.parametrize("group", list(GROUPS))
def test_participants_get_nothing(small_event, client, db, group):
    event, people = small_event
    db.session.commit()
    with client.session_transaction() as session:
        sign_in_session(session, people[0])
    for url in _urls(event.id, group):
        assert client.get(url).status_code == 403, url


@pytest.mark.parametrize("group", list(GROUPS))
def test_anonymous_is_sent_to_login(small_event, client, db, group):
    event, _people = small_event
    db.session.commit()
    for url in _urls(event.id, group):
        response = client.get(url)
        assert response.status_code == 302 and "/account/login" in response.headers["Location"], url


def test_desk_cannot_change_the_setup(small_event, login_as, db):
    event, _people = small_event
    db.session.commit()
    client = login_as("desk")
    assert client.post(f"/organiser/events/{event.id}/setup/tables", data={"count": 1}).status_code == 403
    assert client.post(f"/organiser/events/{event.id}/planning/runs", data={"time_limit_s": 1}).status_code == 403
    assert len(event.tables) == 3
