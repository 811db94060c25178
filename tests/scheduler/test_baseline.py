"""First fit (baseline.py): valid and greedy, the warm start and the benchmark's base."""


from scheduler import Assignment, Meeting, Status, first_fit, metrics, violations

from .conftest import make_problem


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
