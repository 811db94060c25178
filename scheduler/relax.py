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
  eligible interpreters lie in E <= sum over slots of the interpreters of E available then;
* each of these also for the meetings that can only take place in a smaller slot set D (a
  distinct domain, a day): Hall's condition, see ``_hall``.

Its optimum (or CP-SAT's bound on it, if not solved in time) is a valid upper bound of the
weight level; the solver reports the smaller of the two bounds and stops the level when it reaches it
(as a constraint in the model it slowed CP-SAT's LNS down).  Its best solution is also the
solver's first guess of the meetings to hold (``stages.weight.timetable``), and
``fewest_left_out`` bounds the people any plan of a given weight leaves out, and ``best_share``
the minimum share of the requested weight (the fairness level's last part).
"""

from __future__ import annotations

import math

from ortools.sat.python import cp_model

from .constraints import S, Vars, W
from .objective import fairness_people, min_share, varying


def _groups(v: Vars, mids: list[str]) -> list[tuple[list[str], int]]:
    ix, doms = v.ix, v.doms
    out: list[tuple[list[str], int]] = []
    days = [frozenset(day) for day in ix.day_ranges]
    for pid, pmids in ix.by_person.items():
        own = [mid for mid in pmids if doms[mid].slots]
        most = ix.people[pid].max_meetings
        out += _hall(own, doms, days, lambda d, most=most: len(d) if most is None else min(len(d), most))
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
        out += _hall(lst, doms, days, len)
    n_free = len(ix.free_tables)
    out += _hall(free, doms, days, lambda d: n_free * len(d))
    needing = [m.id for m in ix.problem.meetings if doms[m.id].needs_interpreter and doms[m.id].slots]
    for eligible in _unions({frozenset(doms[mid].interpreters) for mid in needing}):
        inside = [mid for mid in needing if set(doms[mid].interpreters) <= eligible]
        free_at = [sum(1 for i in eligible if s.id not in ix.interpreters[i].unavailable) for s in ix.slots]
        out += _hall(inside, doms, days, lambda d, free_at=free_at: sum(free_at[n] for n in d))
    return [(g, cap) for g, cap in out if len(g) > cap]


def _hall(mids: list[str], doms, days: list[frozenset[int]], capacity) -> list[tuple[list[str], int]]:
    """Hall's condition for the meetings ``mids`` of one resource (a participant, a table, the free
    tables, a set of interpreters): for a slot set D, the meetings that can only take place in D
    are at most ``capacity(D)``.  D runs over the union of their slots, its part on each day, each
    distinct domain and that domain's part on each day.  The whole union alone was too weak at
    600 participants: late arrivals' and interpreters' meetings fit in total but not in their slots.
    """
    own = {mid: frozenset(doms[mid].slots) for mid in mids}
    union = frozenset().union(*own.values()) if own else frozenset()
    sets = {union, *own.values()}
    if len(days) > 1:
        sets |= {d & day for d in list(sets) for day in days}
    out = []
    for d in sets:
        if not d:
            continue
        inside = [mid for mid, dom in own.items() if dom <= d]
        out.append((inside, capacity(d)))
    return out


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


def _model(v: Vars, mids: list[str]) -> tuple[cp_model.CpModel, dict]:
    """The relaxation: z[meeting] (1 for meetings that must be held) under the groups' caps."""
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
    return model, z


def _weight(v: Vars, z: dict, mids: list[str]):
    return W([z[mid] for mid in mids], [v.ix.weight(v.ix.meetings[mid]) for mid in mids])


def _solve(model: cp_model.CpModel, limit_s: float, workers: int, seed: int, watch) -> tuple[int, cp_model.CpSolver]:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, limit_s)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    # Symmetry detection and probing took most of the time on large events (bench/RESULTS.md).
    solver.parameters.symmetry_level = 0
    solver.parameters.cp_model_probing_level = 0
    done = watch(solver) if watch is not None else None  # cooperative cancel (Context.watch)
    code = solver.solve(model)
    if done is not None:
        done.set()
    return code, solver


def relax_weight(v: Vars, mids: list[str], limit_s: float, workers: int, seed: int, watch=None,
                 must_meet: frozenset[str] = frozenset()) -> tuple[int | None, frozenset[str]]:
    """(upper bound as in ``weight_bound``, the meetings of ``mids`` the relaxation's best solution holds).

    The chosen set is a good guess of which meetings a heavy plan holds (``stages.weight.timetable``
    and ``improve.relaxed_agenda`` start from it).
    With ``must_meet``, those participants get at least one meeting (see ``needs_weight_loss``).
    """
    model, z = _model(v, mids)
    for pid in must_meet:
        model.add(S([z[mid] for mid in v.ix.by_person[pid] if mid in z]) >= 1)
    model.maximize(_weight(v, z, mids))
    code, solver = _solve(model, limit_s, workers, seed, watch)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None, frozenset()
    chosen = frozenset(mid for mid in mids if solver.boolean_value(z[mid]))
    if code == cp_model.OPTIMAL:
        return round(solver.objective_value), chosen
    return int(solver.best_objective_bound + 1e-6), chosen


def _alone(v: Vars, model: cp_model.CpModel, z: dict) -> list:
    """alone[p] >= 1 - (meetings of p held), for each participant who could be left out."""
    alone = []
    for pid in fairness_people(v):
        own = [z[mid] for mid in v.ix.by_person[pid] if mid in z]
        if any(isinstance(x, int) for x in own):  # holds a meeting that must be held
            continue
        a = model.new_bool_var(f"alone[{pid}]")
        model.add(S(own) + a >= 1)
        alone.append(a)
    return alone


def _hint(model: cp_model.CpModel, z: dict, hint: frozenset[str] | None) -> None:
    for mid in hint or ():
        if not isinstance(z.get(mid, 1), int):  # meetings that must be held are constants
            model.add_hint(z[mid], 1)


def fewest_left_out(v: Vars, mids: list[str], weight: int, limit_s: float, workers: int, seed: int, watch=None,
                    hint: frozenset[str] | None = None) -> tuple[int | None, frozenset[str]]:
    """(a lower bound on the people left without a meeting in any plan of at least ``weight``, the
    meetings of the relaxation's best solution), or (None, empty) if it found no solution.

    "Left out" is ``objective.left_out``: a participant with a possible meeting and none held.
    The bound is tight when ``weight`` is the relaxation's best weight and the relaxation is solved;
    below that weight it can be weak (the relaxation may then trade weight for people).
    """
    model, z = _model(v, mids)
    model.add(_weight(v, z, mids) >= weight)
    alone = _alone(v, model, z)
    _hint(model, z, hint)
    # "Fewest left out" alone gets no useful LP bound; as the second term of
    # (|alone| + 1) x weight - left out, with the weight held, it is proven quickly.
    scale = len(alone) + 1
    model.maximize(scale * _weight(v, z, mids) - S(alone))
    code, solver = _solve(model, limit_s, workers, seed, watch)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None, frozenset()
    chosen = frozenset(mid for mid in mids if solver.boolean_value(z[mid]))
    # any plan of weight w >= ``weight``: scale * w - left out <= bound
    return max(0, scale * weight - math.floor(solver.best_objective_bound + 1e-6)), chosen


def best_share(v: Vars, mids: list[str], weight: int, most_alone: int, limit_s: float, workers: int, seed: int,
               watch=None, hint: frozenset[str] | None = None) -> tuple[int | None, frozenset[str]]:
    """(an upper bound on the fairness level's minimum share in any plan of at least ``weight`` that
    leaves at most ``most_alone`` people out, the meetings of the relaxation's best solution), or
    (None, empty) if it found none.

    The share is ``objective.fairness_level``'s (``objective.min_share``): min over participants
    who asked for weight of SHARE_SCALE x (their weight held) / (their weight asked).  With nobody
    left out CP-SAT's own bound for it stays far off; here it is proven in a fraction of a second.
    """
    model, z = _model(v, mids)
    model.add(_weight(v, z, mids) >= weight)
    model.add(S(_alone(v, model, z)) <= most_alone)
    _hint(model, z, hint)
    model.maximize(min_share(model, v, z))
    code, solver = _solve(model, limit_s, workers, seed, watch)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None, frozenset()
    chosen = frozenset(mid for mid in mids if solver.boolean_value(z[mid]))
    return math.floor(solver.best_objective_bound + 1e-6), chosen


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
