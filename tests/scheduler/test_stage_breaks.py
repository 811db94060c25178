"""The breaks stage (stages/breaks.py): settled meetings timetabled day by day."""

from dataclasses import replace

from scheduler import Meeting, Participant, Slot, Status, solve, violations
from scheduler.domains import domains
from scheduler.index import Index
from scheduler.settings import DEFAULT
from scheduler.stages import breaks

from .conftest import make_problem, solve_ok
from .test_lns import MEETINGS, PEOPLE


def test_breaks_on_settled_meetings_day_by_day():
    """After weight and fairness, the chosen meetings are timetabled per day ."""
    from scheduler import Slot

    slots = [Slot(f"{d}{n}", day=d) for d in ("x", "y") for n in range(1, 5)]
    day_x, day_y = frozenset(s.id for s in slots[:4]), frozenset(s.id for s in slots[4:])
    ms = [Meeting("m1", ("a", "b")), Meeting("m2", ("a", "c")), Meeting("m3", ("c", "e"), weight=2),
          Meeting("m4", ("b", "d"))]
    people = [Participant(p, unavailable=day_y) for p in "bd"] + [Participant(p, unavailable=day_x) for p in "ce"]
    plan = solve_ok(make_problem(slots, 1, ms, people))
    assert plan.objective["weight"] == 5 and plan.objective["breaks"] == 0
    assert plan.status == Status.OPTIMAL and plan.bound["breaks"] == 0
    assert [level["day"] for level in plan.solver["levels"] if "day" in level] == ["x", "y"]


def test_only_the_days_their_model_did_not_prove_are_annealed(monkeypatch):
    """A day proven in the short first try keeps its plan; the others are annealed."""

    slots = tuple(Slot(f"d{d}-{k}", day=f"d{d}") for d in (1, 2) for k in range(2))
    away = {1: frozenset({"d2-0", "d2-1"}), 2: frozenset({"d1-0", "d1-1"})}
    people = [Participant(p, unavailable=away[1 if p in ("a", "b", "c") else 2]) for p in "abcdef"]
    meetings = [Meeting("ab", ("a", "b")), Meeting("ac", ("a", "c")),
                Meeting("de", ("d", "e")), Meeting("df", ("d", "f"))]
    problem = make_problem(slots, 2, meetings, people)
    days, annealed = {}, []

    def day_model(ctx, v, chosen, day, mids, budget):
        days[day] = set(mids)
        return breaks.Day(Status.OPTIMAL if "ab" in mids else Status.FEASIBLE, 0)

    def anneal(ix, doms, chosen, deadline, seed=0, stop=None, report=None, settings=None):
        annealed.append(set(chosen))
        return chosen, 0

    monkeypatch.setattr(breaks, "timetable_day", day_model)
    monkeypatch.setattr(breaks, "anneal_breaks", anneal)
    plan = solve(problem, time_limit_s=5)
    assert violations(problem, plan) == [] and len(plan.assignments) == 4
    assert sorted(map(sorted, days.values())) == [["ab", "ac"], ["de", "df"]] and annealed == [{"de", "df"}]


def test_a_day_too_large_for_its_model_is_left_to_the_neighbourhoods(monkeypatch):
    """With every day above the size limit, the breaks stage is the neighbourhood search alone."""
    problem = make_problem(3, 2, MEETINGS, [*PEOPLE, Participant("c", languages=("cs", "de"))])
    plan = solve(problem, time_limit_s=10, settings=replace(DEFAULT, day_model_max=0))
    assert violations(problem, plan) == [] and len(plan.assignments) == 4
    assert plan.objective["breaks"] == 0 and not any(level["level"] == "breaks" for level in plan.solver["levels"])


def test_unfinished_day_models_get_another_round_after_the_neighbourhoods(monkeypatch):
    """The day models get a short first try, then (unproven) the annealing and a full try, and when
    that is not proven either, they go on after the neighbourhood search stalls."""

    calls = []

    def day_model(ctx, v, chosen, day, mids, budget):
        calls.append(day)
        return breaks.Day(Status.OPTIMAL if len(calls) > 2 else Status.FEASIBLE, 0)

    monkeypatch.setattr(breaks, "timetable_day", day_model)
    monkeypatch.setattr(breaks, "lns_breaks", lambda *a, **k: None)
    problem = make_problem(3, 2, MEETINGS, [*PEOPLE, Participant("c", languages=("cs", "de"))])
    plan = solve(problem, time_limit_s=10)
    assert violations(problem, plan) == [] and calls == [0, 0, 0]


def test_breaks_among_counts_idle_runs_between_meetings():
    from scheduler.cpmodel import build

    ix = Index(make_problem(4, 1, [("a", "b"), ("a", "c"), ("b", "c")]))
    v = build(ix, domains(ix), False)
    # a: 0 _ _ 3; b: 0 1; c: 1 _ 3
    assert breaks.breaks_among(v, {"m1": (0, None), "m2": (3, None), "m3": (1, None)}) == 2
    assert breaks.breaks_among(v, {"m1": (0, None), "m2": (1, None), "m3": (2, None)}) == 1  # b: 0 _ 2
    assert breaks.breaks_among(v, {"m1": (0, None), "m2": (1, None)}) == 0


def test_settled_breaks_returns_its_plan_and_leaves_the_plan_it_was_given():
    """stages.breaks.settled_breaks is a function of the plan it is given: the day models' plan and
    their level records come back as values, and the plan passed in is as it was."""
    from copy import deepcopy

    from scheduler.cpmodel import build
    from scheduler.objective import levels

    from .conftest import engine_for

    slots = [Slot(f"{d}{n}", day=d) for d in ("x", "y") for n in range(1, 4)]
    day_y = frozenset(s.id for s in slots[3:])
    ms = [Meeting("m1", ("a", "b")), Meeting("m2", ("a", "c")), Meeting("m3", ("b", "c"))]
    people = [Participant(p, unavailable=day_y) for p in "abc"]
    ix = Index(make_problem(slots, 1, ms, people))
    v = build(ix, domains(ix), False)
    engine = engine_for(v)
    (weight,) = levels(v, ["weight"])
    assert engine.solve_level(weight, 0.5) == Status.OPTIMAL
    given = deepcopy(engine.values)
    settled = breaks.settled_breaks(engine.ctx, v, engine.values)
    assert engine.values == given
    assert set(settled.chosen) == {"m1", "m2", "m3"} and {n for n, _i in settled.chosen.values()} == {0, 1, 2}
    # three meetings of three people in three slots: whoever meets in the first and the last slot waits
    assert breaks.breaks_among(v, settled.chosen) == settled.bound == 1 and settled.status == Status.OPTIMAL
    assert [(level["level"], level["day"]) for level in settled.levels] == [("breaks", "x")]
