"""An event of one day, four time slots (Europe/Berlin, 10 March 2027, 09:00–11:00), five approved people and
four meetings, for the check-in, badge and no-show tests."""
import pytest

from app.meetings.models import Meeting, MeetingRequest, RequestStatus


@pytest.fixture
def day_event(db, make_event, make_participant, make_organisation):
    event = make_event(slug="checkin-2027", default_locale="de")
    orgs = {"cz": make_organisation(name="Strojírny Dvořák s.r.o.", country="CZ"),
            "de": make_organisation(name="Müller Gießerei GmbH", country="DE"),
            "pl": make_organisation(name="Odlew Sp. z o.o.", country="PL"),
            "fr": make_organisation(name="Fonderie Lyon SA", country="FR")}
    people = {"dvorak": make_participant(event, organisation=orgs["cz"], first_name="Antonín", last_name="Dvořák",
                                         locale="cs"),
              "muller": make_participant(event, organisation=orgs["de"], first_name="Jörg", last_name="Müller",
                                         locale="de"),
              "nowak": make_participant(event, organisation=orgs["pl"], first_name="Anna", last_name="Nowak"),
              "lyon": make_participant(event, organisation=orgs["fr"], first_name="Claire", last_name="Martin"),
              "svoboda": make_participant(event, organisation=orgs["cz"], first_name="Eva", last_name="Svobodová")}
    db.session.expire(event, ["slots"])
    slots = list(event.slots)
    pairs = [("dvorak", "muller", 0), ("nowak", "dvorak", 1), ("muller", "nowak", 2), ("dvorak", "lyon", 3)]
    meetings = []
    for a, b, slot in pairs:
        req = MeetingRequest(event_id=event.id, requester_id=people[a].id, target_id=people[b].id,
                             status=RequestStatus.ACCEPTED)
        db.session.add(req)
        db.session.flush()
        meetings.append(Meeting(event_id=event.id, request_id=req.id, participant_a_id=people[a].id,
                                participant_b_id=people[b].id, slot_id=slots[slot].id))
    db.session.add_all(meetings)
    db.session.commit()
    return event, people, meetings
