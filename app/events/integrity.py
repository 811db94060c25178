"""Integrity rules the database cannot express portably, checked before every flush."""
from sqlalchemy import event as sa_event
from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import Slot, Table


class IntegrityRuleError(ValueError):
    """A model integrity rule was broken (raised at flush time)."""


def check_slot(session, slot):
    if slot.end_at <= slot.start_at:
        raise IntegrityRuleError(f"Slot {slot.start_at:%Y-%m-%d %H:%M} ends before it starts.")
    others = session.scalars(select(Slot).where(Slot.event_id == slot.event_id, Slot.id != slot.id,
                                                Slot.start_at < slot.end_at, Slot.end_at > slot.start_at))
    pending = [s for s in session.new if isinstance(s, Slot) and s is not slot and s.event_id == slot.event_id
               and slot.overlaps(s)]
    clash = next(iter(others), None) or (pending[0] if pending else None)
    if clash is not None:
        raise IntegrityRuleError(
            f"Slot {slot.start_at:%Y-%m-%d %H:%M}–{slot.end_at:%H:%M} overlaps slot "
            f"{clash.start_at:%Y-%m-%d %H:%M}–{clash.end_at:%H:%M}.")


def check_table(session, table):
    if table.host_participant_id is None and table.host is None:
        return
    participant = Table.host.property.mapper.class_  # not imported: events sit below the participants
    host = table.host or session.get(participant, table.host_participant_id)
    if host.event_id != table.event_id:
        raise IntegrityRuleError(f"Table {table.number}: its host belongs to another event.")


@sa_event.listens_for(Session, "before_flush")
def _before_flush(session, flush_context, instances):
    with session.no_autoflush:
        for obj in list(session.new) + list(session.dirty):
            if isinstance(obj, Slot) and obj.start_at and obj.end_at:
                check_slot(session, obj)
            elif isinstance(obj, Table):
                check_table(session, obj)
