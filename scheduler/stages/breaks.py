"""Breaks: fewer breaks once weight and fairness have chosen the meetings.

Two ways, chosen by ``solver.solve``:

* ``settled_breaks`` (no previous plan, breaks the only level left): weight and fairness depend
  only on which meetings are held, so the chosen meetings are timetabled day by day, each kept on
  its day and all required.  Days are then independent and each is the all-required (B2BSP) form,
  where every participant's number of meetings is known and the no-break window model applies.
  Local moves first (``polish``), a short try of every day model (small days are proven at once),
  the Kempe-chain annealing on the unfinished days (``anneal.py``), the day models again from its
  plan, and the neighbourhood search (``lns.py``) for days too large for a model or when the models
  stall.  It gives up swapping a chosen meeting for another of the same weight or moving it to
  another day, which only re-planning (the changes level) would need.
* ``second_stage`` (re-planning, or other levels after breaks): the levels solved so far are fixed
  in the model with break variables and the rest is solved there.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

from ..agenda import Agenda
from ..anneal import anneal_breaks
from ..breaks import breaks_by_person
from ..constraints import Vars
from ..cpmodel import build
from ..domains import domains
from ..improve import include_alone, reduce_breaks, swap_breaks
from ..index import Index
from ..lns import lns_breaks
from ..model import Status
from ..objective import levels
from ..run import Run, chosen_of, solve_levels
from ..tables import assign_tables
from .warm_start import values_of

SWAP_ROUNDS = 3  # rounds of swaps after the single moves; later rounds rarely find anything


@dataclass(frozen=True)
class Settled:
    status: Status  # optimal when every day's model proved its breaks
    chosen: dict[str, tuple[int, str | None]]  # meeting -> (slot position, interpreter)
    bound: int | None  # the days' bounds added up, when every day has one


def polish(run: Run, fill: bool = False) -> dict:
    """The plan at hand after local moves that remove breaks (same meetings, other slots), as ``Run.values``.

    Single moves (``improve.reduce_breaks``), then exchanges of two meetings of one participant
    (``improve.swap_breaks``).  With ``fill``, first a meeting for people left without one where a
    swap allows it (``improve.include_alone``; the set of meetings changes, so not when re-planning)."""
    v, s = run.vars, run.settings
    agenda = Agenda(v.ix, v.doms)
    assign_tables(agenda, chosen_of(v, run.values))
    if fill:
        include_alone(agenda, time.monotonic() + min(s.polish_max_s, s.polish_share * run.remaining()))
    deadline = time.monotonic() + min(s.polish_max_s, s.polish_share * run.remaining())
    reduce_breaks(agenda, deadline)
    for _ in range(SWAP_ROUNDS):
        if not swap_breaks(agenda, deadline):
            break
        reduce_breaks(agenda, deadline)
    return values_of(v, agenda)


def second_stage(run: Run, first: list[str], rest: list[str]) -> Status:
    """Move the run to the model with breaks: fix the levels solved so far, warm-start, solve the rest."""
    ix, doms = run.vars.ix, run.vars.doms
    if "breaks" in rest:
        run.values = polish(run)
    full = build(ix, doms, True)
    # With the optional meetings fixed by weight and fairness, the breaks level is a large model
    # where CP-SAT's default mix (LP + LNS) beats core + no_lp.
    run.default_workers.add("breaks")
    built = {level.name: level for level in levels(full, first + rest)}
    run.switch(full, [built[name] for name in first if name in built])
    todo = [built[name] for name in rest if name in built]
    return solve_levels(run, todo, []) if todo else Status.OPTIMAL


def settled_breaks(run: Run) -> Settled:
    """Timetable the chosen meetings day by day (see the module's docstring)."""
    ix, s = run.vars.ix, run.settings
    run.values = polish(run, fill=True)
    chosen = chosen_of(run.vars, run.values)
    by_day: dict[int, list[str]] = {}
    for mid, (n, _interpreter) in chosen.items():
        by_day.setdefault(ix.day_of[n], []).append(mid)
    results: dict[int, tuple[Status, int | None] | None] = {}

    def proven(day: int) -> bool:
        return results[day] is not None and results[day][0] == Status.OPTIMAL

    quick = min(s.quick_max_s, s.quick_share * run.remaining())
    for day in sorted(by_day):
        results[day] = timetable_day(run, chosen, day, by_day[day], quick * len(by_day[day]) / len(chosen))
    todo = [day for day in sorted(by_day) if not proven(day)]
    if todo and not run.stopped():
        chosen.update(_anneal(run, chosen, [mid for day in todo for mid in by_day[day]],
                              any(len(by_day[day]) <= s.day_model_max for day in todo)))
    for _round in range(s.day_rounds):
        total, done = sum(len(by_day[day]) for day in todo), 0
        for day in todo:
            budget = run.remaining() * len(by_day[day]) / max(1, total - done)
            done += len(by_day[day])
            results[day] = timetable_day(run, chosen, day, by_day[day], budget)
        if all(map(proven, results)) or run.stopped():
            break
        if run.remaining() > 0.5:
            chosen = _neighbourhoods(run, chosen)
        todo = [day for day in results if results[day] is not None and not proven(day)]
        if not todo or run.remaining() < s.day_round_min_s:
            break
    status = Status.OPTIMAL if all(map(proven, results)) and not run.stopped() else Status.FEASIBLE
    bounds = [got[1] if got is not None else None for got in results.values()]
    return Settled(status, chosen, None if any(b is None for b in bounds) else sum(bounds))


def _anneal(run: Run, chosen: dict, mids: list[str], some_day_has_a_model: bool) -> dict:
    """The unfinished days' meetings ``mids`` annealed (a proven day stays as it was)."""
    s = run.settings
    unfinished = {mid: chosen[mid] for mid in mids}
    settled = breaks_among(run.vars, {mid: chosen[mid] for mid in chosen if mid not in unfinished})

    def report(breaks: int) -> None:
        run.report(settled + breaks, "breaks")

    share = s.anneal_share if some_day_has_a_model else s.anneal_alone_share
    seconds = min(share * run.remaining(), s.anneal_s_per_meeting * len(unfinished))
    annealed, _gain = anneal_breaks(run.vars.ix, run.vars.doms, unfinished, time.monotonic() + seconds, run.seed,
                                    run.stopped, report, settings=s)
    return annealed


def _neighbourhoods(run: Run, chosen: dict) -> dict:
    """``chosen`` after the neighbourhood search, with the time left."""
    s = run.settings
    agenda = Agenda(run.vars.ix, run.vars.doms)
    assign_tables(agenda, chosen)
    left = run.remaining()
    lns_breaks(agenda, time.monotonic() + left, run.seed, max(s.lns_stall_min_s, s.lns_stall_share * left),
               run.stopped, settings=s)
    return {mid: (n, interpreter) for mid, (n, _table, interpreter) in agenda.where.items()}


def timetable_day(run: Run, chosen: dict, day: int, mids: list[str], budget: float):
    """Minimise the breaks of one day on its settled meetings; update ``chosen`` in place if the day
    then has fewer breaks than before (the annealing or the neighbourhoods may have done better than
    a day model that runs out of time).

    Returns (status, bound) of the day's model, or None when it was not run or found no plan."""
    ix = run.vars.ix
    if len(mids) > run.settings.day_model_max:
        return None
    keep, first_pos = set(mids), ix.day_ranges[day].start
    meetings = tuple(replace(m, required=True, after=tuple(a for a in m.after if a in keep))
                     for m in ix.problem.meetings if m.id in keep)
    sub = replace(ix.problem, slots=ix.slots[first_pos:ix.day_ranges[day].stop], meetings=meetings,
                  locked=frozenset(mid for mid in ix.problem.locked if mid in keep))
    six = Index(sub)
    v = build(six, domains(six), True)
    todo = levels(v, ["breaks"])
    if not todo and not v.infeasible:  # nobody can have a break on this day
        return Status.OPTIMAL, 0
    if v.infeasible or run.stopped():
        return None
    inner = run.inner(v, budget)
    inner.hint({(mid, chosen[mid][0] - first_pos): True for mid in mids}, 0.2)
    status = solve_levels(inner, todo, [])
    run.levels += [{**level, "day": ix.days[first_pos]} for level in inner.levels]
    if inner.values is None:
        return None
    found = {mid: (n + first_pos, interpreter) for mid, (n, interpreter) in chosen_of(v, inner.values).items()}
    if breaks_among(run.vars, found) < breaks_among(run.vars, {mid: chosen[mid] for mid in mids}):
        chosen.update(found)  # else the plan at hand is as good (if the status is optimal, it is optimal too)
    return status, inner.bounds.get("breaks")


def breaks_among(v: Vars, placed: dict) -> int:
    """Breaks among ``placed`` = {meeting: (slot position, interpreter)} alone."""
    return sum(breaks_by_person(v, {(mid, n): True for mid, (n, _interpreter) in placed.items()}).values())
