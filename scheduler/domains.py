"""Static feasibility: which slots each meeting could use before any other meeting is placed.

The solver creates variables only for these (meeting, slot) pairs; the baseline and the reasons
for unscheduled meetings use the same domains.
"""

from __future__ import annotations

from dataclasses import dataclass

from .index import Index
from .model import Meeting


@dataclass(frozen=True)
class Domain:
    slots: tuple[int, ...]          # feasible slot positions
    table: str | None               # the one table the meeting must use, or None
    interpreters: tuple[str, ...]   # eligible interpreters if one is needed, else ()
    needs_interpreter: bool
    reason: str | None              # why ``slots`` is empty


def _allowed_by_meeting(ix: Index, m: Meeting) -> list[int]:
    allowed = []
    locked = ix.previous[m.id].slot if m.id in ix.problem.locked else None
    for n, s in enumerate(ix.slots):
        if m.session is not None and s.session != m.session:
            continue
        if m.fixed_slot is not None and s.id != m.fixed_slot:
            continue
        if locked is not None and s.id != locked:
            continue
        allowed.append(n)
    return allowed


def _free(ix: Index, people, n: int) -> bool:
    sid = ix.slots[n].id
    return all(sid not in ix.people[p].unavailable for p in people)


def _interpreter_free(ix: Index, eligible, n: int) -> bool:
    sid = ix.slots[n].id
    return any(sid not in ix.interpreters[i].unavailable for i in eligible)


def _empty_reason(ix: Index, m: Meeting, allowed, common, table_ok, table) -> str:
    people = m.participants
    if not table_ok or (table is None and not ix.free_tables):
        return "no_table"
    if any(ix.people[p].max_meetings == 0 for p in people):
        return "max_meetings"
    if any(not any(_free(ix, [p], n) for n in allowed) for p in people):
        return "participant_unavailable"
    if not common:
        return "no_common_slot"
    return "no_interpreter"


def meeting_domain(ix: Index, m: Meeting) -> Domain:
    table_ok, table = ix.required_table(m)
    allowed = _allowed_by_meeting(ix, m)
    common = [n for n in allowed if _free(ix, m.participants, n)]
    needs = ix.needs_interpreter(m)
    eligible = ix.eligible_interpreters(m) if needs else ()
    slots = common
    if needs:
        slots = [n for n in common if _interpreter_free(ix, eligible, n)]
    blocked = not table_ok or (table is None and not ix.free_tables)
    blocked = blocked or any(ix.people[p].max_meetings == 0 for p in m.participants)
    if blocked:
        slots = []
    reason = None if slots else _empty_reason(ix, m, allowed, common, table_ok, table)
    return Domain(tuple(slots), table, eligible, needs, reason)


def domains(ix: Index) -> dict[str, Domain]:
    return {m.id: meeting_domain(ix, m) for m in ix.problem.meetings}
