"""Reader for the B2BSP benchmark's MiniZinc data files (Bofill et al., JAIR 2022).

Mapping (spec, last section): every meeting is required with weight 1; ``requested`` 1/2/3 is
session am/pm/none with slots ``1..nMorningSlots`` in ``am``; ``forbidden`` slots are
unavailable; ``fixed`` is ``fixed_slot``; ``precedences`` become ``after``; ``nTables``
anonymous tables; one day.
"""

from __future__ import annotations

import re
from pathlib import Path

from .check import check_problem
from .model import Meeting, Options, Participant, Problem, ProblemError, Slot, Table

_ASSIGN = re.compile(r"(\w+)\s*=\s*(.*?);", re.S)
_NEEDED = ("nBusiness", "nMeetings", "nTables", "nTotalSlots", "nMorningSlots", "requested")


def _ints(text: str) -> list[int]:
    return [int(v) for v in re.findall(r"-?\d+", text)]


def _sets(text: str, where: str) -> list[set[int]]:
    body = text.strip()
    if not (body.startswith("[") and body.endswith("]")):
        raise ProblemError(f"{where}: expected an array of sets")
    return [set(_ints(s)) for s in re.findall(r"\{([^}]*)\}", body)]


def _parse(text: str, source: str) -> dict[str, str]:
    text = re.sub(r"%[^\n]*", "", text)
    values = {name: value for name, value in _ASSIGN.findall(text)}
    for name in _NEEDED:
        if name not in values:
            raise ProblemError(f"{source}: key '{name}' is missing")
    return values


def _scalar(values, name: str, source: str) -> int:
    found = _ints(values[name])
    if len(found) != 1:
        raise ProblemError(f"{source}: key '{name}' must be one integer")
    return found[0]


def _slots(total: int, morning: int) -> tuple[Slot, ...]:
    return tuple(Slot(str(n), day="1", session="am" if n <= morning else "pm") for n in range(1, total + 1))


def _meetings(values, n_meetings: int, source: str) -> tuple[Meeting, ...]:
    rows = _ints(values["requested"])
    if len(rows) != 3 * n_meetings:
        raise ProblemError(f"{source}: key 'requested' must have {n_meetings} rows of three integers")
    fixed = _ints(values.get("fixed", "[]")) or [0] * n_meetings
    prec = _sets(values["precedences"], f"{source}: key 'precedences'") if "precedences" in values else []
    prec = prec or [set() for _ in range(n_meetings)]
    if len(fixed) != n_meetings or len(prec) != n_meetings:
        raise ProblemError(f"{source}: keys 'fixed' and 'precedences' must have {n_meetings} entries")
    out = []
    for k in range(n_meetings):
        a, b, s = rows[3 * k: 3 * k + 3]
        session = {1: "am", 2: "pm"}.get(s)
        out.append(Meeting(str(k + 1), (str(a), str(b)), 1, True, session,
                           str(fixed[k]) if fixed[k] else None, None, tuple(str(v) for v in sorted(prec[k]))))
    return tuple(out)


def _participants(values, n: int, source: str) -> tuple[Participant, ...]:
    forbidden = _sets(values["forbidden"], f"{source}: key 'forbidden'") if "forbidden" in values else []
    forbidden = forbidden or [set() for _ in range(n)]
    if len(forbidden) != n:
        raise ProblemError(f"{source}: key 'forbidden' must have {n} entries")
    return tuple(Participant(str(p + 1), unavailable=frozenset(str(s) for s in forbidden[p] if s))
                 for p in range(n))


def dzn_to_problem(text: str, source: str = "<dzn>", max_breaks: int | None = None) -> Problem:
    values = _parse(text, source)
    n_people = _scalar(values, "nBusiness", source)
    n_meetings = _scalar(values, "nMeetings", source)
    total = _scalar(values, "nTotalSlots", source)
    morning = _scalar(values, "nMorningSlots", source)
    problem = Problem(
        slots=_slots(total, morning),
        tables=tuple(Table(str(n)) for n in range(1, _scalar(values, "nTables", source) + 1)),
        meetings=_meetings(values, n_meetings, source),
        participants=_participants(values, n_people, source),
        options=Options(max_breaks=max_breaks),
        name=Path(source).stem,
    )
    check_problem(problem, source)
    return problem


def load_dzn(path, max_breaks: int | None = None) -> Problem:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ProblemError(f"{path}: cannot read ({exc.strerror})") from None
    return dzn_to_problem(text, str(path), max_breaks)
