"""solve(problem) -> Plan: build the CP-SAT model, solve the objective levels in order, extract.

Flow: static domains -> model (constraints.py, breaks.py) -> hint from the previous plan or the
first-fit plan -> one CP-SAT solve per soft level (objective.py), each fixed at its value before
the next -> tables (tables.py) -> reasons (reasons.py) -> metrics.
"""

from __future__ import annotations

import time
from dataclasses import replace

from ortools.sat.python import cp_model

from . import constraints as c
from .agenda import Agenda
from .anneal import anneal_breaks
from .baseline import first_fit, first_fit_agenda
from .breaks import add_breaks, breaks_by_person
from .check import check_problem
from .culprits import find_culprits, without
from .domains import domains
from .improve import include_alone, reduce_breaks, relaxed_agenda, swap_breaks
from .index import Index
from .lns import lns_breaks
from .model import Plan, Problem, Status, Unscheduled
from .objective import Level, fairness_cap, left_out, levels, varying
from .reasons import explain
from .rules import build_rules
from .relax import best_share, fewest_left_out, relax_weight
from .run import Run
from .stats import metrics
from .tables import assign_tables

SHARE = {"weight": 2.0, "fairness": 1.0, "breaks": 3.0, "changes": 1.0, "tables": 0.0, "feasible": 1.0}


CORE_LEVELS = ("weight", "fairness")
POLISH_MAX_S, POLISH_SHARE = 20.0, 0.25  # local moves converge in seconds up to 600 participants; at 1,500 they beat CP-SAT per second
RELAX_MAX_S, RELAX_SHARE = 10.0, 0.15
TIMETABLE_MAX_S, TIMETABLE_SHARE = 10.0, 0.08
GROW_MAX_S, GROW_SHARE = 10.0, 0.1
FAIR_PROOF_MAX_S, FAIR_PROOF_SHARE = 10.0, 0.1
DAY_MODEL_MAX = 2000  # meetings of a day above which CP-SAT's day model is skipped for the neighbourhood search
LNS_STALL_MIN_S, LNS_STALL_SHARE = 2.0, 0.1  # of the time left: neighbourhood steps without a better one for this long -> done
DAY_ROUNDS, DAY_ROUND_MIN_S = 3, 5.0  # day models, then neighbourhoods; again while days are unfinished and time is left
ANNEAL_SHARE = 0.5  # of the time left for the breaks: annealing before the day models (see _settled_breaks)
ANNEAL_ALONE_SHARE = 0.8  # the same when every day is too large for its model (the neighbourhoods get the rest)
ANNEAL_S_PER_MEETING = 0.1  # at most, so that a small event is not annealed for half its time limit
CULPRIT_MIN_S = 1.0  # time left below which an infeasible answer is returned as it is
CULPRIT_SHARE = 0.3  # of the time left, for finding the required meetings that cannot be held
QUICK_MAX_S, QUICK_SHARE = 3.0, 0.05  # of the time left, a first try of the day models before the annealing


def wants_breaks(problem: Problem) -> bool:
    return "breaks" in problem.options.order or problem.options.max_breaks is not None


def build(ix: Index, doms, want_breaks: bool) -> c.Vars:
    """The CP-SAT model of every registered rule; without break variables when ``want_breaks`` is false."""
    v = c.Vars(cp_model.CpModel(), ix, doms, want_breaks)
    c.add_variables(v)
    build_rules(v)
    c.add_implied(v)
    if want_breaks:
        add_breaks(v)
    build_rules(v, after_breaks=True)
    return v


def split_levels(problem: Problem, doms) -> tuple[list[str], list[str]]:
    """(levels for the small model, levels for the model with breaks).

    Leading weight/fairness levels do not need break variables, and the model without them is
    several times smaller (measured: 200 participants, weight level stuck at the warm start with
    break variables present).  Not possible when a break cap is a hard rule.
    """
    order = list(problem.options.order)
    optional = any(not m.required and m.id not in problem.locked and doms[m.id].slots for m in problem.meetings)
    if not optional or not wants_breaks(problem) or problem.options.max_breaks is not None:
        return order, []
    k = 0
    while k < len(order) and order[k] in CORE_LEVELS:
        k += 1
    return (order[:k], order[k:]) if k else (order, [])


def _warm_start(ix: Index, run: Run, agenda: Agenda) -> None:
    """Hint the model with the warm-start plan, completed to all variables when it is valid."""
    hinted = {(mid, n): True for mid, (n, _t, _i) in agenda.where.items()}
    run.hint(hinted, 0.1, complete=agenda.holds_required())


def _hint_agenda(ix: Index, doms) -> Agenda:
    """The previous plan where it is still possible, completed by first fit."""
    agenda = Agenda(ix, doms)
    for a in ix.problem.previous_plan:
        n = ix.pos[a.slot]
        if n in doms[a.meeting].slots and agenda.why_not(a.meeting, n) is None:
            agenda.try_place(a.meeting, [n])
    if not agenda.where:
        return first_fit_agenda(ix, doms)
    for m in ix.problem.meetings:
        if m.id not in agenda.where:
            agenda.try_place(m.id, doms[m.id].slots)
    return agenda


def _report_hint(ix: Index, agenda: Agenda, on_progress, t0: float, phase: str = "first_fit") -> None:
    """Tell the caller early that a valid plan exists (the warm start), before the model is built."""
    if on_progress is None or not agenda.holds_required():
        return
    on_progress({"incumbent": agenda.weight(), "bound": None, "gap": None, "elapsed_s": round(time.monotonic() - t0, 2),
                 "phase": phase})


def _chosen(v: c.Vars, values: dict) -> dict[str, tuple[int, str | None]]:
    used = {(mid, n): cls for (mid, n, cls), on in values["y"].items() if on}
    interpreters = c.pick_interpreters(v, used)
    return {mid: (n, interpreters.get(mid)) for (mid, n), on in values["x"].items() if on}


def _plan(ix: Index, doms, run: Run, status: Status, values, chosen=None) -> Plan:
    """The plan of the solved ``values`` (or of ``chosen`` = {meeting: (slot position, interpreter)})."""
    assignments = ()
    if values is not None:
        assignments = assign_tables(Agenda(ix, doms), chosen if chosen is not None else _chosen(run.vars, values))
    plan = Plan(status, assignments, explain(ix, doms, assignments), {}, run.plan_bounds(), run.solver_info())
    return Plan(plan.status, plan.assignments, plan.unscheduled, metrics(ix.problem, plan), plan.bound,
                plan.solver)


def _solve_levels(run: Run, todo: list[Level], later: list[str]) -> Status:
    status = Status.OPTIMAL
    for k, level in enumerate(todo):
        if level.name == "fairness":
            _cap_fairness(run)
        share = SHARE[level.name] / (sum(SHARE[x.name] for x in todo[k:]) + sum(SHARE[x] for x in later))
        got = run.solve_level(level, share)
        if got == Status.INFEASIBLE or (got == Status.UNKNOWN and run.values is None):
            return got
        if got == Status.UNKNOWN:
            status = Status.FEASIBLE
        if got == Status.FEASIBLE:
            status = Status.FEASIBLE
        if run.stopped():
            return status if k == len(todo) - 1 else Status.FEASIBLE
    return status


def _polish(ix: Index, doms, run: Run, fill: bool = False) -> None:
    """Local moves that remove breaks from the current plan (same meetings, other slots): single
    moves (``reduce_breaks``), then exchanges of two meetings of one participant (``swap_breaks``).

    With ``fill``, first give a meeting to people left without one where a swap allows it
    (``improve.include_alone``; the set of meetings changes, so not when re-planning).
    """
    agenda = Agenda(ix, doms)
    assign_tables(agenda, _chosen(run.vars, run.values))
    if fill:
        include_alone(agenda, time.monotonic() + min(POLISH_MAX_S, POLISH_SHARE * run.remaining()))
    deadline = time.monotonic() + min(POLISH_MAX_S, POLISH_SHARE * run.remaining())
    reduce_breaks(agenda, deadline)
    for _ in range(3):  # 1,500 participants: 960 breaks after the moves, 916 after one round of swaps (2 s)
        if not swap_breaks(agenda, deadline):
            break
        reduce_breaks(agenda, deadline)
    run.values = _values_of(run.vars, agenda)


def _values_of(v: c.Vars, agenda: Agenda) -> dict:
    """The plan of ``agenda`` in the form of ``Run.values``."""
    cls = {i: c_id for c_id, members in v.interpreter_classes.items() for i in members}
    values = {"x": {(mid, n): agenda.where.get(mid, (None,))[0] == n for (mid, n) in v.x},
              "y": {(mid, n, k): False for (mid, n, k) in v.interp}}
    for mid, (n, _table, interpreter) in agenda.where.items():
        if interpreter is not None:
            values["y"][(mid, n, cls[interpreter])] = True
    return values


def _second_stage(ix: Index, doms, run: Run, first: list[str], rest: list[str]) -> Status:
    """Move to the model with breaks: fix the levels solved so far, warm-start, solve the rest."""
    if "breaks" in rest:
        _polish(ix, doms, run)
    full = build(ix, doms, True)
    # With optional meetings fixed by weight/fairness, the breaks level is a large model where
    # CP-SAT's default mix (LP + LNS) beats core + no_lp (measured, generated events, 2 workers:
    # 60 participants 49 -> 46 breaks in 40 s, 200 participants 266 -> 248 in 60 s).
    run.default_workers.add("breaks")
    built = {level.name: level for level in levels(full, first + rest)}
    run.switch(full, [built[name] for name in first if name in built])
    todo = [built[name] for name in rest if name in built]
    return _solve_levels(run, todo, []) if todo else Status.OPTIMAL


def _settled_breaks(ix: Index, doms, run: Run, first: list[str], rest: list[str]) -> Status:
    """Breaks with the meetings settled: timetable the chosen meetings day by day, all required.

    Weight and fairness depend only on which meetings are held, so once they are solved the
    breaks can be minimised on the chosen meetings alone, each kept on the day it has now.  Days
    are then independent, and each is the all-required (B2BSP) form, where every participant's
    number of meetings is known and the no-break window model applies.  Measured on generated
    events (120 s): 60 participants 44 -> 20 breaks, 200: 226 -> 112, 600 (two days): 605 -> 0
    (first fit: 71, 274, 801).  It gives up swapping a chosen meeting for
    another of the same weight or moving it to another day; used only without a previous plan,
    where no changes level needs that freedom.

    After a short try of the day models (``QUICK_SHARE``, which proves small days at once), the
    unfinished days are annealed over Kempe-chain swaps (``anneal.anneal_breaks``, ``ANNEAL_SHARE``
    of the time, at most ``ANNEAL_S_PER_MEETING`` per meeting): on the dense day at 200 participants
    (604 meetings in 12 slots) the day model alone stayed at 130-146 breaks, the annealing reaches
    62 in 60 s; the day models then start from its plan and keep theirs only if it is better.

    A day with more than ``DAY_MODEL_MAX`` meetings is left to the neighbourhood search
    (``lns.lns_breaks``), which also gets whatever time the day models leave: at 1,500
    participants (about 2,700 meetings a day) CP-SAT needed 7 s for its first plan and then took
    469 breaks to 463 in 19 s, the neighbourhoods take a polished plan from 885 to 572 in 50 s.  At
    600 participants (about 1,050 a day) CP-SAT finds 0 (proven) per day in 9-30 s, after a long
    slow descent; the neighbourhoods first, with 60 % of the time, ended at 213.  When the
    neighbourhoods stall with time left, unfinished day models go on from their plan (up to
    ``DAY_ROUNDS`` rounds; 600 participants, seed 3: one day 109 -> ~103 by neighbourhoods -> 92).
    """
    _polish(ix, doms, run, fill=True)
    chosen = _chosen(run.vars, run.values)
    by_day: dict[int, list[str]] = {}  # the annealing keeps every meeting on its day
    for mid, (n, _interpreter) in chosen.items():
        by_day.setdefault(ix.day_of[n], []).append(mid)

    results: dict[int, tuple[Status, int | None] | None] = {}

    def proven(day: int) -> bool:
        return results[day] is not None and results[day][0] == Status.OPTIMAL

    # a small day is often proven at once by its model (the demo event: 0 breaks in 0.3 s, where
    # the annealing had spent 12 s without reaching 0), so the day models first get a short try
    quick = min(QUICK_MAX_S, QUICK_SHARE * run.remaining())
    for day in sorted(by_day):
        results[day] = _timetable_day(ix, run, chosen, day, by_day[day], quick * len(by_day[day]) / len(chosen))
    todo = [day for day in sorted(by_day) if not proven(day)]
    if todo and not run.stopped():
        # anneal the unfinished days only, so that a proven day stays as it was
        unfinished = {mid: chosen[mid] for day in todo for mid in by_day[day]}
        settled = _breaks_among(run.vars, {mid: chosen[mid] for mid in chosen if mid not in unfinished})

        def report(breaks: int) -> None:
            run.report(settled + breaks, "breaks")

        share = ANNEAL_SHARE if any(len(by_day[day]) <= DAY_MODEL_MAX for day in todo) else ANNEAL_ALONE_SHARE
        seconds = min(share * run.remaining(), ANNEAL_S_PER_MEETING * len(unfinished))
        annealed, _gain = anneal_breaks(ix, doms, unfinished, time.monotonic() + seconds, run.seed, run.stopped, report)
        chosen.update(annealed)
    for _round in range(DAY_ROUNDS):
        total, done = sum(len(by_day[day]) for day in todo), 0
        for day in todo:
            budget = run.remaining() * len(by_day[day]) / max(1, total - done)
            done += len(by_day[day])
            results[day] = _timetable_day(ix, run, chosen, day, by_day[day], budget)
        if all(map(proven, results)) or run.stopped():
            break
        if run.remaining() > 0.5:
            agenda = Agenda(ix, doms)
            assign_tables(agenda, chosen)
            left = run.remaining()
            lns_breaks(agenda, time.monotonic() + left, run.seed, max(LNS_STALL_MIN_S, LNS_STALL_SHARE * left),
                       run.stopped)
            chosen = {mid: (n, interpreter) for mid, (n, _table, interpreter) in agenda.where.items()}
        # the neighbourhoods stalled with time left: the unfinished day models go on from their plan
        # (600 participants, seed 3: a day of 1,258 meetings at ~100 breaks, 30 s unused)
        todo = [day for day in results if results[day] is not None and not proven(day)]
        if not todo or run.remaining() < DAY_ROUND_MIN_S:
            break
    status = Status.OPTIMAL if all(map(proven, results)) and not run.stopped() else Status.FEASIBLE
    bounds = [got[1] if got is not None else None for got in results.values()]
    bound = None if any(b is None for b in bounds) else sum(bounds)
    run.settled = chosen
    if bound is not None:
        run.bounds["breaks"] = bound
    return status


def _timetable_day(ix: Index, run: Run, chosen: dict, day: int, mids: list[str], budget: float):
    """Minimise the breaks of one day on its settled meetings; update ``chosen`` in place if the day
    then has fewer breaks than before (the annealing or the neighbourhoods may have done better than
    a day model that runs out of time).

    Returns (status, bound) of the day's model, or None when it was not run or found no plan.
    """
    if len(mids) > DAY_MODEL_MAX:
        return None
    keep, first_pos = set(mids), ix.day_ranges[day].start
    slots = ix.slots[first_pos:ix.day_ranges[day].stop]
    meetings = tuple(replace(m, required=True, after=tuple(a for a in m.after if a in keep))
                     for m in ix.problem.meetings if m.id in keep)
    sub = replace(ix.problem, slots=slots, meetings=meetings,
                  locked=frozenset(mid for mid in ix.problem.locked if mid in keep))
    six = Index(sub)
    sdoms = domains(six)
    v = build(six, sdoms, True)
    todo = levels(v, ["breaks"])
    if not todo and not v.infeasible:  # nobody can have a break on this day
        return Status.OPTIMAL, 0
    if v.infeasible or run.stopped():
        return None
    inner = Run(v, budget, run.workers, run.seed, run.on_progress, run.stop, time.monotonic())
    inner.shown_t0 = run.shown_t0
    inner.hint({(mid, chosen[mid][0] - first_pos): True for mid in mids}, 0.2)
    status = _solve_levels(inner, todo, [])
    run.levels += [{**level, "day": ix.days[first_pos]} for level in inner.levels]
    if inner.values is None:
        return None
    found = {mid: (n + first_pos, interpreter) for mid, (n, interpreter) in _chosen(v, inner.values).items()}
    if _breaks_among(run.vars, found) < _breaks_among(run.vars, {mid: chosen[mid] for mid in mids}):
        chosen.update(found)  # else the plan at hand is as good (if the status is optimal, it is optimal too)
    return status, inner.bounds.get("breaks")


def _breaks_among(v: c.Vars, placed: dict) -> int:
    """Breaks among ``placed`` = {meeting: (slot position, interpreter)} alone."""
    return sum(breaks_by_person(v, {(mid, n): True for mid, (n, _interpreter) in placed.items()}).values())


def solve(problem: Problem, time_limit_s: float = 30.0, workers: int = 2, seed: int = 0,
          on_progress=None, stop=None) -> Plan:
    """Solve within ``time_limit_s``; never raises for "no plan" (see Plan.status).

    When the required meetings cannot all be held, those that make it impossible are set aside
    (``culprits.py``) and the rest is planned: the plan lists them in ``dropped_required`` with a
    reason, and its status is at best feasible (the problem as given has no plan)."""
    check_problem(problem)
    t0 = time.monotonic()
    plan = _solve(problem, time_limit_s, workers, seed, on_progress, stop, t0)
    left = time_limit_s - (time.monotonic() - t0)
    if plan.status != Status.INFEASIBLE or left < CULPRIT_MIN_S or (stop is not None and stop.is_set()):
        return plan
    culprits = find_culprits(problem, build, CULPRIT_SHARE * left, seed)
    if not culprits:
        return plan
    rest = _solve(without(problem, culprits), time_limit_s, workers, seed, on_progress, stop, t0)
    if not rest.has_plan:
        return plan
    ix = Index(problem)
    reasons = {u.meeting: u.reason for u in explain(ix, domains(ix), rest.assignments)}
    dropped = tuple(Unscheduled(mid, reason or reasons.get(mid, "no_common_slot")) for mid, reason in culprits.items())
    return replace(rest, status=Status.FEASIBLE, dropped_required=dropped,
                   objective=metrics(problem, replace(rest, dropped_required=())))


def _solve(problem: Problem, time_limit_s: float, workers: int, seed: int, on_progress, stop, t0: float) -> Plan:
    """The pipeline on one problem, with ``t0`` the start of the caller's time limit."""
    ix = Index(problem)
    doms = domains(ix)
    hint = _hint_agenda(ix, doms)
    _report_hint(ix, hint, on_progress, t0)
    first, rest = split_levels(problem, doms)
    if not problem.previous_plan:  # no changes level: do not keep time for it
        rest = [name for name in rest if name != "changes"]
    v = build(ix, doms, wants_breaks(problem) and not rest)
    run = Run(v, time_limit_s, workers, seed, on_progress, stop, t0)
    run.weight_offset = _held_weight(v)
    if v.infeasible:
        return _plan(ix, doms, run, Status.INFEASIBLE, None)
    todo = levels(v, first) or ([] if rest else [Level("feasible", 0, False)])
    chosen = _cap_weight(run, todo)
    timetabled = False
    if chosen and not problem.previous_plan:
        hint = _better_hint(ix, doms, run, hint, chosen)
        timetabled = _timetable(run, chosen, hint)
    if not timetabled:
        _warm_start(ix, run, hint)
        if hint.holds_required():
            # the warm start is the plan at hand until CP-SAT finds one: with little time on a large
            # event (1,500 participants, 30 s) the weight level can end without any, and then the
            # breaks stage still starts from this plan instead of falling back to first fit
            run.values = _values_of(v, hint)
    if not varying(v):  # every meeting's being held is fixed (B2BSP): breaks have a tight bound
        run.descend.add("breaks")
    status = _solve_levels(run, todo, rest)
    if rest and run.values is not None and status != Status.INFEASIBLE and not run.stopped():
        stage = _settled_breaks if [name for name in rest if name != "tables"] == ["breaks"] else _second_stage
        later = stage(ix, doms, run, first, rest)
        status = Status.OPTIMAL if (status, later) == (Status.OPTIMAL, Status.OPTIMAL) else Status.FEASIBLE
    if run.values is None:
        return _no_values(ix, doms, run, status)
    return _plan(ix, doms, run, status, run.values, run.settled)


def _held_weight(v: c.Vars) -> int:
    """Weight of the meetings every plan holds (required or locked, with a possible slot)."""
    decided = set(varying(v))
    return sum(v.ix.weight(m) for m in v.ix.problem.meetings if m.id not in decided and v.doms[m.id].slots
               and (m.required or m.id in v.ix.problem.locked))


def _cap_weight(run: Run, todo: list[Level]) -> frozenset[str]:
    """Bound the weight level by the meeting-only relaxation (relax.py) when it is solved.

    Returns the meetings of the relaxation's best solution (empty when it was not solved); when
    that solution reaches the bound and there is no previous plan, the one that leaves the fewest
    people out at that weight (``relax.fewest_left_out``, whose bound is kept for the fairness level)."""
    if not any(level.name == "weight" for level in todo) or run.stopped():
        return frozenset()
    mids = varying(run.vars)
    cap, chosen = relax_weight(run.vars, mids, min(RELAX_MAX_S, RELAX_SHARE * run.remaining()), run.workers,
                               run.seed, run.watch)
    if cap is None:
        return chosen
    run.caps["weight"] = cap
    ix = run.vars.ix
    if ix.problem.previous_plan or run.stopped():  # re-planning keeps the previous plan's meetings instead
        return chosen
    if sum(ix.weight(ix.meetings[mid]) for mid in chosen) == cap:
        limit = min(FAIR_PROOF_MAX_S, FAIR_PROOF_SHARE * run.remaining())
        fewest, fair = fewest_left_out(run.vars, mids, cap, limit, run.workers, run.seed, run.watch, chosen)
        if fewest is not None:
            run.fewest_left_out[cap] = (fewest, fair)
            chosen = fair
    return chosen


def _timetable(run: Run, chosen: frozenset[str], near: Agenda | None = None) -> bool:
    """Decide whether exactly the ``chosen`` meetings (and those that must be held) fit the slots;
    if so, hint that plan (complete, so CP-SAT starts from it).

    With the relaxation's best solution as ``chosen`` this reaches the weight bound at once when
    it fits.  Measured on generated events (2 workers): it fits on 60-1,500 participants, seeds 1-3,
    in 0.0-2.5 s, where the weight level used to take 30-37 s at 200 and did not reach the bound in
    120 s at 600 and 1,500 (the bound then was weaker: see relax._hall)."""
    v = run.vars
    if run.stopped():
        return False
    varying_ids = set(varying(v))
    model = c.fixed_copy(v.model, [], [lit for mid in varying_ids if mid not in chosen for _n, lit in v.slot_vars(mid)])
    model.clear_objective()
    model.clear_hints()
    for mid in varying_ids & chosen:
        model.add(v.placed[mid] == 1)
    if near is not None:  # the greedy plan places meetings where they make few breaks: start there
        for mid, (n, _table, _interpreter) in near.where.items():
            if mid in chosen or mid not in varying_ids:
                model.add_hint(v.x[(mid, n)], True)
    solver = run.make_solver(min(TIMETABLE_MAX_S, TIMETABLE_SHARE * run.remaining()), "weight")
    done = run.watch(solver)
    code = solver.solve(model)
    done.set()
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return False
    run.store(solver)
    run.hint_all()
    run.report(sum(v.ix.weight(v.ix.meetings[mid]) for mid in chosen), "warm_start", run.caps.get("weight"))
    return True


def _cap_fairness(run: Run) -> None:
    """Bound the fairness level when the plan leaves out no more people than every plan of its weight must.

    ``relax.fewest_left_out`` bounds the people left out in any plan of at least the weight held;
    when the plan at hand leaves out that many, ``objective.fairness_cap`` is reached by it and
    the level stops at once (measured, 200 participants: the fairness level used 19 s without a
    proof of the value it started from).  Otherwise the relaxation's fairest solution is tried as
    a hint (``_timetable``).  When nobody is left out (or some who are asked for nothing), the
    minimum share is bounded by ``relax.best_share`` and its solution timetabled the same way
    (200 participants with team meetings: the level took 29 s and ended at 83 with CP-SAT's bound
    at 230; the relaxation proves 103 in 0.2 s)."""
    v, weight = run.vars, run.fixed_values.get("weight")
    if weight is None or run.values is None or run.stopped():
        return
    held, mids = frozenset(mid for (mid, _n), on in run.values["x"].items() if on), varying(v)
    alone = left_out(v, held)
    fewest, fair = run.fewest_left_out.get(weight, (None, frozenset()))
    if fewest is None:
        limit = min(FAIR_PROOF_MAX_S, FAIR_PROOF_SHARE * run.remaining())
        fewest, fair = fewest_left_out(v, mids, weight, limit, run.workers, run.seed, run.watch, held)
    if fewest is None:
        return
    if fewest < len(alone):
        if fair and len(left_out(v, fair)) < len(alone):
            _timetable(run, fair)
        return
    cap = fairness_cap(v, len(alone))
    if cap > fairness_cap(v, len(alone), 0):  # the minimum share is not 0 by the people left out: bound it
        limit = min(FAIR_PROOF_MAX_S, FAIR_PROOF_SHARE * run.remaining())
        share, fairest = best_share(v, mids, weight, len(alone), limit, run.workers, run.seed, run.watch, held)
        if share is not None:
            cap = fairness_cap(v, len(alone), share)
            if fairest != held.intersection(mids):  # the fairest choice may fit and reach the bound at once
                _timetable(run, fairest)
    run.caps["fairness"] = cap


def _better_hint(ix: Index, doms, run: Run, hint: Agenda, chosen: frozenset[str]) -> Agenda:
    """The relaxation-guided warm start (improve.relaxed_agenda) when it holds more weight than ``hint``.

    Measured (generated events, 120 s): 1,500 participants, the weight level started from first
    fit's 10,542 and ended at 10,667; this warm start is 10,836 after ~15 s.
    """
    deadline = time.monotonic() + min(GROW_MAX_S, GROW_SHARE * run.remaining())
    other = relaxed_agenda(ix, doms, chosen, deadline)
    if other is None or other.weight() <= hint.weight():
        return hint
    _report_hint(ix, other, run.on_progress, run.t0, "warm_start")
    return other


def _no_values(ix: Index, doms, run: Run, status: Status) -> Plan:
    fallback = first_fit(ix.problem) if status == Status.UNKNOWN else None
    if fallback is not None and fallback.status == Status.FEASIBLE:
        return Plan(Status.FEASIBLE, fallback.assignments, fallback.unscheduled, fallback.objective,
                    run.plan_bounds(), {**run.solver_info(), "fallback": "first_fit"})
    return _plan(ix, doms, run, status, None)
