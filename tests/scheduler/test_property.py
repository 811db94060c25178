"""Random small problems: every plan passes the validator; "infeasible" only if brute force agrees."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scheduler import Assignment, Meeting, Options, Participant, Plan, Status, violations
from scheduler.culprits import without

from .conftest import make_problem, solve_ok

PEOPLE = ["a", "b", "c", "d"]


@st.composite
def problems(draw):
    n_slots, n_tables = draw(st.integers(1, 4)), draw(st.integers(1, 2))
    slots = [f"s{n}" for n in range(1, n_slots + 1)]
    meetings = []
    for k in range(draw(st.integers(1, 4))):
        pair = draw(st.lists(st.sampled_from(PEOPLE), min_size=2, max_size=2, unique=True))
        after = tuple(draw(st.lists(st.sampled_from([m.id for m in meetings]), max_size=1))) if meetings else ()
        fixed = draw(st.sampled_from([None, None, *slots]))
        meetings.append(Meeting(f"m{k}", tuple(pair), weight=draw(st.integers(0, 3)), required=draw(st.booleans()),
                                fixed_slot=fixed, after=after))
    people = [Participant(p, unavailable=frozenset(draw(st.lists(st.sampled_from(slots), max_size=1))),
                          max_meetings=draw(st.sampled_from([None, 1, 2])), table=None) for p in PEOPLE]
    options = Options(max_breaks=draw(st.sampled_from([None, 0, 1])))
    return make_problem(n_slots, n_tables, meetings, people, options=options)


def _search(problem, k, chosen, used):
    """Backtracking over (slot, table) or nothing for each meeting; yields valid complete plans."""
    if k == len(problem.meetings):
        plan = Plan(Status.FEASIBLE, tuple(chosen))
        if not violations(problem, plan):
            yield plan
        return
    m = problem.meetings[k]
    if not m.required:
        yield from _search(problem, k + 1, chosen, used)
    for s in problem.slots:
        if m.fixed_slot not in (None, s.id):
            continue
        for t in problem.tables:
            keys = [(p, s.id) for p in m.participants] + [(t.id, s.id)]
            if any(key in used for key in keys):
                continue
            yield from _search(problem, k + 1, [*chosen, Assignment(m.id, s.id, t.id)], used | set(keys))


def brute_force_best(problem):
    weights = {m.id: m.weight for m in problem.meetings}
    return max((sum(weights[a.meeting] for a in p.assignments) for p in _search(problem, 0, [], frozenset())),
               default=None)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_solver_agrees_with_brute_force(problem):
    plan = solve_ok(problem, time_limit_s=5.0)
    best = brute_force_best(problem)
    dropped = [u.meeting for u in plan.dropped_required]
    if plan.status == Status.INFEASIBLE or dropped:
        assert best is None
    if dropped:  # the rest is planned as well as it can be
        rest = brute_force_best(without(problem, dropped))
        assert plan.status == Status.FEASIBLE and plan.objective["weight"] == rest
    elif plan.status != Status.INFEASIBLE:
        assert plan.status == Status.OPTIMAL and best is not None
        assert plan.objective["weight"] == best
        assert plan.bound.get("weight", best) >= best  # in the plan's units, required meetings included
    if plan.has_plan:
        accounted = {a.meeting for a in plan.assignments} | {u.meeting for u in plan.unscheduled} | set(dropped)
        assert accounted == {m.id for m in problem.meetings}


@st.composite
def relaxation_problems(draw):
    """As ``problems``, with longer absences (Hall's condition) and sometimes a host table."""
    n_slots, n_tables = draw(st.integers(1, 4)), draw(st.integers(1, 2))
    slots = [f"s{n}" for n in range(1, n_slots + 1)]
    meetings = [Meeting(f"m{k}", tuple(draw(st.lists(st.sampled_from(PEOPLE), min_size=2, max_size=2, unique=True))),
                        weight=draw(st.integers(0, 3)), required=draw(st.integers(0, 5)) == 0)
                for k in range(draw(st.integers(1, 5)))]
    host = draw(st.sampled_from([None, "a"]))
    people = [Participant(p, unavailable=frozenset(draw(st.lists(st.sampled_from(slots), max_size=2))),
                          max_meetings=draw(st.sampled_from([None, None, 1, 2])), table="T1" if p == host else None)
              for p in PEOPLE]
    return make_problem(n_slots, n_tables, meetings, people)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(relaxation_problems())
def test_relaxation_never_cuts_off_a_plan(problem):
    """relax.weight_bound is at least the best weight, relax.fewest_left_out at that weight is at
    most the fewest people a plan of that weight leaves out, and relax.best_share at least the best
    minimum share among those plans (all by brute force)."""
    from scheduler.cpmodel import build
    from scheduler.domains import domains
    from scheduler.index import Index
    from scheduler.objective import SHARE_SCALE, fairness_people, left_out, varying
    from scheduler.relax import best_share, fewest_left_out, weight_bound

    ix = Index(problem)
    v = build(ix, domains(ix), False)
    mids = varying(v)
    weights = {m.id: m.weight for m in problem.meetings if m.id in mids}
    plans = [{a.meeting for a in p.assignments} for p in _search(problem, 0, [], frozenset())]
    if not plans or not mids:
        return
    best = max(sum(weights.get(mid, 0) for mid in held) for held in plans)
    fewest = min(len(left_out(v, held)) for held in plans if sum(weights.get(mid, 0) for mid in held) == best)
    assert weight_bound(v, mids, 2.0, 1, 0) >= best
    bound, chosen = fewest_left_out(v, mids, best, 2.0, 1, 0)
    assert bound is not None and bound <= fewest
    assert sum(weights[mid] for mid in chosen) >= best

    def share(held):
        asked = {p: ix.requested_weight(p) for p in fairness_people(v)}
        got = {p: sum(ix.weight(ix.meetings[mid]) for mid in held if p in ix.meetings[mid].participants) for p in asked}
        return min([SHARE_SCALE * got[p] // asked[p] for p in asked if asked[p]], default=SHARE_SCALE)

    fairest = max(share(held) for held in plans
                  if sum(weights.get(mid, 0) for mid in held) == best and len(left_out(v, held)) == fewest)
    top, chosen = best_share(v, mids, best, fewest, 2.0, 1, 0)
    assert top is not None and top >= fairest
    must = {m.id for m in problem.meetings if ix.must(m.id) and v.doms[m.id].slots}  # constants in the relaxation
    assert sum(weights[mid] for mid in chosen) >= best and len(left_out(v, chosen | must)) <= fewest
