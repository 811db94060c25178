import time

from scheduler import Meeting, Participant
from scheduler.agenda import Agenda
from scheduler.domains import domains
from scheduler.improve import include_alone, reduce_breaks
from scheduler.index import Index
from scheduler.stats import breaks_of

from .conftest import make_problem


def test_local_moves_close_a_gap_without_breaking_rules():
    problem = make_problem(4, 1, [Meeting("m1", ("a", "b")), Meeting("m2", ("a", "c"))])
    ix = Index(problem)
    agenda = Agenda(ix, domains(ix))
    agenda.place("m1", 0, "T1")
    agenda.place("m2", 3, "T1")
    assert breaks_of(ix, sorted(agenda.person["a"])) == 1
    assert reduce_breaks(agenda, time.monotonic() + 5) >= 1
    assert breaks_of(ix, sorted(agenda.person["a"])) == 0 and len(agenda.where) == 2


def test_a_swap_gives_a_meeting_to_someone_left_out():
    """b meets c in the only slot a can come; c also meets d, so (a, b) may take that place."""
    ms = [Meeting("m1", ("a", "b")), Meeting("m2", ("b", "c")), Meeting("m3", ("c", "d")), Meeting("m4", ("e", "f"))]
    people = [Participant("a", unavailable=frozenset({"s2"}))]
    ix = Index(make_problem(2, 2, ms, people))
    agenda = Agenda(ix, domains(ix))
    agenda.place("m2", 0, "T1")
    agenda.place("m3", 1, "T1")
    agenda.place("m4", 0, "T2")
    assert include_alone(agenda, time.monotonic() + 5) == 1
    assert agenda.where["m1"][0] == 0 and "m2" not in agenda.where and {"m3", "m4"} <= set(agenda.where)


def test_no_swap_that_leaves_another_person_out():
    ms = [Meeting("m1", ("a", "b")), Meeting("m2", ("b", "c")), Meeting("m3", ("x", "b"), weight=3)]
    people = [Participant("a", unavailable=frozenset({"s2"})), Participant("x", unavailable=frozenset({"s1"}))]
    ix = Index(make_problem(2, 1, ms, people))
    agenda = Agenda(ix, domains(ix))
    agenda.place("m2", 0, "T1")  # c's only meeting
    agenda.place("m3", 1, "T1")
    assert include_alone(agenda, time.monotonic() + 5) == 0
    assert set(agenda.where) == {"m2", "m3"}


def test_no_swap_for_a_lighter_meeting():
    ms = [Meeting("m1", ("a", "b")), Meeting("m2", ("b", "c"), weight=2), Meeting("m3", ("c", "d"))]
    people = [Participant("a", unavailable=frozenset({"s2"}))]
    ix = Index(make_problem(2, 2, ms, people))
    agenda = Agenda(ix, domains(ix))
    agenda.place("m2", 0, "T1")
    agenda.place("m3", 1, "T1")
    assert include_alone(agenda, time.monotonic() + 5) == 0 and "m1" not in agenda.where
