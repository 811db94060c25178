"""Bound and objective in the same units: the weight of required meetings counts in both."""

from scheduler import Meeting, Problem, Slot, Status, Table, solve, violations


def _problem() -> Problem:
    """Two required meetings (weight 5 each) and optional ones competing for a's and b's slots."""
    slots = tuple(Slot(f"s{n}") for n in range(3))
    meetings = (Meeting("r1", ("a", "b"), weight=5, required=True),
                Meeting("r2", ("c", "d"), weight=5, required=True),
                Meeting("o1", ("a", "c"), weight=3), Meeting("o2", ("b", "d"), weight=2),
                Meeting("o3", ("a", "d"), weight=1), Meeting("o4", ("b", "c"), weight=4))
    return Problem(slots, _tables(2), meetings)


def _tables(n):
    return tuple(Table(f"T{k}") for k in range(n))


def test_plan_bound_counts_required_weight():
    problem = _problem()
    plan = solve(problem, time_limit_s=10, workers=1, seed=0)
    assert plan.status == Status.OPTIMAL and violations(problem, plan) == []
    assert plan.objective["weight"] == 10 + 3 + 2 + 1 + 4
    assert plan.bound["weight"] == plan.objective["weight"]


def test_progress_lines_count_required_weight():
    seen = []
    plan = solve(_problem(), time_limit_s=10, workers=1, seed=0, on_progress=seen.append)
    weighed = [info for info in seen if info["phase"] in ("first_fit", "warm_start", "weight")]
    assert weighed, seen
    first = weighed[0]["incumbent"]  # a valid plan: no bound may lie below it
    for info in weighed:
        assert info["incumbent"] >= 10, info  # the two required meetings alone weigh 10
        assert info["bound"] is None or info["bound"] >= info["incumbent"], info
        assert info["bound"] is None or first <= info["bound"] <= plan.objective["weight"], info
