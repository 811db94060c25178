"""Why a meeting was left out (reasons.py): the spec's reason codes."""


from scheduler import Interpreter, Meeting, Participant
from scheduler.model import REASONS

from .conftest import make_problem, solve_ok


def reasons(plan):
    return {u.meeting: u.reason for u in plan.unscheduled}


def test_reasons():
    people = [Participant("u", unavailable=frozenset({"s1", "s2"})), Participant("x", unavailable=frozenset({"s1"})),
              Participant("y", unavailable=frozenset({"s2"})), Participant("full", max_meetings=1),
              Participant("cs", languages=("cs",)), Participant("de", languages=("de",))]
    ms = [Meeting("unavail", ("u", "a")), Meeting("nocommon", ("x", "y")),
          Meeting("keep", ("full", "k"), weight=9), Meeting("maxed", ("full", "q")),
          Meeting("lang", ("cs", "de"))]
    plan = solve_ok(make_problem(2, 3, ms, people))
    got = reasons(plan)
    assert got == {"unavail": "participant_unavailable", "nocommon": "no_common_slot", "maxed": "max_meetings",
                   "lang": "no_interpreter"}
    assert set(got.values()) <= set(REASONS)


def test_partner_full_and_interpreter_shortage():
    people = [Participant(p, languages=(lang,)) for p, lang in (("a", "cs"), ("b", "de"), ("c", "cs"), ("d", "de"))]
    ms = [Meeting("m1", ("a", "b"), weight=2), Meeting("m2", ("c", "d")), Meeting("m3", ("a", "c"))]
    plan = solve_ok(make_problem(1, 3, ms, people, interpreters=(Interpreter("i1", ("cs", "de")),)))
    assert reasons(plan) == {"m2": "no_interpreter", "m3": "partner_full"}
