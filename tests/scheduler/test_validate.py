"""The validator finds planted violations (one per rule) and accepts a clean plan."""

import pytest

from scheduler import Assignment, Interpreter, Meeting, Options, Participant, Plan, Slot, Status, violations

from .conftest import make_problem

A = Assignment


def rules(problem, *assignments):
    return [v.rule for v in violations(problem, Plan(Status.FEASIBLE, tuple(assignments)))]


def test_clean_plan():
    p = make_problem(2, 1, [("a", "b"), ("a", "c")])
    assert rules(p, A("m1", "s1", "T1"), A("m2", "s2", "T1")) == []


CASES = [
    ("participant_double_booked", make_problem(2, 2, [("a", "b"), ("a", "c")]),
     [A("m1", "s1", "T1"), A("m2", "s1", "T2")]),
    ("table_double_booked", make_problem(2, 2, [("a", "b"), ("c", "d")]), [A("m1", "s1", "T1"), A("m2", "s1", "T1")]),
    ("unavailable", make_problem(2, 1, [("a", "b")], [Participant("a", unavailable=frozenset({"s1"}))]),
     [A("m1", "s1", "T1")]),
    ("required_missing", make_problem(2, 1, [Meeting("m1", ("a", "b"), required=True)]), []),
    ("duplicate", make_problem(2, 2, [("a", "b")]), [A("m1", "s1", "T1"), A("m1", "s2", "T1")]),
    ("unknown_id", make_problem(2, 1, [("a", "b")]), [A("m1", "s9", "T1")]),
    ("session", make_problem((Slot("s1", session="am"),), 1, [Meeting("m1", ("a", "b"), session="pm")]),
     [A("m1", "s1", "T1")]),
    ("fixed_slot", make_problem(2, 1, [Meeting("m1", ("a", "b"), fixed_slot="s2")]), [A("m1", "s1", "T1")]),
    ("fixed_table", make_problem(2, 2, [Meeting("m1", ("a", "b"), fixed_table="T2")]), [A("m1", "s1", "T1")]),
    ("after", make_problem(2, 2, [("a", "b"), Meeting("m2", ("c", "d"), after=("m1",))]),
     [A("m1", "s1", "T1"), A("m2", "s1", "T2")]),
    ("host_table", make_problem(2, 2, [("a", "b")], [Participant("a", table="T2")]), [A("m1", "s1", "T1")]),
    ("host_table", make_problem(2, 2, [("a", "b"), ("c", "d")], [Participant("a", table="T2")]),
     [A("m2", "s1", "T2")]),
    ("max_meetings", make_problem(2, 1, [("a", "b"), ("a", "c")], [Participant("a", max_meetings=1)]),
     [A("m1", "s1", "T1"), A("m2", "s2", "T1")]),
    ("max_consecutive", make_problem(2, 1, [("a", "b"), ("a", "c")], [Participant("a", max_consecutive=1)]),
     [A("m1", "s1", "T1"), A("m2", "s2", "T1")]),
    ("language", make_problem(1, 1, [("a", "b")], [Participant("a", languages=("cs",)),
                                                   Participant("b", languages=("de",))]), [A("m1", "s1", "T1")]),
    ("interpreter", make_problem(1, 1, [("a", "b")], [Participant("a", languages=("cs",)),
                                                      Participant("b", languages=("de",))],
                                 interpreters=(Interpreter("i1", ("cs", "pl")),)), [A("m1", "s1", "T1", "i1")]),
    ("interpreter", make_problem(1, 2, [("a", "b"), ("c", "d")], interpreters=(Interpreter("i1", ("cs",)),)),
     [A("m1", "s1", "T1", "i1"), A("m2", "s1", "T2", "i1")]),
    ("locked", make_problem(2, 1, [("a", "b")], previous_plan=(A("m1", "s2", "T1"),), locked=frozenset({"m1"})),
     [A("m1", "s1", "T1")]),
    ("max_breaks", make_problem(3, 1, [("a", "b"), ("a", "c")], options=Options(max_breaks=0)),
     [A("m1", "s1", "T1"), A("m2", "s3", "T1")]),
]


@pytest.mark.parametrize("rule, problem, assignments", CASES, ids=[c[0] for c in CASES])
def test_planted_violation(rule, problem, assignments):
    found = violations(problem, Plan(Status.FEASIBLE, tuple(assignments)))
    assert rule in [v.rule for v in found]
    assert all(v.message for v in found)


def test_breaks_do_not_span_days_or_edges():
    slots = tuple(Slot(f"s{n}", day="d1" if n < 3 else "d2") for n in range(1, 5))
    p = make_problem(slots, 1, [("a", "b"), ("a", "c")], options=Options(max_breaks=0))
    assert rules(p, A("m1", "s2", "T1"), A("m2", "s4", "T1")) == []
