import random
import time

from scheduler import Interpreter, Meeting, Options, Participant, Plan, Slot, Status, Table, violations
from scheduler.agenda import Agenda
from scheduler.anneal import anneal_breaks
from scheduler.baseline import first_fit_agenda
from scheduler.domains import domains
from scheduler.improve import group_breaks
from scheduler.index import Index
from scheduler.tables import assign_tables

from .conftest import make_problem
from .test_lns import MEETINGS, PEOPLE, START


def _chosen(places):
    """(meeting, slot position, table[, interpreter]) rows -> {meeting: (slot position, interpreter)}."""
    return {p[0]: (p[1], p[3] if len(p) > 3 else None) for p in places}


def _result(problem, chosen):
    """Tables for ``chosen`` as the solver assigns them, the plan and its breaks."""
    ix = Index(problem)
    agenda = Agenda(ix, domains(ix))
    rows = assign_tables(agenda, chosen)
    return Plan(Status.FEASIBLE, rows), group_breaks(agenda, agenda.person)


def _anneal(problem, chosen, seconds=1.0, seed=0, report=None):
    ix = Index(problem)
    return anneal_breaks(ix, domains(ix), chosen, time.monotonic() + seconds, seed, report=report)


def test_annealing_closes_a_break_no_local_move_can():
    """The lns test case: c-d must first move to s1 (c gets a break) before a-c can follow to s2."""
    problem = make_problem(3, 2, MEETINGS, [*PEOPLE, Participant("c", languages=("cs", "de"))])
    start, reported = _chosen(START), []
    assert _result(problem, start)[1] == 1
    found, gain = _anneal(problem, start, report=reported.append)
    plan, breaks = _result(problem, found)
    assert gain == 1 and breaks == 0 and violations(problem, plan) == [] and set(found) == set(start)
    assert reported == [0]  # progress for the run page


def test_a_meeting_with_an_interpreter_keeps_its_slot():
    problem = make_problem(3, 2, MEETINGS, [*PEOPLE, Participant("c", languages=("de",))],
                           interpreters=(Interpreter("i1", ("cs", "de")),))
    start = _chosen([(*p, "i1") if p[0] == "ac" else p for p in START])
    found, gain = _anneal(problem, start)
    plan, breaks = _result(problem, found)
    assert found["ac"] == (2, "i1") and gain == 1 and breaks == 0 and violations(problem, plan) == []


def test_nothing_moves_under_a_break_cap():
    problem = make_problem(3, 2, MEETINGS, PEOPLE, options=Options(max_breaks=1))
    start = _chosen(START)
    assert _anneal(problem, start) == (start, 0)


def test_free_tables_bound_the_moves():
    """a meets b in s1 and e in s3; c-d sits in s2.  With one table a-e cannot join s2 (no swap of
    a chain helps either), with two it can."""
    meetings = [Meeting("ab", ("a", "b")), Meeting("cd", ("c", "d")), Meeting("ae", ("a", "e"))]
    start = {"ab": (0, None), "cd": (1, None), "ae": (2, None)}
    for tables, breaks in ((1, 1), (2, 0)):
        problem = make_problem(3, tables, meetings)
        found, _gain = _anneal(problem, start, 0.5)
        plan, got = _result(problem, found)
        assert got == breaks and violations(problem, plan) == []


def test_random_events_stay_valid_on_their_days():
    """Two days, host tables, late arrivals, team meetings: every annealed plan passes the validator,
    keeps each meeting on its day and never has more breaks than first fit's."""
    for seed in range(4):
        rng = random.Random(seed)
        slots = tuple(Slot(f"d{d}-{k}", day=f"d{d}") for d in (1, 2) for k in range(5))
        people = [Participant(f"p{k}", table="H1" if k == 0 else None,
                              unavailable=frozenset({"d1-0", "d1-1"}) if k % 5 == 1 else frozenset())
                  for k in range(14)]
        pairs = {tuple(sorted(rng.sample(range(14), rng.choice((2, 2, 2, 3))))) for _ in range(45)}
        meetings = [Meeting(f"m{k}", tuple(f"p{q}" for q in pair)) for k, pair in enumerate(sorted(pairs))]
        problem = make_problem(slots, (Table("H1"), Table("T1"), Table("T2"), Table("T3")), meetings, people)
        ix = Index(problem)
        agenda = first_fit_agenda(ix, domains(ix))
        start = {mid: (n, interpreter) for mid, (n, _table, interpreter) in agenda.where.items()}
        before = _result(problem, start)[1]
        found, gain = _anneal(problem, start, 0.3, seed)
        plan, after = _result(problem, found)
        assert violations(problem, plan) == [] and after == before - gain <= before
        assert all(ix.days[found[mid][0]] == ix.days[n] for mid, (n, _i) in start.items())
