"""An upper bound on the weight level from a small relaxation (one Boolean per meeting).

On large events CP-SAT's own bound for the weight level stays near the sum of all weights for
minutes (its LP over tens of thousands of (meeting, slot) Booleans converges slowly).  Dropping
the slots gives a degree-constrained subgraph problem with a few thousand Booleans whose every
constraint any plan satisfies:

* per participant (and per participant and day): meetings <= slots where the participant can
  meet at all, and <= ``max_meetings``;
* per table bound meeting group (host/fixed table): meetings <= slots that table can be used;
* meetings on free tables <= free tables x slots (per day);
* meetings needing an interpreter, per eligible set E and per union E of such sets: those whose
  eligible interpreters lie in E <= sum over slots of the interpreters of E available then.

Its optimum (or CP-SAT's bound on it, if not solved in time) is a valid upper bound of the
weight level; the solver reports the smaller of the two bounds and stops the level when it reaches it
(added as a constraint, it slowed the LNS down: 600 participants, 4269 -> 4172 in 25 s).
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from .constraints import S, Vars, W
from .objective import varying


def _groups(v: Vars, mids: list[str]) -> list[tuple[list[str], int]]:
    ix, doms = v.ix, v.doms
    out: list[tuple[list[str], int]] = []
    days = ix.day_ranges
    for pid, pmids in ix.by_person.items():
        own = [mid for mid in pmids if doms[mid].slots]
        slots = {n for mid in own for n in doms[mid].slots}
        cap = len(slots)
        if ix.people[pid].max_meetings is not None:
            cap = min(cap, ix.people[pid].max_meetings)
        out.append((own, cap))
        if len(days) > 1:
            for day in days:
                inside = [mid for mid in own if all(n in day for n in doms[mid].slots)]
                out.append((inside, len({n for mid in inside for n in doms[mid].slots})))
    by_table: dict[str, list[str]] = {}
    free = []
    for m in ix.problem.meetings:
        dom = doms[m.id]
        if not dom.slots:
            continue
        if dom.table is not None:
            by_table.setdefault(dom.table, []).append(m.id)
        if dom.table is None or dom.table not in ix.host_tables:
            free.append(m.id)
    for lst in by_table.values():
        out.append((lst, len({n for mid in lst for n in doms[mid].slots})))
    n_free = len(ix.free_tables)
    for day in days:
        inside = [mid for mid in free if all(n in day for n in doms[mid].slots)]
        out.append((inside, n_free * len(day)))
    out.append((free, n_free * len(ix.slots)))
    needing = [m.id for m in ix.problem.meetings if doms[m.id].needs_interpreter and doms[m.id].slots]
    for eligible in _unions({frozenset(doms[mid].interpreters) for mid in needing}):
        inside = [mid for mid in needing if set(doms[mid].interpreters) <= eligible]
        cap = sum(1 for n, s in enumerate(ix.slots) for i in eligible if s.id not in ix.interpreters[i].unavailable)
        out.append((inside, cap))
    return [(g, cap) for g, cap in out if len(g) > cap]


def _unions(sets: set[frozenset[str]], most: int = 64) -> set[frozenset[str]]:
    """The eligible interpreter sets closed under union (up to ``most`` sets).

    Unions matter: at 1,500 participants five eligible sets each had room to spare, but together
    the 430 meetings the relaxation held needed more than the 360 interpreter-slots there are."""
    out = set(sets)
    grew = True
    while grew and len(out) < most:
        grew = False
        for a in list(out):
            for b in list(out):
                if a | b not in out and len(out) < most:
                    out.add(a | b)
                    grew = True
    return out


def weight_bound(v: Vars, mids: list[str], limit_s: float, workers: int, seed: int, watch=None) -> int | None:
    """Upper bound on sum(weight of scheduled ``mids``), or None if the relaxation found none."""
    return relax_weight(v, mids, limit_s, workers, seed, watch)[0]


def relax_weight(v: Vars, mids: list[str], limit_s: float, workers: int, seed: int, watch=None,
                 must_meet: frozenset[str] = frozenset()) -> tuple[int | None, frozenset[str]]:
    """(upper bound as in ``weight_bound``, the meetings of ``mids`` the relaxation's best solution holds).

    The chosen set is a good guess of which meetings a heavy plan holds: placed first, most
    constrained first, it gives a better warm start than first fit (``improve.relaxed_agenda``).
    With ``must_meet``, those participants get at least one meeting (see ``needs_weight_loss``).
    """
    ix = v.ix
    model = cp_model.CpModel()
    fixed = {m.id for m in ix.problem.meetings if ix.must(m.id) and v.doms[m.id].slots}
    z = {}
    for m in ix.problem.meetings:
        if m.id in fixed:
            z[m.id] = 1
        elif m.id in mids:
            z[m.id] = model.new_bool_var(f"z[{m.id}]")
    for group, cap in _groups(v, list(z)):
        terms = [z[mid] for mid in group if mid in z]
        if len(terms) > cap:
            model.add(S(terms) <= cap)
    for pid in must_meet:
        model.add(S([z[mid] for mid in ix.by_person[pid] if mid in z]) >= 1)
    model.maximize(W([z[mid] for mid in mids], [ix.weight(ix.meetings[mid]) for mid in mids]))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, limit_s)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    done = watch(solver) if watch is not None else None  # cooperative cancel (Run.watch)
    code = solver.solve(model)
    if done is not None:
        done.set()
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None, frozenset()
    chosen = frozenset(mid for mid in mids if solver.boolean_value(z[mid]))
    if code == cp_model.OPTIMAL:
        return round(solver.objective_value), chosen
    return int(solver.best_objective_bound + 1e-6), chosen


def needs_weight_loss(v: Vars, weight: int, people, limit_s: float, workers: int = 1, seed: int = 0) -> set[str]:
    """Those of ``people`` (left without a meeting) who provably cannot have one in a plan of ``weight``.

    Proof by the relaxation: with the participant given at least one meeting, its upper bound is
    below ``weight``.  The others are not proven either way.  Weight comes before fairness in the
    spec's order, so a participant in the returned set is rightly left out of a plan of that weight.
    """
    mids = varying(v)
    out = set()
    for pid in people:
        cap, _ = relax_weight(v, mids, limit_s, workers, seed, must_meet=frozenset({pid}))
        if cap is not None and cap < weight:
            out.add(pid)
    return out
