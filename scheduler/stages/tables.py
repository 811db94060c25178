"""Tables: the solution as a plan, with concrete tables, reasons for the meetings left out, and metrics.

The model counts tables per slot instead of choosing them (``constraints.add_tables``), so a
solution is only slots and interpreters; ``tables.assign_tables`` then gives every meeting a table
(keeping the previous plan's and participants' tables where it can), which always succeeds under
those counts.
"""

from __future__ import annotations

from ..agenda import Agenda
from ..baseline import first_fit
from ..engine import LevelEngine, chosen_of
from ..model import Plan, Status
from ..reasons import explain
from ..stats import metrics
from ..tables import assign_tables


def to_plan(engine: LevelEngine, status: Status, chosen: dict | None = None) -> Plan:
    """The plan of the engine's plan at hand (or of ``chosen`` = {meeting: (slot position, interpreter)})."""
    v = engine.vars
    assignments = ()
    if engine.values is not None:
        assignments = assign_tables(Agenda(v.ix, v.doms), chosen if chosen is not None else chosen_of(v, engine.values))
    plan = Plan(status, assignments, explain(v.ix, v.doms, assignments), {}, engine.plan_bounds(),
                engine.solver_info())
    return Plan(plan.status, plan.assignments, plan.unscheduled, metrics(v.ix.problem, plan), plan.bound, plan.solver)


def no_solution(engine: LevelEngine, status: Status) -> Plan:
    """The plan when CP-SAT found none: first fit's when time ran out and it holds the required meetings."""
    fallback = first_fit(engine.vars.ix.problem) if status == Status.UNKNOWN else None
    if fallback is not None and fallback.status == Status.FEASIBLE:
        return Plan(Status.FEASIBLE, fallback.assignments, fallback.unscheduled, fallback.objective,
                    engine.plan_bounds(), {**engine.solver_info(), "fallback": "first_fit"})
    return to_plan(engine, status)
