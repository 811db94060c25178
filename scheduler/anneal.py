"""Fewer breaks by simulated annealing over Kempe-chain swaps on a settled plan (same meetings, same days).

A move takes a meeting in slot ``a`` and another slot ``b`` of its day and swaps the slots of its
*Kempe chain*: the meeting, the meetings its participants (or its bound table) have in ``b``,
their participants' meetings in ``a``, and so on.  Swapping a closed chain keeps every
participant and every bound table at one meeting per slot by construction, so a move only has to
check the meetings' own slots (availability, sessions), the free tables per slot and the chain
length.  Its effect on the breaks is computed on each affected participant's busy slots of that
day as a bit mask.  Worse moves are taken with probability exp(-delta / T), T falling linearly
from ``settings.anneal_t_start`` to ``anneal_t_end`` over the time given; the best plan seen is returned.

Why: on dense settled days (hundreds of meetings in a dozen slots) CP-SAT's day model and the
neighbourhood search stall far above what these swaps reach (bench/RESULTS.md, "Why the stages
exist").  Kempe chains are the classic neighbourhood of timetabling (exam and course
timetabling, edge colouring).  Meetings a registered rule holds still stay where they are (``rules.movable``).
"""

from __future__ import annotations

import math
import random
import time

from .index import Index
from .rules import movable
from .settings import DEFAULT, Settings


def _gaps(mask: int) -> int:
    """Breaks in a day's busy bit mask: runs of ones less one."""
    return (mask & ~(mask << 1)).bit_count() - 1 if mask else 0


def anneal_breaks(ix: Index, doms, chosen: dict[str, tuple[int, str | None]], deadline: float, seed: int = 0,
                  stop=None, report=None,
                  settings: Settings = DEFAULT) -> tuple[dict[str, tuple[int, str | None]], int]:
    """Anneal ``chosen`` = {meeting: (slot position, interpreter)}; ``doms``: the meetings' domains.

    ``report(breaks)`` is called when the best plan got better, at most once per ``settings.anneal_report_s``, and at
    the end.
    Returns the best plan found (same meetings, each on its day) and the breaks it removed.
    """
    if not chosen:
        return chosen, 0
    mids = sorted(chosen)
    slot = {mid: chosen[mid][0] for mid in mids}
    parts = {mid: ix.meetings[mid].participants for mid in mids}
    can = {mid: set(doms[mid].slots) if movable(ix, doms, mid) else set() for mid in mids}
    bound = {mid: doms[mid].table for mid in mids}  # None: any free table
    at: dict[tuple[str, int], str] = {}
    table_at: dict[tuple[str, int], str] = {}
    on_free: dict[int, int] = {}
    mask: dict[tuple[str, int], int] = {}
    for mid in mids:
        n = slot[mid]
        start = ix.day_ranges[ix.day_of[n]].start
        for p in parts[mid]:
            at[p, n] = mid
            mask[p, start] = mask.get((p, start), 0) | 1 << (n - start)
        if bound[mid] is None:
            on_free[n] = on_free.get(n, 0) + 1
        else:
            table_at[bound[mid], n] = mid
    free_tables = len(ix.free_tables)
    free = [mid for mid in mids if can[mid]]
    if not free:
        return chosen, 0

    def chain(start: str, a: int, b: int) -> list[str] | None:
        seen, todo = {start}, [start]
        while todo:
            mid = todo.pop()
            other = b if slot[mid] == a else a
            if other not in can[mid]:
                return None
            near = [at.get((p, other)) for p in parts[mid]]
            if bound[mid] is not None:
                near.append(table_at.get((bound[mid], other)))
            for q in near:
                if q is not None and q not in seen:
                    seen.add(q)
                    todo.append(q)
            if len(seen) > settings.anneal_chain_max:
                return None
        return list(seen)

    rng = random.Random(seed)
    current = start_breaks = sum(_gaps(m) for m in mask.values())
    best, best_slot = current, dict(slot)
    t0, span = time.monotonic(), max(1e-3, deadline - time.monotonic())
    t_start, t_end = settings.anneal_t_start, settings.anneal_t_end
    temp, tries, reported, last_report = t_start, 0, current, t0
    while current > 0:
        tries += 1
        if tries % 1000 == 0:
            now = time.monotonic()
            if now >= deadline or (stop is not None and stop()):
                break
            temp = t_end + (t_start - t_end) * (1 - (now - t0) / span)
            if report is not None and best < reported and now - last_report >= settings.anneal_report_s:
                report(best)
                reported, last_report = best, now
        mid = free[rng.randrange(len(free))]
        a = slot[mid]
        day = ix.day_ranges[ix.day_of[a]]
        b = day.start + rng.randrange(len(day))
        if b == a:
            continue
        moved = chain(mid, a, b)
        if moved is None:
            continue
        to_b = sum(1 for m in moved if bound[m] is None and slot[m] == a)
        to_a = sum(1 for m in moved if bound[m] is None and slot[m] == b)
        if on_free.get(a, 0) - to_b + to_a > free_tables or on_free.get(b, 0) - to_a + to_b > free_tables:
            continue
        bits, base = (1 << (a - day.start)) | (1 << (b - day.start)), day.start
        delta, after = 0, {}
        for p in {p for m in moved for p in parts[m]}:
            old = mask[p, base]
            if (old & bits).bit_count() == 1:
                new = old ^ bits
                after[p, base] = new
                delta += _gaps(new) - _gaps(old)
        if delta > 0 and rng.random() >= math.exp(-delta / temp):
            continue
        for m in moved:
            for p in parts[m]:
                if at.get((p, slot[m])) == m:
                    del at[p, slot[m]]
            if bound[m] is not None and table_at.get((bound[m], slot[m])) == m:
                del table_at[bound[m], slot[m]]
        for m in moved:
            slot[m] = b if slot[m] == a else a
            for p in parts[m]:
                at[p, slot[m]] = m
            if bound[m] is not None:
                table_at[bound[m], slot[m]] = m
        on_free[a] = on_free.get(a, 0) - to_b + to_a
        on_free[b] = on_free.get(b, 0) - to_a + to_b
        mask.update(after)
        current += delta
        if current < best:
            best, best_slot = current, dict(slot)
    if report is not None and best < reported:
        report(best)
    return {mid: (best_slot[mid], chosen[mid][1]) for mid in mids}, start_breaks - best
