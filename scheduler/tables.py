"""Concrete tables for meetings whose slots the solver chose.

Slot by slot: meetings bound to a table (host, fixed, locked) take it; the others take, in
order of preference, their previous-plan table, a table one of their participants sat at in the
slot before (fewer table changes), then the first free table.  The solver's per-slot counts
guarantee that a table is always left.
"""

from __future__ import annotations

from .agenda import Agenda
from .model import Assignment


def assign_tables(agenda: Agenda, chosen: dict[str, tuple[int, str | None]]) -> tuple[Assignment, ...]:
    """``chosen``: meeting -> (slot position, interpreter).  Fills ``agenda`` and returns the rows."""
    ix = agenda.ix
    order = sorted(chosen, key=lambda mid: (chosen[mid][0], agenda.doms[mid].table is None))
    for mid in order:
        n, interpreter = chosen[mid]
        table = agenda.table_for(mid, n)
        if table is None:
            raise RuntimeError(f"no table left for meeting {mid} in slot {ix.slots[n].id}")
        agenda.place(mid, n, table, interpreter)
    return tuple(Assignment(mid, ix.slots[chosen[mid][0]].id, agenda.where[mid][1], chosen[mid][1])
                 for mid in order)
