"""E-mails to participants, each rendered in the recipient's language (templates/emails/participants/)."""
from flask import render_template
from flask_babel import gettext as _
from jinja2 import TemplateNotFound

from ..i18n import in_locale
from ..mail import external_url, send_email  # noqa: F401  (external_url: imported from here too)

SUBJECTS = {
    "registration": lambda ctx: _("Your registration for %(event)s", event=ctx["event"].name),
    "already_registered": lambda ctx: _("You are already registered for %(event)s", event=ctx["event"].name),
    "signin": lambda ctx: _("Your sign-in link for %(event)s", event=ctx["event"].name),
    "request_new": lambda ctx: _("%(name)s would like to meet you", name=ctx["other"].full_name),
    "request_accepted": lambda ctx: _("%(name)s accepted your meeting request", name=ctx["other"].full_name),
    "request_declined": lambda ctx: _("%(name)s declined your meeting request", name=ctx["other"].full_name),
    "request_expired": lambda ctx: _("Your meeting request to %(name)s has expired", name=ctx["other"].full_name),
}


def notify(participant, kind, **ctx):
    """Send the `kind` e-mail to `participant` in their language; returns the EmailRecord."""
    event = participant.event
    with in_locale(participant.locale):
        ctx = {"participant": participant, "event": event,
               "requests_link": external_url("meetings.list_requests", slug=event.slug), **ctx}
        subject = str(SUBJECTS[kind](ctx))
        text = render_template(f"emails/participants/{kind}.txt", **ctx)
        try:
            html = render_template(f"emails/participants/{kind}.html", **ctx)
        except TemplateNotFound:
            html = None
    return send_email(participant.email, subject, text, html=html, kind=kind, locale=participant.locale,
                      event=event, participant=participant)


def send_signin_link(participant, kind="signin"):
    from .tokens import make_token

    link = external_url("participants.signin_token", slug=participant.event.slug, token=make_token(participant))
    return notify(participant, kind, link=link)
