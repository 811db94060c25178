"""Fewer breaks by large-neighbourhood search on a settled plan (same meetings, other slots).

One step: take a participant with a break, the people around them on that day (their partners,
the partners' partners, ... up to ``settings.lns_group`` people), free the meetings of that day held among
them, and let a small CP-SAT model put those meetings back into the slots where the group has the
fewest breaks; everything else stays as it is and bounds the group (their other meetings are
busy slots, other meetings hold tables).  A step is kept only when the group's breaks go down.
Meetings a registered rule holds still (``rules.movable``: interpreters, order, fixed slot or
table, locked, ``max_consecutive``, a break cap) are not freed.

Why: a day of thousands of meetings is too large for CP-SAT's day model to improve in time;
here each step is a model of a few dozen meetings.
"""

from __future__ import annotations

import random
import time

from ortools.sat.python import cp_model

from .agenda import Agenda
from .constraints import S
from .improve import group_breaks
from .rules import movable
from .settings import DEFAULT, Settings
from .stats import break_starts


def _group(agenda: Agenda, start: str, day: range, size: int, rng: random.Random) -> list[str]:
    """``start`` and the people they meet on ``day``, breadth first, in random order, up to ``size``."""
    seen, queue = [start], [start]
    while queue and len(seen) < size:
        pid = queue.pop(0)
        partners = [q for n, mid in agenda.person[pid].items() if n in day
                    for q in agenda.ix.meetings[mid].participants if q != pid]
        rng.shuffle(partners)
        for q in partners:
            if q not in seen and len(seen) < size:
                seen.append(q)
                queue.append(q)
    return seen


def _step(agenda: Agenda, people: list[str], day: range, seed: int, step_s: float) -> bool:
    """Re-slot the movable meetings held among ``people`` on ``day``; True if the breaks went down."""
    ix, doms = agenda.ix, agenda.doms
    inside = set(people)
    free = sorted({mid for p in people for n, mid in agenda.person[p].items()
                   if n in day and all(q in inside for q in ix.meetings[mid].participants) and movable(ix, doms, mid)})
    if len(free) < 2:
        return False
    before = group_breaks(agenda, people)
    saved = {mid: agenda.remove(mid) for mid in free}
    model = cp_model.CpModel()
    x: dict[tuple[str, int], cp_model.IntVar] = {}
    for mid in free:
        slots = [n for n in doms[mid].slots if n in day
                 and all(n not in agenda.person[p] for p in ix.meetings[mid].participants)
                 and (doms[mid].table is None or (n, doms[mid].table) not in agenda.table_use)]
        for n in slots:
            x[mid, n] = model.new_bool_var("")
        model.add_exactly_one([x[mid, n] for n in slots])
    for n in day:
        on_free = [x[mid, n] for mid in free if (mid, n) in x and doms[mid].table is None]
        left = len(agenda.free_left.get(n, ix.free_tables))
        if len(on_free) > left:
            model.add(S(on_free) <= left)
        by_table: dict[str, list] = {}
        for mid in free:
            if (mid, n) in x and doms[mid].table is not None:
                by_table.setdefault(doms[mid].table, []).append(x[mid, n])
        for lits in by_table.values():
            model.add_at_most_one(lits)
    starts = []
    for p in people:
        mine = [mid for mid in free if p in ix.meetings[mid].participants]
        if not mine:
            continue
        busy = []
        for n in day:
            lits = [x[mid, n] for mid in mine if (mid, n) in x]
            if len(lits) > 1:
                model.add_at_most_one(lits)
            busy.append(1 if n in agenda.person[p] else S(lits) if lits else 0)
        for k, b in enumerate(busy):
            prev = busy[k - 1] if k else 0
            if isinstance(b, int) and isinstance(prev, int):
                continue  # a fixed start: the same before and after the step
            if isinstance(b, int) and b == 0:
                continue
            s = model.new_bool_var("")
            model.add(s >= b - prev)
            starts.append(s)
    for (mid, n), lit in x.items():
        model.add_hint(lit, saved[mid][0] == n)
    model.minimize(S(starts))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = step_s
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    code = solver.solve(model)
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        for mid in free:
            n = next(n for n in day if (mid, n) in x and solver.boolean_value(x[mid, n]))
            agenda.place(mid, n, agenda.table_for(mid, n))
        if group_breaks(agenda, people) < before:
            return True
        for mid in free:
            agenda.remove(mid)
    for mid, where in saved.items():
        agenda.place(mid, *where)
    return False


def lns_breaks(agenda: Agenda, deadline: float, seed: int = 0, stalled_s: float = 2.0, stop=None,
               settings: Settings = DEFAULT) -> int:
    """Improve ``agenda`` in place until ``deadline``, ``stalled_s`` without a better step, or ``stop()``.

    Returns the steps that lowered the breaks."""
    ix, rng, done = agenda.ix, random.Random(seed), 0
    if not any(movable(ix, agenda.doms, mid) for mid in agenda.where):
        return 0
    last = time.monotonic()
    while time.monotonic() < min(deadline, last + stalled_s) and not (stop is not None and stop()):
        gaps = [(p, n) for p, busy in agenda.person.items() for n in break_starts(ix, sorted(busy))]
        if not gaps:
            break
        pid, n = rng.choice(gaps)
        day = ix.day_ranges[ix.day_of[n]]
        group = _group(agenda, pid, day, settings.lns_group, rng)
        if _step(agenda, group, day, rng.randrange(1 << 30), settings.lns_step_s):
            done += 1
            last = time.monotonic()
    return done
