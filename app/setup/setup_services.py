"""Organiser event set-up: event data, sessions with generated slots, tables, interpreters.

Impossible set-ups are refused with a translated SetupError. Services flush, never commit.
"""
from datetime import datetime, time

from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import func, select

from ..events.models import Event, EventSession, Interpreter, Table
from ..events.services import EventError, generate_slots, slot_times
from ..extensions import db
from ..i18n import local_dt, to_utc
from ..meetings.models import Meeting
from ..participants.models import Participant, ParticipantRole, ParticipantStatus


class SetupError(ValueError):
    pass


EVENT_FIELDS = ("name_cs", "name_de", "name_en", "description_cs", "description_de", "description_en",
                "venue", "venue_address", "timezone", "default_locale", "request_mode", "require_approval",
                "max_meetings_default", "max_open_requests", "cross_border_weight", "request_expiry_hours",
                "contact_email", "status", "languages", "funding_statement", "programme_name",
                "remind_confirm", "remind_confirm_days", "remind_agenda", "remind_requests", "remind_requests_days",
                "remind_no_meetings")


def create_event(slug, **values):
    if db.session.scalar(select(Event).where(Event.slug == slug)):
        raise SetupError(_("An event with this short name exists already."))
    event = Event(slug=slug)
    db.session.add(event)
    update_event(event, **values)
    return event


def update_event(event, registration_deadline=None, request_deadline=None, **values):
    """`*_deadline` are naive local wall-clock datetimes in the event's time zone."""
    for key, value in values.items():
        if key in EVENT_FIELDS:
            setattr(event, key, value)
    if not (event.name_cs or event.name_de or event.name_en):
        raise SetupError(_("Give the event a name in at least one language."))
    if event.max_meetings_default is not None and event.max_meetings_default < 1:
        raise SetupError(_("The cap on meetings must be at least 1."))
    tz = event.timezone or "Europe/Prague"
    event.registration_deadline_at = to_utc(registration_deadline, tz) if registration_deadline else None
    event.request_deadline_at = to_utc(request_deadline, tz) if request_deadline else None
    if (event.registration_deadline_at and event.request_deadline_at
            and event.request_deadline_at < event.registration_deadline_at):
        raise SetupError(_("Meeting requests cannot close before registration closes."))
    db.session.flush()
    return event


def parse_breaks(text):
    """'10:30-11:00, 15:00-15:30' -> [(time, time)]."""
    out = []
    for part in (text or "").replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        try:
            a, b = (time.fromisoformat(x.strip()) for x in part.split("-", 1))
        except ValueError as exc:
            raise SetupError(_("Write breaks like 10:30-11:00, separated by commas.")) from exc
        if b <= a:
            raise SetupError(_("A break must end after it starts."))
        out.append((a, b))
    return out


def add_session(event, code, day, start, end, slot_minutes, gap_minutes=0, breaks=(), names=None):
    """A session on `day` from `start` to `end` (local times) with generated slots."""
    if end <= start:
        raise SetupError(_("The session must end after it starts."))
    if slot_minutes < 5:
        raise SetupError(_("A slot must last at least 5 minutes."))
    if db.session.scalar(select(EventSession).where(EventSession.event_id == event.id, EventSession.code == code)):
        raise SetupError(_("A session with this code exists already."))
    local = lambda t: to_utc(datetime.combine(day, t), event.timezone)  # noqa: E731
    for a, b in breaks:
        if a < start or b > end:
            raise SetupError(_("A break lies outside the session."))
    spans = [{"start_at": local(a).isoformat(), "end_at": local(b).isoformat()} for a, b in breaks]
    check_no_overlap(event, local(start), local(end))
    check_slot_fit(local(start), local(end), slot_minutes, gap_minutes, spans)
    sess = EventSession(event=event, event_id=event.id, code=code, day=day, start_at=local(start),
                        end_at=local(end), slot_minutes=slot_minutes, gap_minutes=gap_minutes, breaks=spans,
                        **(names or {}))
    db.session.add(sess)
    db.session.flush()
    try:
        generate_slots(sess)
    except EventError as exc:
        raise SetupError(str(exc)) from exc
    return sess


def check_no_overlap(event, start_at, end_at):
    """Sessions of one event never overlap: a participant cannot sit in two time slots at once."""
    clash = db.session.scalar(select(EventSession).where(
        EventSession.event_id == event.id, EventSession.start_at < end_at, EventSession.end_at > start_at))
    if clash is not None:
        raise SetupError(_("This session overlaps session %(code)s (%(day)s, %(start)s–%(end)s). Choose other "
                           "times or change that session first.", code=clash.code,
                           day=format_date(local_dt(clash.start_at, event.timezone).date()),
                           start=local_dt(clash.start_at, event.timezone).strftime("%H:%M"),
                           end=local_dt(clash.end_at, event.timezone).strftime("%H:%M")))


def check_slot_fit(start_at, end_at, slot_minutes, gap_minutes, breaks):
    """Refuse a slot length that leaves a gap longer than the change-over time before a break or the end."""
    times = slot_times(start_at, end_at, slot_minutes, gap_minutes, breaks)
    if not times:
        raise SetupError(_("A slot of %(minutes)s minutes does not fit into the session.", minutes=slot_minutes))
    edges = sorted([datetime.fromisoformat(b["start_at"]) for b in breaks] + [end_at])
    for edge in edges:
        before = [e for _s, e in times if e <= edge]
        last = max(before) if before else start_at
        left = (edge - last).total_seconds() / 60
        if left > gap_minutes:
            raise SetupError(_("Slots of %(minutes)s minutes plus %(gap)s minutes change-over do not divide the "
                               "session: %(left)s minutes stay unused before %(when)s. Change the slot length, "
                               "the times or the breaks.", minutes=slot_minutes, gap=gap_minutes,
                               left=int(left), when=_clock(edge, start_at, end_at)))


def _clock(edge, start_at, end_at):
    return _("the end") if edge == end_at else _("a break")


def delete_session(sess):
    ids = [s.id for s in sess.slots]
    if ids and db.session.scalar(select(func.count(Meeting.id)).where(Meeting.slot_id.in_(ids))):
        raise SetupError(_("Meetings are already placed in this session; move them before changing its slots."))
    db.session.delete(sess)
    db.session.flush()


def exhibitors(event):
    return db.session.scalars(select(Participant).where(
        Participant.event_id == event.id, Participant.role == ParticipantRole.EXHIBITOR,
        Participant.status == ParticipantStatus.APPROVED).order_by(Participant.last_name)).all()


def set_table_count(event, count, zone=""):
    """Add or remove tables at the end so that the event has `count` tables."""
    hosts = len(exhibitors(event))
    if count < hosts:
        raise SetupError(_("There are %(hosts)s exhibitors with their own stand but only %(tables)s tables.",
                           hosts=hosts, tables=count))
    tables = list(event.tables)
    for t in tables[count:]:
        if t.host_participant_id or db.session.scalar(select(func.count(Meeting.id)).where(Meeting.table_id == t.id)):
            raise SetupError(_("Table %(table)s has a host or meetings; it cannot be removed.", table=t.label))
        db.session.delete(t)
    start = (tables[-1].number if tables else 0) + 1
    for n in range(start, start + max(0, count - len(tables))):
        db.session.add(Table(event=event, event_id=event.id, number=n, zone=zone))
    db.session.flush()
    db.session.expire(event, ["tables"])
    return event.tables


def update_tables(event, rows):
    """Save every table at once: `rows` is [(table, name, zone, host participant or None)]. A host may move
    from one table to another in the same save (the hosts are cleared first: one table per host)."""
    hosts = [host.id for _t, _n, _z, host in rows if host is not None]
    if len(hosts) != len(set(hosts)):
        raise SetupError(_("An exhibitor can host only one table."))
    for table, _name, _zone, host in rows:
        if table.event_id != event.id or (host is not None and host.event_id != event.id):
            raise SetupError(_("The host must take part in this event."))
        table.host_participant_id = None
    db.session.flush()
    for table, name, zone, host in rows:
        update_table(table, name, zone, host)
    return [t for t, _n, _z, _h in rows]


def update_table(table, name="", zone="", host=None):
    if host is not None and host.event_id != table.event_id:
        raise SetupError(_("The host must take part in this event."))
    if host is not None:
        other = db.session.scalar(select(Table).where(Table.host_participant_id == host.id, Table.id != table.id))
        if other is not None:
            raise SetupError(_("%(name)s already hosts table %(table)s.", name=host.full_name, table=other.label))
    table.name, table.zone = name, zone
    table.host_participant_id = host.id if host else None
    db.session.flush()
    return table


def add_interpreter(event, name, languages, email="", unavailable=()):
    languages = list(dict.fromkeys(languages))
    if len(languages) < 2:
        raise SetupError(_("An interpreter must speak at least two languages."))
    if not name.strip():
        raise SetupError(_("Give the interpreter's name."))
    interp = Interpreter(event=event, event_id=event.id, name=name.strip(), email=email, languages=languages,
                         unavailable_slots=list(unavailable))
    db.session.add(interp)
    db.session.flush()
    return interp


def delete_interpreter(interp):
    db.session.execute(Meeting.__table__.update().where(Meeting.interpreter_id == interp.id)
                       .values(interpreter_id=None))
    db.session.delete(interp)
    db.session.flush()


