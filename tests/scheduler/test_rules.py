"""Every hard rule of the spec: a tiny case that must be feasible and one that must be infeasible."""

import pytest

from scheduler import Assignment, Interpreter, Meeting, Options, Participant, Slot, Status

from .conftest import make_problem, solve_ok

R = dict(required=True)


def req(mid, *people, **kw):
    return Meeting(mid, tuple(people), **{**R, **kw})


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
