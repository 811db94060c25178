"""No-show candidates after the first time slots of a day, confirmed by the desk without overwriting anybody's
mark; the organiser decides meetings whose marks disagree."""
from datetime import timedelta

from sqlalchemy import select

from app.accounts.models import AuditLog
from app.desk import checkin, no_shows
from app.meetings.models import AttendanceMark, Meeting, MeetingStatus
from app.outcomes.attendance import conflicting_meetings, mark_by_participant


def _login(client, make_user, db, event, role="desk", email=None):
    email = email or f"{role}@example.org"
    make_user(email=email, role=role, events=[event])
    db.session.commit()
    client.post("/account/login", data={"email": email, "password": "organiser-pass-1"})
    return client


def _into_the_past(event, db, days=1):
    for slot in event.slots:
        slot.start_at, slot.end_at = (slot.start_at - timedelta(days=days * 400),
                                      slot.end_at - timedelta(days=days * 400))
    db.session.commit()


def test_candidates_appear_after_the_first_two_slots_and_only_for_the_absent(day_event, db):
    event, people, meetings = day_event
    slots = list(event.slots)
    for key in ("muller", "nowak"):
        checkin.check_in(people[key])
    db.session.flush()
    assert no_shows.candidates(event, now=slots[1].end_at - timedelta(minutes=1)) == []   # still in the grace
    found = no_shows.candidates(event, now=slots[1].end_at)
    assert [c.person.id for c in found] == [people["dvorak"].id, people["lyon"].id]  # Dvořák, Martin
    assert [m.id for m in found[0].meetings] == [m.id for m in (meetings[0], meetings[1], meetings[3])]
    assert [m.id for m in found[1].meetings] == [meetings[3].id]
    # Müller says "we met" with Dvořák (he came and forgot the desk): that meeting is nobody's candidate
    mark_by_participant(meetings[0], people["muller"], "held")
    found = no_shows.candidates(event, now=slots[1].end_at)
    assert [m.id for m in found[0].meetings] == [meetings[1].id, meetings[3].id]


def test_confirming_marks_the_meeting_and_never_overwrites(day_event, db):
    event, people, meetings = day_event
    now = list(event.slots)[-1].end_at
    checkin.check_in(people["muller"])
    mark_by_participant(meetings[1], people["nowak"], "no_show")      # Nowak: "my partner did not come"
    confirmed = no_shows.confirm(event, people["dvorak"], [meetings[0], meetings[1]], now=now)
    assert [m.id for m in confirmed] == [meetings[0].id]     # Nowak's own mark already settled the other one
    assert (meetings[0].mark_desk, meetings[0].status) == (AttendanceMark.NO_SHOW, MeetingStatus.NO_SHOW)
    assert (meetings[1].mark_a, meetings[1].mark_desk) == (AttendanceMark.NO_SHOW, None)
    # Martin says they met Dvořák after all, then somebody confirms from an old list: nothing changes
    mark_by_participant(meetings[3], people["lyon"], "held")
    assert no_shows.confirm(event, people["dvorak"], [meetings[0], meetings[3]], now=now) == []
    assert (meetings[3].mark_desk, meetings[3].status) == (None, MeetingStatus.HELD)
    # a checked-in participant's meetings cannot be confirmed for them
    assert no_shows.confirm(event, people["muller"], [meetings[2]], now=now) == []


def test_the_desk_confirms_per_person_and_per_meeting(day_event, db, client, make_user):
    event, people, meetings = day_event
    _into_the_past(event, db)
    checkin.check_in(people["muller"])
    checkin.check_in(people["nowak"])
    db.session.commit()
    desk = _login(client, make_user, db, event)
    url = f"/desk/events/{event.id}/no-shows"
    page = desk.get(url, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Antonín Dvořák" in page and "Claire Martin" in page and "Jörg Müller</h2>" not in page
    desk.post(f"{url}/{people['lyon'].id}/meetings/{meetings[3].id}")
    db.session.expire_all()
    assert db.session.get(Meeting, meetings[3].id).status == MeetingStatus.NO_SHOW
    desk.post(f"{url}/{people['dvorak'].id}")
    db.session.expire_all()
    assert [db.session.get(Meeting, m.id).status for m in meetings] == [
        MeetingStatus.NO_SHOW, MeetingStatus.NO_SHOW, MeetingStatus.SCHEDULED, MeetingStatus.NO_SHOW]
    audits = db.session.scalars(select(AuditLog).where(AuditLog.action == "no_show_confirmed")).all()
    assert sorted(a.target_id for a in audits) == sorted(m.id for m in (meetings[0], meetings[1], meetings[3]))
    assert "Nothing to confirm at the moment." in desk.get(url, headers={"Accept-Language": "en"}).get_data(
        as_text=True)
    # a meeting of a present participant is refused through the URL, too
    desk.post(f"{url}/{people['muller'].id}/meetings/{meetings[2].id}")
    db.session.expire_all()
    assert db.session.get(Meeting, meetings[2].id).mark_desk is None


def test_the_organiser_decides_marks_that_disagree(day_event, db, client, make_user):
    event, people, meetings = day_event
    _into_the_past(event, db)
    mark_by_participant(meetings[2], people["muller"], "held")
    mark_by_participant(meetings[2], people["nowak"], "no_show")
    db.session.commit()
    assert [m.id for m in conflicting_meetings(event)] == [meetings[2].id]
    desk = _login(client, make_user, db, event, role="desk")
    url = f"/organiser/outcomes/events/{event.id}/conflicts"
    res = desk.post(f"{url}/{meetings[2].id}", data={"decision": "held"})
    assert res.status_code == 403, (res.status_code, res.headers.get("Location"))
    desk.post("/account/logout")
    organiser = _login(client, make_user, db, event, role="organiser")
    page = organiser.get(url, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Jörg Müller" in page and "partner did not come" in page
    assert organiser.post(f"{url}/{meetings[2].id}", data={"decision": "maybe"}).status_code == 400
    organiser.post(f"{url}/{meetings[2].id}", data={"decision": "no_show"})
    db.session.expire_all()
    meeting = db.session.get(Meeting, meetings[2].id)
    assert (meeting.mark_a, meeting.mark_b) == (AttendanceMark.HELD, AttendanceMark.NO_SHOW)   # both kept
    assert (meeting.mark_desk, meeting.status) == (AttendanceMark.NO_SHOW, MeetingStatus.NO_SHOW)
    audit = db.session.scalars(select(AuditLog).where(AuditLog.action == "attendance_conflict_resolved")).one()
    assert audit.target_id == meeting.id and audit.details["decision"] == "no_show"
    # deciding again (an old tab) changes nothing
    organiser.post(f"{url}/{meetings[2].id}", data={"decision": "held"})
    db.session.expire_all()
    assert db.session.get(Meeting, meetings[2].id).status == MeetingStatus.NO_SHOW
    assert "None: every marked meeting has one answer." in organiser.get(
        url, headers={"Accept-Language": "en"}).get_data(as_text=True)
