"""Issue 20: participants learn what became of every wish (agenda page), and a walk-in meeting the desk added
is a proposal its partner can decline."""
from datetime import datetime

import pytest
from sqlalchemy import select

from app.accounts.models import AuditLog
from app.desk import services as desk
from app.meetings.models import Meeting, MeetingRequest, MeetingStatus, RequestStatus
from app.planning.models import Publication, PublicationKind, RunStatus, ScheduleRun


def _request(db, a, b, status):
    r = MeetingRequest(event_id=a.event_id, requester_id=a.id, target_id=b.id, status=status)
    db.session.add(r)
    db.session.flush()
    return r


@pytest.fixture
def wishes(db, czech, german, make_participant, make_organisation, make_table, make_meeting):
    """Petr Svoboda (cs) meets Anke Richter; his wish to meet Lukas found no common time; Eva never answered;
    the meeting with Karl was cancelled by a re-plan (no table left)."""
    event = czech.event
    slots = sorted(event.slots, key=lambda s: s.start_at)
    lukas = make_participant(event, first_name="Lukas", last_name="Neumann",
                             organisation=make_organisation(name="Neumann Guss GmbH", country="DE"))
    eva = make_participant(event, first_name="Eva", last_name="Malá",
                           organisation=make_organisation(name="Malá Plast s.r.o.", country="CZ"))
    karl = make_participant(event, first_name="Karl", last_name="Vogt",
                            organisation=make_organisation(name="Vogt Lasertechnik GmbH", country="DE"))
    table = make_table(event, 1)
    _request(db, czech, german, RequestStatus.ACCEPTED)
    _request(db, czech, lukas, RequestStatus.ACCEPTED)
    _request(db, czech, eva, RequestStatus.PENDING)
    _request(db, karl, czech, RequestStatus.ACCEPTED)
    make_meeting(czech, german, slots[1], table)
    make_meeting(karl, czech, slots[2], None, status=MeetingStatus.CANCELLED)
    lo, hi = sorted((czech.id, lukas.id))
    klo, khi = sorted((czech.id, karl.id))
    db.session.add(ScheduleRun(event_id=event.id, status=RunStatus.DONE, applied_at=datetime(2026, 3, 1),
                               plan={"assignments": [], "unscheduled": [
                                   {"meeting": f"m{lo}-{hi}", "reason": "no_common_slot"},
                                   {"meeting": f"m{klo}-{khi}", "reason": "no_table"}]}))
    db.session.add(Publication(event_id=event.id, version=1, kind=PublicationKind.FINAL))
    db.session.commit()
    return {"lukas": lukas, "eva": eva, "karl": karl, "table": table, "slots": slots}


def test_agenda_page_lists_every_wish_that_is_not_a_meeting(client, signin, czech, german, wishes, english):
    signin(czech)
    html = client.get(f"/e/{czech.event.slug}/agenda").get_data(as_text=True)
    section = html[html.index('id="wishes-title"'):]
    assert "Neumann Guss GmbH</strong> (Lukas Neumann): you have no common free time" in section
    assert "Malá Plast s.r.o.</strong> (Eva Malá): your request was not answered" in section
    assert "Vogt Lasertechnik GmbH</strong> (Karl Vogt): cancelled when the plan was changed: " \
           "no table was free at your common times" in section
    assert "Erzgebirge Metall" not in section  # held in the plan, not a lost wish
    assert section.index("Could not be scheduled") < section.index("Cancelled by a change") < \
        section.index("Not answered")


def test_wishes_in_german_and_only_once_a_plan_is_published(client, signin, czech, german, wishes, db):
    czech.locale = "de"
    db.session.commit()
    signin(czech)
    html = client.get(f"/e/{czech.event.slug}/agenda").get_data(as_text=True)
    assert "Ihre weiteren Gesprächswünsche" in html and "Sie haben keine gemeinsame freie Zeit" in html
    db.session.execute(Publication.__table__.delete())
    db.session.commit()
    assert "wishes-title" not in client.get(f"/e/{czech.event.slug}/agenda").get_data(as_text=True)


@pytest.fixture
def walk_in(db, czech, german, make_table, make_meeting):
    """A walk-in the desk added, wanting to meet Anke Richter; the re-plan put them at table 1, 10:00."""
    event = german.event
    person = desk.add_walk_in(event, "Tomáš", "Novák", "tomas@novak.example.cz", "Novák Kovo s.r.o.", "CZ",
                              ["cs", "de"], wants=[german.id])
    slot = sorted(event.slots, key=lambda s: s.start_at)[2]
    table = make_table(event, 1)
    meeting = make_meeting(person, german, slot, table)
    db.session.add(Publication(event_id=event.id, version=1, kind=PublicationKind.FINAL))
    db.session.commit()
    return {"person": person, "meeting": meeting, "slot": slot, "table": table}


def test_walk_in_meeting_is_a_proposal_on_the_partners_pages(client, signin, german, walk_in, english):
    signin(german)
    agenda = client.get(f"/e/{german.event.slug}/agenda").get_data(as_text=True)
    assert "proposed by the organisers" in agenda and "Decline this meeting" in agenda
    requests = client.get(f"/e/{german.event.slug}/requests").get_data(as_text=True)
    received = requests[requests.index("Received"):requests.index("Sent")]
    assert "proposed by the organisers" in received and ">accepted<" not in received


def test_declining_a_proposal_frees_the_time_is_audited_and_the_desk_sees_it(
        client, signin, czech, german, walk_in, db, login_as, english):
    req = db.session.scalar(select(MeetingRequest).where(MeetingRequest.by_desk.is_(True)))
    signin(german)
    agenda_url = f"/e/{german.event.slug}/agenda"
    resp = client.post(f"/e/{german.event.slug}/requests/{req.id}/decline", data={"back": agenda_url})
    assert resp.status_code == 302 and resp.headers["Location"].endswith(agenda_url)
    html = client.get(agenda_url).get_data(as_text=True)
    assert "You declined the proposed meeting with Tomáš Novák" in html and "Decline this meeting" not in html
    db.session.expire_all()
    meeting = db.session.get(Meeting, walk_in["meeting"].id)
    assert req.status == RequestStatus.DECLINED and meeting.status == MeetingStatus.CANCELLED
    assert meeting.table_id is None and meeting.sequence == 1
    freed = Meeting(event_id=german.event_id, participant_a_id=czech.id, participant_b_id=walk_in["person"].id,
                    slot_id=walk_in["slot"].id, table_id=walk_in["table"].id)
    db.session.add(freed)
    db.session.flush()  # the (time slot, table) pair is free again: no unique-constraint error
    entry = db.session.scalar(select(AuditLog).where(AuditLog.action == "desk_proposal_declined"))
    assert entry is not None and entry.details["participant_id"] == german.id
    desk_page = login_as("desk").get(f"/desk/events/{german.event_id}/").get_data(as_text=True)
    assert "Anke Richter declined the meeting with Tomáš Novák" in desk_page


def test_an_ordinary_accepted_request_cannot_be_declined_this_way(client, signin, czech, german, db, english):
    req = _request(db, czech, german, RequestStatus.ACCEPTED)
    db.session.commit()
    signin(german)
    html = client.post(f"/e/{czech.event.slug}/requests/{req.id}/decline", follow_redirects=True).get_data(
        as_text=True)
    db.session.expire_all()
    assert "no longer waiting for an answer" in html and req.status == RequestStatus.ACCEPTED
