"""Required meetings that no plan can hold together: found, named with a reason, set aside.

One impossible required meeting used to make the whole event infeasible (no plan at all).  The
meetings whose slots are empty are known from the domains; the others come from CP-SAT's
assumptions: each required meeting is held only under its own assumption literal, and an
infeasible answer names a sufficient subset of them (``sufficient_assumptions_for_infeasibility``,
a set that cannot be held together).  One meeting of that set is enough to set aside (the
lightest, then the last listed); the search repeats until the rest is feasible, so only meetings
that stand in the way of some such set are dropped.
"""

from __future__ import annotations

import time
from dataclasses import replace

from ortools.sat.python import cp_model

from .constraints import Vars
from .domains import domains
from .index import Index
from .model import Problem

MAX_ROUNDS = 50  # each round sets aside at least one meeting; a bound on the work, not a tuning knob


def must_hold(problem: Problem) -> list[str]:
    """Meetings every plan must hold: required ones and locked ones (the app's required meetings are locked)."""
    return [m.id for m in problem.meetings if m.required or m.id in problem.locked]


def optional(problem: Problem, mids) -> Problem:
    """The problem with the meetings ``mids`` held only if possible (a locked one only where it was)."""
    mids = set(mids)
    prev = {a.meeting: a for a in problem.previous_plan}

    def loosen(m):
        if m.id in problem.locked:
            return replace(m, required=False, fixed_slot=prev[m.id].slot, fixed_table=prev[m.id].table)
        return replace(m, required=False)

    return replace(problem, meetings=tuple(loosen(m) if m.id in mids else m for m in problem.meetings),
                   locked=problem.locked - mids)


def without(problem: Problem, mids) -> Problem:
    """The problem without the meetings ``mids`` (and every reference to them)."""
    mids = set(mids)
    meetings = tuple(replace(m, after=tuple(a for a in m.after if a not in mids))
                     for m in problem.meetings if m.id not in mids)
    return replace(problem, meetings=meetings, locked=problem.locked - mids,
                   previous_plan=tuple(a for a in problem.previous_plan if a.meeting not in mids))


def find_culprits(problem: Problem, build, limit_s: float, seed: int) -> dict[str, str | None]:
    """{required meeting: reason or None} whose being held makes the problem infeasible.

    A reason is known at once for a meeting without any possible slot; the others get theirs from
    the final plan (``reasons.explain``).  ``build(ix, doms, want_breaks)`` is ``solver.build``."""
    deadline = time.monotonic() + limit_s
    ix = Index(problem)
    doms = domains(ix)
    found = {mid: doms[mid].reason for mid in must_hold(problem) if not doms[mid].slots}
    for _round in range(MAX_ROUNDS):
        core = _core(problem, found, build, deadline - time.monotonic(), seed)
        if not core:
            break
        order = {m.id: k for k, m in enumerate(problem.meetings)}
        found[min(core, key=lambda mid: (ix.weight(ix.meetings[mid]), -order[mid]))] = None
    return found


def _core(problem: Problem, aside, build, limit_s: float, seed: int) -> list[str]:
    """Required meetings (not in ``aside``) that together cannot be held; [] when they can or time is up."""
    if limit_s <= 0.05:
        return []
    asked = [mid for mid in must_hold(problem) if mid not in aside]
    relaxed = optional(problem, [*asked, *aside])
    ix = Index(relaxed)
    v: Vars = build(ix, domains(ix), False)
    if v.infeasible:  # cannot happen: nothing is required any more
        return []
    gates = {}
    for mid in asked:
        gate = v.model.new_bool_var(f"hold[{mid}]")
        v.model.add(v.placed[mid] == 1).only_enforce_if(gate)
        gates[gate.index] = mid
    v.model.add_assumptions([v.model.get_bool_var_from_proto_index(i) for i in gates])
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = limit_s
    solver.parameters.num_workers = 1  # the core of assumptions is reported by the single-worker search
    solver.parameters.random_seed = seed
    if solver.solve(v.model) != cp_model.INFEASIBLE:
        return []
    return [gates[i] for i in solver.sufficient_assumptions_for_infeasibility() if i in gates]
