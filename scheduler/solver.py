"""solve(problem) -> Plan: the pipeline of stages, each in scheduler/stages/.

    warm start -> model -> weight -> (fairness) -> breaks -> tables
    (and, when the required meetings cannot all be held: culprits -> the same pipeline without them)

The objective levels are solved lexicographically (``run.Run.solve_level``: optimise, then fix at
the value found); a stage prepares a level (a bound, a plan to start from) or replaces its CP-SAT
solve by something faster on the same question.  docs/scheduler.md explains the model and why
each stage exists.
"""

from __future__ import annotations

import time
from dataclasses import replace

from .check import check_problem
from .cpmodel import build, wants_breaks
from .culprits import find_culprits, without
from .domains import domains
from .index import Index
from .model import Plan, Problem, Status, Unscheduled
from .objective import Level, levels, varying
from .reasons import explain
from .run import Run, solve_levels
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
    t0 = time.monotonic()
    plan = _pipeline(problem, Run(None, time_limit_s, workers, seed, on_progress, stop, t0, settings))
    left = time_limit_s - (time.monotonic() - t0)
    if plan.status != Status.INFEASIBLE or left < settings.culprit_min_s or (stop is not None and stop.is_set()):
        return plan
    culprits = find_culprits(problem, build, settings.culprit_share * left, seed)
    if not culprits:
        return plan
    rest = _pipeline(without(problem, culprits), Run(None, time_limit_s, workers, seed, on_progress, stop, t0,
                                                       settings))
    if not rest.has_plan:
        return plan
    ix = Index(problem)
    reasons = {u.meeting: u.reason for u in explain(ix, domains(ix), rest.assignments)}
    dropped = tuple(Unscheduled(mid, reason or reasons.get(mid, "no_common_slot")) for mid, reason in culprits.items())
    return replace(rest, status=Status.FEASIBLE, dropped_required=dropped,
                   objective=metrics(problem, replace(rest, dropped_required=())))


def _pipeline(problem: Problem, run: Run) -> Plan:
    """The stages on one problem; ``run`` holds the time limit (counted from the caller's start) and options."""
    ix = Index(problem)
    doms = domains(ix)
    hint = warm_start.hint_agenda(ix, doms)
    warm_start.report_hint(hint, run.on_progress, run.t0)
    first, rest = split_levels(problem, doms)
    run.vars = build(ix, doms, wants_breaks(problem) and not rest)
    run.weight_offset = weight.held_weight(run.vars)
    if run.vars.infeasible:
        return tables.to_plan(run, Status.INFEASIBLE)
    todo = levels(run.vars, first) or ([] if rest else [Level("feasible", 0, False)])

    start = weight.cap_weight(run, todo)
    if start.cap is not None:
        run.caps["weight"] = start.cap
    timetabled = False
    if start.chosen and not problem.previous_plan:
        hint = warm_start.better_hint(run, hint, start.chosen)
        timetabled = weight.timetable(run, start.chosen, hint)
    if not timetabled:
        warm_start.hint_run(run, hint)
    if not varying(run.vars):  # every meeting's being held is fixed (B2BSP): breaks have a tight bound
        run.descend.add("breaks")

    known = {start.cap: start.fewest} if start.fewest else {}
    status = solve_levels(run, todo, rest, before={"fairness": lambda: _cap(run, fairness.cap_fairness(run, known))})
    settled = None
    if rest and run.values is not None and status != Status.INFEASIBLE and not run.stopped():
        if [name for name in rest if name != "tables"] == ["breaks"]:
            settled = breaks.settled_breaks(run)
            later = settled.status
            if settled.bound is not None:
                run.bounds["breaks"] = settled.bound
        else:
            later = breaks.second_stage(run, first, rest)
        status = Status.OPTIMAL if (status, later) == (Status.OPTIMAL, Status.OPTIMAL) else Status.FEASIBLE
    if run.values is None:
        return tables.no_solution(run, status)
    return tables.to_plan(run, status, settled.chosen if settled else None)


def _cap(run: Run, cap: int | None) -> None:
    if cap is not None:
        run.caps["fairness"] = cap


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
