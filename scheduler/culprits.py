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


def optional(problem: Problem, mids) -> Problem:
    """The problem with the meetings ``mids`` no longer required."""
    mids = set(mids)
    return replace(problem, meetings=tuple(replace(m, required=False) if m.id in mids else m
                                           for m in problem.meetings))


def find_culprits(problem: Problem, build, limit_s: float, seed: int) -> dict[str, str | None]:
    """{required meeting: reason or None} whose being held makes the problem infeasible.

    A reason is known at once for a meeting without any possible slot; the others get theirs from
    the final plan (``reasons.explain``).  ``build(ix, doms, want_breaks)`` is ``solver.build``."""
    deadline = time.monotonic() + limit_s
    ix = Index(problem)
    doms = domains(ix)
    found = {m.id: doms[m.id].reason for m in problem.meetings
             if m.required and m.id not in problem.locked and not doms[m.id].slots}
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
    asked = [m.id for m in problem.meetings if m.required and m.id not in problem.locked and m.id not in aside]
    relaxed = optional(problem, [*asked, *aside])
    ix = Index(relaxed)
    v: Vars = build(ix, domains(ix), False)
    if v.infeasible:  # a locked meeting cannot be kept: not a required meeting's fault
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
