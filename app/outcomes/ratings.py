"""Ratings right after the event: each participant rates their meetings through a signed link.

Partial answers are saved (a row with only an outcome, or only "did not take place"); answering again
updates the same row. Services flush, never commit.
"""
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import or_, select

from ..extensions import db
from ..i18n import utcnow
from ..meetings.models import Feedback, Meeting, MeetingStatus, Outcome


class RatingError(ValueError):
    pass


@dataclass
class Answer:
    meeting_id: int
    rating: int | None = None
    outcome: str | None = None
    did_not_take_place: bool = False
    comment: str = ""

    @property
    def empty(self):
        return self.rating is None and not self.outcome and not self.did_not_take_place and not self.comment.strip()


def meetings_to_rate(participant):
    """The participant's meetings that had a time (cancelled ones excluded), in time order."""
    rows = db.session.scalars(select(Meeting).where(
        Meeting.event_id == participant.event_id, Meeting.slot_id.is_not(None),
        Meeting.status != MeetingStatus.CANCELLED,
        or_(Meeting.participant_a_id == participant.id, Meeting.participant_b_id == participant.id)))
    return sorted(rows, key=lambda m: (m.slot.start_at, m.id))


def existing_feedback(participant):
    rows = db.session.scalars(select(Feedback).where(Feedback.participant_id == participant.id))
    return {f.meeting_id: f for f in rows}


def save_ratings(participant, answers):
    """Store the answers; every meeting must be the participant's own (checked before anything is saved)."""
    own = {m.id for m in meetings_to_rate(participant)}
    if any(a.meeting_id not in own for a in answers):
        raise RatingError(_("You can only rate your own meetings."))
    for answer in answers:
        _check(answer)
    known = existing_feedback(participant)
    saved = 0
    for answer in answers:
        row = known.get(answer.meeting_id)
        if answer.empty and row is None:
            continue
        if row is None:
            row = Feedback(meeting_id=answer.meeting_id, participant_id=participant.id)
            db.session.add(row)
        row.rating = answer.rating
        row.outcome = Outcome(answer.outcome) if answer.outcome else None
        row.did_not_take_place = answer.did_not_take_place
        row.comment = answer.comment.strip()
        saved += 1
    db.session.flush()
    return saved


def _check(answer):
    if answer.rating is not None and not 1 <= answer.rating <= 5:
        raise RatingError(_("A rating is a number from 1 to 5."))
    if answer.outcome and answer.outcome not in {o.value for o in Outcome}:
        raise RatingError(_("Choose one of the offered outcomes."))


def opt_out_participant(participant):
    """No more surveys or reminders for this person (kept once set)."""
    if participant.opted_out_at is None:
        participant.opted_out_at = utcnow()
    db.session.flush()
    return participant
