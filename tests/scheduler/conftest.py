"""Factories for tiny hand-made problems."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from scheduler import Meeting, Options, Participant, Problem, Slot, Table, solve, violations
from scheduler.culprits import without


def make_problem(slots=3, tables=1, meetings=(("a", "b"),), people=(), **kw) -> Problem:
    """``slots``/``tables`` as counts or objects; ``meetings`` as Meeting or participant tuples."""
    if isinstance(slots, int):
        slots = tuple(Slot(f"s{n}", day="d1") for n in range(1, slots + 1))
    if isinstance(tables, int):
        tables = tuple(Table(f"T{n}") for n in range(1, tables + 1))
    ms = tuple(m if isinstance(m, Meeting) else Meeting(f"m{k}", tuple(m)) for k, m in enumerate(meetings, 1))
    options = kw.pop("options", Options())
    return Problem(tuple(slots), tuple(tables), ms, tuple(people), options=options, **kw)


def solve_ok(problem: Problem, **kw):
    """Solve quickly and assert the plan passes the validator."""
    kw.setdefault("time_limit_s", 5.0)
    plan = solve(problem, **kw)
    if plan.has_plan:  # a plan that set required meetings aside is valid for the problem without them
        assert violations(without(problem, [u.meeting for u in plan.dropped_required]), plan) == []
    return plan


def engine_for(v, time_limit_s: float = 5.0):
    """A level engine on the model ``v`` with one worker and seed 0, its budget starting now."""
    from scheduler.context import Context
    from scheduler.engine import LevelEngine

    return LevelEngine(v, Context.start(time_limit_s, 1, 0))


@pytest.fixture
def person():
    return lambda pid, **kw: Participant(pid, **kw)


@pytest.fixture(scope="session")
def b2bsp_instances() -> Path:
    """The B2BSP benchmark instances where bench/ finds them; the test is skipped without them."""
    spec = importlib.util.spec_from_file_location(
        "bench_common", Path(__file__).resolve().parents[2] / "bench" / "_common.py")
    common = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(common)
    instances = common.B2BSP_DATA / "instances"
    if not instances.is_dir():
        pytest.skip(f"benchmark data not found at {instances}")
    return instances
