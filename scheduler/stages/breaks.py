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
from dataclasses import dataclass, field, replace

from ..agenda import Agenda
from ..anneal import anneal_breaks
from ..breaks import breaks_by_person
from ..constraints import Vars
from ..context import Context
from ..cpmodel import build
from ..domains import domains
from ..engine import LevelEngine, chosen_of, solve_levels
from ..improve import include_alone, reduce_breaks, swap_breaks
from ..index import Index
from ..lns import lns_breaks
from ..model import Status
from ..objective import levels
from ..tables import assign_tables
from .warm_start import values_of

SWAP_ROUNDS = 3  # rounds of swaps after the single moves; later rounds rarely find anything


@dataclass(frozen=True)
class Settled:
    status: Status  # optimal when every day's model proved its breaks
    chosen: dict[str, tuple[int, str | None]]  # meeting -> (slot position, interpreter)
    bound: int | None  # the days' bounds added up, when every day has one
    levels: tuple[dict, ...] = ()  # the day models' level records, each with its day


@dataclass(frozen=True)
class Day:
    """What one day's model found."""
    status: Status | None  # None: no model (too large, stopped) or no plan found
    bound: int | None = None  # the day's breaks bound
    better: dict = field(default_factory=dict)  # its placements when it has fewer breaks than the plan at hand
    levels: tuple[dict, ...] = ()  # its level records, each with its day

    @property
    def proven(self) -> bool:
        return self.status == Status.OPTIMAL


def polish(ctx: Context, v: Vars, values: dict, fill: bool = False) -> dict:
    """The plan ``values`` after local moves that remove breaks (same meetings, other slots), in the same form.

    Single moves (``improve.reduce_breaks``), then exchanges of two meetings of one participant
    (``improve.swap_breaks``).  With ``fill``, first a meeting for people left without one where a
    swap allows it (``improve.include_alone``; the set of meetings changes, so not when re-planning)."""
    s = ctx.settings
    agenda = Agenda(v.ix, v.doms)
    assign_tables(agenda, chosen_of(v, values))
    if fill:
        include_alone(agenda, time.monotonic() + min(s.polish_max_s, s.polish_share * ctx.remaining()))
    deadline = time.monotonic() + min(s.polish_max_s, s.polish_share * ctx.remaining())
    reduce_breaks(agenda, deadline)
    for _ in range(SWAP_ROUNDS):
        if not swap_breaks(agenda, deadline):
            break
        reduce_breaks(agenda, deadline)
    return values_of(v, agenda)


def second_stage(engine: LevelEngine, first: list[str], rest: list[str]) -> tuple[Status, LevelEngine]:
    """The levels ``rest`` solved on the model with breaks, by a new engine that keeps the levels
    ``first`` at the values ``engine`` found and starts from its plan (polished).  Returns the
    status of those levels and the new engine."""
    ix, doms = engine.vars.ix, engine.vars.doms
    values = polish(engine.ctx, engine.vars, engine.values) if "breaks" in rest else engine.values
    full = build(ix, doms, True)
    built = {level.name: level for level in levels(full, first + rest)}
    # With the optional meetings fixed by weight and fairness, the breaks level is a large model
    # where CP-SAT's default mix (LP + LNS) beats core + no_lp.
    after = engine.moved_to(full, [built[name] for name in first if name in built], values, {"breaks"})
    todo = [built[name] for name in rest if name in built]
    return (solve_levels(after, todo, []) if todo else Status.OPTIMAL), after


def settled_breaks(ctx: Context, v: Vars, values: dict) -> Settled:
    """Timetable the meetings of the plan ``values`` day by day (see the module's docstring)."""
    ix, s = v.ix, ctx.settings
    chosen = chosen_of(v, polish(ctx, v, values, fill=True))
    by_day: dict[int, list[str]] = {}
    for mid, (n, _interpreter) in chosen.items():
        by_day.setdefault(ix.day_of[n], []).append(mid)
    results: dict[int, Day] = {}
    records: list[dict] = []

    def run_day(day: int, budget: float) -> None:
        results[day] = got = timetable_day(ctx, v, chosen, day, by_day[day], budget)
        chosen.update(got.better)
        records.extend(got.levels)

    def proven(day: int) -> bool:
        return results[day].proven

    quick = min(s.quick_max_s, s.quick_share * ctx.remaining())
    for day in sorted(by_day):
        run_day(day, quick * len(by_day[day]) / len(chosen))
    todo = [day for day in sorted(by_day) if not proven(day)]
    if todo and not ctx.stopped():
        chosen.update(_anneal(ctx, v, chosen, [mid for day in todo for mid in by_day[day]],
                              any(len(by_day[day]) <= s.day_model_max for day in todo)))
    for _round in range(s.day_rounds):
        total, done = sum(len(by_day[day]) for day in todo), 0
        for day in todo:
            budget = ctx.remaining() * len(by_day[day]) / max(1, total - done)
            done += len(by_day[day])
            run_day(day, budget)
        if all(map(proven, results)) or ctx.stopped():
            break
        if ctx.remaining() > 0.5:
            chosen = _neighbourhoods(ctx, v, chosen)
        todo = [day for day in results if results[day].status is not None and not proven(day)]
        if not todo or ctx.remaining() < s.day_round_min_s:
            break
    status = Status.OPTIMAL if all(map(proven, results)) and not ctx.stopped() else Status.FEASIBLE
    bounds = [got.bound for got in results.values()]
    return Settled(status, chosen, None if any(b is None for b in bounds) else sum(bounds), tuple(records))


def _anneal(ctx: Context, v: Vars, chosen: dict, mids: list[str], some_day_has_a_model: bool) -> dict:
    """The unfinished days' meetings ``mids`` annealed (a proven day stays as it was)."""
    s = ctx.settings
    unfinished = {mid: chosen[mid] for mid in mids}
    settled = breaks_among(v, {mid: chosen[mid] for mid in chosen if mid not in unfinished})

    def report(breaks: int) -> None:
        ctx.report(settled + breaks, "breaks")

    share = s.anneal_share if some_day_has_a_model else s.anneal_alone_share
    seconds = min(share * ctx.remaining(), s.anneal_s_per_meeting * len(unfinished))
    annealed, _gain = anneal_breaks(v.ix, v.doms, unfinished, time.monotonic() + seconds, ctx.seed,
                                    ctx.stopped, report, settings=s)
    return annealed


def _neighbourhoods(ctx: Context, v: Vars, chosen: dict) -> dict:
    """``chosen`` after the neighbourhood search, with the time left."""
    s = ctx.settings
    agenda = Agenda(v.ix, v.doms)
    assign_tables(agenda, chosen)
    left = ctx.remaining()
    lns_breaks(agenda, time.monotonic() + left, ctx.seed, max(s.lns_stall_min_s, s.lns_stall_share * left),
               ctx.stopped, settings=s)
    return {mid: (n, interpreter) for mid, (n, _table, interpreter) in agenda.where.items()}


def timetable_day(ctx: Context, v: Vars, chosen: dict, day: int, mids: list[str], budget: float) -> Day:
    """Minimise the breaks of one day on its settled meetings ``mids`` (placed as in ``chosen``),
    within ``budget`` seconds, by a level engine of its own.  The day's placements are returned as
    ``better`` only when they have fewer breaks than ``chosen`` (the annealing or the neighbourhoods
    may have done better than a day model that runs out of time)."""
    ix = v.ix
    if len(mids) > ctx.settings.day_model_max:
        return Day(None)
    keep, first_pos = set(mids), ix.day_ranges[day].start
    meetings = tuple(replace(m, required=True, after=tuple(a for a in m.after if a in keep))
                     for m in ix.problem.meetings if m.id in keep)
    sub = replace(ix.problem, slots=ix.slots[first_pos:ix.day_ranges[day].stop], meetings=meetings,
                  locked=frozenset(mid for mid in ix.problem.locked if mid in keep))
    six = Index(sub)
    day_vars = build(six, domains(six), True)
    todo = levels(day_vars, ["breaks"])
    if not todo and not day_vars.infeasible:  # nobody can have a break on this day
        return Day(Status.OPTIMAL, 0)
    if day_vars.infeasible or ctx.stopped():
        return Day(None)
    engine = LevelEngine(day_vars, ctx.inner(budget))
    engine.hint({(mid, chosen[mid][0] - first_pos): True for mid in mids}, 0.2)
    status = solve_levels(engine, todo, [])
    records = tuple({**level, "day": ix.days[first_pos]} for level in engine.levels)
    if engine.values is None:
        return Day(None, levels=records)
    found = {mid: (n + first_pos, interpreter) for mid, (n, interpreter) in chosen_of(day_vars, engine.values).items()}
    better = breaks_among(v, found) < breaks_among(v, {mid: chosen[mid] for mid in mids})
    # else the plan at hand is as good (if the status is optimal, it is optimal too)
    return Day(status, engine.bounds.get("breaks"), found if better else {}, records)


def breaks_among(v: Vars, placed: dict) -> int:
    """Breaks among ``placed`` = {meeting: (slot position, interpreter)} alone."""
    return sum(breaks_by_person(v, {(mid, n): True for mid, (n, _interpreter) in placed.items()}).values())
