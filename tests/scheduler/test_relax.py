"""The meeting-only relaxation (relax.py): weight bound, people rightly left out, Hall's condition."""


from scheduler import Interpreter, Meeting, Participant, Status, Table

from .conftest import make_problem, solve_ok


def test_relaxation_bounds_weight_with_interpreters_and_host_tables():
    from scheduler.constraints import Vars
    from scheduler.cpmodel import build
    from scheduler.domains import domains
    from scheduler.index import Index
    from scheduler.objective import varying
    from scheduler.relax import weight_bound

    people = [Participant("a", country="CZ", languages=("cs",), table="H"),
              Participant("b", country="DE", languages=("de",)), Participant("c", languages=("de",)),
              Participant("d", languages=("cs",), max_meetings=1)]
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
    from scheduler.cpmodel import build
    from scheduler.domains import domains
    from scheduler.index import Index
    from scheduler.objective import varying
    from scheduler.relax import weight_bound

    people = [Participant(p, languages=(lang,)) for p, lang in
              [("a", "cs"), ("b", "de"), ("c", "cs"), ("d", "de"), ("e", "cs"), ("f", "pl"), ("g", "cs"), ("h", "pl")]]
    ms = [Meeting("m1", ("a", "b")), Meeting("m2", ("c", "d")), Meeting("m3", ("e", "f")), Meeting("m4", ("g", "h"))]
    interpreters = (Interpreter("i1", ("cs", "de")), Interpreter("i2", ("cs", "de", "pl")),
                    Interpreter("i3", ("cs", "pl")))
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
    from scheduler.cpmodel import build
    from scheduler.domains import domains
    from scheduler.index import Index
    from scheduler.objective import varying
    from scheduler.relax import weight_bound

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
    from scheduler.cpmodel import build
    from scheduler.domains import domains
    from scheduler.index import Index
    from scheduler.objective import varying
    from scheduler.relax import fewest_left_out

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
