"""Plain data of the scheduler: problems in, plans out (exchange format v1).

Everything is a frozen dataclass with ``str`` ids and tuples/frozensets, so a problem can be
hashed, shared between threads and compared in tests.  Nothing here knows about CP-SAT.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

LEVELS = ("weight", "fairness", "breaks", "changes", "tables")


class ProblemError(ValueError):
    """Bad input: the message names the place (file, key, id)."""


class Status(StrEnum):
    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    INFEASIBLE = "infeasible"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Slot:
    id: str
    start: datetime | None = None
    end: datetime | None = None
    day: str | None = None
    session: str | None = None


@dataclass(frozen=True)
class Table:
    id: str
    name: str | None = None
    zone: str | None = None


@dataclass(frozen=True)
class Participant:
    id: str
    organisation: str | None = None
    country: str | None = None
    languages: tuple[str, ...] = ()
    unavailable: frozenset[str] = frozenset()
    min_meetings: int = 0
    max_meetings: int | None = None
    table: str | None = None
    max_consecutive: int | None = None


@dataclass(frozen=True)
class Meeting:
    id: str
    participants: tuple[str, ...]
    weight: int = 1
    required: bool = False
    session: str | None = None
    fixed_slot: str | None = None
    fixed_table: str | None = None
    after: tuple[str, ...] = ()


@dataclass(frozen=True)
class Interpreter:
    id: str
    languages: tuple[str, ...]
    unavailable: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Assignment:
    meeting: str
    slot: str
    table: str
    interpreter: str | None = None


@dataclass(frozen=True)
class Violation:
    """A broken hard rule in a plan (``validate.violations``); ``rule`` is the rule's code."""

    rule: str
    message: str
    meeting: str | None = None
    participant: str | None = None
    slot: str | None = None


@dataclass(frozen=True)
class Unscheduled:
    meeting: str
    reason: str


REASONS = (
    "participant_unavailable",
    "no_common_slot",
    "partner_full",
    "max_meetings",
    "no_table",
    "no_interpreter",
    "lower_priority",
)


@dataclass(frozen=True)
class Options:
    """Solver options.

    ``order`` lists the soft objective levels, most important first (spec order by default).
    ``cross_border_bonus`` is added to the weight of a meeting whose participants come from
    more than one country.
    """

    max_breaks: int | None = None
    cross_border_bonus: int = 0
    order: tuple[str, ...] = LEVELS


@dataclass(frozen=True)
class Problem:
    slots: tuple[Slot, ...]
    tables: tuple[Table, ...]
    meetings: tuple[Meeting, ...]
    participants: tuple[Participant, ...] = ()
    interpreters: tuple[Interpreter, ...] = ()
    previous_plan: tuple[Assignment, ...] = ()
    locked: frozenset[str] = frozenset()
    options: Options = Options()
    name: str = ""


@dataclass(frozen=True)
class Plan:
    status: Status
    assignments: tuple[Assignment, ...] = ()
    unscheduled: tuple[Unscheduled, ...] = ()
    objective: dict = field(default_factory=dict)
    bound: dict = field(default_factory=dict)
    solver: dict = field(default_factory=dict)
    # required meetings set aside because no plan can hold them (with the others): the rest is planned
    dropped_required: tuple[Unscheduled, ...] = ()

    @property
    def has_plan(self) -> bool:
        return self.status in (Status.OPTIMAL, Status.FEASIBLE)
