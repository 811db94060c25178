"""Directory services: the organisation page's data and editing an entry. Flush, never commit."""
from sqlalchemy import select

from ..accounts.services import audit
from ..events.models import Event, EventStatus
from ..extensions import db
from ..participants.models import OrganisationKind, Participant, ParticipantStatus, SizeClass
from ..reference import nace, regions
from .search import offers_of

EDITABLE = ("name", "kind", "country", "region_code", "city", "website", "size_class", "languages", "nace_sectors",
            "description_cs", "description_de", "description_en", "listed")


def events_of(org):
    """Events the organisation took part in (approved participation), newest first; drafts never shown."""
    ids = select(Participant.event_id).where(Participant.organisation_id == org.id,
                                             Participant.status == ParticipantStatus.APPROVED)
    return db.session.scalars(select(Event).where(Event.id.in_(ids), Event.status != EventStatus.DRAFT)
                              .order_by(Event.id.desc())).all()


def update_organisation(org, values, user=None):
    """Apply the edit form's plain values; every changed field is written to the audit log (old -> new)."""
    values = dict(values)
    values["kind"] = OrganisationKind(values["kind"])
    values["size_class"] = SizeClass(values["size_class"]) if values.get("size_class") else None
    values["nace_sectors"] = nace.parse(values.get("nace_sectors") or "")
    values["region_code"] = values["region_code"] if values.get("region_code") in regions.REGIONS else ""
    changes = {}
    for key in EDITABLE:
        old, new = getattr(org, key), values.get(key)
        if old != new:
            changes[key] = [_plain(old), _plain(new)]
            setattr(org, key, new)
    if "region_code" in changes:
        org.region = regions.name(org.region_code, "cs" if org.country == "CZ" else "de") or org.region
    if changes:
        audit("organisation.edit", user=user, target=org, editor=getattr(user, "email", None), changes=changes)
    db.session.flush()
    return changes


def _plain(value):
    return value.value if hasattr(value, "value") else value


def page_data(org):
    return {"offers": offers_of(org), "events": events_of(org),
            "region": regions.name(org.region_code)}
