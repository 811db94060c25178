"""Event series: invite the people of earlier events to the next one; a returning person registers in one
click with the details of their last participation. Services flush, never commit."""
from flask import render_template
from flask_babel import gettext as _
from sqlalchemy import exists, select

from ..events.models import Event
from ..extensions import db
from ..i18n import in_locale, utcnow
from ..participants.models import Participant, ParticipantStatus
from ..participants.notify import external_url
from ..participants.services import PERSON_FIELDS, RegistrationError, register, registration_open
from .models import Person
from .services import latest_participation
from .tokens import make_token

INVITATION_KIND = "series_invitation"


class InvitationError(ValueError):
    pass


def invitees(event):
    """People who took part in an earlier event of the series (approved), are not registered for `event`,
    and have not opted out of invitations or of the surveys and reminders of any event."""
    if event.series_id is None:
        return []
    earlier = select(Event.id).where(Event.series_id == event.series_id, Event.id != event.id)
    took_part = exists().where(Participant.person_id == Person.id, Participant.event_id.in_(earlier),
                               Participant.status == ParticipantStatus.APPROVED)
    registered = exists().where(Participant.person_id == Person.id, Participant.event_id == event.id)
    opted_out = exists().where(Participant.person_id == Person.id, Participant.opted_out_at.is_not(None))
    return db.session.scalars(select(Person).where(took_part, ~registered, ~opted_out,
                                                   Person.invitations_opted_out_at.is_(None))
                              .order_by(Person.id)).all()


def already_invited(event):
    from ..planning.models import EmailRecord

    return set(db.session.scalars(select(EmailRecord.to).where(EmailRecord.event_id == event.id,
                                                               EmailRecord.kind == INVITATION_KIND)))


def pending_invitees(event):
    done = already_invited(event)
    return [p for p in invitees(event) if p.email not in done]


def invite_series(event):
    """Queue the invitations (the worker sends them); returns how many people will get one."""
    from ..jobs import enqueue

    if event.series_id is None:
        raise InvitationError(_("This event belongs to no series."))
    if not registration_open(event):
        raise InvitationError(_("Open the registration first: the invitation asks people to register."))
    people = pending_invitees(event)
    if not people:
        raise InvitationError(_("Everyone of the earlier events of the series has been invited already."))
    enqueue("people.invite_series", {"event_id": event.id})
    return len(people)


def send_invitations(payload):
    """The job: one e-mail per person, in their language; someone invited already is not mailed again."""
    event = db.session.get(Event, payload["event_id"])
    if event is None or not registration_open(event):
        return
    for person in pending_invitees(event):
        send_invitation(person, event)
        db.session.flush()  # the EmailRecord marks the person as invited should the job be retried


def send_invitation(person, event):
    from ..mail import send_email

    last = latest_participation(person, exclude_event=event)
    with in_locale(person.locale):
        ctx = {"person": person, "last": last, "event": event,
               "link": external_url("people.register_returning", slug=event.slug,
                                    token=make_token(person, "return", event)),
               "opt_out_link": external_url("people.opt_out", token=make_token(person, "opt-out"))}
        subject = _("You are invited: %(event)s", event=event.name)
        text = render_template("emails/people/series_invitation.txt", **ctx)
    return send_email(person.email, subject, text, kind=INVITATION_KIND, locale=person.locale, event=event)


# ------------------------------------------------------------------ one-click registration
def prefill(person, event):
    """The details of the person's last participation that a new registration starts from (None if none)."""
    last = latest_participation(person, exclude_event=event)
    if last is None or last.organisation is None:
        return None
    return last


# app.directory fills "check" (is this e-mail a member of the organisation?): people sit below the directory,
# whose contact requests and GDPR parts use the person account.
ORGANISATION_MEMBER = {"check": lambda org, email: False}


def register_returning(event, person, now=None):
    """Register `person` for `event` with the details of their last participation, consent given by the click.

    They keep editing their organisation directly if they did before (or are one of its members)."""
    last = prefill(person, event)
    if last is None:
        raise RegistrationError(_("We found no earlier registration to copy; please use the registration form."))
    values = {k: getattr(last, k) for k in PERSON_FIELDS} | {"email": person.email, "role": last.role.value}
    values["languages"] = list(last.languages or [])
    org = last.organisation
    participant = register(event, values, {"name": org.name, "registration_id": org.registration_id}, {},
                           consent=True, now=now or utcnow())
    if participant.organisation_id == org.id and (
            last.organisation_confirmed or ORGANISATION_MEMBER["check"](org, person.email)):
        participant.organisation_confirmed = True
    db.session.flush()
    return participant
