"""The "My events" page as a plain view model: one row per participation, upcoming and past apart."""
from dataclasses import dataclass, field

from flask import url_for
from flask_babel import gettext as _

from ..events.services import visible_statuses
from ..i18n import utcnow
from ..participants.models import ParticipantStatus
from .services import participations


@dataclass
class EventRow:
    event: object
    participant: object
    status: str
    starts_at: object = None
    links: list = field(default_factory=list)  # [(label, url)]


def status_label(participant):
    return {ParticipantStatus.PENDING: _("waiting for the organiser's approval"),
            ParticipantStatus.APPROVED: _("registered"),
            ParticipantStatus.REJECTED: _("not admitted"),
            ParticipantStatus.CANCELLED: _("cancelled")}[participant.status]


def _links(participant, past):
    from ..outcomes.ratings import meetings_to_rate
    from ..outcomes.tokens import make_link_token

    event, slug = participant.event, participant.event.slug
    if event.status not in visible_statuses():
        return []
    if participant.status == ParticipantStatus.PENDING:
        return [(_("Profile"), url_for("participants.edit_profile", slug=slug))]
    if participant.status != ParticipantStatus.APPROVED:
        return []
    links = [(_("My agenda"), url_for("meetings.show_agenda", slug=slug))]
    if past and meetings_to_rate(participant):
        links.append((_("Rate your meetings"), url_for("outcomes_public.rate_meetings", slug=slug,
                                                       token=make_link_token(participant, "rate"))))
    if not past:
        links = [(_("Marketplace"), url_for("participants.marketplace", slug=slug)), *links,
                 (_("Profile"), url_for("participants.edit_profile", slug=slug))]
    return links


def open_in_series(person):
    """Events of the person's series that are open for registration and where they are not registered yet:
    "My events" offers the one-click registration for them."""
    from sqlalchemy import select

    from ..events.models import Event
    from ..extensions import db
    from ..participants.services import registration_open

    mine = participations(person)
    series = {p.event.series_id for p in mine} - {None}
    taken = {p.event_id for p in mine}
    if not series:
        return []
    events = db.session.scalars(select(Event).where(Event.series_id.in_(series)).order_by(Event.id)).all()
    return [e for e in events if e.id not in taken and registration_open(e)]


def my_events(person, now=None):
    """(upcoming, past): rows of the person's participations; an event is past once its last slot ended."""
    now = now or utcnow()
    upcoming, past = [], []
    for p in participations(person):
        slots = p.event.slots
        ended = bool(slots) and max(s.end_at for s in slots) <= now
        row = EventRow(p.event, p, status_label(p), starts_at=slots[0].start_at if slots else None,
                       links=_links(p, ended))
        (past if ended else upcoming).append(row)
    upcoming.sort(key=lambda r: (r.starts_at is None, r.starts_at or now))
    return upcoming, past
