"""Soft goals in the spec's order, unscheduled reasons, re-planning, progress and cancel."""

import threading

from scheduler import (
    Assignment,
    Interpreter,
    Meeting,
    Options,
    Participant,
    Status,
    Table,
    first_fit,
    metrics,
    violations,
)
from scheduler.model import REASONS

from .conftest import make_problem, solve_ok


def reasons(plan):
    return {u.meeting: u.reason for u in plan.unscheduled}


def test_weight_first():
    plan = solve_ok(make_problem(1, 1, [Meeting("m1", ("a", "b")), Meeting("m2", ("c", "d"), weight=5)]))
    assert [a.meeting for a in plan.assignments] == ["m2"] and plan.objective["weight"] == 5
    assert plan.status == Status.OPTIMAL and reasons(plan) == {"m1": "no_table"}


def test_cross_border_bonus():
    people = [Participant("a", country="CZ"), Participant("b", country="DE"), Participant("c", country="CZ"),
              Participant("d", country="CZ")]
    ms = [Meeting("m1", ("a", "b")), Meeting("m2", ("c", "d"), weight=2)]
    assert solve_ok(make_problem(1, 1, ms, people)).assignments[0].meeting == "m2"
    bonus = make_problem(1, 1, ms, people, options=Options(cross_border_bonus=2))
    assert solve_ok(bonus).assignments[0].meeting == "m1"


def test_min_meetings_then_nobody_left_out():
    ms = [Meeting("m1", ("a", "b")), Meeting("m2", ("c", "d"))]
    plan = solve_ok(make_problem(1, 1, ms, [Participant("c", min_meetings=1)]))
    assert [a.meeting for a in plan.assignments] == ["m2"]
    ms = [Meeting("m1", ("a", "b")), Meeting("m2", ("a", "c")), Meeting("m3", ("b", "c"))]
    plan = solve_ok(make_problem(2, 1, ms))
    assert plan.objective["participants_without_meeting"] == 0 and plan.objective["meetings"] == 2


def test_fewest_breaks():
    ms = [Meeting("m1", ("a", "b"), required=True), Meeting("m2", ("a", "c"), required=True)]
    plan = solve_ok(make_problem(5, 1, ms))
    assert plan.objective["breaks"] == 0 and plan.status == Status.OPTIMAL


def test_replan_moves_as_few_meetings_as_possible():
    ms = [Meeting(f"m{k}", ("a", f"p{k}")) for k in range(1, 4)] + [Meeting("m4", ("x", "y"))]
    prev = (Assignment("m1", "s3", "T1"), Assignment("m2", "s1", "T1"), Assignment("m3", "s2", "T1"),
            Assignment("m4", "s1", "T2"))
    plan = solve_ok(make_problem(4, 2, ms, previous_plan=prev, locked=frozenset({"m2"})))
    assert plan.objective["changes"] == 0 and set(plan.assignments) == set(prev)


def test_walk_in_gets_a_meeting_without_moving_others():
    ms = [Meeting("m1", ("a", "b")), Meeting("m2", ("c", "d")), Meeting("m3", ("walkin", "a"))]
    prev = (Assignment("m1", "s1", "T1"), Assignment("m2", "s1", "T2"))
    plan = solve_ok(make_problem(2, 2, ms, previous_plan=prev))
    assert plan.objective["changes"] == 0 and plan.objective["meetings"] == 3


def test_reasons():
    people = [Participant("u", unavailable=frozenset({"s1", "s2"})), Participant("x", unavailable=frozenset({"s1"})),
              Participant("y", unavailable=frozenset({"s2"})), Participant("full", max_meetings=1),
              Participant("cs", languages=("cs",)), Participant("de", languages=("de",))]
    ms = [Meeting("unavail", ("u", "a")), Meeting("nocommon", ("x", "y")),
          Meeting("keep", ("full", "k"), weight=9), Meeting("maxed", ("full", "q")),
          Meeting("lang", ("cs", "de"))]
    plan = solve_ok(make_problem(2, 3, ms, people))
    got = reasons(plan)
    assert got == {"unavail": "participant_unavailable", "nocommon": "no_common_slot", "maxed": "max_meetings",
                   "lang": "no_interpreter"}
    assert set(got.values()) <= set(REASONS)


def test_partner_full_and_interpreter_shortage():
    people = [Participant(p, languages=(lang,)) for p, lang in (("a", "cs"), ("b", "de"), ("c", "cs"), ("d", "de"))]
    ms = [Meeting("m1", ("a", "b"), weight=2), Meeting("m2", ("c", "d")), Meeting("m3", ("a", "c"))]
    plan = solve_ok(make_problem(1, 3, ms, people, interpreters=(Interpreter("i1", ("cs", "de")),)))
    assert reasons(plan) == {"m2": "no_interpreter", "m3": "partner_full"}


def test_first_fit_is_valid_and_greedy():
    ms = [Meeting("m1", ("a", "b")), Meeting("m2", ("a", "c"), weight=3), Meeting("m3", ("b", "c"))]
    plan = first_fit(make_problem(2, 1, ms))
    assert plan.status == Status.FEASIBLE and plan.assignments[0] == Assignment("m2", "s1", "T1")
    assert metrics(make_problem(2, 1, ms), plan)["weight"] == plan.objective["weight"]


def test_first_fit_books_a_team_meeting_where_all_three_are_free():
    """The baseline's earliest slot is the first one free for every participant of the meeting."""
    ms = [Meeting("m1", ("c", "d"), weight=3), Meeting("m2", ("a", "b", "c"))]  # a and b are free in s1, c is not
    problem = make_problem(3, 2, ms)
    plan = first_fit(problem)
    assert {a.meeting: (a.slot, a.table) for a in plan.assignments} == {"m1": ("s1", "T1"), "m2": ("s2", "T1")}
    assert violations(problem, plan) == []


def test_progress_and_stop():
    ms = [Meeting(f"m{k}", (f"p{k % 7}", f"q{k % 5}"), weight=1 + k % 3) for k in range(30)]
    problem = make_problem(6, 3, ms)
    seen = []
    plan = solve_ok(problem, on_progress=seen.append, time_limit_s=2.0)
    assert plan.has_plan and seen and set(seen[0]) == {"incumbent", "bound", "gap", "elapsed_s", "phase"}
    elapsed = [report["elapsed_s"] for report in seen]
    assert elapsed == sorted(elapsed)  # the day models count from the start of the solve, not their own
    assert any(report["phase"] == "breaks" for report in seen)
    stop = threading.Event()
    stop.set()
    stopped = solve_ok(problem, stop=stop, time_limit_s=30)
    assert stopped.solver["wall_time_s"] < 5 and stopped.status in (Status.FEASIBLE, Status.UNKNOWN)


def test_relaxation_bounds_weight_with_interpreters_and_host_tables():
    from scheduler.constraints import Vars
    from scheduler.domains import domains
    from scheduler.index import Index
    from scheduler.objective import varying
    from scheduler.relax import weight_bound
    from scheduler.solver import build

    people = [Participant("a", country="CZ", languages=("cs",), table="H"), Participant("b", country="DE",
              languages=("de",)), Participant("c", languages=("de",)), Participant("d", languages=("cs",), max_meetings=1)]
    ms = [Meeting("m1", ("a", "b"), weight=3), Meeting("m2", ("a", "c"), weight=2), Meeting("m3", ("b", "d"), weight=4),
          Meeting("m4", ("c", "d"), weight=1), Meeting("m5", ("a", "d"))]
    problem = make_problem(2, [Table("H"), Table("T1")], ms, people, interpreters=(Interpreter("i1", ("cs", "de")),))
    plan = solve_ok(problem)
    ix = Index(problem)
    v: Vars = build(ix, domains(ix), False)
    cap = weight_bound(v, varying(v), 2.0, 1, 0)
    assert cap is not None and cap >= plan.objective["weight"] and plan.bound["weight"] >= plan.objective["weight"]
    assert plan.status == Status.OPTIMAL


def test_relaxation_counts_interpreters_over_unions_of_eligible_sets():
    """One slot, three interpreters: two cs-de and two cs-pl meetings fit each eligible set, not all four."""
    from scheduler.domains import domains
    from scheduler.index import Index
    from scheduler.objective import varying
    from scheduler.relax import weight_bound
    from scheduler.solver import build

    people = [Participant(p, languages=(lang,)) for p, lang in
              [("a", "cs"), ("b", "de"), ("c", "cs"), ("d", "de"), ("e", "cs"), ("f", "pl"), ("g", "cs"), ("h", "pl")]]
    ms = [Meeting("m1", ("a", "b")), Meeting("m2", ("c", "d")), Meeting("m3", ("e", "f")), Meeting("m4", ("g", "h"))]
    interpreters = (Interpreter("i1", ("cs", "de")), Interpreter("i2", ("cs", "de", "pl")), Interpreter("i3", ("cs", "pl")))
    problem = make_problem(1, 4, ms, people, interpreters=interpreters)
    ix = Index(problem)
    v = build(ix, domains(ix), False)
    assert weight_bound(v, varying(v), 2.0, 1, 0) == 3
    assert solve_ok(problem).objective["weight"] == 3


def test_relaxation_proves_who_is_rightly_left_out():
    """One table, one slot: (a, b) weighs 3, (c, d) 1; c can only meet at a loss of weight."""
    from ortools.sat.python import cp_model

    from scheduler.constraints import Vars
    from scheduler.domains import domains
    from scheduler.index import Index
    from scheduler.relax import needs_weight_loss

    problem = make_problem(1, 1, [Meeting("m1", ("a", "b"), weight=3), Meeting("m2", ("c", "d"))])
    plan = solve_ok(problem)
    assert plan.objective["weight"] == 3 and plan.objective["participants_without_meeting"] == 2
    ix = Index(problem)
    v = Vars(cp_model.CpModel(), ix, domains(ix))
    assert needs_weight_loss(v, 3, {"c", "d"}, 2.0) == {"c", "d"}
    assert needs_weight_loss(v, 1, {"c"}, 2.0) == set()  # a plan of weight 1 can include c


def test_relaxation_applies_halls_condition_to_late_arrivals():
    """Three slots; b and c are there only in the first: a can meet one of them, not both, though a
    has three slots for three meetings (relax._hall; the union alone would allow weight 3)."""
    from scheduler.domains import domains
    from scheduler.index import Index
    from scheduler.objective import varying
    from scheduler.relax import weight_bound
    from scheduler.solver import build

    late = frozenset({"s2", "s3"})
    people = [Participant("a"), Participant("b", unavailable=late), Participant("c", unavailable=late),
              Participant("d")]
    problem = make_problem(3, 2, [("a", "b"), ("a", "c"), ("a", "d")], people)
    ix = Index(problem)
    v = build(ix, domains(ix), False)
    assert weight_bound(v, varying(v), 2.0, 1, 0) == 2 == solve_ok(problem).objective["weight"]


def test_fewest_left_out_at_a_weight():
    """One table, one slot: (a, b) weighs 3, (c, d) 1.  At weight 3 two people must be left out; at
    weight 1 the bound is weak (the relaxation trades people for weight), never above the truth."""
    from scheduler.domains import domains
    from scheduler.index import Index
    from scheduler.objective import varying
    from scheduler.relax import fewest_left_out
    from scheduler.solver import build

    problem = make_problem(1, 1, [Meeting("m1", ("a", "b"), weight=3), Meeting("m2", ("c", "d"))])
    ix = Index(problem)
    v = build(ix, domains(ix), False)
    assert fewest_left_out(v, varying(v), 3, 2.0, 1, 0) == (2, frozenset({"m1"}))
    assert fewest_left_out(v, varying(v), 1, 2.0, 1, 0)[0] <= 2
    two_tables = make_problem(1, 2, [Meeting("m1", ("a", "b"), weight=3), Meeting("m2", ("a", "c")),
                                     Meeting("m3", ("c", "d"))])
    ix = Index(two_tables)
    v = build(ix, domains(ix), False)
    assert fewest_left_out(v, varying(v), 4, 2.0, 1, 0) == (0, frozenset({"m1", "m3"}))


def test_timetable_of_the_relaxed_choice_reaches_the_weight_level_at_once():
    """solver._timetable: a chosen set that fits becomes the plan at hand, and the weight level at
    the relaxation's cap is fixed without a search; a set that does not fit is refused."""
    import time

    from scheduler.domains import domains
    from scheduler.index import Index
    from scheduler.objective import levels
    from scheduler.run import Run
    from scheduler.solver import _timetable, build

    problem = make_problem(2, 1, [Meeting("m1", ("a", "b"), weight=2), Meeting("m2", ("a", "c")),
                                  Meeting("m3", ("b", "c"))])
    ix = Index(problem)
    v = build(ix, domains(ix), False)
    (weight,) = levels(v, ["weight"])
    run = Run(v, 5.0, 1, 0, None, None, time.monotonic())
    assert not _timetable(run, frozenset({"m1", "m2", "m3"}))  # three meetings among three people in two slots
    assert run.values is None
    assert _timetable(run, frozenset({"m1", "m2"}))
    assert {mid for (mid, _n), on in run.values["x"].items() if on} == {"m1", "m2"}
    run.caps["weight"] = 3
    assert run.solve_level(weight, 0.5) == Status.OPTIMAL and run.fixed_values["weight"] == 3
    assert run.levels[-1]["seconds"] < 0.5


def test_fairness_is_capped_when_the_plan_leaves_out_no_more_than_it_must():
    """solver._cap_fairness: at weight 3, c and d can only meet at a loss of weight, so fairness
    cannot beat "two left out, minimum share 0"; at weight 1 the relaxation proves nothing."""
    import time

    from scheduler.domains import domains
    from scheduler.index import Index
    from scheduler.objective import fairness_cap, levels
    from scheduler.run import Run
    from scheduler.solver import _cap_fairness, build

    problem = make_problem(1, 1, [Meeting("m1", ("a", "b"), weight=3), Meeting("m2", ("c", "d"))])
    ix = Index(problem)
    v = build(ix, domains(ix), False)
    weight, fairness = levels(v, ["weight", "fairness"])
    run = Run(v, 5.0, 1, 0, None, None, time.monotonic())
    run.solve_level(weight, 0.5)
    run.fixed_values["weight"] = 1  # as if the weight level had stopped at 1: no cap
    _cap_fairness(run)
    assert "fairness" not in run.caps
    run.fixed_values["weight"] = 3
    _cap_fairness(run)
    assert run.caps["fairness"] == fairness_cap(v, 2) == -2 * 1001
    assert run.solve_level(fairness, 0.5) == Status.OPTIMAL and run.fixed_values["fairness"] == -2 * 1001


def test_fairness_with_nobody_left_out_is_capped_by_the_best_share():
    """Two slots, one table: weight 3 needs (a, b) and one of (a, c), (b, c); c then gets half of
    what it asked for, so no plan of weight 3 has a minimum share above 500 (relax.best_share),
    and the fairness level stops there."""
    import time

    from scheduler.domains import domains
    from scheduler.index import Index
    from scheduler.objective import fairness_cap, levels, varying
    from scheduler.relax import best_share
    from scheduler.run import Run
    from scheduler.solver import _cap_fairness, build

    problem = make_problem(2, 1, [Meeting("m1", ("a", "b"), weight=2), Meeting("m2", ("a", "c")),
                                  Meeting("m3", ("b", "c"))])
    ix = Index(problem)
    v = build(ix, domains(ix), False)
    top, chosen = best_share(v, varying(v), 3, 0, 2.0, 1, 0)
    assert top == 500 and chosen in ({"m1", "m2"}, {"m1", "m3"})
    assert best_share(v, varying(v), 2, 0, 2.0, 1, 0)[0] == 500  # m2 + m3 (weight 2) would give a and b 333
    weight, fairness = levels(v, ["weight", "fairness"])
    run = Run(v, 5.0, 1, 0, None, None, time.monotonic())
    run.solve_level(weight, 0.5)
    _cap_fairness(run)
    assert run.caps["fairness"] == fairness_cap(v, 0, 500) == 500 < fairness_cap(v, 0)
    assert run.solve_level(fairness, 0.5) == Status.OPTIMAL and run.fixed_values["fairness"] == 500


def test_fairness_cap_counts_people():
    """Nobody left out: only the share bounds it; someone who asked for no weight keeps the share
    open; the smallest min_meetings of those who could be left out count against it."""
    from scheduler.domains import domains
    from scheduler.index import Index
    from scheduler.objective import fairness_cap
    from scheduler.solver import build

    problem = make_problem(1, 1, [Meeting("m1", ("a", "b"), weight=3), Meeting("m2", ("c", "d"))])
    ix = Index(problem)
    v = build(ix, domains(ix), False)
    assert fairness_cap(v, 0) == 1000 and fairness_cap(v, 1) == -1001
    people = [Participant("a", min_meetings=1), Participant("b", min_meetings=1), Participant("c", min_meetings=2),
              Participant("d", min_meetings=1)]
    zero = make_problem(1, 1, [Meeting("m1", ("a", "b"), weight=3), Meeting("m2", ("c", "d"), weight=0)], people)
    ix = Index(zero)
    v = build(ix, domains(ix), False)
    b = 1001
    assert fairness_cap(v, 2) == 1000 - 2 * b - b * 5 * 2  # c and d asked for weight 0; shortfall >= 1 + 1


def test_descend_refutes_each_cap_below_the_optimum_then_finds_it():
    """Decisions "breaks <= k" from the bound up (run.Run._descend): 0 is refuted, 1 is found."""
    import time

    from scheduler.domains import domains
    from scheduler.index import Index
    from scheduler.objective import breaks_level
    from scheduler.run import Run
    from scheduler.solver import build

    ms = [Meeting("m1", ("a", "b"), required=True), Meeting("m2", ("a", "c"), required=True)]
    people = [Participant("b", unavailable=frozenset({"s2", "s3"})), Participant("c", unavailable=frozenset({"s1", "s2"}))]
    ix = Index(make_problem(3, 1, ms, people))
    v = build(ix, domains(ix), True)
    run = Run(v, 5.0, 1, 0, None, None, time.monotonic())
    status, value, bound = run._descend(breaks_level(v), 2, 0, time.monotonic() + 5.0)
    assert (status, value, bound) == (Status.OPTIMAL, 1, 1)
    assert run.values["x"][("m1", 0)] and run.values["x"][("m2", 2)]


def _split_decision(forced_breaks: int):
    """Decide "breaks <= 1" split by participant (run.Run._decide_split) on a problem where a (and f)
    must each take one break: their partners are there in s1 and s3 only.

    Returns (vars, run, status, solver); the decisions are solved on copies of the run's model."""
    import time

    from scheduler.domains import domains
    from scheduler.index import Index
    from scheduler.objective import breaks_level
    from scheduler.run import Run
    from scheduler.solver import build

    pairs = [("a", "b", "c"), ("f", "d", "e")][:forced_breaks]
    ms = [Meeting(f"m{k}{h}", (hub, other), required=True) for k, (hub, *others) in enumerate(pairs)
          for h, other in enumerate(others)]
    early, late = frozenset({"s2", "s3"}), frozenset({"s1", "s2"})
    people = [Participant(p, unavailable=early if k == 1 else late) for hub, *others in pairs
              for k, p in enumerate(others, 1)]
    ix = Index(make_problem(3, 2, ms, people))
    v = build(ix, domains(ix), True)
    run = Run(v, 5.0, 1, 0, None, None, time.monotonic())
    level = breaks_level(v)
    return (v, run, *run._decide_split(level, time.monotonic() + 5.0, (1, 0)))


def test_split_decision_finds_who_takes_the_only_break():
    """"breaks <= 1" decided one participant at a time (run.Run._decide_split): only a can take it."""
    from scheduler.breaks import breaks_by_person

    from scheduler.solver import build

    v, run, status, solver = _split_decision(1)
    before = len(build(v.ix, v.doms, True).model.proto.constraints)
    assert status == Status.OPTIMAL
    run.store(solver)
    assert breaks_by_person(v, run.values["x"]) == {"a": 1, "b": 0, "c": 0}
    assert len(v.model.proto.constraints) == before  # each decision solved a copy: the run's model is as it was


def test_split_decision_refutes_when_two_must_break():
    """a and f each need a break: every "only p may break" is refuted, which proves "breaks <= 1" false."""
    v, _run, status, _solver = _split_decision(2)
    assert status == Status.INFEASIBLE
    assert solve_ok(v.ix.problem).objective["breaks"] == 2


def test_breaks_on_settled_meetings_day_by_day():
    """After weight and fairness, the chosen meetings are timetabled per day (solver._settled_breaks)."""
    from scheduler import Slot

    slots = [Slot(f"{d}{n}", day=d) for d in ("x", "y") for n in range(1, 5)]
    day_x, day_y = frozenset(s.id for s in slots[:4]), frozenset(s.id for s in slots[4:])
    ms = [Meeting("m1", ("a", "b")), Meeting("m2", ("a", "c")), Meeting("m3", ("c", "e"), weight=2),
          Meeting("m4", ("b", "d"))]
    people = [Participant(p, unavailable=day_y) for p in "bd"] + [Participant(p, unavailable=day_x) for p in "ce"]
    plan = solve_ok(make_problem(slots, 1, ms, people))
    assert plan.objective["weight"] == 5 and plan.objective["breaks"] == 0
    assert plan.status == Status.OPTIMAL and plan.bound["breaks"] == 0
    assert [level["day"] for level in plan.solver["levels"] if "day" in level] == ["x", "y"]


def test_warm_start_is_the_plan_when_cp_sat_finds_none(monkeypatch):
    """With no CP-SAT plan in time (as on 1,500 participants in 30 s), the relaxation-guided warm
    start is kept and polished, not replaced by first fit; the relaxation still bounds the weight."""
    from scheduler import solver as solver_module
    from scheduler.run import Run

    monkeypatch.setattr(solver_module, "_timetable", lambda *a, **k: False)
    monkeypatch.setattr(Run, "_cp_solve", lambda self, level, *a, **k: (Status.UNKNOWN, None))
    ms = [Meeting("m1", ("a", "b"), weight=1), Meeting("m2", ("a", "c"), weight=3), Meeting("m3", ("b", "c"), weight=3),
          Meeting("m4", ("c", "d"), weight=1)]
    problem = make_problem(2, 1, ms)
    plan = solve_ok(problem)
    assert plan.status == Status.FEASIBLE and "fallback" not in plan.solver
    assert plan.objective["weight"] == first_fit(problem).objective["weight"] == 6
    assert plan.bound["weight"] >= plan.objective["weight"]


def test_fairness_starts_from_the_relaxations_fairest_choice():
    """One slot, two tables: (a, c) weighs 2 like (a, b) + (c, d) together.  From the plan {(a, c)}
    (b and d left out) solver._cap_fairness timetables the relaxation's fairest choice of weight 2."""
    import time

    from scheduler.domains import domains
    from scheduler.index import Index
    from scheduler.objective import left_out, levels
    from scheduler.run import Run
    from scheduler.solver import _cap_fairness, _timetable, build

    problem = make_problem(1, 2, [Meeting("m1", ("a", "b")), Meeting("m2", ("c", "d")), Meeting("m3", ("a", "c"), weight=2)])
    ix = Index(problem)
    v = build(ix, domains(ix), False)
    weight, _fairness = levels(v, ["weight", "fairness"])
    run = Run(v, 5.0, 1, 0, None, None, time.monotonic())
    assert _timetable(run, frozenset({"m3"}))
    run._fix(weight, 2)
    _cap_fairness(run)
    held = {mid for (mid, _n), on in run.values["x"].items() if on}
    assert held == {"m1", "m2"} and left_out(v, held) == set() and "fairness" not in run.caps
