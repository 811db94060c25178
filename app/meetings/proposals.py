"""Meetings the event-day desk proposes for a walk-in: the partner never asked, so they may decline.

The desk records the walk-in's wishes as accepted requests with `by_desk` set (app.desk.services.add_walk_in);
the re-plan then schedules them. Declining one closes the request and cancels its meeting, which frees the
table in that time slot for the next re-plan. Services flush, never commit."""
from flask_babel import gettext as _
from sqlalchemy import select

from ..extensions import db
from ..i18n import utcnow
from .models import Meeting, MeetingRequest, MeetingStatus, RequestStatus
from .services import MeetingRequestError, _decide


def proposals_for(participant):
    """{walk-in participant id: request} of the open desk proposals addressed to `participant`."""
    rows = db.session.scalars(select(MeetingRequest).where(
        MeetingRequest.target_id == participant.id, MeetingRequest.by_desk.is_(True),
        MeetingRequest.status == RequestStatus.ACCEPTED)).all()
    return {r.requester_id: r for r in rows}


def meeting_of(req):
    return db.session.scalar(select(Meeting).where(
        Meeting.event_id == req.event_id,
        ((Meeting.participant_a_id == req.requester_id) & (Meeting.participant_b_id == req.target_id))
        | ((Meeting.participant_a_id == req.target_id) & (Meeting.participant_b_id == req.requester_id))))


def decline_proposal(req, participant, now=None):
    """`participant` (the partner the desk chose) declines: the request is declined, a scheduled meeting that
    has not started is cancelled and its table freed. Returns the cancelled meeting or None."""
    now = now or utcnow()
    if not req.by_desk or req.target_id != participant.id:
        raise MeetingRequestError(_("Only the participant the desk proposed this meeting to can decline it."))
    meeting = meeting_of(req)
    if meeting is not None and meeting.status == MeetingStatus.SCHEDULED and meeting.slot is not None \
            and meeting.slot.start_at <= now:
        raise MeetingRequestError(_("This meeting has already started; please talk to the desk."))
    if not _decide(req, (RequestStatus.ACCEPTED, RequestStatus.PENDING), RequestStatus.DECLINED, now):
        raise MeetingRequestError(_("This proposal is no longer open."))
    if meeting is None or meeting.status != MeetingStatus.SCHEDULED:
        return None
    meeting.status, meeting.table, meeting.locked = MeetingStatus.CANCELLED, None, False
    meeting.sequence = (meeting.sequence or 0) + 1  # calendars drop it (STATUS:CANCELLED)
    db.session.flush()
    return meeting


def declined_proposals(event, limit=20):
    """The desk's proposals that partners declined, newest first: [(request)] for the desk page."""
    return db.session.scalars(select(MeetingRequest).where(
        MeetingRequest.event_id == event.id, MeetingRequest.by_desk.is_(True),
        MeetingRequest.status == RequestStatus.DECLINED)
        .order_by(MeetingRequest.responded_at.desc(), MeetingRequest.id.desc()).limit(limit)).all()
