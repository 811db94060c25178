"""Fewer breaks by local moves, before CP-SAT's breaks level (a better hint, found in seconds).

Hill climbing on an :class:`Agenda`: take a meeting out and put it back into the slot where its
participants end up with the fewest breaks, if that is strictly better; repeat while passes
improve.  Every move keeps all hard rules (the agenda checks them), and the set of scheduled
meetings does not change, so weight and fairness stay as the solver fixed them.
"""

from __future__ import annotations

import time

from .agenda import Agenda
from .stats import breaks_of


def _breaks(agenda: Agenda, people) -> int:
    return sum(breaks_of(agenda.ix, sorted(agenda.person[p])) for p in people)


def _best_slot(agenda: Agenda, mid: str, current: int) -> tuple[int, int] | None:
    people = agenda.ix.meetings[mid].participants
    best = None
    for n in agenda.doms[mid].slots:
        if n == current or agenda.why_not(mid, n) is not None:
            continue
        for p in people:
            agenda.person[p][n] = mid
        score = _breaks(agenda, people)
        for p in people:
            del agenda.person[p][n]
        if best is None or score < best[0]:
            best = (score, n)
    return best


def _move(agenda: Agenda, mid: str) -> bool:
    people = agenda.ix.meetings[mid].participants
    before = _breaks(agenda, people)
    if before == 0:
        return False
    n, table, interpreter = agenda.remove(mid)
    best = _best_slot(agenda, mid, n)
    if best is not None and best[0] < before:
        k = best[1]
        agenda.place(mid, k, agenda.table_for(mid, k),
                     agenda.interpreter_for(mid, k) if agenda.doms[mid].needs_interpreter else None)
        return True
    agenda.place(mid, n, table, interpreter)
    return False


def reduce_breaks(agenda: Agenda, deadline: float) -> int:
    """Improve ``agenda`` in place until no move helps or ``deadline``; returns the moves made."""
    moves, improved = 0, True
    while improved and time.monotonic() < deadline:
        improved = False
        for mid in list(agenda.where):
            if time.monotonic() >= deadline:
                break
            if _move(agenda, mid):
                moves += 1
                improved = True
    return moves


def _swap_in(agenda: Agenda, mid: str, n: int) -> bool:
    """Place ``mid`` in slot ``n``, if need be instead of the one meeting in its way there.

    The meeting taken out must weigh no more, must not be required, and must leave each of its
    other participants at least one meeting and their ``min_meetings``.
    """
    ix = agenda.ix
    if agenda.why_not(mid, n) is None:
        return agenda.try_place(mid, [n])
    people = ix.meetings[mid].participants
    blockers = {agenda.person[p].get(n) for p in people} - {None}
    if len(blockers) != 1:
        return False
    other = blockers.pop()
    if ix.must(other) or ix.weight(ix.meetings[other]) > ix.weight(ix.meetings[mid]):
        return False
    if any(len(agenda.person[q]) <= max(1, ix.people[q].min_meetings)
           for q in ix.meetings[other].participants if q not in people):
        return False
    saved = agenda.remove(other)
    if agenda.try_place(mid, [n]):
        return True
    agenda.place(other, *saved)
    return False


def include_alone(agenda: Agenda, deadline: float) -> int:
    """Give a meeting to participants left without one, at no loss of weight; returns how many.

    For each such participant, their possible meetings (heaviest first) are tried in each possible
    slot: into a free place, or instead of the partner's meeting there when that one weighs no
    more and nobody else is left without a meeting by its removal.  Fewer people left out is the
    second fairness goal, after ``min_meetings``, which the swaps keep.
    """
    ix, helped = agenda.ix, 0
    for pid, mids in ix.by_person.items():
        if agenda.person[pid] or time.monotonic() >= deadline:
            continue
        options = sorted((mid for mid in mids if agenda.doms[mid].slots), key=lambda m: -ix.weight(ix.meetings[m]))
        if any(_swap_in(agenda, mid, n) for mid in options for n in agenda.doms[mid].slots):
            helped += 1
    return helped
