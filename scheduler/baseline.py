"""The industry baseline: first fit.

Requests in priority order (locked, required, then weight, then listing order); each is booked
into the earliest slot and first table free for all its participants.  Also the solver's hint.
"""

from __future__ import annotations

import time

from .agenda import Agenda
from .domains import domains
from .index import Index
from .model import Plan, Problem, Status
from .reasons import assignment_list, explain
from .stats import metrics


def priority(ix: Index, mid: str, order: int) -> tuple:
    m = ix.meetings[mid]
    return (mid not in ix.problem.locked, not m.required, -ix.weight(m), order)


def first_fit_agenda(ix: Index, doms) -> Agenda:
    agenda = Agenda(ix, doms)
    ranked = sorted(((priority(ix, m.id, k), m.id) for k, m in enumerate(ix.problem.meetings)))
    for _, mid in ranked:
        agenda.try_place(mid, doms[mid].slots)
    return agenda


def first_fit(problem: Problem) -> Plan:
    """A valid plan by first fit, or status unknown (no assignments) if a required meeting fails."""
    t0 = time.perf_counter()
    ix = Index(problem)
    doms = domains(ix)
    agenda = first_fit_agenda(ix, doms)
    ok = agenda.holds_required()
    assignments = assignment_list(ix, agenda) if ok else ()
    plan = Plan(Status.FEASIBLE if ok else Status.UNKNOWN, assignments, explain(ix, doms, assignments),
                solver={"name": "first_fit", "wall_time_s": round(time.perf_counter() - t0, 3)})
    return Plan(plan.status, plan.assignments, plan.unscheduled, metrics(problem, plan), {}, plan.solver)
