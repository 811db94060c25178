import time

from scheduler import Meeting
from scheduler.agenda import Agenda
from scheduler.domains import domains
from scheduler.improve import reduce_breaks
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
