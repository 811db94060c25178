"""E-mail notices of contact requests: sent by the worker, to each member of the asked organisation who can
sign in, in their language. The requester's address stays hidden until someone accepts."""
from flask import render_template
from flask_babel import gettext as _
from sqlalchemy import select

from ..extensions import db
from ..i18n import in_locale
from ..jobs import register
from ..mail import send_email
from ..participants.notify import external_url
from ..people.models import Person
from .models import ContactRequest, ContactStatus, OrganisationMember

KIND = "contact_request"


def recipients(req):
    """The organisation's members who have a person account (they can sign in to answer)."""
    emails = select(OrganisationMember.email).where(OrganisationMember.organisation_id == req.organisation_id)
    return db.session.scalars(select(Person).where(Person.email.in_(emails)).order_by(Person.id)).all()


@register("directory.notify_contact_request", max_attempts=3)
def notify_contact_request(payload):
    req = db.session.get(ContactRequest, payload["request_id"])
    if req is None or req.status != ContactStatus.PENDING:
        return  # answered or withdrawn before the worker came to it
    link = external_url("directory.list_contacts")
    for person in recipients(req):
        with in_locale(person.locale):
            subject = _("%(name)s asks %(organisation)s for contact", name=req.requester_name,
                        organisation=req.organisation.name)
            text = render_template("emails/directory/contact_request.txt", req=req, link=link)
        send_email(person.email, subject, text, kind=KIND, locale=person.locale)
