"""Organisation records are owned by their confirmed people.

Someone who registers with the name or registration id of an organisation that exists already joins it as a
participant, but does not become one of its confirmed people (`Participant.organisation_confirmed = False`):
whatever they enter that differs from the record is stored as an OrganisationProposal. The organisation's
confirmed people (participants linked to it with organisation_confirmed, at any event) and the organisers of
the proposer's event accept or reject it; only then does the record change. Flush, never commit.
"""
from flask_babel import gettext as _
from sqlalchemy import select

from ..extensions import db
from ..i18n import utcnow
from .models import (
    Organisation,
    OrganisationKind,
    OrganisationProposal,
    Participant,
    ParticipantStatus,
    ProposalStatus,
    SizeClass,
)

EDITABLE = ("name", "registration_id", "kind", "country", "region", "city", "website", "nace_sectors", "size_class",
            "description_cs", "description_de", "description_en")
CONVERT = {"kind": OrganisationKind, "size_class": SizeClass}


class ProposalError(ValueError):
    pass


def _stored(value):
    return value.value if hasattr(value, "value") else value


def differences(org, values):
    """{field: proposed value} for every given, non-empty value that differs from the record."""
    changes = {}
    for key in EDITABLE:
        value = values.get(key)
        if value in (None, "", []):
            continue
        value = _stored(value)
        if value != _stored(getattr(org, key)):
            changes[key] = value
    return changes


def apply_changes(org, changes):
    for key, value in changes.items():
        if key in EDITABLE:
            setattr(org, key, CONVERT[key](value) if key in CONVERT and value else value)
    db.session.flush()


def propose(org, participant, changes):
    """Store `changes` as the participant's open proposal for `org` (one open proposal per person: a newer one
    replaces the older). None when nothing differs."""
    if not changes:
        return None
    proposal = db.session.scalar(select(OrganisationProposal).where(
        OrganisationProposal.organisation_id == org.id, OrganisationProposal.participant_id == participant.id,
        OrganisationProposal.status == ProposalStatus.OPEN))
    if proposal is None:
        proposal = OrganisationProposal(organisation=org, participant=participant)
        db.session.add(proposal)
    proposal.changes = changes
    db.session.flush()
    return proposal


def may_decide(viewer, proposal):
    """Confirmed, active people of the organisation (not the proposer) and staff of the proposer's event."""
    if getattr(viewer, "is_participant", False):
        return (viewer.organisation_id == proposal.organisation_id and viewer.organisation_confirmed
                and viewer.id != proposal.participant_id and viewer.is_active)
    event_id = proposal.participant.event_id if proposal.participant else None
    return event_id is not None and viewer.can_staff(event_id, "organiser")


def decide(proposal, accept, event, now=None, **actor):
    """Accept (the record changes) or reject; either way audited with who decided (`user=` an organiser,
    `by_participant=` the id of a confirmed person). Returns the message for the one who decided."""
    from ..accounts.services import audit

    if proposal.status != ProposalStatus.OPEN:
        raise ProposalError(_("This proposal has already been decided."))
    if accept:
        apply_changes(proposal.organisation, proposal.changes)
    proposal.status = ProposalStatus.ACCEPTED if accept else ProposalStatus.REJECTED
    proposal.decided_at = now or utcnow()
    audit(f"organisation_proposal_{'accept' if accept else 'reject'}ed", event=event,
          target=proposal.organisation, proposal=proposal.id, changes=proposal.changes, **actor)
    db.session.flush()
    return _("The proposal has been accepted.") if accept else _("The proposal has been rejected.")


def open_proposals_for(participant):
    """Open proposals this confirmed participant may decide on."""
    if not participant.organisation_confirmed or participant.organisation_id is None:
        return []
    return db.session.scalars(select(OrganisationProposal).where(
        OrganisationProposal.organisation_id == participant.organisation_id,
        OrganisationProposal.status == ProposalStatus.OPEN,
        OrganisationProposal.participant_id != participant.id).order_by(OrganisationProposal.id)).all()


def open_proposals_of_event(event):
    return db.session.scalars(select(OrganisationProposal).join(OrganisationProposal.participant).where(
        Participant.event_id == event.id, OrganisationProposal.status == ProposalStatus.OPEN,
        Participant.status != ParticipantStatus.CANCELLED).order_by(OrganisationProposal.id)).all()


def own_open_proposal(participant):
    return db.session.scalar(select(OrganisationProposal).where(
        OrganisationProposal.participant_id == participant.id, OrganisationProposal.status == ProposalStatus.OPEN))


def create_organisation(name, registration_id, values):
    org = Organisation(name=name.strip(), registration_id=registration_id, country=values.get("country") or "CZ")
    db.session.add(org)
    apply_changes(org, {k: v for k, v in values.items() if k not in ("name", "registration_id")
                        and v not in (None, "", [])})
    return org


def _field_labels():
    from flask_babel import lazy_gettext as _l

    return {"name": _l("Organisation"), "registration_id": _l("Company ID (IČO / USt-IdNr.)"),
            "kind": _l("Type of organisation"), "country": _l("Country"), "region": _l("Region"),
            "city": _l("City"), "website": _l("Website"), "nace_sectors": _l("Sectors (NACE codes)"),
            "size_class": _l("Size of the organisation"), "description_cs": _l("Description in Czech"),
            "description_de": _l("Description in German"), "description_en": _l("Description in English")}


def _shown(key, value):
    from ..labels import label

    if value in (None, "", []):
        return "—"
    if key in CONVERT:
        return label(CONVERT[key](_stored(value)))
    if key == "country":
        return label(value)
    return ", ".join(value) if isinstance(value, list) else str(value)


def proposal_rows(proposals):
    """[(proposal, [(field label, current value, proposed value)])] for the templates."""
    labels = _field_labels()
    return [(p, [(labels.get(k, k), _shown(k, getattr(p.organisation, k, None)), _shown(k, v))
                 for k, v in p.changes.items()]) for p in proposals]
