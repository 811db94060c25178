"""Planning fixtures: a small event with tables, participants and accepted wishes."""
import pytest

from app.events.models import Table
from app.meetings.models import MeetingRequest, Priority, RequestStatus


@pytest.fixture
def make_request(db):
    def make(a, b, status=RequestStatus.ACCEPTED, priority=Priority.NORMAL):
        r = MeetingRequest(event_id=a.event_id, requester_id=a.id, target_id=b.id, status=status, priority=priority)
        db.session.add(r)
        db.session.flush()
        return r
    return make


@pytest.fixture
def small_event(db, make_event, make_participant, make_organisation, make_request):
    """2 sessions × 4 slots, 3 tables, 6 participants (3 CZ, 3 DE), 7 accepted wishes (one mutual)."""
    event = make_event(sessions=2, max_meetings_default=6)
    for n in range(1, 4):
        db.session.add(Table(event=event, event_id=event.id, number=n, zone="A"))
    people = []
    for n in range(6):
        country = "CZ" if n < 3 else "DE"
        org = make_organisation(name=f"Org {n}", country=country)
        people.append(make_participant(event, organisation=org, languages=["en", "cs" if country == "CZ" else "de"]))
    pairs = [(0, 3), (0, 4), (1, 3), (1, 5), (2, 4), (2, 5), (3, 0), (0, 1)]
    for a, b in pairs:
        make_request(people[a], people[b], priority=Priority.HIGH if a == 2 else Priority.NORMAL)
    db.session.flush()
    db.session.expire(event)
    return event, people


@pytest.fixture
def login_as(client, make_user):
    def do(role):
        email = f"{role}@example.org"
        make_user(email=email, role=role)
        from app.extensions import db

        db.session.commit()
        client.post("/account/login", data={"email": email, "password": "organiser-pass-1"})
        return client
    return do
