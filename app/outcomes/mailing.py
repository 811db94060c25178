"""Outcome e-mails: the rating request after the event and the follow-up surveys months later.

Each is rendered in the recipient's language and carries a signed single-purpose link (no sign-in) and a
one-click opt-out link. Nobody who deleted their data or opted out receives anything. The handlers take a
payload dict (job queue contract) and add to the session; the caller (worker) commits.
"""
from flask import render_template
from flask_babel import gettext as _
from sqlalchemy import select

from ..events.models import Event
from ..extensions import db
from ..i18n import in_locale
from ..mail import send_email
from ..participants.models import Participant
from ..participants.notify import external_url
from .ratings import meetings_to_rate
from .tokens import make_link_token


def reachable(participant):
    """May this person still be e-mailed about outcomes?"""
    return participant.anonymised_at is None and participant.opted_out_at is None and bool(participant.email)


def recipients(event):
    """Participants of the event with at least one meeting that had a time, who may be e-mailed."""
    people = db.session.scalars(select(Participant).where(Participant.event_id == event.id)
                                .order_by(Participant.id))
    return [p for p in people if reachable(p) and meetings_to_rate(p)]


def _send(participant, kind, subject, **ctx):
    event = participant.event
    opt_out = external_url("outcomes_public.opt_out", slug=event.slug,
                           token=make_link_token(participant, "opt-out"))
    with in_locale(participant.locale):
        text = render_template(f"emails/outcomes/{kind}.txt", participant=participant, event=event,
                               opt_out=opt_out, **ctx)
        subject = str(subject(event))
    return send_email(participant.email, subject, text, kind=kind, locale=participant.locale, event=event,
                      participant=participant)


def send_rating_request(participant):
    link = external_url("outcomes_public.rate_meetings", slug=participant.event.slug,
                        token=make_link_token(participant, "rate"))
    return _send(participant, "rating_request",
                 lambda event: _("How were your meetings at %(event)s?", event=event.name), link=link)


def send_ratings(payload):
    """Job handler: every reachable participant of the event gets their rating link once per call."""
    event = db.session.get(Event, payload["event_id"])
    if event is None:
        return
    for participant in recipients(event):
        send_rating_request(participant)


def send_follow_up(participant, months):
    link = external_url("outcomes_public.answer_follow_up", slug=participant.event.slug,
                        token=make_link_token(participant, "follow-up", m=months))
    return _send(participant, "follow_up",
                 lambda event: _("%(event)s: did your meetings lead to cooperation?", event=event.name),
                 link=link, months=months)


def send_follow_ups(payload):
    """Job handler: the follow-up survey `months` after the event, to everyone who held a meeting."""
    from .followup import partners_met

    event = db.session.get(Event, payload["event_id"])
    if event is None:
        return
    for participant in recipients(event):
        if partners_met(participant):
            send_follow_up(participant, int(payload["months"]))
