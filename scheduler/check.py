"""Structural checks of a problem: unique ids, known references, sane options.

Raises :class:`ProblemError` naming the place.  Rules about *plans* live in ``validate.py``.
"""

from __future__ import annotations

from .model import LEVELS, Problem, ProblemError

# Integers beyond this are refused: CP-SAT works in 64-bit integers and a weight of 10^30 would
# overflow its objective; no real event comes near (a weight is a small priority, counts are people).
MAX_INT = 10**9


def _unique(items, what: str, source: str) -> set[str]:
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise ProblemError(f"{source}: {what} id '{item.id}' is not unique")
        seen.add(item.id)
    return seen


def _known(value, known: set[str], where: str, source: str) -> None:
    if value is not None and value not in known:
        raise ProblemError(f"{source}: {where} refers to unknown id '{value}'")


def _check_meetings(p: Problem, source: str, slots, tables, meetings) -> None:
    for m in p.meetings:
        where = f"meeting '{m.id}'"
        if len(set(m.participants)) < 2:
            raise ProblemError(f"{source}: {where} needs at least two different participants")
        if not 0 <= m.weight <= MAX_INT:
            raise ProblemError(f"{source}: {where} key 'weight' must be from 0 to {MAX_INT:,}")
        _known(m.fixed_slot, slots, f"{where} key 'fixed_slot'", source)
        _known(m.fixed_table, tables, f"{where} key 'fixed_table'", source)
        for other in m.after:
            _known(other, meetings, f"{where} key 'after'", source)
            if other == m.id:
                raise ProblemError(f"{source}: {where} key 'after' lists the meeting itself")


def _check_people(p: Problem, source: str, slots, tables) -> None:
    for q in p.participants:
        where = f"participant '{q.id}'"
        for s in q.unavailable:
            _known(s, slots, f"{where} key 'unavailable'", source)
        _known(q.table, tables, f"{where} key 'table'", source)
        if q.min_meetings < 0 or (q.max_meetings is not None and q.max_meetings < 0):
            raise ProblemError(f"{source}: {where} min/max_meetings must not be negative")
        if q.max_consecutive is not None and q.max_consecutive < 1:
            raise ProblemError(f"{source}: {where} key 'max_consecutive' must be at least 1")
    for i in p.interpreters:
        for s in i.unavailable:
            _known(s, slots, f"interpreter '{i.id}' key 'unavailable'", source)


def _check_previous(p: Problem, source: str, slots, tables, meetings) -> None:
    seen: set[str] = set()
    interpreters = {i.id for i in p.interpreters}
    for n, a in enumerate(p.previous_plan):
        where = f"previous_plan[{n}]"
        _known(a.meeting, meetings, f"{where} key 'meeting'", source)
        _known(a.slot, slots, f"{where} key 'slot'", source)
        _known(a.table, tables, f"{where} key 'table'", source)
        _known(a.interpreter, interpreters, f"{where} key 'interpreter'", source)
        if a.meeting in seen:
            raise ProblemError(f"{source}: {where} meeting '{a.meeting}' appears twice")
        seen.add(a.meeting)
    for m in p.locked:
        _known(m, meetings, "key 'locked'", source)
        if m not in seen:
            raise ProblemError(f"{source}: key 'locked' lists meeting '{m}' that is not in previous_plan")


def _check_options(p: Problem, source: str) -> None:
    o = p.options
    if not 0 <= o.cross_border_bonus <= MAX_INT:
        raise ProblemError(f"{source}: options key 'cross_border_bonus' must be from 0 to {MAX_INT:,}")
    if o.max_breaks is not None and o.max_breaks < 0:
        raise ProblemError(f"{source}: options key 'max_breaks' must not be negative, got {o.max_breaks}")
    unknown = [level for level in o.order if level not in LEVELS]
    if unknown or len(set(o.order)) != len(o.order):
        raise ProblemError(f"{source}: options key 'order' must list distinct levels of {', '.join(LEVELS)}")


def check_problem(p: Problem, source: str = "<problem>") -> None:
    """Raise ProblemError for the first structural problem found."""
    slots = _unique(p.slots, "slot", source)
    tables = _unique(p.tables, "table", source)
    meetings = _unique(p.meetings, "meeting", source)
    _unique(p.participants, "participant", source)
    _unique(p.interpreters, "interpreter", source)
    _check_meetings(p, source, slots, tables, meetings)
    _check_people(p, source, slots, tables)
    _check_previous(p, source, slots, tables, meetings)
    _check_options(p, source)
