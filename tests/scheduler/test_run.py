"""The level engine (run.py): decisions "breaks <= k" from the bound up, split by participant."""


from scheduler import Meeting, Participant, Status

from .conftest import make_problem, solve_ok


def test_descend_refutes_each_cap_below_the_optimum_then_finds_it():
    """Decisions "breaks <= k" from the bound up (run.Run._descend): 0 is refuted, 1 is found."""
    import time

    from scheduler.cpmodel import build
    from scheduler.domains import domains
    from scheduler.index import Index
    from scheduler.objective import breaks_level
    from scheduler.run import Run

    ms = [Meeting("m1", ("a", "b"), required=True), Meeting("m2", ("a", "c"), required=True)]
    people = [Participant("b", unavailable=frozenset({"s2", "s3"})),
              Participant("c", unavailable=frozenset({"s1", "s2"}))]
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

    from scheduler.cpmodel import build
    from scheduler.domains import domains
    from scheduler.index import Index
    from scheduler.objective import breaks_level
    from scheduler.run import Run

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
    return (v, run, *run._decide_split(level, time.monotonic() + 5.0, (1, 0), run._decision(level, 1)))


def test_split_decision_finds_who_takes_the_only_break():
    """"breaks <= 1" decided one participant at a time (run.Run._decide_split): only a can take it."""
    from scheduler.breaks import breaks_by_person
    from scheduler.cpmodel import build

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
