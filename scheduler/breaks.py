"""Breaks: per participant and day, busy blocks minus one (rule 10 caps them).

A block starts in slot n when the participant is busy in n and idle in n-1 of the same day.
The number of breaks of a day is the number of blocks minus one if the day has a meeting.
"""

from __future__ import annotations

from .constraints import S, Vars
from .stats import breaks_of


def break_people(v: Vars) -> list[str]:
    """Participants who can have a break at all (two or more possible meetings on a day)."""
    return [pid for pid, mids in v.ix.by_person.items() if sum(1 for mid in mids if v.doms[mid].slots) > 1]


def _day_breaks(v: Vars, pid: str, day: range):
    busy = [v.busy[(pid, n)] for n in day]
    if sum(1 for b in busy if not isinstance(b, int)) < 2:
        return 0
    m = v.model
    starts = []
    for k, b in enumerate(busy):
        if isinstance(b, int):
            continue
        prev = busy[k - 1] if k else 0
        if isinstance(prev, int):
            starts.append(b)
            continue
        st = m.new_bool_var(f"start[{pid},{day[k]}]")
        m.add(st >= b - prev)
        m.add_implication(st, b)
        m.add_implication(st, prev.Not())
        starts.append(st)
    lits = [b for b in busy if not isinstance(b, int)]
    if _surely_busy(v, pid, day):
        any_busy = 1
    else:
        any_busy = m.new_bool_var(f"any[{pid},{day[0]}]")
        m.add_max_equality(any_busy, lits)
    breaks = m.new_int_var(0, min(len(lits) - 1, (len(day) - 1) // 2), f"breaks[{pid},{day[0]}]")
    m.add(breaks == S(starts) - any_busy)
    return breaks


def _surely_busy(v: Vars, pid: str, day: range) -> bool:
    """A required meeting whose every possible slot lies in this day."""
    return any(v.ix.must(mid) and v.doms[mid].slots and all(n in day for n in v.doms[mid].slots)
               for mid in v.ix.by_person[pid])


def _fixed_count(v: Vars, pid: str) -> int | None:
    """The participant's number of meetings if it is not a decision (all of them required)."""
    mids = v.ix.by_person[pid]
    return len(mids) if all(v.ix.must(mid) for mid in mids) else None


def _add_block(v: Vars, pid: str, count: int, breaks) -> None:
    """Without a break, the busy slots are one window of ``count`` slots: model its start.

    Only for single-day problems and fixed meeting counts.  ``busy >= covering starts`` plus the
    fixed number of busy slots makes the window exact; its LP relaxation is far tighter than the
    block-start counting alone (the benchmark README's "per-participant block structure").
    """
    busy = [v.busy[(pid, n)] for n in range(len(v.ix.slots))]
    starts = [(s, v.model.new_bool_var(f"block[{pid},{s}]")) for s in range(len(busy) - count + 1)
              if not any(isinstance(b, int) for b in busy[s:s + count])]
    contiguous = v.model.new_bool_var(f"contiguous[{pid}]")
    v.model.add(S([b for _, b in starts]) == contiguous)
    for n, b in enumerate(busy):
        cover = [lit for s, lit in starts if s <= n < s + count]
        if cover and not isinstance(b, int):
            v.model.add(b >= S(cover))
        if not isinstance(b, int):  # and nothing outside it: only while deciding "breaks <= k"
            v.window_channel.append((b, cover, contiguous))
    v.model.add(contiguous + breaks >= 1)


def window_channel(v: Vars, model) -> None:
    """Add the direct window channel of ``_add_block`` to ``model`` (a decision's copy of ``v.model``).

    Busy slots outside the window are forbidden for a participant without a break.  It helps the
    decisions "breaks <= k" but slows the optimisation down, so only the decisions' copies get it."""
    for busy, cover, contiguous in v.window_channel:
        model.add(busy <= S(cover) + 1 - contiguous)


def breaks_by_person(v: Vars, x: dict[tuple[str, int], bool]) -> dict[str, int]:
    """Each participant's breaks in the plan given on the ``x`` variables."""
    return {pid: breaks_of(v.ix, sorted(n for mid in mids for n in v.doms[mid].slots if x.get((mid, n))))
            for pid, mids in v.ix.by_person.items()}


def add_breaks(v: Vars) -> None:
    """Fill ``v.breaks`` for every participant who can have one (the cap is the rule ``max_breaks``)."""
    one_day = len(v.ix.day_ranges) == 1
    for pid in break_people(v):
        expr = sum(_day_breaks(v, pid, day) for day in v.ix.day_ranges)
        if isinstance(expr, int):
            continue
        v.breaks[pid] = expr
        count = _fixed_count(v, pid)
        if one_day and count is not None and 1 < count < len(v.ix.slots):
            _add_block(v, pid, count, expr)
