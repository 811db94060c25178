"""The meetings' part of a person's data export and erasure (registered in app.participants.services,
which sits below the meetings and so cannot ask them itself)."""
from sqlalchemy import select
from sqlalchemy import update as sa_update

from ..extensions import db
from .models import Meeting, MeetingRequest, NotInterested
from .services import close_requests_of


def export_part(participant):
    def iso(value):
        return value.isoformat() if value else None

    requests = db.session.scalars(select(MeetingRequest).where(
        (MeetingRequest.requester_id == participant.id) | (MeetingRequest.target_id == participant.id))).all()
    meetings = db.session.scalars(select(Meeting).where(
        (Meeting.participant_a_id == participant.id) | (Meeting.participant_b_id == participant.id))).all()
    not_interested = db.session.scalars(select(NotInterested).where(
        NotInterested.participant_id == participant.id)).all()
    return {
        "meeting_requests": [{"direction": "sent" if r.requester_id == participant.id else "received",
                              "other": (r.target if r.requester_id == participant.id else r.requester).full_name,
                              "priority": r.priority.value, "message": r.message, "status": r.status.value,
                              "created_at": iso(r.created_at)} for r in requests],
        "meetings": [{"partner": m.partner_of(participant).full_name, "status": m.status.value,
                      "start_at": iso(m.slot.start_at) if m.slot else None} for m in meetings],
        "not_interested_in": [n.other_id for n in not_interested],
    }


def erase_part(participant, now, across_events):
    """Withdraw/decline their requests (the rows stay for the statistics) and blank the messages they wrote."""
    close_requests_of(participant, now)
    db.session.execute(sa_update(MeetingRequest).where(MeetingRequest.requester_id == participant.id)
                       .values(message="").execution_options(synchronize_session="fetch"))


def plug_into_participants():
    from ..participants.services import GDPR_ERASE, GDPR_EXPORT

    GDPR_EXPORT["meetings"], GDPR_ERASE["meetings"] = export_part, erase_part
