"""View models of the organiser documents: master plan, table door sheets, desk list, change sheet.

All are built from a `PlanData` (see viewmodels.py); nothing here touches the database.
"""
from dataclasses import dataclass
from datetime import date, datetime

from .viewmodels import MeetingView, Person, Place, PlanData, SlotView


@dataclass(frozen=True)
class MasterRow:
    table: Place
    cells: tuple  # MeetingView | None per slot of the day


@dataclass(frozen=True)
class MasterDay:
    day: date
    slots: tuple[SlotView, ...]
    rows: tuple[MasterRow, ...]


@dataclass(frozen=True)
class TableSheet:
    table: Place
    rows: tuple  # (SlotView, MeetingView | None)
    count: int


@dataclass(frozen=True)
class DeskRow:
    person: Person
    first: MeetingView | None
    count: int


@dataclass(frozen=True)
class Where:
    """Where a meeting was or is: the slot's start (aware, event zone; None when the slot is gone, then the
    stored `slot_key` is shown) and the table with its zone. Each language formats it itself."""
    start: datetime | None
    slot_key: str
    table: str  # table label, "" without a table
    zone: str
    name: str = ""  # the table's own name, or the organisation hosting it (see Place)
    host: str = ""


@dataclass(frozen=True)
class Change:
    kind: str  # "new" | "moved" | "cancelled"
    uid: str
    people: tuple  # Person, Person (or fewer when unknown)
    before: Where | None
    after: Where | None


def days_of(plan: PlanData):
    days: dict[date, list[SlotView]] = {}
    for slot in plan.slots:
        days.setdefault(slot.day, []).append(slot)
    return days


def active_by_cell(plan: PlanData):
    return {(m.slot.id, m.table.id): m for m in plan.meetings if not m.cancelled and m.table is not None}


def master_plan(plan: PlanData):
    """One grid per day: a row per table, a column per slot."""
    cells = active_by_cell(plan)
    out = []
    for day, slots in days_of(plan).items():
        rows = tuple(MasterRow(t, tuple(cells.get((s.id, t.id)) for s in slots)) for t in plan.tables)
        out.append(MasterDay(day, tuple(slots), rows))
    return out


def table_sheets(plan: PlanData):
    """One door sheet per table: every slot with who meets there."""
    cells = active_by_cell(plan)
    sheets = []
    for table in plan.tables:
        rows = tuple((s, cells.get((s.id, table.id))) for s in plan.slots)
        sheets.append(TableSheet(table, rows, sum(1 for _, m in rows if m is not None)))
    return sheets


def desk_list(plan: PlanData):
    """Arrivals at the desk: each person with their first meeting (and how many they have)."""
    rows = []
    for person in sorted(plan.people.values(), key=lambda p: (p.last_name.casefold(), p.name.casefold())):
        mine = plan.meetings_of(person.id)
        rows.append(DeskRow(person, mine[0] if mine else None, len(mine)))
    return rows


# ------------------------------------------------------------------ snapshots and changes
def plan_snapshot(plan: PlanData) -> dict:
    """{meeting uid: [slot code, table label, partner id]} of scheduled meetings, as planning stores in
    Publication.snapshot (see app.planning.services.publish)."""
    return {m.uid: [m.slot.code, m.table.label if m.table else None, m.b.id] for m in plan.meetings
            if m.status == "scheduled"}


def _entry(value):
    """(slot key, table key, participant ids, cancelled) from a snapshot entry (list or dict form)."""
    if isinstance(value, dict):
        value = [value.get("slot"), value.get("table"), value.get("participants") or [], value.get("status", "")]
    value = list(value) + [None] * 4
    slot, table, people, status = value[:4]
    if isinstance(people, int | str) and str(people).isdigit():
        people = [people]
    ids = [int(x) for x in people] if isinstance(people, list | tuple) else []
    return (None if slot is None else str(slot), None if table is None else str(table), ids,
            status == "cancelled")


def _place(slot_key, table_key, plan_keys):
    """A Where for a slot code (or id) and a table label (or number), or None when there is neither."""
    slots_by_key, tables_by_key = plan_keys
    if slot_key is None and table_key is None:
        return None
    slot, table = slots_by_key.get(slot_key), tables_by_key.get(table_key)
    return Where(start=slot.start if slot else None, slot_key=slot_key or "",
                 table=table.label if table else (table_key or ""), zone=table.zone if table else "",
                 name=table.name if table else "", host=table.host if table else "")


def changes_since(plan: PlanData, snapshot: dict):
    """What differs between the current plan and an earlier snapshot: new, moved and cancelled meetings."""
    slots_by_key = {k: s for s in plan.slots for k in (s.code, str(s.id))}
    tables_by_key = {k: t for t in plan.tables for k in (str(t.number), t.label)}
    keys = (slots_by_key, tables_by_key)
    current = {m.uid: m for m in plan.meetings}
    out = []
    for m in plan.meetings:
        old = snapshot.get(m.uid)
        now = _place(m.slot.code, m.table.label if m.table else None, keys)
        if old is None:
            if not m.cancelled:
                out.append(Change("new", m.uid, (m.a, m.b), None, now))
            continue
        slot_key, table_key, _, was_cancelled = _entry(old)
        before = _place(slot_key, table_key, keys)
        if m.cancelled and not was_cancelled:
            out.append(Change("cancelled", m.uid, (m.a, m.b), before, None))
        elif not m.cancelled and (was_cancelled or not _same(m, slot_key, table_key)):
            out.append(Change("new" if was_cancelled else "moved", m.uid, (m.a, m.b), before, now))
    for uid, old in snapshot.items():
        if uid in current:
            continue
        slot_key, table_key, ids, was_cancelled = _entry(old)
        if not was_cancelled:
            people = tuple(plan.people[i] for i in ids if i in plan.people)
            out.append(Change("cancelled", uid, people, _place(slot_key, table_key, keys), None))
    return out


def _same(m: MeetingView, slot_key, table_key):
    slot_same = slot_key in (m.slot.code, str(m.slot.id))
    table_same = (table_key is None and m.table is None) or (
        m.table is not None and table_key in (m.table.label, str(m.table.number)))
    return slot_same and table_same
