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


def group_breaks(agenda: Agenda, people) -> int:
    """The breaks of ``people`` together in ``agenda``."""
    return sum(breaks_of(agenda.ix, sorted(agenda.person[p])) for p in people)


def _best_slot(agenda: Agenda, mid: str, current: int) -> tuple[int, int] | None:
    people = agenda.ix.meetings[mid].participants
    best = None
    for n in agenda.doms[mid].slots:
        if n == current or agenda.why_not(mid, n) is not None:
            continue
        for p in people:
            agenda.person[p][n] = mid
        score = group_breaks(agenda, people)
        for p in people:
            del agenda.person[p][n]
        if best is None or score < best[0]:
            best = (score, n)
    return best


def _move(agenda: Agenda, mid: str) -> bool:
    people = agenda.ix.meetings[mid].participants
    before = group_breaks(agenda, people)
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


def _swap(agenda: Agenda, a: str, b: str) -> bool:
    """Exchange the slots of two meetings of one participant if that strictly lowers the breaks."""
    ix = agenda.ix
    people = set(ix.meetings[a].participants) | set(ix.meetings[b].participants)
    before = group_breaks(agenda, people)
    saved_a, saved_b = agenda.remove(a), agenda.remove(b)
    i, j = saved_a[0], saved_b[0]
    if j in agenda.doms[a].slots and i in agenda.doms[b].slots and agenda.try_place(a, [j]):
        if agenda.try_place(b, [i]):
            if group_breaks(agenda, people) < before:
                return True
            agenda.remove(b)
        agenda.remove(a)
    agenda.place(a, *saved_a)
    agenda.place(b, *saved_b)
    return False


def swap_breaks(agenda: Agenda, deadline: float) -> int:
    """Exchange the slots of two meetings of one participant (same day) when that lowers breaks.

    The participant's own busy slots stay the same; their two partners' change.  A move
    ``reduce_breaks`` cannot make when neither meeting alone has a better free slot.  Only pairs
    where a partner has a break are tried.  Returns the swaps made.
    """
    ix, swaps = agenda.ix, 0

    def gap(mid: str, pid: str) -> bool:
        return any(breaks_of(ix, sorted(agenda.person[q])) for q in ix.meetings[mid].participants if q != pid)

    for pid in ix.people:
        if time.monotonic() >= deadline:
            break
        busy = sorted(agenda.person[pid])
        for x, n in enumerate(busy):
            for k in busy[x + 1:]:
                a, b = agenda.person[pid].get(n), agenda.person[pid].get(k)
                if (a and b and a != b and ix.days[n] == ix.days[k] and (gap(a, pid) or gap(b, pid))
                        and _swap(agenda, a, b)):
                    swaps += 1
    return swaps


def _in_the_way(agenda: Agenda, mid: str, n: int) -> list[str]:
    """The meetings that ``mid``'s participants have in slot ``n`` (each once)."""
    return list(dict.fromkeys(agenda.person[p][n] for p in agenda.ix.meetings[mid].participants
                              if n in agenda.person[p]))


def _others_keep_a_meeting(agenda: Agenda, mid: str, besides=()) -> bool:
    """Taking ``mid`` out leaves each of its participants (except ``besides``) at least one meeting
    and their ``min_meetings``."""
    ix = agenda.ix
    return not any(len(agenda.person[q]) <= max(1, ix.people[q].min_meetings)
                   for q in ix.meetings[mid].participants if q not in besides)


def _swap_in(agenda: Agenda, mid: str, n: int) -> bool:
    """Place ``mid`` in slot ``n``, if need be instead of the one meeting in its way there.

    The meeting taken out must weigh no more, must not be required, and must leave each of its
    other participants at least one meeting and their ``min_meetings``.
    """
    ix = agenda.ix
    if agenda.why_not(mid, n) is None:
        return agenda.try_place(mid, [n])
    people = ix.meetings[mid].participants
    blockers = _in_the_way(agenda, mid, n)
    if len(blockers) != 1:
        return False
    other = blockers[0]
    if ix.must(other) or ix.weight(ix.meetings[other]) > ix.weight(ix.meetings[mid]):
        return False
    if not _others_keep_a_meeting(agenda, other, people):
        return False
    saved = agenda.remove(other)
    if agenda.try_place(mid, [n]):
        return True
    agenda.place(other, *saved)
    return False


def _swap_interpreter(agenda: Agenda, mid: str, n: int) -> bool:
    """Place ``mid`` in slot ``n`` with the interpreter of an interpreted meeting there that weighs no
    more, is optional, and whose participants all keep a meeting; that one goes elsewhere if it fits.

    Interpreters are the scarcest resource of a cross-border exchange (generated events: all
    interpreter-slots used), and people who speak one language are the ones left out."""
    ix = agenda.ix
    if not agenda.doms[mid].needs_interpreter or agenda.why_not(mid, n) != "no_interpreter":
        return False
    for i in agenda.doms[mid].interpreters:
        other = agenda.interp_use.get((n, i))
        if (other is None or ix.must(other) or ix.weight(ix.meetings[other]) > ix.weight(ix.meetings[mid])
                or not _others_keep_a_meeting(agenda, other)):
            continue
        saved = agenda.remove(other)
        if agenda.try_place(mid, [n]):
            agenda.try_place(other, agenda.doms[other].slots)
            return True
        agenda.place(other, *saved)
    return False


def include_alone(agenda: Agenda, deadline: float) -> int:
    """Give a meeting to participants left without one, at no loss of weight; returns how many.

    For each such participant, their possible meetings (heaviest first) are tried in each possible
    slot: into a free place, after moving the meetings in the way to other free slots, or instead
    of the partner's meeting there (or of the meeting whose interpreter it needs) when that one
    weighs no more and nobody else is left without a meeting by its removal.  Fewer people left out is the
    second fairness goal, after ``min_meetings``, which the swaps keep.
    """
    ix, helped = agenda.ix, 0
    for pid, mids in ix.by_person.items():
        if agenda.person[pid] or time.monotonic() >= deadline:
            continue
        options = sorted((mid for mid in mids if agenda.doms[mid].slots), key=lambda m: -ix.weight(ix.meetings[m]))
        if any(_make_room(agenda, mid, n) or _swap_in(agenda, mid, n) or _swap_interpreter(agenda, mid, n)
               for mid in options for n in agenda.doms[mid].slots):
            helped += 1
    return helped


# --- more weight: local search on which meetings are held --------------------------------------

def _restore(agenda: Agenda, moved: list[tuple[str, tuple]]) -> None:
    for mid, _saved in reversed(moved):
        if mid in agenda.where:
            agenda.remove(mid)
    for mid, saved in moved:
        if saved is not None:
            agenda.place(mid, *saved)


def _relocate(agenda: Agenda, mid: str, avoid: int) -> tuple | None:
    """Move a meeting to another free slot of its domain; returns where it was, or None."""
    saved = agenda.remove(mid)
    if agenda.try_place(mid, [k for k in agenda.doms[mid].slots if k != avoid]):
        return saved
    agenda.place(mid, *saved)
    return None


def _make_room(agenda: Agenda, mid: str, n: int) -> bool:
    """Place ``mid`` in slot ``n`` after moving the meetings of its participants there elsewhere."""
    moved: list[tuple[str, tuple]] = []
    for other in _in_the_way(agenda, mid, n):
        saved = _relocate(agenda, other, n)
        if saved is None:
            _restore(agenda, moved)
            return False
        moved.append((other, saved))
    if agenda.try_place(mid, [n]):
        return True
    _restore(agenda, moved)
    return False


def _evict(agenda: Agenda, mid: str, n: int) -> bool:
    """Place ``mid`` in slot ``n`` instead of lighter, optional meetings there; re-place those elsewhere.

    Nobody may be left without a meeting by the eviction (fairness), so weight strictly grows.
    """
    ix = agenda.ix
    people = ix.meetings[mid].participants
    others = _in_the_way(agenda, mid, n)
    if not others or any(ix.must(o) for o in others):
        return False
    if sum(ix.weight(ix.meetings[o]) for o in others) >= ix.weight(ix.meetings[mid]):
        return False
    if not all(_others_keep_a_meeting(agenda, o, people) for o in others):
        return False
    moved = [(o, agenda.remove(o)) for o in others]
    if not agenda.try_place(mid, [n]):
        _restore(agenda, moved)
        return False
    for o in others:
        agenda.try_place(o, agenda.doms[o].slots)
    return True


def _full(agenda: Agenda, pid: str, cap: dict[str, int]) -> bool:
    return len(agenda.person[pid]) >= cap[pid]


def _capacity(agenda: Agenda) -> dict[str, int]:
    """Most meetings each participant can have: slots they can meet in, and ``max_meetings``."""
    ix, out = agenda.ix, {}
    for pid, mids in ix.by_person.items():
        usable = {n for mid in mids for n in agenda.doms[mid].slots}
        limit = ix.people[pid].max_meetings
        out[pid] = len(usable) if limit is None else min(limit, len(usable))
    return out


def grow_weight(agenda: Agenda, deadline: float) -> int:
    """Schedule more weight by local moves; returns the weight gained.

    For each unscheduled optional meeting, heaviest first: place it in a free common slot; else
    in a slot after moving its participants' meetings there to other free slots (weight kept);
    else instead of lighter meetings there (weight grows), which are put back elsewhere if they
    fit.  First fit books each request into the earliest common free slot and never revisits it;
    these moves undo exactly that.  Every move keeps all hard rules (the agenda checks them).
    """
    ix, cap = agenda.ix, _capacity(agenda)
    before = agenda.weight()
    todo = sorted((m.id for m in ix.problem.meetings if not ix.must(m.id) and agenda.doms[m.id].slots),
                  key=lambda mid: -ix.weight(ix.meetings[mid]))
    improved = True
    while improved and time.monotonic() < deadline:
        improved = False
        for mid in todo:
            if mid in agenda.where:
                continue
            if time.monotonic() >= deadline:
                break
            slots = agenda.doms[mid].slots
            people = ix.meetings[mid].participants
            room = not any(_full(agenda, p, cap) for p in people)
            if (room and (agenda.try_place(mid, slots) or any(_make_room(agenda, mid, n) for n in slots))) \
                    or any(_evict(agenda, mid, n) for n in slots):
                improved = True
    return agenda.weight() - before


def _break_delta(agenda: Agenda, pid: str, n: int) -> int:
    """How many breaks ``pid`` gains (-1, 0 or 1) by a meeting in the free slot ``n``."""
    days, busy = agenda.ix.days, agenda.person[pid]
    before = max((k for k in busy if k < n and days[k] == days[n]), default=None)
    after = min((k for k in busy if k > n and days[k] == days[n]), default=None)
    gaps = (before is not None and before < n - 1) + (after is not None and after > n + 1)
    return gaps - (before is not None and after is not None)


def relaxed_agenda(ix, doms, chosen: frozenset[str], deadline: float) -> Agenda | None:
    """A warm start guided by the weight relaxation's solution, then :func:`grow_weight`.

    Meetings that must be held come first (as in first fit), then the meetings the relaxation
    holds, fewest possible slots first (the hardest to place get their pick), then the rest,
    heaviest first; each goes where its participants get the fewest new breaks, then to the day
    with fewer meetings so far, then earliest (filling the first day first makes it the larger
    and its day model slow).  None if a meeting that must be held does not fit.
    """
    agenda = Agenda(ix, doms)

    def rank(k: int, m) -> tuple:
        must = ix.must(m.id)
        return (not must, m.id not in chosen, 0 if must else len(doms[m.id].slots), -ix.weight(m), k)

    per_day = [0] * len(ix.day_ranges)

    def compact(mid: str) -> list[int]:  # the fewest new breaks, then the emptier day, then earliest
        people = ix.meetings[mid].participants
        return sorted(doms[mid].slots, key=lambda n: (sum(_break_delta(agenda, p, n) for p in people),
                                                      per_day[ix.day_of[n]], n))

    for _, mid in sorted((rank(k, m), m.id) for k, m in enumerate(ix.problem.meetings)):
        if agenda.try_place(mid, compact(mid)):
            per_day[ix.day_of[agenda.where[mid][0]]] += 1
        elif ix.must(mid):
            return None
    grow_weight(agenda, deadline)
    return agenda
