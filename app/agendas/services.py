"""Agenda services: participant documents, hashes, feed tokens and e-mail delivery.

Services flush, never commit. `send_agenda_emails(publication, participant_ids)` is called by the
planning feature when it publishes; `agenda_hash(participant)` tells whether an agenda changed.
"""
import hashlib
import json
import logging
import re
import secrets
import unicodedata
from dataclasses import replace

from flask import current_app, has_request_context, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..i18n import in_locale, utcnow
from ..mail import Attachment, MailError, send_email
from ..meetings.models import Meeting, MeetingStatus
from ..participants.models import Participant
from ..planning.models import AgendaDelivery, Publication
from . import ical, pdf
from .viewmodels import Mark, PlanData, build_agenda, load_plan
from .wishes import wish_outcomes

log = logging.getLogger(__name__)


class AgendaError(ValueError):
    """An agenda action cannot be done; the message is translated."""


# ------------------------------------------------------------------ links
def external_url(endpoint, **values):
    """An absolute link for documents and e-mails: SERVER_NAME_FOR_LINKS + the endpoint's path."""
    if has_request_context():
        path = url_for(endpoint, **values)
    else:
        with current_app.test_request_context("/"):
            path = url_for(endpoint, **values)
    return current_app.config.get("SERVER_NAME_FOR_LINKS", "").rstrip("/") + path


def live_url(token):
    return external_url("agendas.show_live_agenda", token=token)


def feed_url(token):
    return external_url("agendas.feed_ics", token=token)


# ------------------------------------------------------------------ one participant
def agenda_view(plan: PlanData, pid: int, hide_unpublished=False):
    token = plan.tokens.get(pid)
    return build_agenda(plan, pid, live_url=live_url(token) if token else "", hide_unpublished=hide_unpublished)


def participant_pdf(participant, lang=None, hide_unpublished=False, plan=None) -> bytes:
    """The agenda PDF of one participant, in their language (or `lang`: cs, de, en, bilingual)."""
    plan = plan or load_plan(participant.event)
    if participant.id not in plan.people:
        raise AgendaError(_("This participant has no agenda at this event."))
    return pdf.render_agenda(agenda_view(plan, participant.id, hide_unpublished), lang)


def participant_ics(participant, hide_unpublished=False, plan=None) -> bytes:
    plan = plan or load_plan(participant.event)
    if participant.id not in plan.people:
        raise AgendaError(_("This participant has no agenda at this event."))
    return ical.agenda_calendar(plan, participant.id, hide_unpublished=hide_unpublished)


def agenda_filename(participant, ext):
    """agenda-dvorak-12.pdf: ASCII only, so every mail client and file system keeps it."""
    folded = unicodedata.normalize("NFKD", participant.last_name.replace("ß", "ss")).encode("ascii", "ignore")
    name = re.sub(r"[^a-z0-9]+", "-", folded.decode().lower()).strip("-") or "participant"
    return f"agenda-{name}-{participant.id}.{ext}"


# ------------------------------------------------------------------ hashes
def agenda_lines(event_id, participant_ids=None) -> dict:
    """participant id -> sorted [uid, slot code, table label, partner id] of their scheduled meetings.

    The same lines (and so the same hash) as app.planning.services.agenda_lines, which stores the hash in
    AgendaDelivery when it publishes: an agenda counts as changed exactly when these lines differ.
    """
    query = select(Meeting).where(Meeting.event_id == event_id, Meeting.status == MeetingStatus.SCHEDULED)
    if participant_ids is not None:
        ids = list(participant_ids)
        query = query.where(or_(Meeting.participant_a_id.in_(ids), Meeting.participant_b_id.in_(ids)))
    lines = {}
    for m in db.session.scalars(query.options(selectinload(Meeting.slot), selectinload(Meeting.table))):
        where = [m.slot.code if m.slot else None, m.table.label if m.table else None]
        lines.setdefault(m.participant_a_id, []).append([m.uid, *where, m.participant_b_id])
        lines.setdefault(m.participant_b_id, []).append([m.uid, *where, m.participant_a_id])
    return {pid: sorted(rows, key=lambda x: (x[1] or "", x[0])) for pid, rows in lines.items()}


def hash_lines(lines) -> str:
    return hashlib.sha256(json.dumps(lines, sort_keys=True).encode()).hexdigest()


def agenda_hash(participant) -> str:
    """SHA-256 (64 hex digits) of the participant's agenda: their meetings, slots, tables and partners."""
    return hash_lines(agenda_lines(participant.event_id, [participant.id]).get(participant.id, []))


# ------------------------------------------------------------------ feed tokens
def participant_by_feed_token(token):
    if not token or len(token) < 32:
        return None
    return db.session.scalar(select(Participant).where(Participant.feed_token == token))


def regenerate_feed_token(participant):
    """Revoke the participant's feed and live-agenda links: the old URL stops working at once."""
    participant.feed_token = secrets.token_urlsafe(32)
    db.session.flush()
    return participant.feed_token


# ------------------------------------------------------------------ e-mail
def send_agenda_emails(publication, participant_ids) -> int:
    """E-mail each listed participant their agenda (PDF + .ics) in their language; returns how many were sent.

    Sets AgendaDelivery.sent_at (creating the row if the caller did not) and records every message
    (EmailRecord via app.mail). A failed delivery is logged and skipped; the others still go out.
    """
    from ..events.models import Event

    event = db.session.get(Event, publication.event_id)
    plan = replace(load_plan(event), mark=Mark(str(publication.kind.value), publication.version))
    sent = 0
    for pid in participant_ids:
        participant = db.session.get(Participant, pid)
        if participant is None or participant.event_id != event.id or pid not in plan.people:
            continue
        if _send_one(event, publication, plan, participant):
            sent += 1
    db.session.flush()
    return sent


def _send_one(event, publication, plan, participant) -> bool:
    view = agenda_view(plan, participant.id)
    pdf_bytes = pdf.render_agenda(view)
    ics_bytes = ical.agenda_calendar(plan, participant.id)
    locale = pdf.agenda_lang(view)
    with in_locale(locale):
        context = {"a": view, "participant": participant, "feed_url": feed_url(participant.feed_token),
                   "event_name": plan.event.name(locale), "publication": publication,
                   "wishes": wish_outcomes(participant), "fmt_day": pdf.fmt_day, "fmt_clock": pdf.fmt_clock}
        subject = _("Your agenda for %(event)s (version %(version)s)", event=plan.event.name(locale),
                    version=publication.version)
        text = render_template("emails/agendas/agenda.txt", **context)
        html = render_template("emails/agendas/agenda.html", **context)
    attachments = [Attachment(agenda_filename(participant, "pdf"), pdf_bytes, "application/pdf"),
                   Attachment(agenda_filename(participant, "ics"), ics_bytes, "text/calendar")]
    try:
        send_email(participant.email, subject, text, html=html, attachments=attachments, kind="agenda",
                   locale=locale, event=event, participant=participant)
    except MailError as exc:
        log.warning("agenda e-mail not sent: %s", exc)
        return False
    _mark_delivered(publication, participant)
    return True


def _mark_delivered(publication, participant):
    """Set sent_at on the participant's AgendaDelivery (made by publishing; created here if missing)."""
    delivery = db.session.scalar(select(AgendaDelivery).where(
        AgendaDelivery.publication_id == publication.id, AgendaDelivery.participant_id == participant.id))
    if delivery is None:
        digest = agenda_hash(participant)
        previous = last_delivered_hashes(publication.event_id).get(participant.id)
        delivery = AgendaDelivery(publication_id=publication.id, participant_id=participant.id,
                                  agenda_hash=digest, changed=previous != digest)
        db.session.add(delivery)
    delivery.sent_at = utcnow()
    db.session.flush()
    return delivery


def last_delivered_hashes(event_id) -> dict:
    """participant id -> agenda hash of the last agenda actually sent to them."""
    rows = db.session.execute(
        select(AgendaDelivery.participant_id, AgendaDelivery.agenda_hash)
        .join(Publication, Publication.id == AgendaDelivery.publication_id)
        .where(Publication.event_id == event_id, AgendaDelivery.sent_at.is_not(None))
        .order_by(AgendaDelivery.sent_at, AgendaDelivery.id)).all()
    return dict(rows)  # later rows win


def changed_participants(event, plan: PlanData | None = None) -> list[int]:
    """Participants whose agenda differs from the last one they were sent (or who never got one)."""
    plan = plan or load_plan(event)
    sent, lines = last_delivered_hashes(event.id), agenda_lines(event.id)
    people = db.session.scalars(select(Participant).where(Participant.id.in_(list(plan.people)))).all()
    return sorted(p.id for p in people if p.email and sent.get(p.id) != hash_lines(lines.get(p.id, [])))


def resend_changed_agendas(event) -> int:
    """Send the latest publication's agenda only to those whose agenda changed since their last e-mail."""
    from .viewmodels import latest_publication

    publication = latest_publication(event.id)
    if publication is None:
        raise AgendaError(_("The plan has not been published yet, so there is nothing to send."))
    return send_agenda_emails(publication, changed_participants(event))
