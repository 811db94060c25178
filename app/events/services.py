"""Event services: slot generation and look-ups. Services flush, never commit."""
from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import func, select

from ..extensions import db
from .models import Event, EventSession, EventStatus, Slot


class EventError(ValueError):
    pass


def get_event(slug):
    return db.session.scalar(select(Event).where(Event.slug == slug))


def slot_times(start_at, end_at, slot_minutes, gap_minutes=0, breaks=()):
    """(start, end) pairs of slots in [start_at, end_at), skipping breaks; naive UTC in and out."""
    if slot_minutes <= 0:
        raise EventError(_("The slot length must be a positive number of minutes."))
    spans = sorted((_parse(b["start_at"]), _parse(b["end_at"])) for b in breaks)
    step, cursor, out = timedelta(minutes=slot_minutes), start_at, []
    while cursor + step <= end_at:
        clash = next(((s, e) for s, e in spans if cursor < e and s < cursor + step), None)
        if clash is not None:
            cursor = clash[1]
            continue
        out.append((cursor, cursor + step))
        cursor += step + timedelta(minutes=gap_minutes)
    return out


def generate_slots(session_obj: EventSession):
    """(Re)create the slots of one session. Refuses if meetings are already placed in them."""
    meetings = db.metadata.tables["meetings"]  # the table, not app.meetings: events sit below the meetings

    old_ids = [s.id for s in session_obj.slots if s.id is not None]
    if old_ids and db.session.scalar(select(func.count()).select_from(meetings)
                                     .where(meetings.c.slot_id.in_(old_ids))):
        raise EventError(_("Meetings are already placed in this session; move them before changing its slots."))
    for slot in list(session_obj.slots):
        db.session.delete(slot)
    db.session.flush()
    times = slot_times(session_obj.start_at, session_obj.end_at, session_obj.slot_minutes,
                       session_obj.gap_minutes, session_obj.breaks or ())
    if not times:
        raise EventError(_("The session is shorter than one slot."))
    slots = [Slot(event_id=session_obj.event_id, session=session_obj, start_at=s, end_at=e) for s, e in times]
    db.session.add_all(slots)
    db.session.flush()
    return slots


def visible_statuses():
    return (EventStatus.OPEN, EventStatus.PLANNING, EventStatus.PUBLISHED, EventStatus.CLOSED)


def _parse(value):
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)
