"""The hard rules, declared once each: the registry every part of the scheduler loops over.

A rule is one entry of ``RULES``:

* ``build(v)`` adds it to the CP-SAT model (``solver.build``); ``None`` when the static domains
  (``domains.py``) already enforce it, as no variable exists outside a meeting's domain;
* ``check(ix, assignments)`` finds its violations in a plan, solver-free (``validate.violations``);
* ``fits(agenda, mid, n)`` answers incrementally whether meeting ``mid`` may go into slot ``n`` of a
  partly built agenda (``Agenda.why_not``, used by first fit, the reasons and the local moves of
  ``improve.py``); when it says no, ``reason`` is the spec's code for an unscheduled meeting;
* ``holds_still(ix, doms, mid)`` marks the meetings the Kempe-chain annealing and the
  neighbourhood search must leave where they are (``movable``): those searches only keep one
  meeting per participant, table and slot, the domains and the table counts by construction, so
  a rule they do not know keeps its meetings out of their reach.  ``None``: the moves keep it.

To add a rule, append one ``Rule`` (or use ``registered`` for a rule of one run) and give it a
feasible and an infeasible case in tests/scheduler/test_rules.py, which fails for a rule
without them; tests/scheduler/test_toy_rule.py shows the whole path with a made-up rule.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import constraints as c
from .index import Index
from .model import Assignment, Violation
from .stats import breaks_of, busy_positions

if TYPE_CHECKING:
    from .agenda import Agenda

# Which reason an unscheduled meeting gets when several rules refuse it: the first in this order.
REASON_ORDER = ("max_meetings", "partner_full", "lower_priority", "no_table", "no_interpreter")


@dataclass(frozen=True)
class Rule:
    name: str
    codes: tuple[str, ...]  # the ``Violation.rule`` values ``check`` reports
    check: Callable[[Index, Sequence[Assignment]], list[Violation]]
    build: Callable[[c.Vars], None] | None = None
    fits: Callable[[Agenda, str, int], bool] | None = None
    reason: str | None = None
    holds_still: Callable[[Index, dict, str], bool] | None = None
    after_breaks: bool = False  # its builder needs the break variables (``v.breaks``)


# --- checks (solver-free) ------------------------------------------------------------------------
def _by(ix: Index, plan, key) -> dict[tuple, list[str]]:
    out: dict[tuple, list[str]] = defaultdict(list)
    for a in plan:
        for k in key(a):
            out[k].append(a.meeting)
    return out


def _check_held(ix: Index, plan) -> list[Violation]:
    placed = {a.meeting for a in plan}
    return [Violation("required_missing", f"required meeting {m.id} is not scheduled", m.id)
            for m in ix.problem.meetings if m.required and m.id not in placed]


def _check_slot_allowed(ix: Index, plan) -> list[Violation]:
    out = []
    for a in plan:
        m, slot = ix.meetings[a.meeting], ix.slots[ix.pos[a.slot]]
        out += [Violation("unavailable", f"participant {p} is unavailable in slot {a.slot} (meeting {m.id})",
                          m.id, p, a.slot) for p in m.participants if a.slot in ix.people[p].unavailable]
        if m.session is not None and slot.session != m.session:
            out.append(Violation("session", f"meeting {m.id} belongs to session {m.session}, slot {a.slot} is in "
                                 f"{slot.session}", m.id, slot=a.slot))
        if m.fixed_slot is not None and a.slot != m.fixed_slot:
            out.append(Violation("fixed_slot", f"meeting {m.id} is fixed to slot {m.fixed_slot}, not {a.slot}",
                                 m.id))
    return out


def _check_locked(ix: Index, plan) -> list[Violation]:
    out, placed = [], {a.meeting: a for a in plan}
    for mid in sorted(ix.problem.locked):
        prev, a = ix.previous.get(mid), placed.get(mid)
        if a is None and mid in ix.meetings:
            out.append(Violation("locked", f"locked meeting {mid} is not scheduled", mid))
        elif a is not None and prev is not None and (prev.slot, prev.table) != (a.slot, a.table):
            out.append(Violation("locked", f"locked meeting {mid} moved from slot {prev.slot} table {prev.table}",
                                 mid))
    return out


def _check_participants(ix: Index, plan) -> list[Violation]:
    booked = _by(ix, plan, lambda a: [(p, a.slot) for p in ix.meetings[a.meeting].participants])
    return [Violation("participant_double_booked", f"participant {p} has meetings {', '.join(ms)} in slot {s}",
                      ms[1], p, s) for (p, s), ms in booked.items() if len(ms) > 1]


def _check_tables(ix: Index, plan) -> list[Violation]:
    booked = _by(ix, plan, lambda a: [(a.table, a.slot)])
    out = [Violation("table_double_booked", f"table {t} holds meetings {', '.join(ms)} in slot {s}", ms[1], slot=s)
           for (t, s), ms in booked.items() if len(ms) > 1]
    for a in plan:
        m = ix.meetings[a.meeting]
        if m.fixed_table is not None and a.table != m.fixed_table:
            out.append(Violation("fixed_table", f"meeting {m.id} is fixed to table {m.fixed_table}, not {a.table}",
                                 m.id))
        for p in m.participants:
            table = ix.people[p].table
            if table is not None and a.table != table:
                out.append(Violation("host_table", f"host {p} must meet at table {table}, meeting {m.id} is at "
                                     f"{a.table}", m.id, p))
        hosts = ix.host_tables.get(a.table)
        if hosts and not hosts & set(m.participants):
            out.append(Violation("host_table", f"meeting {m.id} uses table {a.table} of host "
                                 f"{', '.join(sorted(hosts))}", m.id))
    return out


def _check_after(ix: Index, plan) -> list[Violation]:
    where = {a.meeting: ix.pos[a.slot] for a in plan}
    return [Violation("after", f"meeting {before} must be earlier than meeting {mid}", mid)
            for mid, n in where.items() for before in ix.meetings[mid].after
            if before in where and where[before] >= n]


def _check_max_meetings(ix: Index, plan) -> list[Violation]:
    busy = busy_positions(ix, plan)
    return [Violation("max_meetings", f"participant {pid} has {len(busy[pid])} meetings, at most "
                      f"{q.max_meetings} allowed", participant=pid)
            for pid, q in ix.people.items() if q.max_meetings is not None and len(busy.get(pid, ())) > q.max_meetings]


def longest_run(ix: Index, positions) -> int:
    """The most meetings back to back among sorted slot ``positions``."""
    best = run = 0
    for k, n in enumerate(positions):
        run = run + 1 if k and positions[k - 1] == n - 1 and ix.adjacent[n - 1] else 1
        best = max(best, run)
    return best


def _check_max_consecutive(ix: Index, plan) -> list[Violation]:
    busy = busy_positions(ix, plan)
    return [Violation("max_consecutive", f"participant {pid} has more than {q.max_consecutive} meetings back to "
                      "back", participant=pid) for pid, q in ix.people.items()
            if q.max_consecutive is not None and longest_run(ix, busy.get(pid, [])) > q.max_consecutive]


def _check_interpreters(ix: Index, plan) -> list[Violation]:
    booked = _by(ix, plan, lambda a: [(a.interpreter, a.slot)] if a.interpreter is not None else [])
    out = [Violation("interpreter", f"interpreter {i} serves meetings {', '.join(ms)} in slot {s}", ms[1], slot=s)
           for (i, s), ms in booked.items() if len(ms) > 1]
    for a in plan:
        m = ix.meetings[a.meeting]
        if a.interpreter is None:
            if ix.needs_interpreter(m):
                out.append(Violation("language", f"participants of meeting {m.id} share no language and it has "
                                     "no interpreter", m.id))
            continue
        if a.interpreter not in ix.eligible_interpreters(m):
            out.append(Violation("interpreter", f"interpreter {a.interpreter} does not speak a language of every "
                                 f"participant of meeting {m.id}", m.id))
        if a.slot in ix.interpreters[a.interpreter].unavailable:
            out.append(Violation("interpreter", f"interpreter {a.interpreter} is unavailable in slot {a.slot}",
                                 m.id, slot=a.slot))
    return out


def _check_max_breaks(ix: Index, plan) -> list[Violation]:
    cap = ix.problem.options.max_breaks
    if cap is None:
        return []
    busy = busy_positions(ix, plan)
    return [Violation("max_breaks", f"participant {pid} has {breaks_of(ix, mine)} breaks, at most {cap} allowed",
                      participant=pid) for pid, mine in busy.items() if breaks_of(ix, mine) > cap]


# --- incremental fits (Agenda.why_not) ------------------------------------------------------------
def _busy_with(agenda: Agenda, pid: str, n: int) -> list[int]:
    return sorted([*agenda.person[pid], n])


def _fits_participants(agenda: Agenda, mid: str, n: int) -> bool:
    return not any(n in agenda.person[p] for p in agenda.ix.meetings[mid].participants)


def _fits_max_meetings(agenda: Agenda, mid: str, n: int) -> bool:
    people = agenda.ix.people
    return not any(people[p].max_meetings is not None and len(agenda.person[p]) >= people[p].max_meetings
                   for p in agenda.ix.meetings[mid].participants)


def _fits_max_consecutive(agenda: Agenda, mid: str, n: int) -> bool:
    ix = agenda.ix
    return all(ix.people[p].max_consecutive is None or longest_run(ix, _busy_with(agenda, p, n))
               <= ix.people[p].max_consecutive for p in ix.meetings[mid].participants)


def _fits_max_breaks(agenda: Agenda, mid: str, n: int) -> bool:
    ix, cap = agenda.ix, agenda.ix.problem.options.max_breaks
    return cap is None or all(breaks_of(ix, _busy_with(agenda, p, n)) <= cap for p in ix.meetings[mid].participants)


def _fits_after(agenda: Agenda, mid: str, n: int) -> bool:
    where = agenda.where
    if any(b in where and where[b][0] >= n for b in agenda.ix.meetings[mid].after):
        return False
    return not any(o in where and where[o][0] <= n for o in agenda.ix.successors.get(mid, ()))


def _fits_tables(agenda: Agenda, mid: str, n: int) -> bool:
    return agenda.table_for(mid, n) is not None


def _fits_interpreters(agenda: Agenda, mid: str, n: int) -> bool:
    return not agenda.doms[mid].needs_interpreter or agenda.interpreter_for(mid, n) is not None


# --- the registry ---------------------------------------------------------------------------------
def _build_max_breaks(v: c.Vars) -> None:
    cap = v.ix.problem.options.max_breaks
    if cap is not None:
        for expr in v.breaks.values():
            v.model.add(expr <= cap)


RULES: list[Rule] = [
    Rule("held", ("required_missing",), _check_held, build=c.add_meetings),
    Rule("slot_allowed", ("unavailable", "session", "fixed_slot"), _check_slot_allowed),
    Rule("locked", ("locked",), _check_locked),  # its domain is the previous slot: local moves cannot move it
    Rule("one_meeting_per_participant", ("participant_double_booked",), _check_participants,
         build=c.add_participants, fits=_fits_participants, reason="partner_full"),
    Rule("tables", ("table_double_booked", "host_table", "fixed_table"), _check_tables, build=c.add_tables,
         fits=_fits_tables, reason="no_table",
         holds_still=lambda ix, doms, mid: doms[mid].table is not None and doms[mid].table not in ix.host_tables),
    Rule("after", ("after",), _check_after, build=c.add_precedences, fits=_fits_after, reason="lower_priority",
         holds_still=lambda ix, doms, mid: bool(ix.meetings[mid].after) or mid in ix.successors),
    Rule("max_meetings", ("max_meetings",), _check_max_meetings, build=c.add_max_meetings,
         fits=_fits_max_meetings, reason="max_meetings"),
    Rule("max_consecutive", ("max_consecutive",), _check_max_consecutive, build=c.add_max_consecutive,
         fits=_fits_max_consecutive, reason="partner_full",
         holds_still=lambda ix, doms, mid: any(ix.people[p].max_consecutive is not None
                                               for p in ix.meetings[mid].participants)),
    Rule("interpreters", ("interpreter", "language"), _check_interpreters, build=c.add_interpreters,
         fits=_fits_interpreters, reason="no_interpreter",
         holds_still=lambda ix, doms, mid: doms[mid].needs_interpreter),
    Rule("max_breaks", ("max_breaks",), _check_max_breaks, build=_build_max_breaks, fits=_fits_max_breaks,
         reason="partner_full", after_breaks=True,
         holds_still=lambda ix, doms, mid: ix.problem.options.max_breaks is not None),
]


@contextmanager
def registered(rule: Rule) -> Iterator[Rule]:
    """``rule`` in the registry for the duration of the ``with`` block (tests, one-off runs)."""
    RULES.append(rule)
    try:
        yield rule
    finally:
        RULES.remove(rule)


def build_rules(v: c.Vars, after_breaks: bool = False) -> None:
    """Add every rule to ``v.model``: first those without, then (``after_breaks``) those with break variables."""
    for rule in RULES:
        if rule.build is not None and rule.after_breaks == after_breaks:
            rule.build(v)


def check_rules(ix: Index, plan: Sequence[Assignment]) -> list[Violation]:
    return [found for rule in RULES for found in rule.check(ix, plan)]


def fit_order() -> list[Rule]:
    """The rules with a fit test, in the order their reasons are reported (``REASON_ORDER``)."""
    rank = {reason: k for k, reason in enumerate(REASON_ORDER)}
    return sorted((r for r in RULES if r.fits is not None), key=lambda r: rank.get(r.reason, len(rank)))


def movable(ix: Index, doms, mid: str) -> bool:
    """Whether a local search (annealing, neighbourhoods) may give ``mid`` another slot."""
    return len(doms[mid].slots) > 1 and not any(rule.holds_still(ix, doms, mid) for rule in RULES
                                                if rule.holds_still is not None)
