"""Soft goals in the spec's order (objective.py), re-planning, progress and cancel."""

import threading

from scheduler import Assignment, Meeting, Options, Participant, Status

from .conftest import make_problem, solve_ok
from .test_reasons import reasons


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


def test_fairness_cap_counts_people():
    """Nobody left out: only the share bounds it; someone who asked for no weight keeps the share
    open; the smallest min_meetings of those who could be left out count against it."""
    from scheduler.cpmodel import build
    from scheduler.domains import domains
    from scheduler.index import Index
    from scheduler.objective import fairness_cap

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
