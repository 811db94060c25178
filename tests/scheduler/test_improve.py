import time

from scheduler import Meeting, Participant
from scheduler.agenda import Agenda
from scheduler.domains import domains
from scheduler.improve import grow_weight, include_alone, reduce_breaks, relaxed_agenda, swap_breaks
from scheduler.index import Index
from scheduler.stats import breaks_of

from .conftest import make_problem


def _placed(problem, *places):
    """(index, agenda) of ``problem`` with the meetings placed as (meeting, slot, table[, interpreter])."""
    ix = Index(problem)
    agenda = Agenda(ix, domains(ix))
    for place in places:
        agenda.place(*place)
    return ix, agenda


def test_local_moves_close_a_gap_without_breaking_rules():
    problem = make_problem(4, 1, [Meeting("m1", ("a", "b")), Meeting("m2", ("a", "c"))])
    ix, agenda = _placed(problem, ("m1", 0, "T1"), ("m2", 3, "T1"))
    assert breaks_of(ix, sorted(agenda.person["a"])) == 1
    assert reduce_breaks(agenda, time.monotonic() + 5) >= 1
    assert breaks_of(ix, sorted(agenda.person["a"])) == 0 and len(agenda.where) == 2


def test_a_swap_gives_a_meeting_to_someone_left_out():
    """b meets c in the only slot a can come; c also meets d, so (a, b) may take that place."""
    ms = [Meeting("m1", ("a", "b")), Meeting("m2", ("b", "c")), Meeting("m3", ("c", "d")), Meeting("m4", ("e", "f"))]
    people = [Participant("a", unavailable=frozenset({"s2"}))]
    ix, agenda = _placed(make_problem(2, 2, ms, people), ("m2", 0, "T1"), ("m3", 1, "T1"), ("m4", 0, "T2"))
    assert include_alone(agenda, time.monotonic() + 5) == 1
    assert agenda.where["m1"][0] == 0 and "m2" not in agenda.where and {"m3", "m4"} <= set(agenda.where)


def test_no_swap_that_leaves_another_person_out():
    ms = [Meeting("m1", ("a", "b")), Meeting("m2", ("b", "c")), Meeting("m3", ("x", "b"), weight=3)]
    people = [Participant("a", unavailable=frozenset({"s2"})), Participant("x", unavailable=frozenset({"s1"}))]
    ix, agenda = _placed(make_problem(2, 1, ms, people), ("m2", 0, "T1"), ("m3", 1, "T1"))  # m2 is c's only meeting
    assert include_alone(agenda, time.monotonic() + 5) == 0
    assert set(agenda.where) == {"m2", "m3"}


def test_no_swap_for_a_lighter_meeting():
    ms = [Meeting("m1", ("a", "b")), Meeting("m2", ("b", "c"), weight=2), Meeting("m3", ("c", "d"))]
    people = [Participant("a", unavailable=frozenset({"s2"}))]
    ix, agenda = _placed(make_problem(2, 2, ms, people), ("m2", 0, "T1"), ("m3", 1, "T1"))
    assert include_alone(agenda, time.monotonic() + 5) == 0 and "m1" not in agenda.where


def test_grow_weight_makes_room_by_moving_a_meeting():
    """First fit put (a, b) into the only slot c can come; moving it lets (a, c) in."""
    ms = [Meeting("m1", ("a", "b"), weight=2), Meeting("m2", ("a", "c"))]
    ix, agenda = _placed(make_problem(2, 2, ms, [Participant("c", unavailable=frozenset({"s2"}))]), ("m1", 0, "T1"))
    assert grow_weight(agenda, time.monotonic() + 5) == 1
    assert agenda.where["m1"][0] == 1 and agenda.where["m2"][0] == 0


def test_grow_weight_puts_a_heavier_meeting_instead_of_a_lighter_one():
    """a and c can only meet in s1, where a meets b (weight 1); b keeps (b, d), so (a, c) (3) replaces it."""
    ms = [Meeting("m1", ("a", "b")), Meeting("m2", ("a", "c"), weight=3), Meeting("m3", ("b", "d"))]
    people = [Participant("a", unavailable=frozenset({"s2"})), Participant("c", unavailable=frozenset({"s2"}))]
    ix, agenda = _placed(make_problem(2, 2, ms, people), ("m1", 0, "T1"), ("m3", 1, "T1"))
    assert grow_weight(agenda, time.monotonic() + 5) == 2
    assert set(agenda.where) == {"m2", "m3"}


def test_grow_weight_leaves_nobody_without_a_meeting():
    """The same, but (a, b) is b's only meeting: no eviction, whatever the weights."""
    ms = [Meeting("m1", ("a", "b")), Meeting("m2", ("a", "c"), weight=3)]
    people = [Participant("a", unavailable=frozenset({"s2"})), Participant("c", unavailable=frozenset({"s2"}))]
    ix, agenda = _placed(make_problem(2, 2, ms, people), ("m1", 0, "T1"))
    assert grow_weight(agenda, time.monotonic() + 5) == 0 and set(agenda.where) == {"m1"}


def test_relaxed_agenda_places_the_relaxations_meetings_without_breaks():
    """b can only come in s3: (a, b) goes first, and (a, c) next to it, not into the earliest slot."""
    ms = [Meeting("m1", ("a", "b")), Meeting("m2", ("a", "c"))]
    ix = Index(make_problem(3, 1, ms, [Participant("b", unavailable=frozenset({"s1", "s2"}))]))
    doms = domains(ix)
    agenda = relaxed_agenda(ix, doms, frozenset({"m1", "m2"}), time.monotonic() + 5)
    assert agenda.where["m1"][0] == 2 and agenda.where["m2"][0] == 1
    assert breaks_of(ix, sorted(agenda.person["a"])) == 0


def test_swapping_two_meetings_closes_a_gap_no_single_move_can():
    """a meets b in s1 and c in s2; b meets d in s3 (b has a break); d cannot come in s2.
    No single move helps, but exchanging a's two meetings gives b s2 and s3: no break for anyone."""
    ms = [Meeting("m1", ("a", "b")), Meeting("m2", ("a", "c")), Meeting("m3", ("b", "d"))]
    ix, agenda = _placed(make_problem(3, 1, ms, [Participant("d", unavailable=frozenset({"s2"}))]),
                         ("m1", 0, "T1"), ("m2", 1, "T1"), ("m3", 2, "T1"))
    assert breaks_of(ix, sorted(agenda.person["b"])) == 1
    assert reduce_breaks(agenda, time.monotonic() + 5) == 0  # no single move helps
    assert swap_breaks(agenda, time.monotonic() + 5) == 1
    assert agenda.where["m1"][0] == 1 and agenda.where["m2"][0] == 0
    assert sum(breaks_of(ix, sorted(agenda.person[p])) for p in "abcd") == 0


def test_include_alone_moves_the_meeting_in_the_way():
    """a can only come in s1, where b meets c; (b, c) can move to s2, so nobody loses a meeting."""
    ms = [Meeting("m1", ("a", "b")), Meeting("m2", ("b", "c"), weight=3)]
    ix, agenda = _placed(make_problem(2, 1, ms, [Participant("a", unavailable=frozenset({"s2"}))]), ("m2", 0, "T1"))
    assert include_alone(agenda, time.monotonic() + 5) == 1
    assert agenda.where["m1"][0] == 0 and agenda.where["m2"][0] == 1


def test_include_alone_takes_the_interpreter_of_a_meeting_that_weighs_no_more():
    """x (cs) and y (de) need the only interpreter, free in s1 only, where (a, b) uses it; a and b
    have other meetings, so (x, y) takes the interpreter and two people are no longer left out."""
    from scheduler import Interpreter

    people = [Participant("x", languages=("cs",), unavailable=frozenset({"s2"})), Participant("y", languages=("de",)),
              Participant("a", languages=("cs",)), Participant("b", languages=("de",)),
              Participant("c", languages=("cs",)), Participant("d", languages=("de",))]
    ms = [Meeting("mx", ("x", "y")), Meeting("o", ("a", "b")), Meeting("ac", ("a", "c")), Meeting("bd", ("b", "d"))]
    interpreters = (Interpreter("i1", ("cs", "de"), unavailable=frozenset({"s2"})),)
    ix, agenda = _placed(make_problem(2, 3, ms, people, interpreters=interpreters),
                         ("o", 0, "T1", "i1"), ("ac", 1, "T1"), ("bd", 1, "T2"))
    assert include_alone(agenda, time.monotonic() + 5) == 1
    assert agenda.where["mx"][0] == 0 and agenda.where["mx"][2] == "i1" and "o" not in agenda.where
    assert all(agenda.person[p] for p in "xyabcd")


def test_relaxed_agenda_fills_the_days_evenly():
    """Where breaks do not decide, the emptier day goes first: a full first day made its CP-SAT
    timetable slow (600 participants: 84-100 breaks instead of 0-3)."""
    from scheduler import Slot

    slots = (Slot("s1", day="d1"), Slot("s2", day="d2"))
    problem = make_problem(slots, 2, [("a", "b"), ("c", "d")])
    ix = Index(problem)
    agenda = relaxed_agenda(ix, domains(ix), frozenset({"m1", "m2"}), time.monotonic() + 5)
    assert {agenda.where["m1"][0], agenda.where["m2"][0]} == {0, 1}
