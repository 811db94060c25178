import time

from scheduler import Interpreter, Meeting, Options, Participant, Plan, Status, violations
from scheduler.agenda import Agenda
from scheduler.domains import domains
from scheduler.improve import group_breaks, reduce_breaks, swap_breaks
from scheduler.index import Index
from scheduler.lns import lns_breaks
from scheduler.model import Assignment

from .conftest import make_problem

# a meets b in s1 and c in s3 (a break); b meets e and c meets d in s2; d cannot come in s3, e not
# in s1.  No single move and no exchange of two meetings of one participant removes the break, but
# re-slotting the four meetings together does (s1: a-b, c-d; s2: a-c, b-e).
PEOPLE = [Participant("a", languages=("cs",)), Participant("b", languages=("cs",)),
          Participant("d", unavailable=frozenset({"s3"})), Participant("e", unavailable=frozenset({"s1"}))]
MEETINGS = [Meeting("ab", ("a", "b")), Meeting("be", ("b", "e")), Meeting("ac", ("a", "c")), Meeting("cd", ("c", "d"))]
START = (("ab", 0, "T1"), ("be", 1, "T1"), ("ac", 2, "T1"), ("cd", 1, "T2"))


def _agenda(problem, places):
    ix = Index(problem)
    agenda = Agenda(ix, domains(ix))
    for place in places:
        agenda.place(*place)
    return ix, agenda


def _plan(ix, agenda) -> Plan:
    rows = tuple(Assignment(mid, ix.slots[n].id, table, interpreter)
                 for mid, (n, table, interpreter) in agenda.where.items())
    return Plan(Status.FEASIBLE, rows)


def test_neighbourhood_closes_a_break_no_local_move_can():
    problem = make_problem(3, 2, MEETINGS, [*PEOPLE, Participant("c", languages=("cs", "de"))])
    ix, agenda = _agenda(problem, START)
    assert group_breaks(agenda, agenda.person) == 1
    assert reduce_breaks(agenda, time.monotonic() + 5) == 0 and swap_breaks(agenda, time.monotonic() + 5) == 0
    assert lns_breaks(agenda, time.monotonic() + 10) >= 1
    assert group_breaks(agenda, agenda.person) == 0 and set(agenda.where) == {m.id for m in MEETINGS}
    assert violations(problem, _plan(ix, agenda)) == []


def test_meetings_with_an_interpreter_stay_where_they_are():
    """a-c needs the interpreter: it keeps s3 and the others move around it (s2: a-b, c-d; s3: b-e)."""
    problem = make_problem(3, 2, MEETINGS, [*PEOPLE, Participant("c", languages=("de",))],
                           interpreters=(Interpreter("i1", ("cs", "de")),))
    ix, agenda = _agenda(problem, [(*p, "i1") if p[0] == "ac" else p for p in START])
    assert lns_breaks(agenda, time.monotonic() + 10) >= 1
    assert agenda.where["ac"] == (2, "T1", "i1") and group_breaks(agenda, agenda.person) == 0
    assert violations(problem, _plan(ix, agenda)) == []


def test_nothing_moves_under_a_break_cap():
    problem = make_problem(3, 2, MEETINGS, PEOPLE, options=Options(max_breaks=1))  # c speaks anything
    ix, agenda = _agenda(problem, START)
    before = dict(agenda.where)
    assert lns_breaks(agenda, time.monotonic() + 10) == 0 and agenda.where == before
