"""Follow-up surveys months after the event: which partners met there turned into cooperation, and how.

The months come from the event (Event.follow_up_months, default [3, 6]). Services flush, never commit.
"""
from calendar import monthrange
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import or_, select

from ..extensions import db
from ..meetings.models import Meeting, MeetingStatus
from .models import CooperationKind, FollowUpAnswer


class FollowUpError(ValueError):
    pass


def add_months(moment: datetime, months: int) -> datetime:
    """The same day and time `months` later (the month's last day when it is shorter)."""
    month0 = moment.month - 1 + months
    year, month = moment.year + month0 // 12, month0 % 12 + 1
    return moment.replace(year=year, month=month, day=min(moment.day, monthrange(year, month)[1]))


def event_end(event):
    slots = list(event.slots)
    return max(s.end_at for s in slots) if slots else None


def partners_met(participant):
    """The people the participant held a meeting with at the event, by name."""
    rows = db.session.scalars(select(Meeting).where(
        Meeting.event_id == participant.event_id, Meeting.status == MeetingStatus.HELD,
        or_(Meeting.participant_a_id == participant.id, Meeting.participant_b_id == participant.id)))
    partners = {m.partner_of(participant).id: m.partner_of(participant) for m in rows}
    return sorted(partners.values(), key=lambda p: (p.last_name, p.first_name))


def answers_of(participant, months):
    rows = db.session.scalars(select(FollowUpAnswer).where(FollowUpAnswer.participant_id == participant.id,
                                                           FollowUpAnswer.months == months))
    return {a.partner_id: a for a in rows}


def save_follow_up(participant, months, answers):
    """answers: [(partner_id, cooperating: bool, kind or None, comment)]; updates earlier answers."""
    if participant.event is None:
        raise FollowUpError(_("This event no longer exists."))
    met = {p.id for p in partners_met(participant)}
    if any(partner_id not in met for partner_id, *_rest in answers):
        raise FollowUpError(_("You can only answer about partners you met at the event."))
    known = answers_of(participant, months)
    for partner_id, cooperating, kind, comment in answers:
        row = known.get(partner_id)
        if row is None:
            row = FollowUpAnswer(participant_id=participant.id, partner_id=partner_id, months=months)
            db.session.add(row)
        row.cooperating = bool(cooperating)
        row.kind = CooperationKind(kind) if cooperating and kind else None
        row.comment = (comment or "").strip()
    db.session.flush()
