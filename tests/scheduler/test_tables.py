"""Tables after slots (scheduler/tables.py): fewest table changes, previous-plan tables first."""

import pytest

from scheduler import Assignment, Participant, Table
from scheduler.agenda import Agenda
from scheduler.domains import domains
from scheduler.index import Index
from scheduler.stats import changes_against, table_changes
from scheduler.tables import assign_tables

from .conftest import make_problem


def _tables(problem, slots: dict[str, int]):
    ix = Index(problem)
    rows = assign_tables(Agenda(ix, domains(ix)), {mid: (n, None) for mid, n in slots.items()})
    return {a.meeting: a.table for a in rows}, table_changes(ix, rows)


def test_a_slot_s_tables_go_where_the_fewest_participants_change():
    """Slot 1: (a, b) at T1, (c, d) at T2.  Slot 2: (b, c) and (a, x).  Giving (b, c) b's T1 (as
    taking the meetings in turn did) sends a to T2 too: 2 changes; (a, x) at T1 needs only 1."""
    problem = make_problem(2, 2, [("a", "b"), ("c", "d"), ("b", "c"), ("a", "x")])
    tables, changes = _tables(problem, {"m1": 0, "m2": 0, "m3": 1, "m4": 1})
    assert (tables["m1"], tables["m2"]) == ("T1", "T2")
    assert (tables["m3"], tables["m4"]) == ("T2", "T1")
    assert changes == 1


def test_after_a_gap_a_participant_keeps_the_table_of_their_last_meeting():
    """a meets at T2 in slot 1, is idle in slot 2 and meets again in slot 3: at T2, not at the first free T1."""
    problem = make_problem(3, 2, [("c", "d"), ("a", "b"), ("a", "e")])
    tables, changes = _tables(problem, {"m1": 0, "m2": 0, "m3": 2})
    assert tables == {"m1": "T1", "m2": "T2", "m3": "T2"} and changes == 0


def test_the_previous_plan_s_table_comes_before_fewer_table_changes():
    """Re-planning: (a, e) had T1 in slot 3 before; keeping it (no change against the previous plan,
    level 4) beats a staying at T2 (level 5)."""
    previous = (Assignment("m3", "s3", "T1"),)
    problem = make_problem(3, 2, [("c", "d"), ("a", "b"), ("a", "e")], previous_plan=previous)
    tables, changes = _tables(problem, {"m1": 0, "m2": 0, "m3": 2})
    assert tables["m3"] == "T1" and changes == 1


def test_host_tables_stay_bound_and_a_free_table_too_few_is_an_error():
    host = [Participant("h", table="H"), Participant("a"), Participant("b"), Participant("c")]
    problem = make_problem(1, [Table("H"), Table("T1")], [("h", "a"), ("b", "c")], people=host)
    tables, _ = _tables(problem, {"m1": 0, "m2": 0})
    assert tables == {"m1": "H", "m2": "T1"}
    crowded = make_problem(1, 1, [("a", "b"), ("c", "d")])
    with pytest.raises(RuntimeError, match="no table left for meeting m2 in slot s1"):
        _tables(crowded, {"m1": 0, "m2": 0})



def test_a_new_meeting_does_not_take_a_kept_meeting_s_table():
    """Event day: walk-in e meets a in slot 2, where (c, d) had T1 in the previous plan.  a sat at
    T1 in slot 1, but giving the new meeting T1 would move (c, d) and change a printed agenda."""
    previous = (Assignment("m1", "s1", "T1"), Assignment("m3", "s2", "T1"))
    problem = make_problem(2, 2, [("a", "b"), ("a", "e"), ("c", "d")], previous_plan=previous)
    ix = Index(problem)
    rows = assign_tables(Agenda(ix, domains(ix)), {"m1": (0, None), "m2": (1, None), "m3": (1, None)})
    assert {a.meeting: a.table for a in rows} == {"m1": "T1", "m2": "T2", "m3": "T1"}
    assert changes_against(ix, rows) == 0
