"""Pending registrants see a page that explains the wait, not the marketplace or cards (issue 17).
On today's code a pending registrant browsed every approved participant."""
import pytest

from app.participants.models import ParticipantStatus


@pytest.fixture
def pending(make_participant, event, db):
    p = make_participant(event, email="new@example.cz", status=ParticipantStatus.PENDING)
    db.session.commit()
    return p


@pytest.mark.parametrize("path", ["marketplace", "participants/{other}", "requests"])
def test_pending_registrants_cannot_browse(client, event, pending, german, signin, path):
    signin(pending)
    res = client.get(f"/e/{event.slug}/" + path.format(other=german.id))
    html = res.get_data(as_text=True)
    assert res.status_code == 403 and "waiting for approval" in html and german.last_name not in html


def test_pending_registrants_cannot_request_meetings(client, event, pending, german, signin):
    signin(pending)
    res = client.post(f"/e/{event.slug}/participants/{german.id}/request", data={"priority": "normal"})
    assert res.status_code == 403


def test_pending_registrants_still_complete_their_profile(client, event, pending, signin):
    signin(pending)
    assert client.get(f"/e/{event.slug}/me").status_code == 200


def test_the_waiting_page_is_translated(client, event, pending, signin):
    signin(pending)
    client.post("/language/cs")
    assert "čeká na schválení" in client.get(f"/e/{event.slug}/marketplace").get_data(as_text=True)
