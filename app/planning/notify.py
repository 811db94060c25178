"""Plain e-mail notices, rendered in each recipient's language (used when the agendas feature is absent)."""
from flask import current_app, render_template
from flask_babel import gettext as _

from ..i18n import in_locale
from ..mail import send_email


def send_plain_notices(publication, people):
    event = publication.event if hasattr(publication, "event") and publication.event else None
    if event is None:
        from ..events.models import Event
        from ..extensions import db

        event = db.session.get(Event, publication.event_id)
    base = current_app.config.get("SERVER_NAME_FOR_LINKS", "")
    for p in people:
        with in_locale(p.locale):
            subject = _("Your meeting agenda for %(event)s has changed", event=event.name)
            text = render_template("planning/mail/agenda_notice.txt", participant=p, event=event,
                                   publication=publication, base=base)
            send_email(p.email, subject, text, kind="agenda", locale=p.locale, event=event, participant=p)
    return len(people)


def send_status_notice(participant, approved):
    """Tell a participant that their registration was approved or rejected, in their language."""
    event = participant.event
    with in_locale(participant.locale):
        if approved:
            subject = _("Your registration for %(event)s is approved", event=event.name)
        else:
            subject = _("Your registration for %(event)s was not accepted", event=event.name)
        text = render_template("planning/mail/status_notice.txt", participant=participant, event=event,
                               approved=approved, base=current_app.config.get("SERVER_NAME_FOR_LINKS", ""))
        send_email(participant.email, subject, text, kind="registration", locale=participant.locale,
                   event=event, participant=participant)
