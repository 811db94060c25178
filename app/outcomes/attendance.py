"""Attendance marks: each participant and the desk say whether a meeting took place.

The meeting's status follows the marks: the desk's word decides; otherwise the participants' marks,
when they agree (or only one side marked). When the two participants disagree and the desk has not
decided, the meeting counts as undecided (scheduled) and the organiser sees the conflict; both marks
are kept (nothing is overwritten).
"""
from flask_babel import gettext as _
from sqlalchemy import or_, select

from ..extensions import db
from ..meetings.models import AttendanceMark, Meeting, MeetingStatus


class AttendanceError(ValueError):
    pass


def mark_by_participant(meeting, participant, mark):
    """One tap on the live agenda: "we met" (held) or "my partner did not come" (no_show)."""
    if not meeting.involves(participant.id):
        raise AttendanceError(_("This meeting is not on your agenda."))
    if meeting.status == MeetingStatus.CANCELLED or meeting.slot_id is None:
        raise AttendanceError(_("This meeting was cancelled."))
    mark = AttendanceMark(mark)
    if participant.id == meeting.participant_a_id:
        meeting.mark_a = mark
    else:
        meeting.mark_b = mark
    _settle(meeting)
    return meeting


def mark_by_desk(meeting, mark):
    meeting.mark_desk = AttendanceMark(mark) if mark else None
    _settle(meeting)
    return meeting


def _settle(meeting):
    marks = {m for m in (meeting.mark_a, meeting.mark_b) if m is not None}
    decided = meeting.mark_desk or (marks.pop() if len(marks) == 1 else None)
    meeting.status = MeetingStatus(decided.value) if decided is not None else MeetingStatus.SCHEDULED
    db.session.flush()


def conflicting_meetings(event):
    """Meetings whose marks disagree, for the organiser to decide."""
    rows = db.session.scalars(select(Meeting).where(
        Meeting.event_id == event.id, Meeting.mark_a.is_not(None), Meeting.mark_b.is_not(None),
        Meeting.mark_a != Meeting.mark_b).order_by(Meeting.id))
    return [m for m in rows if m.mark_desk is None]


def no_show_candidates(event, participant):
    """An absent participant's scheduled meetings that the desk may confirm as no-shows."""
    return list(db.session.scalars(select(Meeting).where(
        Meeting.event_id == event.id, Meeting.status == MeetingStatus.SCHEDULED, Meeting.slot_id.is_not(None),
        or_(Meeting.participant_a_id == participant.id, Meeting.participant_b_id == participant.id))
        .order_by(Meeting.id)))


def confirm_no_shows(event, participant):
    """The desk confirms: every remaining meeting of an absent participant becomes a no-show."""
    meetings = no_show_candidates(event, participant)
    for meeting in meetings:
        mark_by_desk(meeting, AttendanceMark.NO_SHOW)
    return meetings


def my_marks(participant):
    """{meeting id: this participant's mark} for the live agenda."""
    rows = db.session.scalars(select(Meeting).where(
        or_(Meeting.participant_a_id == participant.id, Meeting.participant_b_id == participant.id)))
    return {m.id: (m.mark_a if m.participant_a_id == participant.id else m.mark_b) for m in rows}
