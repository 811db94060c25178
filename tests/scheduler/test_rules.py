"""Every hard rule of the registry (scheduler/rules.py): a feasible and an infeasible case each.

The registry cases (``CASES``) run the same checks for every registered rule: the solver plans
the feasible case validly and finds the infeasible one impossible, the rule's check flags a plan
that breaks it, its fit test refuses a placement that would break it, and the local moves leave
its meetings alone.  A rule without cases fails ``test_every_rule_has_cases``.  The tests after
the registry cases look closer at single rules."""

from contextlib import contextmanager
from dataclasses import dataclass

import pytest

from scheduler import Assignment, Interpreter, Meeting, Options, Participant, Plan, Problem, Slot, Status
from scheduler.agenda import Agenda
from scheduler.domains import domains
from scheduler.index import Index
from scheduler.rules import RULES, Rule, movable
from scheduler.validate import violations

from .conftest import make_problem, solve_ok

R = dict(required=True)
A = Assignment


def req(mid, *people, **kw):
    return Meeting(mid, tuple(people), **{**R, **kw})


@dataclass(frozen=True)
class Case:
    feasible: Problem
    infeasible: Problem
    broken: tuple[Assignment, ...]  # a plan of ``feasible`` that breaks the rule
    placed: tuple[Assignment, ...] = ()  # with these in an agenda of ``infeasible`` ...
    refused: tuple[str, str] | None = None  # ... (meeting, slot) fails the rule's fit test
    still: str | None = None  # a meeting of ``feasible`` the rule keeps out of local moves


@contextmanager
def unregistered(rule: Rule):
    at = RULES.index(rule)
    RULES.remove(rule)
    try:
        yield
    finally:
        RULES.insert(at, rule)


def check_case(rule: Rule, case: Case) -> None:
    """Every part of the scheduler honours ``rule`` (which must be registered) on ``case``."""
    plan = solve_ok(case.feasible)
    assert plan.has_plan and not plan.dropped_required and violations(case.feasible, plan) == []
    plan = solve_ok(case.infeasible)
    assert plan.status == Status.INFEASIBLE or plan.dropped_required
    found = rule.check(Index(case.feasible), case.broken)
    assert found and {v.rule for v in found} <= set(rule.codes)
    assert {v.rule for v in found} <= {v.rule for v in violations(case.feasible, Plan(Status.FEASIBLE, case.broken))}
    if rule.fits is not None:
        ix = Index(case.infeasible)
        agenda = Agenda(ix, domains(ix))
        for a in case.placed:
            agenda.place(a.meeting, ix.pos[a.slot], a.table, a.interpreter)
        mid, slot = case.refused
        assert not rule.fits(agenda, mid, ix.pos[slot])
        assert agenda.why_not(mid, ix.pos[slot]) is not None
    if rule.holds_still is not None and case.still is not None:
        ix = Index(case.feasible)
        doms = domains(ix)
        assert not movable(ix, doms, case.still)
        with unregistered(rule):
            assert movable(ix, doms, case.still)


CS, DE = Participant("a", languages=("cs",)), Participant("b", languages=("de",))
BILINGUAL = dict(people=[CS, DE, Participant("c", languages=("cs",)), Participant("d", languages=("de",))],
                 interpreters=(Interpreter("i1", ("cs", "de")),))
AWAY = [Participant("a", unavailable=frozenset({"s1"}))]
LOCK = dict(previous_plan=(A("m1", "s2", "T2"),), locked=frozenset({"m1"}))
CASES = {
    "held": Case(make_problem(1, 1, [req("m1", "a", "b")]), make_problem(1, 1, [req("m1", "a", "b")], AWAY), ()),
    "slot_allowed": Case(make_problem(2, 1, [req("m1", "a", "b")], AWAY),
                         make_problem(1, 1, [req("m1", "a", "b")], AWAY), (A("m1", "s1", "T1"),)),
    "locked": Case(make_problem(2, 2, [Meeting("m1", ("a", "b")), req("m2", "a", "c", fixed_slot="s1")], **LOCK),
                   make_problem(2, 2, [Meeting("m1", ("a", "b")), req("m2", "a", "c", fixed_slot="s2")], **LOCK),
                   (A("m1", "s1", "T2"), A("m2", "s2", "T1"))),
    "one_meeting_per_participant": Case(
        make_problem(2, 2, [req("m1", "a", "b"), req("m2", "a", "c")]),
        make_problem(1, 2, [req("m1", "a", "b"), req("m2", "a", "c")]),
        (A("m1", "s1", "T1"), A("m2", "s1", "T2")), (A("m1", "s1", "T1"),), ("m2", "s1")),
    "tables": Case(make_problem(2, 2, [req("m1", "a", "b", "e"), req("m2", "c", "d", fixed_table="T2")]),
                   make_problem(1, 1, [req("m1", "a", "b", "e"), req("m2", "c", "d")]),
                   (A("m1", "s1", "T1"), A("m2", "s1", "T1")), (A("m1", "s1", "T1"),), ("m2", "s1"), "m2"),
    "after": Case(make_problem(2, 1, [req("m1", "a", "b"), req("m2", "c", "d", after=("m1",))]),
                  make_problem(1, 2, [req("m1", "a", "b"), req("m2", "c", "d", after=("m1",))]),
                  (A("m1", "s2", "T1"), A("m2", "s1", "T1")), (A("m1", "s1", "T1"),), ("m2", "s1"), "m2"),
    "max_meetings": Case(
        make_problem(2, 1, [req("m1", "a", "b"), Meeting("m2", ("a", "c"))], [Participant("a", max_meetings=1)]),
        make_problem(2, 1, [req("m1", "a", "b"), req("m2", "a", "c")], [Participant("a", max_meetings=1)]),
        (A("m1", "s1", "T1"), A("m2", "s2", "T1")), (A("m1", "s1", "T1"),), ("m2", "s2")),
    "max_consecutive": Case(
        make_problem(3, 1, [req("m1", "a", "b"), req("m2", "a", "c")], [Participant("a", max_consecutive=1)]),
        make_problem(2, 1, [req("m1", "a", "b"), req("m2", "a", "c")], [Participant("a", max_consecutive=1)]),
        (A("m1", "s1", "T1"), A("m2", "s2", "T1")), (A("m1", "s1", "T1"),), ("m2", "s2"), "m1"),
    "interpreters": Case(make_problem(2, 2, [req("m1", "a", "b"), req("m2", "c", "d")], **BILINGUAL),
                         make_problem(1, 2, [req("m1", "a", "b"), req("m2", "c", "d")], **BILINGUAL),
                         (A("m1", "s1", "T1", "i1"), A("m2", "s1", "T2", "i1")),
                         (A("m1", "s1", "T1", "i1"),), ("m2", "s1"), "m1"),
    "max_breaks": Case(
        make_problem(3, 1, [req("m1", "a", "b"), req("m2", "a", "c")], options=Options(max_breaks=0)),
        make_problem(3, 1, [req("m1", "a", "b", fixed_slot="s1"), req("m2", "a", "c", fixed_slot="s3")],
                     options=Options(max_breaks=0)),
        (A("m1", "s1", "T1"), A("m2", "s3", "T1")), (A("m1", "s1", "T1"),), ("m2", "s3"), "m1"),
}


def test_every_rule_has_cases():
    assert sorted(rule.name for rule in RULES) == sorted(CASES)


@pytest.mark.parametrize("rule", RULES, ids=[rule.name for rule in RULES])
def test_registered_rule(rule):
    assert rule.name in CASES, f"rule {rule.name} needs a feasible and an infeasible case in CASES"
    check_case(rule, CASES[rule.name])


def status(problem):
    """The plan's status; INFEASIBLE also when the solver had to set required meetings aside
    (it then plans the rest, see test_culprits.py): the rule makes the problem as given infeasible."""
    plan = solve_ok(problem)
    return Status.INFEASIBLE if plan.dropped_required else plan.status


def test_one_meeting_per_participant_and_slot():
    ms = [req("m1", "a", "b"), req("m2", "a", "c")]
    assert status(make_problem(1, 2, ms)) == Status.INFEASIBLE
    assert status(make_problem(2, 2, ms)) == Status.OPTIMAL


def test_team_meeting_needs_every_member_free():
    """A colleague joining a meeting (three participants) blocks the slot for all three."""
    ms = [req("m1", "a", "b", "c"), req("m2", "c", "d")]
    assert status(make_problem(1, 2, ms)) == Status.INFEASIBLE
    plan = solve_ok(make_problem(2, 2, ms))
    assert plan.status == Status.OPTIMAL
    assert len({a.slot for a in plan.assignments}) == 2
    late = [Participant("c", unavailable=frozenset({"s1"}))]
    assert status(make_problem(2, 2, [req("m1", "a", "b", "c"), req("m2", "a", "d")], late)) == Status.OPTIMAL
    assert status(make_problem(2, 2, [req("m1", "a", "b", "c"), req("m2", "c", "d")], late)) == Status.INFEASIBLE


def test_unavailable_slot():
    ms = [req("m1", "a", "b")]
    assert status(make_problem(1, 1, ms, [Participant("a", unavailable=frozenset({"s1"}))])) == Status.INFEASIBLE
    plan = solve_ok(make_problem(2, 1, ms, [Participant("a", unavailable=frozenset({"s1"}))]))
    assert plan.assignments[0].slot == "s2"


def test_one_meeting_per_table_and_slot():
    ms = [req("m1", "a", "b"), req("m2", "c", "d")]
    assert status(make_problem(1, 1, ms)) == Status.INFEASIBLE
    assert status(make_problem(1, 2, ms)) == Status.OPTIMAL


def test_session():
    slots = (Slot("s1", session="am"), Slot("s2", session="am"))
    assert status(make_problem(slots, 1, [req("m1", "a", "b", session="pm")])) == Status.INFEASIBLE
    slots = (Slot("s1", session="am"), Slot("s2", session="pm"))
    assert solve_ok(make_problem(slots, 1, [req("m1", "a", "b", session="pm")])).assignments[0].slot == "s2"


def test_fixed_slot_and_table():
    ms = [req("m1", "a", "b", fixed_slot="s1"), req("m2", "a", "c", fixed_slot="s1")]
    assert status(make_problem(2, 2, ms)) == Status.INFEASIBLE
    ms = [req("m1", "a", "b", fixed_table="T2"), req("m2", "c", "d", fixed_table="T2")]
    assert status(make_problem(1, 2, ms)) == Status.INFEASIBLE
    plan = solve_ok(make_problem(2, 2, ms))
    assert {a.table for a in plan.assignments} == {"T2"}


def test_precedence():
    ms = [req("m1", "a", "b"), req("m2", "c", "d", after=("m1",))]
    assert status(make_problem(1, 2, ms)) == Status.INFEASIBLE
    plan = solve_ok(make_problem(2, 2, ms))
    where = {a.meeting: a.slot for a in plan.assignments}
    assert (where["m1"], where["m2"]) == ("s1", "s2")


def test_host_table():
    host = [Participant("a", table="T1")]
    ms = [req("m1", "a", "b"), req("m2", "c", "d")]
    plan = solve_ok(make_problem(1, 2, ms, host))
    assert {a.meeting: a.table for a in plan.assignments} == {"m1": "T1", "m2": "T2"}
    assert status(make_problem(1, 1, ms, host)) == Status.INFEASIBLE
    two_hosts = [Participant("a", table="T1"), Participant("b", table="T2")]
    assert status(make_problem(2, 2, [req("m1", "a", "b")], two_hosts)) == Status.INFEASIBLE


def test_max_meetings():
    ms = [req("m1", "a", "b"), req("m2", "a", "c")]
    assert status(make_problem(3, 1, ms, [Participant("a", max_meetings=1)])) == Status.INFEASIBLE
    assert status(make_problem(3, 1, ms, [Participant("a", max_meetings=2)])) == Status.OPTIMAL


def test_max_consecutive():
    ms = [req("m1", "a", "b"), req("m2", "a", "c"), req("m3", "a", "d")]
    people = [Participant("a", max_consecutive=2)]
    assert status(make_problem(3, 1, ms, people)) == Status.INFEASIBLE
    plan = solve_ok(make_problem(4, 1, ms, people))
    assert plan.status == Status.OPTIMAL and plan.objective["breaks"] == 1


def test_consecutive_not_across_days():
    slots = (Slot("s1", day="d1"), Slot("s2", day="d1"), Slot("s3", day="d2"))
    ms = [req("m1", "a", "b"), req("m2", "a", "c"), req("m3", "a", "d")]
    assert status(make_problem(slots, 1, ms, [Participant("a", max_consecutive=2)])) == Status.OPTIMAL


def _timed_slots(*starts, minutes=25):
    from datetime import datetime, timedelta

    out = []
    for n, hhmm in enumerate(starts, 1):
        start = datetime.fromisoformat(f"2027-03-10T{hhmm}:00+01:00")
        out.append(Slot(f"s{n}", start=start, end=start + timedelta(minutes=minutes), day="2027-03-10"))
    return tuple(out)


def test_consecutive_counts_through_a_short_changeover():
    slots = _timed_slots("09:00", "09:30", "10:00")  # 25-minute talks, 5-minute change-over
    ms = [req("m1", "a", "b"), req("m2", "a", "c"), req("m3", "a", "d")]
    assert status(make_problem(slots, 1, ms, [Participant("a", max_consecutive=2)])) == Status.INFEASIBLE


def test_a_coffee_break_ends_a_run_of_meetings():
    slots = _timed_slots("09:00", "09:30", "10:30")  # 35-minute coffee break before the third slot
    ms = [req("m1", "a", "b"), req("m2", "a", "c"), req("m3", "a", "d")]
    assert status(make_problem(slots, 1, ms, [Participant("a", max_consecutive=2)])) == Status.OPTIMAL


def test_language_needs_an_interpreter():
    people = [Participant("a", languages=("cs",)), Participant("b", languages=("de",))]
    ms = [req("m1", "a", "b")]
    assert status(make_problem(1, 1, ms, people)) == Status.INFEASIBLE
    plan = solve_ok(make_problem(1, 1, ms, people, interpreters=(Interpreter("i1", ("de", "cs")),)))
    assert plan.assignments[0].interpreter == "i1"
    deaf = (Interpreter("i1", ("de", "pl")),)
    assert status(make_problem(1, 1, ms, people, interpreters=deaf)) == Status.INFEASIBLE


def test_interpreter_serves_one_meeting_per_slot():
    people = [Participant(p, languages=(lang,)) for p, lang in (("a", "cs"), ("b", "de"), ("c", "cs"),
                                                                ("d", "de"))]
    ms = [req("m1", "a", "b"), req("m2", "c", "d")]
    i1 = (Interpreter("i1", ("cs", "de")),)
    assert status(make_problem(1, 2, ms, people, interpreters=i1)) == Status.INFEASIBLE
    assert status(make_problem(2, 2, ms, people, interpreters=i1)) == Status.OPTIMAL
    busy = (Interpreter("i1", ("cs", "de"), frozenset({"s1"})),)
    assert status(make_problem(1, 2, ms[:1], people, interpreters=busy)) == Status.INFEASIBLE


def test_locked_meeting_keeps_slot_and_table():
    ms = [Meeting("m1", ("a", "b")), Meeting("m2", ("a", "c"), weight=5)]
    prev = (Assignment("m1", "s2", "T2"),)
    plan = solve_ok(make_problem(2, 2, ms, previous_plan=prev, locked=frozenset({"m1"})))
    assert Assignment("m1", "s2", "T2") in plan.assignments
    clash = [Meeting("m1", ("a", "b")), req("m2", "a", "c", fixed_slot="s2")]
    assert status(make_problem(2, 2, clash, previous_plan=prev, locked=frozenset({"m1"}))) == Status.INFEASIBLE


def test_max_breaks():
    ms = [req("m1", "a", "b", fixed_slot="s1"), req("m2", "a", "c", fixed_slot="s3")]
    assert status(make_problem(3, 1, ms, options=Options(max_breaks=0))) == Status.INFEASIBLE
    assert status(make_problem(3, 1, ms, options=Options(max_breaks=1))) == Status.OPTIMAL


@pytest.mark.parametrize("tables", [1, 2])
def test_meeting_at_most_once(tables):
    plan = solve_ok(make_problem(3, tables, [("a", "b")]))
    assert len(plan.assignments) == 1
