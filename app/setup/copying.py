"""Copy an event's set-up into a new event: the next exchange of a series starts from the last one.

Copied: the series, texts, venue, rules, sessions (same local clock times and breaks, moved to the new first day),
tables (numbers, names, zones) and interpreters. Not copied: people, hosts of stands, meetings, deadlines' absolute
dates (they move by the same number of days), unavailability — those belong to the old event's people.
"""
from datetime import datetime

from flask_babel import gettext as _

from ..events.models import EventStatus, Interpreter, Table
from ..extensions import db
from ..i18n import local_dt
from .setup_services import EVENT_FIELDS, SetupError, add_session, create_event

TEXT_FIELDS = ("privacy_cs", "privacy_de", "privacy_en")  # not set-up fields of create_event: copied after


def copy_event(source, slug, first_day, names=None):
    """A draft event `slug` whose first session is on `first_day` (a date in the source's time zone)."""
    if not source.sessions:
        raise SetupError(_("The event has no sessions yet; there is nothing to copy."))
    shift = first_day - source.sessions[0].day
    values = {f: getattr(source, f) for f in EVENT_FIELDS} | (names or {})
    values["status"] = EventStatus.DRAFT
    values["registration_deadline"] = _moved_local(source.registration_deadline_at, source.timezone, shift)
    values["request_deadline"] = _moved_local(source.request_deadline_at, source.timezone, shift)
    event = create_event(slug, **values)
    event.series_id = source.series_id  # the next exchange of the series: its people can be invited to it
    for field in TEXT_FIELDS:
        setattr(event, field, getattr(source, field))
    for sess in source.sessions:
        _copy_session(sess, event, sess.day + shift)
    for table in source.tables:
        db.session.add(Table(event=event, event_id=event.id, number=table.number, name=table.name,
                             zone=table.zone))
    for interp in source.interpreters:
        db.session.add(Interpreter(event=event, event_id=event.id, name=interp.name, email=interp.email,
                                   languages=list(interp.languages), unavailable_slots=[]))
    db.session.flush()
    return event


def _copy_session(sess, event, day):
    tz = event.timezone
    clock = lambda value: local_dt(value, tz).time().replace(tzinfo=None)  # noqa: E731
    breaks = [(clock(datetime.fromisoformat(b["start_at"])), clock(datetime.fromisoformat(b["end_at"])))
              for b in sess.breaks or []]
    names = {f"name_{lang}": getattr(sess, f"name_{lang}") for lang in ("cs", "de", "en")}
    add_session(event, sess.code, day, clock(sess.start_at), clock(sess.end_at), sess.slot_minutes,
                sess.gap_minutes, breaks, names)


def _moved_local(value, tz, shift):
    """A deadline moved by `shift` (whole days) at the same local clock time (the form's input is local)."""
    if value is None:
        return None
    return local_dt(value, tz).replace(tzinfo=None) + shift
