"""Adding a hard rule takes one registry entry and its two cases: a made-up rule, end to end.

The toy rule: two given participants never have meetings in consecutive slots (one in slot n,
the other in slot n + 1 back to back).  It is registered for the test only; the model, the
validator, the agenda's fit test (first fit, reasons) and the local moves all honour it without
any other change to the scheduler.
"""

from scheduler import Assignment, Meeting, Options, Plan, Status, violations
from scheduler.agenda import Agenda
from scheduler.constraints import S, Vars
from scheduler.domains import domains
from scheduler.index import Index
from scheduler.model import Violation
from scheduler.rules import Rule, movable, registered
from scheduler.stats import busy_positions

from .conftest import make_problem, solve_ok
from .test_rules import Case, check_case

A = Assignment


def apart(p: str, q: str) -> Rule:
    """The toy rule for participants ``p`` and ``q``."""

    def pairs(ix: Index):
        return [(n, x, y) for n in range(len(ix.slots) - 1) if ix.adjacent[n] for x, y in ((p, q), (q, p))]

    def build(v: Vars) -> None:
        for n, x, y in pairs(v.ix):
            first = [v.x[mid, n] for mid in v.ix.by_person.get(x, ()) if (mid, n) in v.x]
            then = [v.x[mid, n + 1] for mid in v.ix.by_person.get(y, ()) if (mid, n + 1) in v.x]
            if first and then:
                v.model.add(S(first) + S(then) <= 1)

    def check(ix: Index, plan) -> list[Violation]:
        busy = {pid: set(found) for pid, found in busy_positions(ix, plan).items()}
        return [Violation("apart", f"{x} meets in slot {ix.slots[n].id}, {y} right after", participant=y)
                for n, x, y in pairs(ix) if n in busy.get(x, ()) and n + 1 in busy.get(y, ())]

    def fits(agenda: Agenda, mid: str, n: int) -> bool:
        ix, people = agenda.ix, agenda.ix.meetings[mid].participants
        for x, y in ((p, q), (q, p)):
            if x in people and ((n > 0 and ix.adjacent[n - 1] and n - 1 in agenda.person.get(y, {}))
                                or (n + 1 < len(ix.slots) and ix.adjacent[n] and n + 1 in agenda.person.get(y, {}))):
                return False
        return True

    return Rule("apart", ("apart",), check, build=build, fits=fits, reason="partner_full",
                holds_still=lambda ix, doms, mid: bool({p, q} & set(ix.meetings[mid].participants)))


def req(mid, *people, **kw):
    return Meeting(mid, tuple(people), required=True, **kw)


TOY = Case(feasible=make_problem(3, 1, [req("m1", "p", "a"), req("m2", "q", "b")]),
           infeasible=make_problem(2, 1, [req("m1", "p", "a"), req("m2", "q", "b")]),
           broken=(A("m1", "s1", "T1"), A("m2", "s2", "T1")),
           placed=(A("m1", "s1", "T1"),), refused=("m2", "s2"), still="m1")


def test_without_the_rule_the_cases_are_ordinary():
    """Nothing but the toy rule makes the infeasible case infeasible or the broken plan wrong."""
    plan = solve_ok(TOY.infeasible)
    assert plan.status == Status.OPTIMAL and not plan.dropped_required
    assert violations(TOY.feasible, Plan(Status.FEASIBLE, TOY.broken)) == []
    ix = Index(TOY.feasible)
    assert movable(ix, domains(ix), "m1")


def test_one_registry_entry_is_honoured_everywhere():
    with registered(apart("p", "q")) as rule:
        check_case(rule, TOY)


def test_the_whole_pipeline_keeps_the_toy_rule():
    """A larger event with breaks to remove: the annealing and the neighbourhoods run, the rule holds."""
    meetings = [Meeting(f"m{k}", pair, weight=1 + k % 3) for k, pair in enumerate(
        [("p", "a"), ("q", "b"), ("p", "c"), ("q", "c"), ("p", "d"), ("q", "a"), ("a", "b"), ("c", "d"),
         ("b", "d"), ("p", "b"), ("q", "d"), ("a", "c")], 1)]
    problem = make_problem(6, 3, meetings, options=Options(order=("weight", "breaks")))

    def side_by_side(plan) -> bool:
        busy = busy_positions(Index(problem), plan.assignments)
        return any(n + 1 in busy.get("q", []) or n - 1 in busy.get("q", []) for n in busy.get("p", []))

    assert side_by_side(solve_ok(problem, time_limit_s=8.0))  # the best plan without the rule breaks it
    with registered(apart("p", "q")):
        plan = solve_ok(problem, time_limit_s=8.0)
        assert plan.has_plan and violations(problem, plan) == []
    assert not side_by_side(plan)
