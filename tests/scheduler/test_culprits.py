"""One impossible required meeting no longer empties the plan: it is named, the rest is planned."""

from scheduler import Meeting, Participant, Problem, Slot, Status, Table, solve, violations
from scheduler.culprits import optional


def _event(extra: tuple[Meeting, ...], participants=()) -> Problem:
    slots = tuple(Slot(f"s{n}") for n in range(3))
    tables = (Table("T1"), Table("T2"), Table("H1"), Table("H2"))
    meetings = tuple(Meeting(f"m{k}", (f"p{k}", f"p{k + 1}"), weight=2) for k in range(6)) + extra
    return Problem(slots, tables, meetings, participants)


def _valid_without(problem: Problem, plan, dropped: set[str]) -> None:
    assert {u.meeting for u in plan.dropped_required} == dropped
    assert violations(optional(problem, dropped), plan) == []
    assert {v.rule for v in violations(problem, plan)} == {"required_missing"}


def test_meeting_between_two_stand_hosts_is_named_and_the_rest_planned():
    hosts = (Participant("h1", table="H1"), Participant("h2", table="H2"))
    problem = _event((Meeting("hosts", ("h1", "h2"), required=True),), hosts)
    plan = solve(problem, time_limit_s=10, workers=1, seed=0)
    assert plan.status == Status.FEASIBLE and plan.has_plan
    assert [(u.meeting, u.reason) for u in plan.dropped_required] == [("hosts", "no_table")]
    assert plan.objective["meetings"] == 6
    _valid_without(problem, plan, {"hosts"})


def test_required_meetings_that_cannot_all_be_held_are_found_by_assumptions():
    """Four required meetings of p0 in three slots: exactly one of them is set aside."""
    crowded = tuple(Meeting(f"r{k}", ("p0", f"q{k}"), required=True) for k in range(4))
    problem = _event(crowded)
    plan = solve(problem, time_limit_s=10, workers=2, seed=0)
    assert plan.has_plan and len(plan.dropped_required) == 1
    dropped = plan.dropped_required[0]
    assert dropped.meeting.startswith("r") and dropped.reason == "partner_full"
    held = {a.meeting for a in plan.assignments}
    assert held >= {f"r{k}" for k in range(4)} - {dropped.meeting}
    _valid_without(problem, plan, {dropped.meeting})


def test_a_feasible_problem_drops_nothing():
    plan = solve(_event((Meeting("ok", ("p0", "p9"), required=True),)), time_limit_s=5, workers=1, seed=0)
    assert plan.status == Status.OPTIMAL and plan.dropped_required == ()


def test_a_locked_meeting_that_cannot_be_kept_is_named_and_not_moved():
    """The app's required meetings are locked: the participant became unavailable in its slot."""
    from scheduler import Assignment
    away = (Participant("z", unavailable=frozenset({"s1"})),)
    problem = _event((Meeting("kept", ("p0", "z"), required=True),), away)
    problem = Problem(problem.slots, problem.tables, problem.meetings, problem.participants,
                      previous_plan=(Assignment("kept", "s1", "T1"),), locked=frozenset({"kept"}))
    plan = solve(problem, time_limit_s=10, workers=1, seed=0)
    assert plan.has_plan and [(u.meeting, u.reason) for u in plan.dropped_required] == [
        ("kept", "participant_unavailable")]
    assert "kept" not in {a.meeting for a in plan.assignments} and plan.objective["meetings"] == 6
