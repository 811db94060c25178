"""Every hard rule of the spec, checked on a plan without the solver, plus objective metrics."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .index import Index
from .model import Plan, Problem
from .stats import breaks_of, busy_positions, metrics

__all__ = ["Violation", "violations", "metrics"]


@dataclass(frozen=True)
class Violation:
    rule: str
    message: str
    meeting: str | None = None
    participant: str | None = None
    slot: str | None = None


def _known_assignments(ix: Index, plan: Plan, out: list[Violation]):
    seen, good = set(), []
    tables = {t.id for t in ix.problem.tables}
    for a in plan.assignments:
        bad = [(k, v) for k, v, ok in (("meeting", a.meeting, a.meeting in ix.meetings),
                                       ("slot", a.slot, a.slot in ix.pos), ("table", a.table, a.table in tables),
                                       ("interpreter", a.interpreter,
                                        a.interpreter is None or a.interpreter in ix.interpreters)) if not ok]
        if bad:
            k, v = bad[0]
            out.append(Violation("unknown_id", f"assignment of meeting {a.meeting} names unknown {k} {v}",
                                 meeting=a.meeting))
        elif a.meeting in seen:
            out.append(Violation("duplicate", f"meeting {a.meeting} is scheduled more than once", a.meeting))
        else:
            seen.add(a.meeting)
            good.append(a)
    return good


def _double_bookings(ix: Index, plan, out):
    people, tables, interp = defaultdict(list), defaultdict(list), defaultdict(list)
    for a in plan:
        for p in ix.meetings[a.meeting].participants:
            people[(p, a.slot)].append(a.meeting)
        tables[(a.table, a.slot)].append(a.meeting)
        if a.interpreter is not None:
            interp[(a.interpreter, a.slot)].append(a.meeting)
    for (p, s), ms in people.items():
        if len(ms) > 1:
            out.append(Violation("participant_double_booked", f"participant {p} has meetings {', '.join(ms)} "
                                 f"in slot {s}", ms[1], p, s))
    for (t, s), ms in tables.items():
        if len(ms) > 1:
            out.append(Violation("table_double_booked", f"table {t} holds meetings {', '.join(ms)} in slot {s}",
                                 ms[1], slot=s))
    for (i, s), ms in interp.items():
        if len(ms) > 1:
            out.append(Violation("interpreter", f"interpreter {i} serves meetings {', '.join(ms)} in slot {s}",
                                 ms[1], slot=s))


def _meeting_rules(ix: Index, a, out):
    m = ix.meetings[a.meeting]
    slot = ix.slots[ix.pos[a.slot]]
    for p in m.participants:
        if a.slot in ix.people[p].unavailable:
            out.append(Violation("unavailable", f"participant {p} is unavailable in slot {a.slot} (meeting {m.id})",
                                 m.id, p, a.slot))
    if m.session is not None and slot.session != m.session:
        out.append(Violation("session", f"meeting {m.id} belongs to session {m.session}, slot {a.slot} is in "
                             f"{slot.session}", m.id, slot=a.slot))
    if m.fixed_slot is not None and a.slot != m.fixed_slot:
        out.append(Violation("fixed_slot", f"meeting {m.id} is fixed to slot {m.fixed_slot}, not {a.slot}", m.id))
    if m.fixed_table is not None and a.table != m.fixed_table:
        out.append(Violation("fixed_table", f"meeting {m.id} is fixed to table {m.fixed_table}, not {a.table}",
                             m.id))
    _host_rules(ix, m, a, out)
    _language_rules(ix, m, a, out)
    prev = ix.previous.get(m.id)
    if m.id in ix.problem.locked and (prev.slot, prev.table) != (a.slot, a.table):
        out.append(Violation("locked", f"locked meeting {m.id} moved from slot {prev.slot} table {prev.table}",
                             m.id))


def _host_rules(ix: Index, m, a, out):
    for p in m.participants:
        table = ix.people[p].table
        if table is not None and a.table != table:
            out.append(Violation("host_table", f"host {p} must meet at table {table}, meeting {m.id} is at "
                                 f"{a.table}", m.id, p))
    hosts = ix.host_tables.get(a.table)
    if hosts and not hosts & set(m.participants):
        out.append(Violation("host_table", f"meeting {m.id} uses table {a.table} of host "
                             f"{', '.join(sorted(hosts))}", m.id))


def _language_rules(ix: Index, m, a, out):
    if a.interpreter is None:
        if ix.needs_interpreter(m):
            out.append(Violation("language", f"participants of meeting {m.id} share no language and it has no "
                                 "interpreter", m.id))
        return
    i = ix.interpreters[a.interpreter]
    if a.interpreter not in ix.eligible_interpreters(m):
        out.append(Violation("interpreter", f"interpreter {i.id} does not speak a language of every participant"
                             f" of meeting {m.id}", m.id))
    if a.slot in i.unavailable:
        out.append(Violation("interpreter", f"interpreter {i.id} is unavailable in slot {a.slot}", m.id,
                             slot=a.slot))


def _precedences(ix: Index, plan, out):
    where = {a.meeting: ix.pos[a.slot] for a in plan}
    for mid, n in where.items():
        for before in ix.meetings[mid].after:
            if before in where and where[before] >= n:
                out.append(Violation("after", f"meeting {before} must be earlier than meeting {mid}", mid))


def _people_rules(ix: Index, plan, out):
    busy = busy_positions(ix, plan)
    cap = ix.problem.options.max_breaks
    for pid, q in ix.people.items():
        mine = busy.get(pid, [])
        if q.max_meetings is not None and len(mine) > q.max_meetings:
            out.append(Violation("max_meetings", f"participant {pid} has {len(mine)} meetings, at most "
                                 f"{q.max_meetings} allowed", participant=pid))
        if q.max_consecutive is not None and _longest_run(ix, mine) > q.max_consecutive:
            out.append(Violation("max_consecutive", f"participant {pid} has more than {q.max_consecutive} "
                                 "meetings back to back", participant=pid))
        if cap is not None and breaks_of(ix, mine) > cap:
            out.append(Violation("max_breaks", f"participant {pid} has {breaks_of(ix, mine)} breaks, at most "
                                 f"{cap} allowed", participant=pid))


def _longest_run(ix: Index, positions) -> int:
    best = run = 0
    for k, n in enumerate(positions):
        run = run + 1 if k and positions[k - 1] == n - 1 and ix.adjacent[n - 1] else 1
        best = max(best, run)
    return best


def violations(problem: Problem, plan: Plan) -> list[Violation]:
    """All hard-rule violations of ``plan`` (empty list = valid)."""
    ix = Index(problem)
    out: list[Violation] = []
    good = _known_assignments(ix, plan, out)
    _double_bookings(ix, good, out)
    for a in good:
        _meeting_rules(ix, a, out)
    _precedences(ix, good, out)
    _people_rules(ix, good, out)
    placed = {a.meeting for a in good}
    for m in problem.meetings:
        if m.required and m.id not in placed:
            out.append(Violation("required_missing", f"required meeting {m.id} is not scheduled", m.id))
        elif m.id in problem.locked and m.id not in placed:
            out.append(Violation("locked", f"locked meeting {m.id} is not scheduled", m.id))
    return out
