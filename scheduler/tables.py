"""Concrete tables for meetings whose slots the solver chose.

Slot by slot: meetings bound to a table (host, fixed, locked) take it; the others get the free
tables by a minimum-cost assignment (OR-Tools' min-cost flow).  A meeting's previous-plan table in
the same slot comes first (re-planning: another table is a change, level 4 of the objective),
then as few participants as possible leave the table of their last meeting that day (level 5,
table changes); ties go to the first free table.  The solver's per-slot counts guarantee that a
table is always left.

One assignment per slot is close to a model of the whole day at no noticeable cost.
"""

from __future__ import annotations

from ortools.graph.python import min_cost_flow

from .agenda import Agenda
from .model import Assignment

KEEP = 1000  # cost of leaving a meeting's previous-plan table: above any count of participants' changes


def assign_tables(agenda: Agenda, chosen: dict[str, tuple[int, str | None]]) -> tuple[Assignment, ...]:
    """``chosen``: meeting -> (slot position, interpreter).  Fills ``agenda`` and returns the rows."""
    ix = agenda.ix
    order = sorted(chosen, key=lambda mid: (chosen[mid][0], agenda.doms[mid].table is None))
    by_slot: dict[int, list[str]] = {}
    for mid in order:
        by_slot.setdefault(chosen[mid][0], []).append(mid)
    seat: dict[str, tuple[int, str]] = {}  # participant -> (day, table of their last meeting placed)
    for n, here in by_slot.items():  # in slot order, as ``order`` is
        free = []
        for mid in here:
            table = agenda.doms[mid].table
            if table is None:
                free.append(mid)
            elif (n, table) in agenda.table_use:
                raise RuntimeError(f"no table left for meeting {mid} in slot {ix.slots[n].id}")
            else:
                agenda.place(mid, n, table, chosen[mid][1])
        for mid, table in _match(agenda, n, free, seat).items():
            agenda.place(mid, n, table, chosen[mid][1])
        for mid in here:
            for p in ix.meetings[mid].participants:
                seat[p] = (ix.day_of[n], agenda.where[mid][1])
    return tuple(Assignment(mid, ix.slots[chosen[mid][0]].id, agenda.where[mid][1], chosen[mid][1])
                 for mid in order)


def _costs(agenda: Agenda, n: int, mid: str, seat: dict, avail: dict[str, int]) -> dict[str | None, int]:
    """Cost of each table that matters to the meeting; ``None``: any other free table."""
    ix = agenda.ix
    seats = [seat[p][1] for p in ix.meetings[mid].participants
             if ix.people[p].table is None and p in seat and seat[p][0] == ix.day_of[n]]
    prev = ix.previous.get(mid)
    keep = prev.table if prev is not None and prev.slot == ix.slots[n].id and prev.table in avail else None
    out: dict[str | None, int] = {None: len(seats) + (KEEP if keep else 0)}
    for t in sorted({*seats, keep} - {None}):
        if t in avail:
            out[t] = sum(1 for s in seats if s != t) + (KEEP if keep is not None and t != keep else 0)
    return out


def _match(agenda: Agenda, n: int, mids: list[str], seat: dict) -> dict[str, str]:
    """The slot's unbound meetings -> free tables, at the least cost (``_costs``)."""
    if not mids:
        return {}
    ix = agenda.ix
    tables = list(agenda.free_left.get(n, ix.free_tables))
    if len(mids) > len(tables):
        raise RuntimeError(f"no table left for meeting {mids[len(tables)]} in slot {ix.slots[n].id}")
    avail = {t: k for k, t in enumerate(tables)}
    scale = len(tables) + 1  # the table's position only breaks ties
    flow = min_cost_flow.SimpleMinCostFlow()
    src, pool, sink = 0, 1, 2  # pool: "any free table", one arc per meeting instead of one per table
    node = {mid: 3 + k for k, mid in enumerate(mids)}
    tnode = {t: 3 + len(mids) + k for k, t in enumerate(tables)}
    for mid in mids:
        flow.add_arc_with_capacity_and_unit_cost(src, node[mid], 1, 0)
        for t, cost in _costs(agenda, n, mid, seat, avail).items():
            if t is None:
                flow.add_arc_with_capacity_and_unit_cost(node[mid], pool, 1, cost * scale)
            else:
                flow.add_arc_with_capacity_and_unit_cost(node[mid], tnode[t], 1, cost * scale + avail[t])
    for t in tables:
        flow.add_arc_with_capacity_and_unit_cost(pool, tnode[t], 1, avail[t])
        flow.add_arc_with_capacity_and_unit_cost(tnode[t], sink, 1, 0)
    flow.set_node_supply(src, len(mids))
    flow.set_node_supply(sink, -len(mids))
    if flow.solve() != flow.OPTIMAL:
        raise RuntimeError(f"no table assignment for slot {ix.slots[n].id}")
    meeting_of = {v: k for k, v in node.items()}
    table_of = {v: k for k, v in tnode.items()}
    out, via_pool, pool_tables = {}, [], []
    for arc in range(flow.num_arcs()):
        if not flow.flow(arc):
            continue
        tail, head = flow.tail(arc), flow.head(arc)
        if tail in meeting_of and head in table_of:
            out[meeting_of[tail]] = table_of[head]
        elif tail in meeting_of and head == pool:
            via_pool.append(meeting_of[tail])
        elif tail == pool:
            pool_tables.append(table_of[head])
    out.update(zip(via_pool, sorted(pool_tables, key=avail.get), strict=True))  # any pairing costs the same
    return out
