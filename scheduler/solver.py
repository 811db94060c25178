"""solve(problem) -> Plan: build the CP-SAT model, solve the objective levels in order, extract.

Flow: static domains -> model (constraints.py, breaks.py) -> hint from the previous plan or the
first-fit plan -> one CP-SAT solve per soft level (objective.py), each fixed at its value before
the next -> tables (tables.py) -> reasons (reasons.py) -> metrics.
"""

from __future__ import annotations

import time

from ortools.sat.python import cp_model

from . import constraints as c
from .agenda import Agenda
from .baseline import first_fit, first_fit_agenda
from .breaks import add_breaks
from .check import check_problem
from .domains import domains
from .index import Index
from .model import Plan, Problem, Status
from .objective import Level, levels
from .reasons import explain
from .run import Run
from .stats import metrics
from .tables import assign_tables

SHARE = {"weight": 2.0, "fairness": 1.0, "breaks": 3.0, "changes": 1.0, "feasible": 1.0}


def build(ix: Index, doms) -> c.Vars:
    model = cp_model.CpModel()
    v = c.Vars(model, ix, doms)
    c.add_meetings(v)
    opts = ix.problem.options
    want_breaks = "breaks" in opts.order or opts.max_breaks is not None
    need_busy = {p for p, q in ix.people.items() if q.max_consecutive is not None}
    if want_breaks:
        need_busy |= set(ix.people)
    c.add_participants(v, need_busy)
    c.add_tables(v)
    c.add_precedences(v)
    c.add_max_meetings(v)
    c.add_max_consecutive(v)
    c.add_interpreters(v)
    c.add_implied(v)
    if want_breaks:
        add_breaks(v, opts.max_breaks)
    return v


def _hint_from(ix: Index, v: c.Vars, agenda: Agenda) -> None:
    v.model.clear_hints()
    for (mid, n), lit in v.x.items():
        v.model.add_hint(lit, agenda.where.get(mid, (None,))[0] == n)


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


def _report_hint(ix: Index, agenda: Agenda, on_progress, t0: float) -> None:
    """Tell the caller early that a valid plan exists (the warm start), before the model is built."""
    if on_progress is None or not all(mid in agenda.where for mid in ix.meetings if ix.must(mid)):
        return
    weight = sum(ix.weight(ix.meetings[mid]) for mid in agenda.where)
    on_progress({"incumbent": weight, "bound": None, "gap": None, "elapsed_s": round(time.monotonic() - t0, 2),
                 "phase": "first_fit"})


def _chosen(v: c.Vars, values: dict) -> dict[str, tuple[int, str | None]]:
    used = {(mid, n): cls for (mid, n, cls), on in values["y"].items() if on}
    interpreters = c.pick_interpreters(v, used)
    return {mid: (n, interpreters.get(mid)) for (mid, n), on in values["x"].items() if on}


def _plan(ix: Index, doms, run: Run, status: Status, values) -> Plan:
    assignments = ()
    if values is not None:
        assignments = assign_tables(Agenda(ix, doms), _chosen(run.vars, values))
    plan = Plan(status, assignments, explain(ix, doms, assignments), {}, dict(run.bounds), run.solver_info())
    return Plan(plan.status, plan.assignments, plan.unscheduled, metrics(ix.problem, plan), plan.bound,
                plan.solver)


def _solve_levels(run: Run, todo: list[Level]) -> Status:
    status = Status.OPTIMAL
    for k, level in enumerate(todo):
        share = SHARE[level.name] / sum(SHARE[x.name] for x in todo[k:])
        got = run.solve_level(level, share)
        if got in (Status.INFEASIBLE, Status.UNKNOWN):
            return got if run.values is None else Status.FEASIBLE
        if got == Status.FEASIBLE:
            status = Status.FEASIBLE
        if run.stopped():
            return status if k == len(todo) - 1 else Status.FEASIBLE
    return status


def solve(problem: Problem, time_limit_s: float = 30.0, workers: int = 2, seed: int = 0,
          on_progress=None, stop=None) -> Plan:
    """Solve within ``time_limit_s``; never raises for "no plan" (see Plan.status)."""
    check_problem(problem)
    t0 = time.monotonic()
    ix = Index(problem)
    doms = domains(ix)
    hint = _hint_agenda(ix, doms)
    _report_hint(ix, hint, on_progress, t0)
    v = build(ix, doms)
    run = Run(v, time_limit_s, workers, seed, on_progress, stop, t0)
    if v.infeasible:
        return _plan(ix, doms, run, Status.INFEASIBLE, None)
    _hint_from(ix, v, hint)
    todo = levels(v, problem.options.order) or [Level("feasible", 0, False)]
    status = _solve_levels(run, todo)
    if run.values is None:
        fallback = first_fit(problem) if status == Status.UNKNOWN else None
        if fallback is not None and fallback.status == Status.FEASIBLE:
            return Plan(Status.FEASIBLE, fallback.assignments, fallback.unscheduled, fallback.objective,
                        dict(run.bounds), {**run.solver_info(), "fallback": "first_fit"})
        return _plan(ix, doms, run, status, None)
    return _plan(ix, doms, run, status, run.values)
