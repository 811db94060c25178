"""The level engine (engine.py): decisions "breaks <= k" from the bound up, split by participant."""


from scheduler import Meeting, Participant, Status

from .conftest import engine_for, make_problem, solve_ok


def test_descend_refutes_each_cap_below_the_optimum_then_finds_it():
    """Decisions "breaks <= k" from the bound up (engine.LevelEngine._descend): 0 is refuted, 1 is found."""
    import time

    from scheduler.cpmodel import build
    from scheduler.domains import domains
    from scheduler.index import Index
    from scheduler.objective import breaks_level

    ms = [Meeting("m1", ("a", "b"), required=True), Meeting("m2", ("a", "c"), required=True)]
    people = [Participant("b", unavailable=frozenset({"s2", "s3"})),
              Participant("c", unavailable=frozenset({"s1", "s2"}))]
    ix = Index(make_problem(3, 1, ms, people))
    v = build(ix, domains(ix), True)
    engine = engine_for(v)
    status, value, bound = engine._descend(breaks_level(v), 2, 0, time.monotonic() + 5.0)
    assert (status, value, bound) == (Status.OPTIMAL, 1, 1)
    assert engine.values["x"][("m1", 0)] and engine.values["x"][("m2", 2)]


def _split_decision(forced_breaks: int):
    """Decide "breaks <= 1" split by participant (engine.LevelEngine._decide_split) on a problem where a (and f)
    must each take one break: their partners are there in s1 and s3 only.

    Returns (vars, engine, status, solver); the decisions are solved on copies of the engine's model."""
    import time

    from scheduler.cpmodel import build
    from scheduler.domains import domains
    from scheduler.index import Index
    from scheduler.objective import breaks_level

    pairs = [("a", "b", "c"), ("f", "d", "e")][:forced_breaks]
    ms = [Meeting(f"m{k}{h}", (hub, other), required=True) for k, (hub, *others) in enumerate(pairs)
          for h, other in enumerate(others)]
    early, late = frozenset({"s2", "s3"}), frozenset({"s1", "s2"})
    people = [Participant(p, unavailable=early if k == 1 else late) for hub, *others in pairs
              for k, p in enumerate(others, 1)]
    ix = Index(make_problem(3, 2, ms, people))
    v = build(ix, domains(ix), True)
    engine = engine_for(v)
    level = breaks_level(v)
    return (v, engine, *engine._decide_split(level, time.monotonic() + 5.0, (1, 0), engine._decision(level, 1)))


def test_split_decision_finds_who_takes_the_only_break():
    """"breaks <= 1" decided one participant at a time (engine.LevelEngine._decide_split): only a can take it."""
    from scheduler.breaks import breaks_by_person
    from scheduler.cpmodel import build

    v, engine, status, solver = _split_decision(1)
    before = len(build(v.ix, v.doms, True).model.proto.constraints)
    assert status == Status.OPTIMAL
    engine.store(solver)
    assert breaks_by_person(v, engine.values["x"]) == {"a": 1, "b": 0, "c": 0}
    assert len(v.model.proto.constraints) == before  # each decision solved a copy: the engine's model is as it was


def test_split_decision_refutes_when_two_must_break():
    """a and f each need a break: every "only p may break" is refuted, which proves "breaks <= 1" false."""
    v, _engine, status, _solver = _split_decision(2)
    assert status == Status.INFEASIBLE
    assert solve_ok(v.ix.problem).objective["breaks"] == 2


def test_moving_to_the_model_with_breaks_leaves_the_first_engine_as_it_was():
    """engine.LevelEngine.moved_to: the new engine keeps the levels fixed and the bounds found, starts
    from the plan it is given, and the engine it came from keeps its own model and plan."""
    from scheduler.cpmodel import build
    from scheduler.domains import domains
    from scheduler.index import Index
    from scheduler.objective import levels

    problem = make_problem(3, 1, [Meeting("m1", ("a", "b"), weight=2), Meeting("m2", ("a", "c")),
                                  Meeting("m3", ("b", "c"))])
    ix = Index(problem)
    small = build(ix, domains(ix), False)
    first = engine_for(small)
    (weight,) = levels(small, ["weight"])
    assert first.solve_level(weight, 0.5) == Status.OPTIMAL and first.fixed_values == {"weight": 4}
    constraints, values = len(small.model.proto.constraints), first.values
    full = build(ix, domains(ix), True)
    moved = first.moved_to(full, levels(full, ["weight"]), values, {"breaks"})
    assert moved.vars is full and moved.values == values and moved.fixed_values == {"weight": 4}
    assert moved.bounds == first.bounds and moved.default_mix == {"breaks"} and first.default_mix == set()
    assert first.vars is small and len(small.model.proto.constraints) == constraints
    (breaks,) = levels(full, ["breaks"])
    assert moved.solve_level(breaks, 0.5) == Status.OPTIMAL
    held = {mid for (mid, _n), on in moved.values["x"].items() if on}
    assert held == {"m1", "m2", "m3"} and moved.fixed_values["breaks"] == 1  # one of a, b, c waits a slot
    assert [level["level"] for level in first.levels] == ["weight"]
