"""The warm start and weight stages (stages/warm_start.py, stages/weight.py)."""


from scheduler import Meeting, Status, first_fit

from .conftest import make_problem, solve_ok


def test_timetable_of_the_relaxed_choice_reaches_the_weight_level_at_once():
    """stages.weight.timetable: a chosen set that fits becomes the plan at hand, and the weight level at
    the relaxation's cap is fixed without a search; a set that does not fit is refused."""
    import time

    from scheduler.cpmodel import build
    from scheduler.domains import domains
    from scheduler.index import Index
    from scheduler.objective import levels
    from scheduler.run import Run
    from scheduler.stages.weight import timetable

    problem = make_problem(2, 1, [Meeting("m1", ("a", "b"), weight=2), Meeting("m2", ("a", "c")),
                                  Meeting("m3", ("b", "c"))])
    ix = Index(problem)
    v = build(ix, domains(ix), False)
    (weight,) = levels(v, ["weight"])
    run = Run(v, 5.0, 1, 0, None, None, time.monotonic())
    assert not timetable(run, frozenset({"m1", "m2", "m3"}))  # three meetings among three people in two slots
    assert run.values is None
    assert timetable(run, frozenset({"m1", "m2"}))
    assert {mid for (mid, _n), on in run.values["x"].items() if on} == {"m1", "m2"}
    run.caps["weight"] = 3
    assert run.solve_level(weight, 0.5) == Status.OPTIMAL and run.fixed_values["weight"] == 3
    assert run.levels[-1]["seconds"] < 0.5


def test_warm_start_is_the_plan_when_cp_sat_finds_none(monkeypatch):
    """With no CP-SAT plan in time (as on 1,500 participants in 30 s), the relaxation-guided warm
    start is kept and polished, not replaced by first fit; the relaxation still bounds the weight."""
    from scheduler.run import Run
    from scheduler.stages import fairness, weight

    monkeypatch.setattr(weight, "timetable", lambda *a, **k: False)
    monkeypatch.setattr(fairness, "timetable", lambda *a, **k: False)
    monkeypatch.setattr(Run, "_cp_solve", lambda self, level, *a, **k: (Status.UNKNOWN, None))
    ms = [Meeting("m1", ("a", "b"), weight=1), Meeting("m2", ("a", "c"), weight=3), Meeting("m3", ("b", "c"), weight=3),
          Meeting("m4", ("c", "d"), weight=1)]
    problem = make_problem(2, 1, ms)
    plan = solve_ok(problem)
    assert plan.status == Status.FEASIBLE and "fallback" not in plan.solver
    assert plan.objective["weight"] == first_fit(problem).objective["weight"] == 6
    assert plan.bound["weight"] >= plan.objective["weight"]
