"""Lookups derived from a problem, shared by the validator, the baseline and the solver.

Solver-free: only plain Python.  ``Index(problem)`` is cheap (linear in the problem size).
"""

from __future__ import annotations

from datetime import timedelta
from functools import cached_property

from .model import Meeting, Participant, Problem

CHANGEOVER = timedelta(minutes=10)  # longest gap between two slots that still counts as back to back


class Index:
    def __init__(self, problem: Problem):
        self.problem = problem
        self.slots = problem.slots
        self.pos = {s.id: n for n, s in enumerate(problem.slots)}
        self.meetings = {m.id: m for m in problem.meetings}
        self.people = {q.id: q for q in problem.participants}
        for m in problem.meetings:
            for pid in m.participants:
                self.people.setdefault(pid, Participant(pid))
        self.by_person: dict[str, list[str]] = {pid: [] for pid in self.people}
        for m in problem.meetings:
            for pid in dict.fromkeys(m.participants):
                self.by_person[pid].append(m.id)
        self.previous = {a.meeting: a for a in problem.previous_plan}
        self.interpreters = {i.id: i for i in problem.interpreters}

    @cached_property
    def successors(self) -> dict[str, tuple[str, ...]]:
        """Meeting -> the meetings that must come after it (reverse of ``after``)."""
        out: dict[str, list[str]] = {}
        for m in self.problem.meetings:
            for before in m.after:
                out.setdefault(before, []).append(m.id)
        return {k: tuple(v) for k, v in out.items()}

    # --- time -------------------------------------------------------------------------------
    @cached_property
    def days(self) -> tuple[str, ...]:
        """The day key of each slot position (``day``, else the start date, else one day)."""
        out = []
        for s in self.slots:
            out.append(s.day or (s.start.date().isoformat() if s.start else ""))
        return tuple(out)

    @cached_property
    def adjacent(self) -> tuple[bool, ...]:
        """adjacent[n]: slot n+1 follows slot n back to back on the same day.

        A short change-over (up to CHANGEOVER, time to walk to the next table) still counts as back to
        back; a longer pause (coffee, lunch) ends a run of meetings."""
        out = []
        for n in range(len(self.slots) - 1):
            a, b = self.slots[n], self.slots[n + 1]
            pause = a.end is not None and b.start is not None and b.start - a.end > CHANGEOVER
            out.append(self.days[n] == self.days[n + 1] and not pause)
        return tuple(out)

    @cached_property
    def day_ranges(self) -> tuple[range, ...]:
        """Slot positions of each day, in order (a day's slots are contiguous in the list)."""
        ranges, start = [], 0
        for n in range(1, len(self.slots) + 1):
            if n == len(self.slots) or self.days[n] != self.days[start]:
                ranges.append(range(start, n))
                start = n
        return tuple(ranges)

    @cached_property
    def day_of(self) -> tuple[int, ...]:
        """The day number (index into ``day_ranges``) of each slot position."""
        return tuple(k for k, day in enumerate(self.day_ranges) for _ in day)

    # --- tables -----------------------------------------------------------------------------
    @cached_property
    def host_tables(self) -> dict[str, frozenset[str]]:
        """Host table id -> the participants who host at it."""
        out: dict[str, set[str]] = {}
        for q in self.people.values():
            if q.table is not None:
                out.setdefault(q.table, set()).add(q.id)
        return {t: frozenset(ps) for t, ps in out.items()}

    @cached_property
    def free_tables(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.problem.tables if t.id not in self.host_tables)

    def required_table(self, m: Meeting) -> tuple[bool, str | None]:
        """(possible, table): the one table the meeting must use, or None if any free table."""
        tables = {self.people[p].table for p in m.participants} - {None}
        if m.fixed_table is not None:
            tables.add(m.fixed_table)
        if m.id in self.problem.locked:
            tables.add(self.previous[m.id].table)
        if len(tables) > 1:
            return False, None
        table = next(iter(tables), None)
        if table in self.host_tables and not self.host_tables[table] & set(m.participants):
            return False, None
        return True, table

    # --- language ---------------------------------------------------------------------------
    def _spoken(self, m: Meeting) -> list[set[str]]:
        return [set(self.people[p].languages) for p in m.participants if self.people[p].languages]

    def needs_interpreter(self, m: Meeting) -> bool:
        spoken = self._spoken(m)
        return len(spoken) > 1 and not set.intersection(*spoken)

    def eligible_interpreters(self, m: Meeting) -> tuple[str, ...]:
        spoken = self._spoken(m)
        return tuple(i.id for i in self.problem.interpreters if all(set(i.languages) & s for s in spoken))

    def must(self, mid: str) -> bool:
        """The meeting has to be scheduled: required, or locked to its previous slot."""
        return self.meetings[mid].required or mid in self.problem.locked

    # --- weights ----------------------------------------------------------------------------
    def weight(self, m: Meeting) -> int:
        """Weight plus the cross-border bonus when participants come from several countries."""
        countries = {self.people[p].country for p in m.participants} - {None}
        return m.weight + (self.problem.options.cross_border_bonus if len(countries) > 1 else 0)

    def requested_weight(self, pid: str) -> int:
        return sum(self.weight(self.meetings[mid]) for mid in self.by_person[pid])
