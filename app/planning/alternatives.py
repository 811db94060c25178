"""After a refused move: who is busy at the wanted time, and which times and tables are free for both.

Every suggestion is checked with the same rules as the move itself (`scheduler.violations`), so the organiser
can pick one and the move is saved."""
from dataclasses import dataclass

from flask_babel import gettext as _

from . import adapter, stats
from .editing import _check, _key, _state
from .services import PlanError

MAX_CHECKS = 80  # each check validates the whole plan; enough for a screenful of suggestions


@dataclass
class FreeSlot:
    slot: object
    tables: list


def busy_at(event, meeting, slot, table):
    """Sentences naming who already meets in `slot` (and with whom), and who holds `table` then."""
    lines = []
    others = [m for m in stats.scheduled_meetings(event) if m.slot_id == slot.id and m.id != meeting.id]
    for person in (meeting.participant_a, meeting.participant_b):
        taken = next((m for m in others if m.involves(person.id)), None)
        if taken is not None:
            partner = taken.participant_b if taken.participant_a_id == person.id else taken.participant_a
            lines.append(_("%(name)s already meets %(partner)s at table %(table)s then.", name=person.full_name,
                           partner=partner.full_name, table=taken.table.label if taken.table else "–"))
    holder = next((m for m in others if table is not None and m.table_id == table.id), None)
    if holder is not None:
        lines.append(_("Table %(table)s is taken then by %(a)s and %(b)s.", table=table.label,
                       a=holder.participant_a.full_name, b=holder.participant_b.full_name))
    return lines


def free_slots(event, meeting, per_slot=3):
    """[FreeSlot] of the times at which the move would be saved, each with up to `per_slot` tables."""
    problem, plan = _state(event)
    key = _key(meeting)
    mine = {adapter.pid(meeting.participant_a_id), adapter.pid(meeting.participant_b_id)}
    meets = {m.id: set(m.participants) for m in problem.meetings}
    used = {}
    for a in plan.assignments:
        if a.meeting != key:
            used.setdefault(a.slot, []).append(a)
    found, checks = [], 0
    for slot in event.slots:
        taken = used.get(slot.code, [])
        if any(meets.get(a.meeting, set()) & mine for a in taken):
            continue  # one of the two already meets someone else then
        tables, busy_tables = [], {a.table for a in taken}
        for table in event.tables:
            key_t = adapter.table_key(table)
            here = (slot.id, table.id) == (meeting.slot_id, meeting.table_id)
            if here or key_t in busy_tables or checks >= MAX_CHECKS:
                continue
            checks += 1
            if _allowed(problem, plan, key, slot.code, key_t):
                tables.append(table)
                if len(tables) >= per_slot:
                    break
        if tables:
            found.append(FreeSlot(slot, tables))
    return found


def _allowed(problem, plan, key, slot_code, table_key):
    try:
        _check(problem, plan, {key: (slot_code, table_key)})
    except PlanError:
        return False
    return True
