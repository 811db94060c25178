"""GDPR across events: a person is their e-mail address in every event, organisation and contact request."""
from sqlalchemy import delete, func, or_, select

from ..extensions import db
from ..participants.models import Organisation, Participant
from .models import ContactBlock, ContactRequest, OrganisationMember


def _iso(value):
    return value.isoformat() if value else None


def person_data(email):
    """Every participation, membership and contact request of the address, for the data export."""
    email = (email or "").strip().lower()
    people = db.session.scalars(select(Participant).where(func.lower(Participant.email) == email)
                                .order_by(Participant.id)).all()
    orgs = db.session.scalars(select(Organisation).join(OrganisationMember).where(OrganisationMember.email == email)
                              .order_by(Organisation.id)).all()
    contacts = db.session.scalars(select(ContactRequest).where(or_(
        ContactRequest.requester_email == email, ContactRequest.answered_by == email))
                                  .order_by(ContactRequest.id)).all()
    from ..people.services import find_person

    account = find_person(email)
    return {
        "person": None if account is None else {
            "email": account.email, "locale": account.locale, "created_at": _iso(account.created_at),
            "invitations_opted_out_at": _iso(account.invitations_opted_out_at)},
        "participations": [{"event": p.event.slug, "organisation": p.organisation.name if p.organisation else None,
                            "status": p.status.value, "registered_at": _iso(p.created_at)} for p in people],
        "member_of": [{"organisation": o.name, "listed": o.listed} for o in orgs],
        "contact_requests": [{"direction": "sent" if c.requester_email == email else "answered",
                              "organisation": c.organisation.name, "message": c.message, "status": c.status.value,
                              "created_at": _iso(c.created_at)} for c in contacts],
    }


def export_part(participant):
    return {"across_events": person_data(participant.email)}


def erase_part(participant, now, across_events):
    if across_events and participant.email:  # a walk-in may have no address: nothing of theirs elsewhere
        forget(participant.email, now, except_id=participant.id)


def plug_into_participants():
    """app.participants sits below the directory: registration and GDPR reach it through these hooks."""
    from ..participants import offers, services
    from .members import add_member, can_edit

    services.GDPR_EXPORT["directory"], services.GDPR_ERASE["directory"] = export_part, erase_part
    services.ORGANISATION_CONFIRMED["directory"] = add_member
    offers.OFFER_EDITORS["check"] = can_edit


def plug_into_people():
    from ..people import series
    from .members import is_member

    series.ORGANISATION_MEMBER["check"] = is_member


def forget(email, now, except_id=None):
    """Erase the address everywhere: other participations anonymised, memberships ended (an organisation left
    without members is no longer listed), contact requests kept for counting but without name, address or text."""
    from ..participants.services import delete_account

    email = (email or "").strip().lower()
    if not email:
        return
    others = db.session.scalars(select(Participant).where(func.lower(Participant.email) == email,
                                                          Participant.id != except_id)).all()
    for person in others:
        delete_account(person, now, across_events=False)
    orgs = db.session.scalars(select(Organisation).join(OrganisationMember)
                              .where(OrganisationMember.email == email)).all()
    db.session.execute(delete(OrganisationMember).where(OrganisationMember.email == email))
    db.session.execute(delete(ContactBlock).where(ContactBlock.email == email))
    for req in db.session.scalars(select(ContactRequest).where(ContactRequest.requester_email == email)):
        req.requester_email, req.requester_name, req.message = f"deleted-{req.id}@invalid", "", ""
    for req in db.session.scalars(select(ContactRequest).where(ContactRequest.answered_by == email)):
        req.answered_by = None
    db.session.flush()
    for org in orgs:
        db.session.refresh(org)
        if not org.members:
            org.listed = False
    from ..people.services import forget as forget_person

    forget_person(email)
    db.session.flush()
