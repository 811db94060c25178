"""Tables: the solution as a plan, with concrete tables, reasons for the meetings left out, and metrics.

The model counts tables per slot instead of choosing them (``constraints.add_tables``), so a
solution is only slots and interpreters; ``tables.assign_tables`` then gives every meeting a table
(keeping the previous plan's and participants' tables where it can), which always succeeds under
those counts.
"""

from __future__ import annotations

from ..agenda import Agenda
from ..baseline import first_fit
from ..model import Plan, Status
from ..reasons import explain
from ..run import Run, chosen_of
from ..stats import metrics
from ..tables import assign_tables


def to_plan(run: Run, status: Status, chosen: dict | None = None) -> Plan:
    """The plan of the run's solution (or of ``chosen`` = {meeting: (slot position, interpreter)})."""
    v = run.vars
    assignments = ()
    if run.values is not None:
        assignments = assign_tables(Agenda(v.ix, v.doms), chosen if chosen is not None else chosen_of(v, run.values))
    plan = Plan(status, assignments, explain(v.ix, v.doms, assignments), {}, run.plan_bounds(), run.solver_info())
    return Plan(plan.status, plan.assignments, plan.unscheduled, metrics(v.ix.problem, plan), plan.bound, plan.solver)


def no_solution(run: Run, status: Status) -> Plan:
    """The plan when CP-SAT found none: first fit's when time ran out and it holds the required meetings."""
    fallback = first_fit(run.vars.ix.problem) if status == Status.UNKNOWN else None
    if fallback is not None and fallback.status == Status.FEASIBLE:
        return Plan(Status.FEASIBLE, fallback.assignments, fallback.unscheduled, fallback.objective,
                    run.plan_bounds(), {**run.solver_info(), "fallback": "first_fit"})
    return to_plan(run, status)
