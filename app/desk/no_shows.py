"""No-show candidates: once the first time slots of a day are over, the meetings of that day of a participant
who has not checked in are offered to the desk as no-shows. The desk confirms per meeting or per person.

Nothing is overwritten: a meeting the desk (or the organiser) already decided, or that a participant marked
"we met", is never a candidate; if such a mark arrives between showing the list and confirming, that meeting is
skipped. Marks that disagree stay for the organiser (app.outcomes.attendance.conflicting_meetings).
Services flush, never commit.
"""
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..i18n import utcnow
from ..meetings.models import AttendanceMark, Meeting, MeetingStatus
from ..outcomes.attendance import mark_by_desk
from ..participants.models import ParticipantStatus
from .checkin import is_present, local_day

GRACE_SLOTS = 2  # a late arrival is still expected during the first two time slots of a day


@dataclass
class Candidate:
    """An absent participant and their meetings that may be confirmed as no-shows."""
    person: object
    meetings: list = field(default_factory=list)


def started_days(event, now=None):
    """Event days (in the event's zone) whose first GRACE_SLOTS time slots have ended by `now`."""
    now = now or utcnow()
    by_day = {}
    for slot in event.slots:
        by_day.setdefault(local_day(slot.start_at, event.timezone), []).append(slot)
    return {day for day, slots in by_day.items()
            if sorted(slots, key=lambda s: s.start_at)[:GRACE_SLOTS][-1].end_at <= now}


def is_candidate(meeting, person, days, zone) -> bool:
    return (meeting.status == MeetingStatus.SCHEDULED and meeting.slot is not None
            and meeting.mark_desk is None and AttendanceMark.HELD not in (meeting.mark_a, meeting.mark_b)
            and meeting.involves(person.id) and person.status == ParticipantStatus.APPROVED
            and not is_present(person) and local_day(meeting.slot.start_at, zone) in days)


def candidates(event, now=None) -> list[Candidate]:
    """Per absent participant (by name), their meetings on started days that nobody has decided yet."""
    days = started_days(event, now)
    if not days:
        return []
    rows = db.session.scalars(select(Meeting).where(
        Meeting.event_id == event.id, Meeting.status == MeetingStatus.SCHEDULED, Meeting.slot_id.is_not(None),
        Meeting.mark_desk.is_(None))
        .options(selectinload(Meeting.slot), selectinload(Meeting.participant_a),
                 selectinload(Meeting.participant_b)).order_by(Meeting.id))
    found: dict[int, Candidate] = {}
    for meeting in rows:
        for person in (meeting.participant_a, meeting.participant_b):
            if is_candidate(meeting, person, days, event.timezone):
                found.setdefault(person.id, Candidate(person)).meetings.append(meeting)
    for c in found.values():
        c.meetings.sort(key=lambda m: m.slot.start_at)
    return sorted(found.values(), key=lambda c: (c.person.last_name, c.person.first_name, c.person.id))


def confirm(event, person, meetings, now=None) -> list:
    """Mark as no-show those of `meetings` that are still candidates for `person`; returns them."""
    days = started_days(event, now)
    confirmed = [m for m in meetings if is_candidate(m, person, days, event.timezone)]
    for meeting in confirmed:
        mark_by_desk(meeting, AttendanceMark.NO_SHOW)
    return confirmed
