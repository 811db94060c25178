"""Objective metrics of a plan (solver-free), in the spec's order of soft goals."""

from __future__ import annotations

from statistics import median

from .domains import domains
from .index import Index
from .model import Plan, Problem


def busy_positions(ix: Index, assignments) -> dict[str, list[int]]:
    """Participant -> sorted slot positions of their meetings (known ids only)."""
    out: dict[str, list[int]] = {}
    for a in assignments:
        if a.meeting in ix.meetings and a.slot in ix.pos:
            for p in ix.meetings[a.meeting].participants:
                out.setdefault(p, []).append(ix.pos[a.slot])
    return {p: sorted(ns) for p, ns in out.items()}


def break_starts(ix: Index, positions) -> list[int]:
    """The busy slot before each break, for sorted busy slot ``positions``."""
    return [a for a, b in zip(positions, positions[1:], strict=False) if b > a + 1 and ix.days[a] == ix.days[b]]


def breaks_of(ix: Index, positions) -> int:
    """Maximal idle runs between two meetings of the same day."""
    return len(break_starts(ix, positions))


def table_changes(ix: Index, assignments) -> int:
    """Table switches between consecutive meetings of a day, for participants without a host table."""
    seq: dict[str, list[tuple[int, str]]] = {}
    for a in assignments:
        for p in ix.meetings[a.meeting].participants:
            if ix.people[p].table is None:
                seq.setdefault(p, []).append((ix.pos[a.slot], a.table))
    changes = 0
    for items in seq.values():
        items.sort()
        changes += sum(1 for (n, t), (k, u) in zip(items, items[1:], strict=False)
                       if t != u and ix.days[n] == ix.days[k])
    return changes


def changes_against(ix: Index, assignments) -> int:
    """Meetings of the previous plan that were dropped or moved (slot or table)."""
    now = {a.meeting: (a.slot, a.table) for a in assignments}
    return sum(1 for mid, a in ix.previous.items() if now.get(mid) != (a.slot, a.table))


def _counts(ix: Index, busy) -> list[int]:
    return [len(busy.get(p, [])) for p in ix.people if ix.by_person[p]]


def _min_share(ix: Index, assignments) -> float:
    got: dict[str, int] = {}
    for a in assignments:
        m = ix.meetings[a.meeting]
        for p in m.participants:
            got[p] = got.get(p, 0) + ix.weight(m)
    shares = [got.get(p, 0) / ix.requested_weight(p) for p in ix.people if ix.requested_weight(p) > 0]
    return round(min(shares), 4) if shares else 1.0


def metrics(problem: Problem, plan: Plan) -> dict:
    """Weight, fairness, breaks and change figures of a plan (only assignments with known ids)."""
    ix = Index(problem)
    good = [a for a in plan.assignments if a.meeting in ix.meetings and a.slot in ix.pos]
    busy = busy_positions(ix, good)
    breaks = [breaks_of(ix, busy.get(p, [])) for p in ix.people]
    counts = _counts(ix, busy) or [0]
    doms = domains(ix)
    could = {p for m in problem.meetings if doms[m.id].slots for p in m.participants}
    return {
        "weight": sum(ix.weight(ix.meetings[a.meeting]) for a in good),
        "meetings": len(good),
        "breaks": sum(breaks),
        "max_breaks": max(breaks, default=0),
        "participants_without_meeting": sum(1 for p in could if not busy.get(p)),
        "min_meetings_shortfall": sum(max(0, q.min_meetings - len(busy.get(p, []))) for p, q in ix.people.items()),
        "min_share": _min_share(ix, good),
        "changes": changes_against(ix, good),
        "table_changes": table_changes(ix, good),
        "min_meetings_per_participant": min(counts),
        "median_meetings_per_participant": median(counts),
        "max_meetings_per_participant": max(counts),
    }
