"""The JSON exchange format v1 (``docs/problem-format.md``) in and out.

Reading checks every key and reference and raises :class:`ProblemError` with one line naming
the place (source, key, id); it never lets a ``KeyError`` or ``TypeError`` escape.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from .check import MAX_INT, check_problem
from .model import (
    LEVELS,
    Assignment,
    Interpreter,
    Meeting,
    Options,
    Participant,
    Plan,
    Problem,
    ProblemError,
    Slot,
    Status,
    Table,
    Unscheduled,
)

PROBLEM_FORMAT = "coopex-problem/1"
PLAN_FORMAT = "coopex-plan/1"
MAX_TABLES = 100_000  # "tables": N creates N tables; a typo of 10^9 must not fill the memory


class _Reader:
    """Typed access to one JSON object, with errors that name the place."""

    def __init__(self, data, where: str):
        if not isinstance(data, dict):
            raise ProblemError(f"{where}: expected an object, got {type(data).__name__}")
        self.data = data
        self.where = where

    def fail(self, key: str, what: str):
        raise ProblemError(f"{self.where}: key '{key}' {what}")

    def get(self, key: str, kind, default=None, required: bool = False):
        if key not in self.data or self.data[key] is None:
            if required:
                self.fail(key, "is missing")
            return default
        value = self.data[key]
        if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
            self.fail(key, f"must be an integer, got {value!r}")
        if kind is int and abs(value) > MAX_INT:
            digits = len(str(abs(value)))
            self.fail(key, f"must be at most {MAX_INT:,} in size, got a number of {digits} digits")
        if kind is not int and not isinstance(value, kind):
            self.fail(key, f"must be {getattr(kind, '__name__', kind)}, got {value!r}")
        return value

    def ident(self, key: str = "id", required: bool = True) -> str | None:
        value = self.get(key, (str, int), required=required)
        if isinstance(value, bool):
            self.fail(key, f"must be a string or integer id, got {value!r}")
        return None if value is None else str(value)

    def ids(self, key: str) -> tuple[str, ...]:
        values = self.get(key, list, default=[])
        for value in values:
            if isinstance(value, bool) or not isinstance(value, (str, int)):
                self.fail(key, f"must list string or integer ids, got {value!r}")
        return tuple(str(v) for v in values)

    def strings(self, key: str) -> tuple[str, ...]:
        values = self.get(key, list, default=[])
        if not all(isinstance(v, str) for v in values):
            self.fail(key, "must be a list of strings")
        return tuple(values)

    def time(self, key: str) -> datetime | None:
        value = self.get(key, str)
        if value is None:
            return None
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            self.fail(key, f"is not an ISO 8601 date-time: {value!r}")
        if moment.utcoffset() is None:  # a time without a zone is ambiguous across the event's time zones
            self.fail(key, f"needs a time zone (e.g. +01:00 or Z): {value!r}")
        return moment

    def items(self, key: str, required: bool = False):
        values = self.get(key, list, default=[], required=required)
        for n, value in enumerate(values):
            yield _Reader(value, f"{self.where}: {key}[{n}]")


def _slot(r: _Reader) -> Slot:
    slot = Slot(r.ident(), r.time("start"), r.time("end"), r.get("day", str), r.get("session", str))
    if slot.start is not None and slot.end is not None and slot.end <= slot.start:
        r.fail("end", f"must be after 'start', got {r.data['start']!r} to {r.data['end']!r}")
    return slot


def _table(r: _Reader) -> Table:
    return Table(r.ident(), r.get("name", (str, int)) and str(r.data["name"]), r.get("zone", str))


def _tables(top: _Reader) -> tuple[Table, ...]:
    value = top.data.get("tables")
    if isinstance(value, int) and not isinstance(value, bool):
        if not 0 <= value <= MAX_TABLES:
            top.fail("tables", f"must be a count from 0 to {MAX_TABLES:,}, got {value}")
        return tuple(Table(str(n)) for n in range(1, value + 1))
    return tuple(_table(r) for r in top.items("tables", required=True))


def _participant(r: _Reader) -> Participant:
    return Participant(
        id=r.ident(),
        organisation=r.ident("organisation", required=False),
        country=r.get("country", str),
        languages=r.strings("languages"),
        unavailable=frozenset(r.ids("unavailable")),
        min_meetings=r.get("min_meetings", int, default=0),
        max_meetings=r.get("max_meetings", int),
        table=r.ident("table", required=False),
        max_consecutive=r.get("max_consecutive", int),
    )


def _meeting(r: _Reader) -> Meeting:
    return Meeting(
        id=r.ident(),
        participants=r.ids("participants"),
        weight=r.get("weight", int, default=1),
        required=r.get("required", bool, default=False),
        session=r.get("session", str),
        fixed_slot=r.ident("fixed_slot", required=False),
        fixed_table=r.ident("fixed_table", required=False),
        after=r.ids("after"),
    )


def _interpreter(r: _Reader) -> Interpreter:
    return Interpreter(r.ident(), r.strings("languages"), frozenset(r.ids("unavailable")))


def _assignment(r: _Reader) -> Assignment:
    return Assignment(
        r.ident("meeting"), r.ident("slot"), r.ident("table"), r.ident("interpreter", required=False)
    )


def _options(top: _Reader) -> Options:
    if top.data.get("options") is None:
        return Options()
    r = _Reader(top.data["options"], f"{top.where}: options")
    order = r.strings("order") or LEVELS
    return Options(
        max_breaks=r.get("max_breaks", int),
        cross_border_bonus=r.get("cross_border_bonus", int, default=0),
        order=tuple(order),
    )


def problem_from_dict(d, source: str = "<dict>") -> Problem:
    """Build and check a :class:`Problem` from the decoded JSON of a problem file."""
    top = _Reader(d, source)
    fmt = top.get("format", str)
    if fmt is not None and fmt != PROBLEM_FORMAT:
        top.fail("format", f"must be '{PROBLEM_FORMAT}', got {fmt!r}")
    problem = Problem(
        slots=tuple(_slot(r) for r in top.items("slots", required=True)),
        tables=_tables(top),
        meetings=tuple(_meeting(r) for r in top.items("meetings", required=True)),
        participants=tuple(_participant(r) for r in top.items("participants")),
        interpreters=tuple(_interpreter(r) for r in top.items("interpreters")),
        previous_plan=tuple(_assignment(r) for r in top.items("previous_plan")),
        locked=frozenset(top.ids("locked")),
        options=_options(top),
        name=top.get("name", str, default=""),
    )
    check_problem(problem, source)
    return problem


def _time(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _drop_none(d: dict) -> dict:
    return {k: v for k, v in d.items() if v is not None}


def problem_to_dict(p: Problem) -> dict:
    """The JSON-ready dict of a problem (sets as sorted lists)."""
    return {
        "format": PROBLEM_FORMAT,
        "name": p.name,
        "slots": [_drop_none({"id": s.id, "start": _time(s.start), "end": _time(s.end), "day": s.day,
                              "session": s.session}) for s in p.slots],
        "tables": [_drop_none({"id": t.id, "name": t.name, "zone": t.zone}) for t in p.tables],
        "participants": [_drop_none({
            "id": q.id, "organisation": q.organisation, "country": q.country,
            "languages": list(q.languages), "unavailable": sorted(q.unavailable),
            "min_meetings": q.min_meetings, "max_meetings": q.max_meetings, "table": q.table,
            "max_consecutive": q.max_consecutive}) for q in p.participants],
        "meetings": [_drop_none({
            "id": m.id, "participants": list(m.participants), "weight": m.weight,
            "required": m.required, "session": m.session, "fixed_slot": m.fixed_slot,
            "fixed_table": m.fixed_table, "after": list(m.after)}) for m in p.meetings],
        "interpreters": [{"id": i.id, "languages": list(i.languages), "unavailable": sorted(i.unavailable)}
                         for i in p.interpreters],
        "previous_plan": [_assignment_dict(a) for a in p.previous_plan],
        "locked": sorted(p.locked),
        "options": {"max_breaks": p.options.max_breaks, "cross_border_bonus": p.options.cross_border_bonus,
                    "order": list(p.options.order)},
    }


def _assignment_dict(a: Assignment) -> dict:
    return {"meeting": a.meeting, "slot": a.slot, "table": a.table, "interpreter": a.interpreter}


def plan_to_dict(plan: Plan) -> dict:
    return {
        "format": PLAN_FORMAT,
        "status": plan.status.value,
        "assignments": [_assignment_dict(a) for a in plan.assignments],
        "unscheduled": [{"meeting": u.meeting, "reason": u.reason} for u in plan.unscheduled],
        "dropped_required": [{"meeting": u.meeting, "reason": u.reason} for u in plan.dropped_required],
        "objective": dict(plan.objective),
        "bound": dict(plan.bound),
        "solver": dict(plan.solver),
    }


def plan_from_dict(d, source: str = "<dict>") -> Plan:
    top = _Reader(d, source)
    fmt = top.get("format", str)
    if fmt is not None and fmt != PLAN_FORMAT:
        top.fail("format", f"must be '{PLAN_FORMAT}', got {fmt!r}")
    status = top.get("status", str, required=True)
    if status not in {s.value for s in Status}:
        top.fail("status", f"must be one of optimal/feasible/infeasible/unknown, got {status!r}")
    unscheduled = tuple(Unscheduled(r.ident("meeting"), r.get("reason", str, default="")) for r in
                        top.items("unscheduled"))
    dropped = tuple(Unscheduled(r.ident("meeting"), r.get("reason", str, default="")) for r in
                    top.items("dropped_required"))
    return Plan(
        status=Status(status),
        assignments=tuple(_assignment(r) for r in top.items("assignments")),
        unscheduled=unscheduled,
        objective=top.get("objective", dict, default={}),
        bound=top.get("bound", dict, default={}),
        solver=top.get("solver", dict, default={}),
        dropped_required=dropped,
    )


def _read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ProblemError(f"{path}: cannot read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise ProblemError(f"{path}: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise ProblemError(f"{path}: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    except RecursionError:
        raise ProblemError(f"{path}: JSON nested too deeply") from None


def load_problem(path, max_breaks: int | None = None) -> Problem:
    """Read a ``.json`` problem or a benchmark ``.dzn`` file (``max_breaks`` applies to .dzn)."""
    path = Path(path)
    if path.suffix == ".dzn":
        from .dzn import load_dzn

        return load_dzn(path, max_breaks=max_breaks)
    return problem_from_dict(_read_json(path), str(path))


def load_plan(path) -> Plan:
    path = Path(path)
    return plan_from_dict(_read_json(path), str(path))


def dump_plan(plan: Plan, path) -> None:
    text = json.dumps(plan_to_dict(plan), indent=1, ensure_ascii=False) + "\n"
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ProblemError(f"{path}: cannot write ({exc.strerror})") from None


def dump_problem(problem: Problem, path) -> None:
    text = json.dumps(problem_to_dict(problem), indent=1, ensure_ascii=False)
    Path(path).write_text(text + "\n", encoding="utf-8")
