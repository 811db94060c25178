"""Weight: bound the weight level by the meeting-only relaxation and try its meetings at once.

Which meetings are held decides the weight; where they go does not.  The relaxation
(``relax.relax_weight``: meetings against per-participant, per-day and per-slot capacities, without
slots) is small and solved in seconds; its optimum bounds the weight level and its meetings are
a candidate plan.  ``timetable`` asks CP-SAT whether exactly those meetings fit the slots: when they
do, the weight level starts at its bound and ends at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from .. import constraints as c
from ..agenda import Agenda
from ..context import Context
from ..objective import Level, varying
from ..relax import fewest_left_out, relax_weight


@dataclass(frozen=True)
class WeightStart:
    cap: int | None = None  # the relaxation's bound of the weight level; None when it was not solved
    chosen: frozenset[str] = frozenset()  # the meetings of its best solution (the fairest one at the bound)
    fewest: tuple[int, frozenset[str]] | None = None  # at weight ``cap``: (fewest people left out, meetings)


def held_weight(v: c.Vars) -> int:
    """Weight of the meetings every plan holds (required or locked, with a possible slot)."""
    decided = set(varying(v))
    return sum(v.ix.weight(m) for m in v.ix.problem.meetings if m.id not in decided and v.doms[m.id].slots
               and (m.required or m.id in v.ix.problem.locked))


def cap_weight(ctx: Context, v: c.Vars, todo: list[Level]) -> WeightStart:
    """The relaxation's bound and meetings, when the weight level is to be solved.

    Without a previous plan and when the relaxation's solution reaches its bound, the meetings are
    those that leave the fewest people out at that weight (``relax.fewest_left_out``), whose bound
    the fairness stage then uses."""
    if not any(level.name == "weight" for level in todo) or ctx.stopped():
        return WeightStart()
    s = ctx.settings
    mids = varying(v)
    cap, chosen = relax_weight(v, mids, min(s.relax_max_s, s.relax_share * ctx.remaining()), ctx.workers,
                               ctx.seed, ctx.watch)
    if cap is None:
        return WeightStart(chosen=chosen)
    ix = v.ix
    if ix.problem.previous_plan or ctx.stopped():  # re-planning keeps the previous plan's meetings instead
        return WeightStart(cap, chosen)
    if sum(ix.weight(ix.meetings[mid]) for mid in chosen) != cap:
        return WeightStart(cap, chosen)
    limit = min(s.fair_proof_max_s, s.fair_proof_share * ctx.remaining())
    fewest, fair = fewest_left_out(v, mids, cap, limit, ctx.workers, ctx.seed, ctx.watch, chosen)
    if fewest is None:
        return WeightStart(cap, chosen)
    return WeightStart(cap, fair, (fewest, fair))


def timetable(ctx: Context, v: c.Vars, chosen: frozenset[str], near: Agenda | None = None,
              bound: int | None = None) -> cp_model.CpSolver | None:
    """The solver holding a plan of exactly the ``chosen`` meetings (and those that must be held) on
    the model ``v``, or None when they do not fit the slots (or time ran out).  ``near``: a plan to
    start the search from; ``bound``: the weight bound to report the plan's weight against."""
    s = ctx.settings
    if ctx.stopped():
        return None
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
    solver = ctx.make_solver(min(s.timetable_max_s, s.timetable_share * ctx.remaining()), "weight")
    done = ctx.watch(solver)
    code = solver.solve(model)
    done.set()
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    ctx.report(sum(v.ix.weight(v.ix.meetings[mid]) for mid in chosen), "warm_start", bound)
    return solver
