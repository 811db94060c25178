import json
import re

import pytest

from scheduler import (
    Assignment,
    Interpreter,
    Meeting,
    Options,
    Participant,
    Plan,
    ProblemError,
    Status,
    Unscheduled,
    load_plan,
    load_problem,
    plan_from_dict,
    plan_to_dict,
    problem_from_dict,
    problem_to_dict,
)
from scheduler.io import dump_plan

from .conftest import make_problem

SPEC_EXAMPLE = {
    "format": "coopex-problem/1",
    "name": "Kooperationsbörse Marienberg 2026",
    "slots": [{"id": "d1-09:00", "start": "2026-03-10T09:00:00+01:00", "end": "2026-03-10T09:25:00+01:00",
               "day": "2026-03-10", "session": "am"}, {"id": "d1-09:30", "session": "am"}],
    "tables": [{"id": "T1", "name": "1", "zone": "A"}],
    "participants": [{"id": "p1", "organisation": "o1", "country": "CZ", "languages": ["cs", "en"],
                      "unavailable": ["d1-09:00"], "min_meetings": 0, "max_meetings": 12, "table": "T1",
                      "max_consecutive": 6}],
    "meetings": [{"id": "m1", "participants": ["p1", "p2"], "weight": 3, "required": False, "session": "am",
                  "fixed_slot": None, "fixed_table": None, "after": ["m7"]},
                 {"id": "m7", "participants": ["p2", 3]}],
    "interpreters": [{"id": "i1", "languages": ["cs", "de"], "unavailable": []}],
    "previous_plan": [{"meeting": "m1", "slot": "d1-09:30", "table": "T1"}],
    "locked": ["m1"],
    "options": {"max_breaks": None, "cross_border_bonus": 0},
}


def test_spec_example_reads_with_string_ids():
    p = problem_from_dict(SPEC_EXAMPLE)
    assert p.meetings[1].participants == ("p2", "3")
    assert p.participants[0] == Participant("p1", "o1", "CZ", ("cs", "en"), frozenset({"d1-09:00"}), 0, 12,
                                            "T1", 6)
    assert p.slots[0].start.hour == 9 and p.slots[0].day == "2026-03-10"
    assert p.interpreters == (Interpreter("i1", ("cs", "de")),)
    assert p.locked == frozenset({"m1"}) and p.options == Options()


def test_problem_round_trip():
    p = problem_from_dict(SPEC_EXAMPLE)
    assert problem_from_dict(json.loads(json.dumps(problem_to_dict(p)))) == p


def test_tables_as_count():
    d = {"slots": [{"id": 1}], "tables": 3, "meetings": [{"id": 1, "participants": [1, 2]}]}
    p = problem_from_dict(d)
    assert [t.id for t in p.tables] == ["1", "2", "3"] and p.meetings[0] == Meeting("1", ("1", "2"))


def test_plan_round_trip(tmp_path):
    plan = Plan(Status.FEASIBLE, (Assignment("m1", "s1", "T1", "i1"),), (Unscheduled("m2", "no_table"),),
                {"weight": 3}, {"weight": 4}, {"wall_time_s": 1.0})
    assert plan_from_dict(plan_to_dict(plan)) == plan
    dump_plan(plan, tmp_path / "plan.json")
    assert load_plan(tmp_path / "plan.json") == plan


@pytest.mark.parametrize("change, fragment", [
    (lambda d: d.pop("slots"), "key 'slots' is missing"),
    (lambda d: d["meetings"][0].update(participants=["p1"]), "meeting 'm1' needs at least two"),
    (lambda d: d["meetings"][0].update(after=["nope"]), "meeting 'm1' key 'after' refers to unknown id 'nope'"),
    (lambda d: d["participants"][0].update(table="T9"), "participant 'p1' key 'table' refers to unknown id 'T9'"),
    (lambda d: d["meetings"][0].update(weight="x"), "meetings[0]: key 'weight' must be an integer"),
    (lambda d: d["options"].update(max_breaks=-1), "options key 'max_breaks' must not be negative"),
    (lambda d: d["slots"].append({"id": "d1-09:00"}), "slot id 'd1-09:00' is not unique"),
    (lambda d: d.update(locked=["m7"]), "locked"),
    (lambda d: d["slots"][0].update(start="tomorrow"), "key 'start' is not an ISO 8601"),
])
def test_bad_input_names_the_place(change, fragment):
    d = json.loads(json.dumps(SPEC_EXAMPLE))
    change(d)
    with pytest.raises(ProblemError, match=re.escape(fragment)):
        problem_from_dict(d, "event.json")


def test_bad_files(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ProblemError, match="bad.json: invalid JSON at line 1"):
        load_problem(bad)
    with pytest.raises(ProblemError, match="cannot read"):
        load_problem(tmp_path / "missing.json")


def test_dzn_small_benchmark_file(b2bsp_instances):
    p = load_problem(b2bsp_instances / "original" / "forum-13.original.dzn", max_breaks=2)
    assert (len(p.participants), len(p.meetings), len(p.slots), len(p.tables)) == (70, 154, 21, 14)
    assert p.meetings[0].participants == ("1", "2") and p.meetings[0].required and p.meetings[0].session == "am"
    assert [s.session for s in p.slots].count("am") == 13 and p.options.max_breaks == 2
    assert "17" in p.participants[2].unavailable


def test_dzn_precedences_and_fixed(b2bsp_instances):
    p = load_problem(b2bsp_instances / "prec15" / "tic-12.prec15.dzn")
    assert p.meetings[3].after == ("111",)
    q = load_problem(b2bsp_instances / "fixed020-Forb" / "forum-13.fixed020-Forb.dzn")
    assert q.meetings[8].fixed_slot == "1"


def test_dzn_missing_key(tmp_path):
    f = tmp_path / "x.dzn"
    f.write_text("nBusiness = 2;\n", encoding="utf-8")
    with pytest.raises(ProblemError, match="x.dzn: key 'nMeetings' is missing"):
        load_problem(f)


def test_make_problem_factory_is_valid():
    assert make_problem().meetings[0].participants == ("a", "b")
