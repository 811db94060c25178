"""The fairness stage (stages/fairness.py): bounds that end the fairness level early."""


from scheduler import Meeting, Status

from .conftest import engine_for, make_problem


def test_fairness_is_capped_when_the_plan_leaves_out_no_more_than_it_must():
    """stages.fairness.cap_fairness: at weight 3, c and d can only meet at a loss of weight, so fairness
    cannot beat "two left out, minimum share 0"; at weight 1 the relaxation proves nothing."""
    from scheduler.cpmodel import build
    from scheduler.domains import domains
    from scheduler.index import Index
    from scheduler.objective import fairness_cap, levels
    from scheduler.stages.fairness import cap_fairness

    problem = make_problem(1, 1, [Meeting("m1", ("a", "b"), weight=3), Meeting("m2", ("c", "d"))])
    ix = Index(problem)
    v = build(ix, domains(ix), False)
    weight, fairness = levels(v, ["weight", "fairness"])
    engine = engine_for(v)
    engine.solve_level(weight, 0.5)
    # as if the weight level had stopped at 1: no cap
    assert cap_fairness(engine.ctx, v, engine.values, 1, {}).cap is None
    got = cap_fairness(engine.ctx, v, engine.values, 3, {})
    assert got.cap == fairness_cap(v, 2) == -2 * 1001 and got.solved is None
    engine.caps["fairness"] = got.cap
    assert engine.solve_level(fairness, 0.5) == Status.OPTIMAL and engine.fixed_values["fairness"] == -2 * 1001


def test_fairness_with_nobody_left_out_is_capped_by_the_best_share():
    """Two slots, one table: weight 3 needs (a, b) and one of (a, c), (b, c); c then gets half of
    what it asked for, so no plan of weight 3 has a minimum share above 500 (relax.best_share),
    and the fairness level stops there."""
    from scheduler.cpmodel import build
    from scheduler.domains import domains
    from scheduler.index import Index
    from scheduler.objective import fairness_cap, levels, varying
    from scheduler.relax import best_share
    from scheduler.stages.fairness import cap_fairness

    problem = make_problem(2, 1, [Meeting("m1", ("a", "b"), weight=2), Meeting("m2", ("a", "c")),
                                  Meeting("m3", ("b", "c"))])
    ix = Index(problem)
    v = build(ix, domains(ix), False)
    top, chosen = best_share(v, varying(v), 3, 0, 2.0, 1, 0)
    assert top == 500 and chosen in ({"m1", "m2"}, {"m1", "m3"})
    assert best_share(v, varying(v), 2, 0, 2.0, 1, 0)[0] == 500  # m2 + m3 (weight 2) would give a and b 333
    weight, fairness = levels(v, ["weight", "fairness"])
    engine = engine_for(v)
    engine.solve_level(weight, 0.5)
    got = cap_fairness(engine.ctx, v, engine.values, engine.fixed_values["weight"], {})
    assert got.cap == fairness_cap(v, 0, 500) == 500 < fairness_cap(v, 0)
    engine.caps["fairness"] = got.cap
    assert engine.solve_level(fairness, 0.5) == Status.OPTIMAL and engine.fixed_values["fairness"] == 500


def test_fairness_starts_from_the_relaxations_fairest_choice():
    """One slot, two tables: (a, c) weighs 2 like (a, b) + (c, d) together.  From the plan {(a, c)}
    (b and d left out) stages.fairness.cap_fairness timetables the relaxation's fairest choice of weight 2."""
    from scheduler.cpmodel import build
    from scheduler.domains import domains
    from scheduler.index import Index
    from scheduler.objective import left_out, levels
    from scheduler.stages.fairness import cap_fairness
    from scheduler.stages.weight import timetable

    problem = make_problem(1, 2, [Meeting("m1", ("a", "b")), Meeting("m2", ("c", "d")),
                                  Meeting("m3", ("a", "c"), weight=2)])
    ix = Index(problem)
    v = build(ix, domains(ix), False)
    weight, _fairness = levels(v, ["weight", "fairness"])
    engine = engine_for(v)
    engine.adopt(timetable(engine.ctx, v, frozenset({"m3"})))
    engine._fix(weight, 2)
    values = engine.values
    got = cap_fairness(engine.ctx, v, values, 2, {})
    assert got.cap is None and got.solved is not None
    assert engine.values is values and {mid for (mid, _n), on in values["x"].items() if on} == {"m3"}
    engine.adopt(got.solved)
    held = {mid for (mid, _n), on in engine.values["x"].items() if on}
    assert held == {"m1", "m2"} and left_out(v, held) == set()
