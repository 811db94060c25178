"""The outcome figures of one event or a series, counted as the Interreg programme counts them.

RCO87: organisations that held at least one meeting with an organisation from another country.
RCR84: organisations that reported, in a follow-up at least 3 months after the event, a cooperation
with a cross-border partner they met there (a held meeting between the two).
"""
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import select

from ..extensions import db
from ..meetings.models import Feedback, Meeting, MeetingRequest, MeetingStatus, RequestStatus
from ..participants.models import Participant, ParticipantStatus
from .models import FollowUpAnswer

KPI_ROWS = ("registered", "approved", "requests", "accepted", "scheduled", "held", "no_show", "rated",
            "cross_border_held", "RCO87", "RCR84")


@dataclass
class Outcomes:
    counts: dict = field(default_factory=dict)      # KPI_ROWS -> int
    ratings: Counter = field(default_factory=Counter)   # 1..5 -> count
    outcomes: Counter = field(default_factory=Counter)  # Outcome value -> count
    by_country: Counter = field(default_factory=Counter)  # organisations taking part
    by_region: Counter = field(default_factory=Counter)
    by_kind: Counter = field(default_factory=Counter)
    by_size: Counter = field(default_factory=Counter)
    rco87: set = field(default_factory=set)   # organisation ids
    rcr84: set = field(default_factory=set)

    @property
    def cross_border_share(self):
        held = self.counts.get("held", 0)
        return self.counts.get("cross_border_held", 0) / held if held else 0.0


def _ids(events):
    return [e.id for e in events]


def _country(participant):
    return participant.organisation.country if participant.organisation else None


def _cross_border(meeting):
    a, b = _country(meeting.participant_a), _country(meeting.participant_b)
    return a is not None and b is not None and a != b


def compute(events):
    """Outcomes over `events` (one event, or the events of a series); organisations counted once."""
    ids = _ids(events)
    out = Outcomes()
    participants = list(db.session.scalars(select(Participant).where(Participant.event_id.in_(ids))))
    requests = list(db.session.scalars(select(MeetingRequest).where(MeetingRequest.event_id.in_(ids))))
    meetings = list(db.session.scalars(select(Meeting).where(Meeting.event_id.in_(ids))))
    held = [m for m in meetings if m.status == MeetingStatus.HELD]
    feedback = list(db.session.scalars(select(Feedback).join(Meeting).where(Meeting.event_id.in_(ids))))
    out.counts = {
        "registered": len(participants),
        "approved": sum(p.status == ParticipantStatus.APPROVED for p in participants),
        "requests": len(requests),
        "accepted": sum(r.status == RequestStatus.ACCEPTED for r in requests),
        "scheduled": sum(m.slot_id is not None and m.status != MeetingStatus.CANCELLED for m in meetings),
        "held": len(held),
        "no_show": sum(m.status == MeetingStatus.NO_SHOW for m in meetings),
        "rated": sum(f.rating is not None for f in feedback),
        "cross_border_held": sum(_cross_border(m) for m in held),
    }
    out.ratings = Counter(f.rating for f in feedback if f.rating is not None)
    out.outcomes = Counter(f.outcome.value for f in feedback if f.outcome is not None)
    _organisations(out, participants)
    out.rco87 = {p.organisation_id for m in held if _cross_border(m) for p in (m.participant_a, m.participant_b)}
    out.rcr84 = _rcr84(held, ids)
    out.counts["RCO87"], out.counts["RCR84"] = len(out.rco87), len(out.rcr84)
    return out


def _organisations(out, participants):
    orgs = {p.organisation.id: p.organisation for p in participants
            if p.organisation is not None and p.status == ParticipantStatus.APPROVED}
    for org in orgs.values():
        out.by_country[org.country] += 1
        out.by_region[org.region or "-"] += 1
        out.by_kind[org.kind.value] += 1
        out.by_size[org.size_class.value if org.size_class else "-"] += 1


def _rcr84(held, event_ids):
    met = {frozenset((m.participant_a_id, m.participant_b_id)): m for m in held if _cross_border(m)}
    answers = db.session.scalars(select(FollowUpAnswer).join(FollowUpAnswer.participant).where(
        Participant.event_id.in_(event_ids), FollowUpAnswer.months >= 3, FollowUpAnswer.cooperating.is_(True)))
    return {a.participant.organisation_id for a in answers
            if frozenset((a.participant_id, a.partner_id)) in met and a.participant.organisation_id}
