"""The warm start and weight stages (stages/warm_start.py, stages/weight.py)."""


from scheduler import Meeting, Status, first_fit

from .conftest import engine_for, make_problem, solve_ok


def test_timetable_of_the_relaxed_choice_reaches_the_weight_level_at_once():
    """stages.weight.timetable: a chosen set that fits becomes the plan at hand, and the weight level at
    the relaxation's cap is fixed without a search; a set that does not fit is refused."""
    from scheduler.cpmodel import build
    from scheduler.domains import domains
    from scheduler.index import Index
    from scheduler.objective import levels
    from scheduler.stages.weight import timetable

    problem = make_problem(2, 1, [Meeting("m1", ("a", "b"), weight=2), Meeting("m2", ("a", "c")),
                                  Meeting("m3", ("b", "c"))])
    ix = Index(problem)
    v = build(ix, domains(ix), False)
    (weight,) = levels(v, ["weight"])
    engine = engine_for(v)
    # three meetings among three people in two slots
    assert timetable(engine.ctx, v, frozenset({"m1", "m2", "m3"})) is None
    solved = timetable(engine.ctx, v, frozenset({"m1", "m2"}))
    assert engine.values is None  # the stage only answers; the pipeline adopts its plan
    engine.adopt(solved)
    assert {mid for (mid, _n), on in engine.values["x"].items() if on} == {"m1", "m2"}
    engine.caps["weight"] = 3
    assert engine.solve_level(weight, 0.5) == Status.OPTIMAL and engine.fixed_values["weight"] == 3
    assert engine.levels[-1]["seconds"] < 0.5


def test_warm_start_is_the_plan_when_cp_sat_finds_none(monkeypatch):
    """With no CP-SAT plan in time (as on 1,500 participants in 30 s), the relaxation-guided warm
    start is kept and polished, not replaced by first fit; the relaxation still bounds the weight."""
    from scheduler.engine import LevelEngine
    from scheduler.stages import fairness, weight

    monkeypatch.setattr(weight, "timetable", lambda *a, **k: None)
    monkeypatch.setattr(fairness, "timetable", lambda *a, **k: None)
    monkeypatch.setattr(LevelEngine, "_cp_solve", lambda self, level, *a, **k: (Status.UNKNOWN, None))
    ms = [Meeting("m1", ("a", "b"), weight=1), Meeting("m2", ("a", "c"), weight=3), Meeting("m3", ("b", "c"), weight=3),
          Meeting("m4", ("c", "d"), weight=1)]
    problem = make_problem(2, 1, ms)
    plan = solve_ok(problem)
    assert plan.status == Status.FEASIBLE and "fallback" not in plan.solver
    assert plan.objective["weight"] == first_fit(problem).objective["weight"] == 6
    assert plan.bound["weight"] >= plan.objective["weight"]
