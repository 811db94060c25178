"""The participant's agenda as a plain view model (no lazy loading in templates)."""
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from ..events.models import EventStatus
from ..extensions import db
from ..meetings.models import Meeting, MeetingStatus
from .models import PublicationKind
from .services import latest_publication  # one definition of "the latest publication" for the app


@dataclass(frozen=True)
class AgendaItem:
    meeting_id: int
    start_at: datetime
    end_at: datetime
    table: str
    partner_name: str
    partner_organisation: str
    partner_country: str
    partner_languages: tuple
    interpreter: str
    status: MeetingStatus
    partner_email: str
    partner_phone: str
    proposal_id: int | None = None  # the desk proposed it for a walk-in: the request this person may decline


@dataclass(frozen=True)
class Agenda:
    published: bool
    kind: PublicationKind | None
    items: tuple


def plan_published(event):
    return event.status == EventStatus.PUBLISHED or latest_publication(event) is not None


def meetings_of(participant):
    return db.session.scalars(select(Meeting).where(
        (Meeting.participant_a_id == participant.id) | (Meeting.participant_b_id == participant.id),
        Meeting.slot_id.is_not(None), Meeting.status != MeetingStatus.CANCELLED)).all()


def agenda_for(participant):
    event = participant.event
    publication = latest_publication(event)
    published = event.status == EventStatus.PUBLISHED or publication is not None
    if not published:
        return Agenda(False, None, ())
    kind = publication.kind if publication is not None else PublicationKind.FINAL
    from ..meetings.proposals import proposals_for

    proposals = proposals_for(participant)
    items = []
    for m in sorted(meetings_of(participant), key=lambda m: m.slot.start_at):
        partner = m.partner_of(participant)
        org = partner.organisation
        items.append(AgendaItem(
            meeting_id=m.id, start_at=m.slot.start_at, end_at=m.slot.end_at,
            table=m.table.label if m.table else "", partner_name=partner.full_name,
            partner_organisation=org.name if org else "", partner_country=org.country if org else "",
            partner_languages=tuple(partner.languages or ()), interpreter=m.interpreter.name if m.interpreter else "",
            status=m.status, partner_email=partner.email if not partner.anonymised_at else "",
            partner_phone=partner.phone if not partner.anonymised_at else "",
            proposal_id=proposals[partner.id].id if partner.id in proposals else None))
    return Agenda(True, kind, tuple(items))


def can_see_contact(viewer, other):
    """E-mail and phone: the person, organisers, and confirmed partners once the plan is published."""
    if viewer is None or not getattr(viewer, "is_authenticated", False):
        return False
    if not getattr(viewer, "is_participant", False):
        return viewer.has_role("organiser", "desk")
    if viewer.id == other.id:
        return True
    if viewer.event_id != other.event_id or not plan_published(other.event):
        return False
    return any(m.involves(other.id) for m in meetings_of(viewer))
