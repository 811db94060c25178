"""Attendance confirmations from the "will you come?" reminder: the participant's answer, and the lists the
organiser sees (who will come, who cannot, who has not answered). Services flush, never commit."""
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..events.models import EventStatus
from ..extensions import db
from ..i18n import utcnow
from ..participants.models import Participant, ParticipantStatus

ANSWERS = ("coming", "not_coming")


class ConfirmationError(ValueError):
    pass


def answer_attendance(participant, answer):
    """Record (or change) the participant's answer."""
    if answer not in ANSWERS:
        raise ConfirmationError(_("Please choose whether you will come."))
    if participant.status != ParticipantStatus.APPROVED:
        raise ConfirmationError(_("Your registration for this event is not active."))
    participant.attendance_answer, participant.attendance_answered_at = answer, utcnow()
    db.session.flush()
    return participant


@dataclass
class Confirmations:
    coming: list = field(default_factory=list)
    not_coming: list = field(default_factory=list)
    unanswered: list = field(default_factory=list)


def confirmations(event) -> Confirmations | None:
    """Approved people of the event by their answer (unanswered: still to be asked or to reply); None for an
    event that asks nobody and has no answers (e.g. a finished one), whose page needs no such list."""
    out = Confirmations()
    people = db.session.scalars(select(Participant).where(
        Participant.event_id == event.id, Participant.status == ParticipantStatus.APPROVED,
        Participant.anonymised_at.is_(None)).options(selectinload(Participant.organisation))
        .order_by(Participant.last_name, Participant.first_name))
    for p in people:
        getattr(out, p.attendance_answer if p.attendance_answer in ANSWERS else "unanswered").append(p)
    asking = event.remind_confirm and event.status in (EventStatus.OPEN, EventStatus.PLANNING, EventStatus.PUBLISHED)
    return out if asking or out.coming or out.not_coming else None
