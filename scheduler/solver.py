"""solve(problem) -> Plan: the pipeline of stages, each in scheduler/stages/.

    warm start -> model -> weight -> (fairness) -> breaks -> tables
    (and, when the required meetings cannot all be held: culprits -> the same pipeline without them)

The objective levels are solved lexicographically (``engine.LevelEngine.solve_level``: optimise,
then fix at the value found); a stage prepares a level (a bound, a plan to start from) or replaces
its CP-SAT solve by something faster on the same question.  Stages read the ``Context`` (time,
options, settings) and what they are given, and return their results; ``_pipeline`` alone hands
them to the engine.  docs/scheduler.md explains the model and why each stage exists.
"""

from __future__ import annotations

import time
from dataclasses import replace

from .check import check_problem
from .context import Context
from .cpmodel import build, wants_breaks
from .culprits import find_culprits, without
from .domains import domains
from .engine import LevelEngine, solve_levels
from .index import Index
from .model import Plan, Problem, Status, Unscheduled
from .objective import Level, levels, varying
from .reasons import explain
from .settings import DEFAULT, Settings
from .stages import breaks, fairness, tables, warm_start, weight
from .stats import metrics

CORE_LEVELS = ("weight", "fairness")  # levels that need no break variables


def solve(problem: Problem, time_limit_s: float = 30.0, workers: int = 2, seed: int = 0,
          on_progress=None, stop=None, settings: Settings = DEFAULT) -> Plan:
    """Solve within ``time_limit_s``; never raises for "no plan" (see Plan.status).

    When the required meetings cannot all be held, those that make it impossible are set aside
    (``culprits.py``) and the rest is planned: the plan lists them in ``dropped_required`` with a
    reason, and its status is at best feasible (the problem as given has no plan)."""
    check_problem(problem)
    ctx = Context.start(time_limit_s, workers, seed, on_progress, stop, settings)
    plan = _pipeline(problem, ctx)
    left = time_limit_s - (time.monotonic() - ctx.t0)
    if plan.status != Status.INFEASIBLE or left < settings.culprit_min_s or (stop is not None and stop.is_set()):
        return plan
    culprits = find_culprits(problem, build, settings.culprit_share * left, seed)
    if not culprits:
        return plan
    rest = _pipeline(without(problem, culprits), ctx)
    if not rest.has_plan:
        return plan
    ix = Index(problem)
    reasons = {u.meeting: u.reason for u in explain(ix, domains(ix), rest.assignments)}
    dropped = tuple(Unscheduled(mid, reason or reasons.get(mid, "no_common_slot")) for mid, reason in culprits.items())
    return replace(rest, status=Status.FEASIBLE, dropped_required=dropped,
                   objective=metrics(problem, replace(rest, dropped_required=())))


def _pipeline(problem: Problem, ctx: Context) -> Plan:
    """The stages on one problem within ``ctx``'s time limit (counted from the caller's start)."""
    ix = Index(problem)
    doms = domains(ix)
    hint = warm_start.hint_agenda(ix, doms)
    warm_start.report_hint(hint, ctx.on_progress, ctx.t0)
    first, rest = split_levels(problem, doms)
    v = build(ix, doms, wants_breaks(problem) and not rest)
    ctx = replace(ctx, weight_offset=weight.held_weight(v))
    engine = LevelEngine(v, ctx)
    if v.infeasible:
        return tables.to_plan(engine, Status.INFEASIBLE)
    todo = levels(v, first) or ([] if rest else [Level("feasible", 0, False)])

    start = weight.cap_weight(ctx, v, todo)
    if start.cap is not None:
        engine.caps["weight"] = start.cap
    _start_from(engine, problem, hint, start)
    if not varying(v):  # every meeting's being held is fixed (B2BSP): breaks have a tight bound
        engine.descend.add("breaks")

    known = {start.cap: start.fewest} if start.fewest else {}
    status = solve_levels(engine, todo, rest, before={"fairness": lambda: _cap_fairness(engine, known)})
    settled = None
    if rest and engine.values is not None and status != Status.INFEASIBLE and not ctx.stopped():
        if [name for name in rest if name != "tables"] == ["breaks"]:
            settled = breaks.settled_breaks(ctx, engine.vars, engine.values)
            engine.levels += settled.levels
            later = settled.status
            if settled.bound is not None:
                engine.bounds["breaks"] = settled.bound
        else:
            later, engine = breaks.second_stage(engine, first, rest)
        status = Status.OPTIMAL if (status, later) == (Status.OPTIMAL, Status.OPTIMAL) else Status.FEASIBLE
    if engine.values is None:
        return tables.no_solution(engine, status)
    return tables.to_plan(engine, status, settled.chosen if settled else None)


def _start_from(engine: LevelEngine, problem: Problem, hint, start: weight.WeightStart) -> None:
    """The plan the first level starts from: the relaxation's meetings timetabled when they fit
    (the weight level then ends at once), else the warm start ``hint`` (the plan at hand until
    CP-SAT finds one when it holds every required meeting: with little time on a large event the
    weight level can end without any, and the breaks stage still starts from it, not first fit)."""
    ctx, v = engine.ctx, engine.vars
    if start.chosen and not problem.previous_plan:
        hint = warm_start.better_hint(ctx, hint, start.chosen)
        solved = weight.timetable(ctx, v, start.chosen, hint, bound=start.cap)
        if solved is not None:
            engine.adopt(solved)
            return
    complete = hint.holds_required()
    engine.hint(warm_start.placed(hint), 0.1, complete=complete)
    if complete:
        engine.take(warm_start.values_of(v, hint))


def _cap_fairness(engine: LevelEngine, known: dict) -> None:
    """Before the fairness level: its bound and a fairer plan to start from (``stages.fairness``)."""
    got = fairness.cap_fairness(engine.ctx, engine.vars, engine.values, engine.fixed_values.get("weight"), known,
                                engine.caps.get("weight"))
    if got.solved is not None:
        engine.adopt(got.solved)
    if got.cap is not None:
        engine.caps["fairness"] = got.cap


def split_levels(problem: Problem, doms) -> tuple[list[str], list[str]]:
    """(levels for the small model, levels for the model with breaks).

    Leading weight/fairness levels do not need break variables, and the model without them is
    several times smaller.  Not possible when a break cap is a hard rule.  Without a previous plan
    there is no changes level, so no time is kept for it."""
    order = list(problem.options.order)
    optional = any(not m.required and m.id not in problem.locked and doms[m.id].slots for m in problem.meetings)
    if not optional or not wants_breaks(problem) or problem.options.max_breaks is not None:
        return order, []
    k = 0
    while k < len(order) and order[k] in CORE_LEVELS:
        k += 1
    first, rest = (order[:k], order[k:]) if k else (order, [])
    if not problem.previous_plan:
        rest = [name for name in rest if name != "changes"]
    return first, rest
