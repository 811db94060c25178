"""A small finished event: 4 organisations (CZ, CZ, DE, PL), 5 participants, 5 scheduled meetings."""
import pytest

from app.meetings.models import Meeting, MeetingRequest, RequestStatus
from app.participants.models import ParticipantStatus


@pytest.fixture
def small_event(db, make_event, make_participant, make_organisation):
    event = make_event(slug="small-2027", sessions=2)
    orgs = [make_organisation(name="Jizera s.r.o.", country="CZ", region="CZ051"),
            make_organisation(name="Kovo Most a.s.", country="CZ", region="CZ042"),
            make_organisation(name="Erzguss GmbH", country="DE", region="DED42"),
            make_organisation(name="Odlew Sp. z o.o.", country="PL")]
    cz1 = make_participant(event, organisation=orgs[0], locale="cs")
    cz2 = make_participant(event, organisation=orgs[1], locale="cs")
    de = make_participant(event, organisation=orgs[2], locale="de")
    pl = make_participant(event, organisation=orgs[3], locale="en")
    make_participant(event, organisation=orgs[2], status=ParticipantStatus.PENDING)  # registered, not approved
    people = {"cz1": cz1, "cz2": cz2, "de": de, "pl": pl}
    pairs = [("cz1", "de"), ("cz2", "de"), ("cz1", "cz2"), ("pl", "de"), ("cz1", "pl")]
    db.session.expire(event, ["slots"])
    slots = list(event.slots)
    meetings = []
    for i, (a, b) in enumerate(pairs):
        req = MeetingRequest(event_id=event.id, requester_id=people[a].id, target_id=people[b].id,
                             status=RequestStatus.ACCEPTED)
        db.session.add(req)
        db.session.flush()
        m = Meeting(event_id=event.id, request_id=req.id, participant_a_id=people[a].id,
                    participant_b_id=people[b].id, slot_id=slots[i].id)
        db.session.add(m)
        meetings.append(m)
    db.session.add(MeetingRequest(event_id=event.id, requester_id=pl.id, target_id=cz2.id,
                                  status=RequestStatus.DECLINED))
    db.session.flush()
    return event, people, meetings


from tests.app.participants.fixtures import signin, smtp  # noqa: E402, F401
