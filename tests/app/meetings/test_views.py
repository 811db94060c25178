"""Request pages: both sides see every state; nobody acts for someone else."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.i18n import utcnow
from app.meetings.models import MeetingRequest, NotInterested, RequestStatus
from app.meetings.services import request_meeting
from tests.sessions import sign_in_session

pytestmark = pytest.mark.usefixtures("english")


def test_request_from_the_participant_page(client, signin, czech, german, db):
    signin(czech)
    slug = czech.event.slug
    assert "Request a meeting" in client.get(f"/e/{slug}/participants/{german.id}").get_data(as_text=True)
    resp = client.post(f"/e/{slug}/participants/{german.id}/request", data={"priority": "high", "message": "Hallo"})
    assert resp.status_code == 302
    req = db.session.scalar(select(MeetingRequest))
    assert (req.requester_id, req.target_id, req.priority.value, req.message) == (czech.id, german.id, "high", "Hallo")
    html = client.get(f"/e/{slug}/requests").get_data(as_text=True)
    assert "Anke Richter" in html and "pending" in html
    signin(german)
    html = client.get(f"/e/{slug}/requests").get_data(as_text=True)
    assert "Petr Svoboda" in html and "Hallo" in html and "Accept" in html


def test_request_form_errors_keep_the_message(client, signin, czech, german, db):
    signin(czech)
    resp = client.post(f"/e/{czech.event.slug}/participants/{german.id}/request",
                       data={"priority": "must", "message": "Mein langer Text " + "x" * 1000})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 400 and "Mein langer Text" in html and db.session.scalar(select(MeetingRequest)) is None


def test_a_refused_request_is_a_flash_not_a_400_form(client, signin, czech, german, db):
    """Old code answered 400 with the reason under the message field; now the reason replaces the form and a
    forged POST is refused with a flash on the page the participant came from."""
    czech.event.max_open_requests = 0
    db.session.commit()
    signin(czech)
    page = client.get(f"/e/{czech.event.slug}/participants/{german.id}").get_data(as_text=True)
    assert "open requests, the most this event allows" in page and 'name="message"' not in page
    resp = client.post(f"/e/{czech.event.slug}/participants/{german.id}/request",
                       data={"priority": "must", "message": "Hallo"}, follow_redirects=True)
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200 and 'class="flash flash-error"' in html and "the most this event allows" in html
    assert db.session.scalar(select(MeetingRequest)) is None


def test_accept_and_decline_by_the_target(client, signin, czech, german, make_participant, db):
    third = make_participant(czech.event, first_name="Lukas", last_name="Neumann")
    a, _ = request_meeting(czech, german)
    b, _ = request_meeting(third, german)
    db.session.commit()
    signin(german)
    client.post(f"/e/{czech.event.slug}/requests/{a.id}/accept")
    client.post(f"/e/{czech.event.slug}/requests/{b.id}/decline", data={"not_interested": "y"})
    db.session.expire_all()
    assert a.status == RequestStatus.ACCEPTED and b.status == RequestStatus.DECLINED
    assert db.session.get(NotInterested, (german.id, third.id)) is not None
    signin(czech)
    assert "accepted" in client.get(f"/e/{czech.event.slug}/requests").get_data(as_text=True)


def test_nobody_acts_for_someone_else(client, signin, czech, german, make_participant, make_event, db):
    third = make_participant(czech.event)
    req, _ = request_meeting(czech, german)
    db.session.commit()
    slug = czech.event.slug
    signin(third)
    for action in ("accept", "decline", "withdraw"):
        assert client.post(f"/e/{slug}/requests/{req.id}/{action}").status_code == 404
    signin(czech)  # the requester cannot accept their own request
    client.post(f"/e/{slug}/requests/{req.id}/accept")
    db.session.expire_all()
    assert req.status == RequestStatus.PENDING
    other_event = make_event(slug="other-event")
    stranger = make_participant(other_event)
    db.session.commit()
    assert client.post(f"/e/{slug}/participants/{stranger.id}/request", data={"priority": "normal"}).status_code == 404
    assert client.post(f"/e/{slug}/participants/{stranger.id}/not-interested").status_code == 404


def test_not_interested_and_undo(client, signin, czech, german, db):
    signin(czech)
    slug = czech.event.slug
    client.post(f"/e/{slug}/participants/{german.id}/not-interested")
    assert db.session.get(NotInterested, (czech.id, german.id)) is not None
    html = client.get(f"/e/{slug}/participants/{german.id}").get_data(as_text=True)
    assert "Request a meeting" not in html and "Undo" in html
    client.post(f"/e/{slug}/participants/{german.id}/interested")
    db.session.expire_all()
    assert db.session.get(NotInterested, (czech.id, german.id)) is None


def test_pending_requests_expire_when_the_page_loads(client, signin, czech, german, db):
    req, _ = request_meeting(czech, german)
    req.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    signin(czech)
    assert "expired" in client.get(f"/e/{czech.event.slug}/requests").get_data(as_text=True)
    db.session.expire_all()
    assert req.status == RequestStatus.EXPIRED


def test_mutual_wish_is_shown(client, signin, czech, german, db):
    request_meeting(czech, german)
    request_meeting(german, czech)
    db.session.commit()
    signin(german)
    assert "mutual wish" in client.get(f"/e/{czech.event.slug}/requests").get_data(as_text=True)


def test_meeting_requests_are_rate_limited(make_app, czech, german, make_participant, db):
    others = [make_participant(czech.event) for _ in range(2)]
    db.session.commit()
    app2 = make_app(RATELIMIT_ENABLED=True, RATELIMIT_MEETING_REQUEST="2 per minute")
    c = app2.test_client()
    with c.session_transaction() as sess:
        sign_in_session(sess, czech)
    codes = [c.post(f"/e/{czech.event.slug}/participants/{p.id}/request", data={"priority": "normal"}).status_code
             for p in (german, *others)]
    assert codes == [302, 302, 429]
