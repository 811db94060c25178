"""Who gets which reminder, and its e-mail in the reader's language (see reminders.py for when).

Only approved people who may still be e-mailed (not opted out, not deleted) and who did not get this kind of
reminder for this event before. Handlers add to the session; the worker commits.
"""
from babel.dates import format_date, format_skeleton, format_time
from flask_babel import gettext as _
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..i18n import in_locale, local_dt
from ..meetings.models import Meeting, MeetingRequest, MeetingStatus, RequestStatus
from ..participants.models import Participant, ParticipantStatus
from ..participants.notify import external_url
from ..planning.models import EmailRecord
from .mailing import _send, reachable
from .tokens import make_link_token


def _already_sent(event, mail_kind):
    return set(db.session.scalars(select(EmailRecord.participant_id).where(
        EmailRecord.event_id == event.id, EmailRecord.kind == mail_kind)))


def candidates(event, mail_kind):
    """Approved, reachable people of the event who did not get `mail_kind` yet."""
    sent = _already_sent(event, mail_kind)
    people = db.session.scalars(select(Participant).where(
        Participant.event_id == event.id, Participant.status == ParticipantStatus.APPROVED)
        .options(selectinload(Participant.organisation)).order_by(Participant.id))
    return [p for p in people if reachable(p) and p.id not in sent]


def scheduled_meetings(participant):
    return db.session.scalars(select(Meeting).where(
        Meeting.event_id == participant.event_id, Meeting.status == MeetingStatus.SCHEDULED,
        Meeting.slot_id.is_not(None),
        or_(Meeting.participant_a_id == participant.id, Meeting.participant_b_id == participant.id))
        .options(selectinload(Meeting.slot), selectinload(Meeting.table))).all()


# ------------------------------------------------------------------ a) will you come?
def send_confirm(event):
    for p in candidates(event, "remind_confirm"):
        if p.attendance_answer:
            continue
        token = make_link_token(p, "attend")
        link = external_url("outcomes_public.confirm_attendance", slug=event.slug, token=token)
        day = first_day_text(event, p.locale)
        _send(p, "remind_confirm", lambda ev: _("%(event)s: will you come?", event=ev.name), link=link, day=day)


def first_day_text(event, locale):
    from .reminders import first_day

    day = first_day(event)
    return format_date(day, "long", locale=locale) if day else ""   # "10. března 2027": fits "začíná …"


# ------------------------------------------------------------------ b) the agenda the day before
def agenda_lines(participant, locale):
    """'09:00–09:25 · table 4 · Anke Richter (Erzguss GmbH)' for each scheduled meeting, in time order."""
    tz = participant.event.timezone
    lines = []
    for m in sorted(scheduled_meetings(participant), key=lambda m: m.slot.start_at):
        start, end = local_dt(m.slot.start_at, tz), local_dt(m.slot.end_at, tz)
        partner = m.partner_of(participant)
        org = partner.organisation.name if partner.organisation else ""
        when = f"{format_skeleton('MEd', start, locale=locale)} {format_time(start, 'short', locale=locale)}" \
               f"–{format_time(end, 'short', locale=locale)}"   # as the agenda PDF writes it: "st 10. 3. 9:00"
        where = _("table %(table)s", table=m.table.label) if m.table else ""
        lines.append(" · ".join(x for x in (when, where, f"{partner.full_name} ({org})" if org else
                                            partner.full_name) if x))
    return lines


def send_agenda(event):
    from ..agendas.services import live_url

    for p in candidates(event, "remind_agenda"):
        if not scheduled_meetings(p):
            continue
        with in_locale(p.locale):
            lines = agenda_lines(p, p.locale)
        _send(p, "remind_agenda", lambda ev: _("Tomorrow at %(event)s: your meetings", event=ev.name),
              lines=lines, live=live_url(p.feed_token))


# ------------------------------------------------------------------ c) nudge before the request deadline
def request_counts(participant):
    """(requests sent, received requests waiting for this person's answer)."""
    sent = db.session.scalar(select(func.count(MeetingRequest.id)).where(
        MeetingRequest.requester_id == participant.id)) or 0
    waiting = db.session.scalar(select(func.count(MeetingRequest.id)).where(
        MeetingRequest.target_id == participant.id, MeetingRequest.status == RequestStatus.PENDING)) or 0
    return sent, waiting


def send_requests_nudge(event):
    deadline = local_dt(event.request_deadline_at, event.timezone)
    for p in candidates(event, "remind_requests"):
        sent, waiting = request_counts(p)
        if sent and not waiting:
            continue
        when = f"{format_date(deadline, 'full', locale=p.locale)} {format_time(deadline, 'short', locale=p.locale)}"
        _send(p, "remind_requests", lambda ev: _("%(event)s: meeting requests close soon", event=ev.name),
              sent=sent, waiting=waiting, deadline=when,
              requests=external_url("meetings.list_requests", slug=event.slug),
              marketplace=external_url("participants.marketplace", slug=event.slug))


# ------------------------------------------------------------------ d) no meeting in the final plan
def no_meeting_reason(participant):
    """'not_fitted' (accepted requests that found no common time), 'not_accepted' (requests, none accepted)
    or 'no_requests' (none sent or received)."""
    rows = db.session.scalars(select(MeetingRequest.status).where(
        or_(MeetingRequest.requester_id == participant.id, MeetingRequest.target_id == participant.id))).all()
    if RequestStatus.ACCEPTED in rows:
        return "not_fitted"
    return "not_accepted" if rows else "no_requests"


def send_no_meetings(event):
    for p in candidates(event, "remind_no_meetings"):
        if scheduled_meetings(p):
            continue
        _send(p, "remind_no_meetings", lambda ev: _("%(event)s: no meetings in your agenda yet", event=ev.name),
              reason=no_meeting_reason(p), marketplace=external_url("participants.marketplace", slug=event.slug),
              directory=external_url("directory.list_organisations"))


SENDERS = {"confirm": send_confirm, "agenda": send_agenda, "requests": send_requests_nudge,
           "no_meetings": send_no_meetings}
