"""Contact requests outside events: ask, accept (e-mails revealed to both), decline, block. Flush, never commit."""
from flask_babel import gettext as _
from sqlalchemy import func, or_, select

from ..extensions import db
from ..i18n import utcnow
from .members import is_member
from .models import ContactBlock, ContactRequest, ContactStatus, OrganisationMember

MAX_OPEN = 10  # open requests one person may have at a time, on top of the per-hour rate limit


class ContactError(ValueError):
    pass


def _email(person):
    return (person.email or "").strip().lower()


def blocked(org, email):
    return db.session.get(ContactBlock, (org.id, email.strip().lower())) is not None


def ask(person, org, message):
    """`person` (a signed-in participant) asks `org` for contact; one open request per pair."""
    email = _email(person)
    if person.organisation_id == org.id or is_member(org, email):
        raise ContactError(_("This is your own organisation."))
    if blocked(org, email) or _blocked_the_other_way(person, org):
        raise ContactError(_("Contact with this organisation is not possible."))
    existing = db.session.scalar(select(ContactRequest).where(
        ContactRequest.requester_email == email, ContactRequest.organisation_id == org.id,
        ContactRequest.status != ContactStatus.DECLINED))
    if existing is not None:
        raise ContactError(_("You have already asked this organisation for contact."))
    open_count = db.session.scalar(select(func.count()).select_from(ContactRequest).where(
        ContactRequest.requester_email == email, ContactRequest.status == ContactStatus.PENDING))
    if open_count >= MAX_OPEN:
        raise ContactError(_("You have %(n)s unanswered contact requests; please wait for answers first.",
                             n=open_count))
    req = ContactRequest(requester_email=email, requester_name=person.full_name, organisation_id=org.id,
                         requester_organisation_id=person.organisation_id, message=(message or "").strip()[:2000])
    db.session.add(req)
    db.session.flush()
    return req


def _blocked_the_other_way(person, org):
    """Someone of `org` blocked `person`'s organisation earlier (a block stands for both directions)."""
    mine = {o for o in [person.organisation_id] if o} | set(db.session.scalars(
        select(OrganisationMember.organisation_id).where(OrganisationMember.email == _email(person))))
    theirs = select(OrganisationMember.email).where(OrganisationMember.organisation_id == org.id)
    return bool(mine) and db.session.scalar(select(func.count()).select_from(ContactBlock).where(
        ContactBlock.organisation_id.in_(mine), ContactBlock.email.in_(theirs))) > 0


def incoming(person):
    """Requests to organisations `person` is a member of, newest first."""
    orgs = select(OrganisationMember.organisation_id).where(OrganisationMember.email == _email(person))
    return db.session.scalars(select(ContactRequest).where(ContactRequest.organisation_id.in_(orgs))
                              .order_by(ContactRequest.id.desc())).all()


def outgoing(person):
    return db.session.scalars(select(ContactRequest).where(ContactRequest.requester_email == _email(person))
                              .order_by(ContactRequest.id.desc())).all()


def _answerable(person, req):
    if not is_member(req.organisation, _email(person)):
        raise ContactError(_("Only the organisation's members answer its contact requests."))


def answer(person, req, accept):
    _answerable(person, req)
    if req.status != ContactStatus.PENDING:
        raise ContactError(_("This request has been answered already."))
    req.status = ContactStatus.ACCEPTED if accept else ContactStatus.DECLINED
    req.answered_by, req.responded_at = _email(person), utcnow()
    db.session.flush()
    return req


def block(person, req):
    """Either side ends it: no more requests between the person and the organisation, in either direction."""
    if req.requester_email != _email(person):
        _answerable(person, req)
    org, email = req.organisation, req.requester_email
    if db.session.get(ContactBlock, (org.id, email)) is None:
        db.session.add(ContactBlock(organisation_id=org.id, email=email))
    if req.status == ContactStatus.PENDING:
        req.status, req.responded_at = ContactStatus.DECLINED, utcnow()
    db.session.flush()


def revealed_email(person, req):
    """The other side's e-mail address, only after acceptance."""
    if req.status != ContactStatus.ACCEPTED:
        return None
    if req.requester_email == _email(person):
        return req.answered_by
    return req.requester_email


def requests_involving(email):
    return db.session.scalars(select(ContactRequest).where(or_(
        ContactRequest.requester_email == email, ContactRequest.answered_by == email))).all()
