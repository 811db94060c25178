"""Abuse limits counted in the database: they hold across processes and whatever address a client uses
(issue 17). On today's code only Flask-Limiter's per-IP memory counted."""
from datetime import timedelta

from flask import g

from app.accounts import limits
from app.i18n import utcnow

from ..participants.fixtures import outbox


def test_counter_windows(db):
    now = utcnow()
    assert [limits.hit("k", "2 per minute", now) for _ in range(3)] == [True, True, False]
    assert limits.exceeded("k", "2 per minute", now)
    assert limits.hit("k", "2 per minute", now + timedelta(seconds=61))  # a new window
    limits.reset("k")
    assert limits.count("k", "2 per minute") == 0


def test_signin_links_per_address_hold_across_processes_and_addresses(app, make_app, event, german, db):
    app.config.update(SIGNIN_LINKS_PER_ADDRESS="2 per hour")
    second = make_app(SIGNIN_LINKS_PER_ADDRESS="2 per hour")
    clients = [(app.test_client(), "192.0.2.1"), (second.test_client(), "198.51.100.7"),
               (app.test_client(), "203.0.113.9")]
    for c, address in clients:
        res = c.post(f"/e/{event.slug}/signin", data={"email": german.email}, environ_base={"REMOTE_ADDR": address})
        assert res.status_code == 200 and "is on its way" in res.get_data(as_text=True)  # the same answer
    sent = outbox(app) + outbox(second)
    assert [m["To"] for m in sent] == [german.email, german.email]


def test_meeting_requests_are_limited_per_participant_not_per_address(app, event, czech, german, make_participant,
                                                                      db, signin, client):
    app.config.update(RATELIMIT_MEETING_REQUEST="2 per hour")  # Flask-Limiter is off in tests: only the DB counts
    others = [make_participant(event) for _ in range(2)]
    db.session.commit()
    signin(czech)
    codes = []
    for i, other in enumerate((german, *others)):
        g.pop("_login_user", None)
        codes.append(client.post(f"/e/{event.slug}/participants/{other.id}/request", data={"priority": "normal"},
                                 environ_base={"REMOTE_ADDR": f"192.0.2.{i + 1}"}).status_code)
    assert codes == [302, 302, 429]
