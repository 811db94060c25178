"""CP-SAT builders, one per family of hard rules (each has a check in validate.py).

Variables exist only for statically feasible (meeting, slot) pairs; tables are not variables:
per slot, meetings that may use any free table are counted against the number of free tables,
and meetings bound to one table (host, fixed, locked) get an at-most-one per table and slot.
``tables.py`` then assigns concrete tables, which always succeeds under these counts.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from .domains import Domain
from .index import Index

S = cp_model.LinearExpr.sum
W = cp_model.LinearExpr.weighted_sum


def fixed_copy(model: cp_model.CpModel, true=(), false=()) -> cp_model.CpModel:
    """A copy of ``model`` with the literals ``true`` fixed to 1 and ``false`` to 0; ``model`` stays as it is.

    One ``bool_and`` over all of them: presolve fixes them at once, as if their domains were set."""
    copy = model.clone()
    lits = [*true, *(lit.Not() for lit in false)]
    if lits:
        copy.add_bool_and(lits)
    return copy


class Vars:
    """The decision variables and the expressions the objective levels need."""

    def __init__(self, model: cp_model.CpModel, ix: Index, doms: dict[str, Domain], want_breaks: bool = False):
        self.model, self.ix, self.doms = model, ix, doms
        self.want_breaks = want_breaks  # break variables follow: every participant needs ``busy``
        self.x: dict[tuple[str, int], cp_model.IntVar] = {}
        self.at: dict[int, list[str]] = {n: [] for n in range(len(ix.slots))}
        self.placed: dict[str, cp_model.LinearExpr] = {}
        self.busy: dict[tuple[str, int], object] = {}
        self.interp: dict[tuple[str, int, str], cp_model.IntVar] = {}
        self.breaks: dict[str, cp_model.LinearExpr] = {}
        self.window_channel: list[tuple] = []  # (busy, covering starts, contiguous): see breaks.window_channel
        self.infeasible: list[str] = []
        self.interpreter_classes: dict[str, tuple[str, ...]] = {}

    def slot_vars(self, mid: str):
        return [(n, self.x[(mid, n)]) for n in self.doms[mid].slots]


def add_variables(v: Vars) -> None:
    """One Boolean per meeting and slot of its domain: the meeting is held in that slot."""
    for m in v.ix.problem.meetings:
        for n in v.doms[m.id].slots:
            v.x[(m.id, n)] = v.model.new_bool_var(f"x[{m.id},{n}]")
            v.at[n].append(m.id)


def add_meetings(v: Vars) -> None:
    """Rule 3: a meeting at most once, required (and locked) meetings exactly once."""
    for m in v.ix.problem.meetings:
        lits = [lit for _n, lit in v.slot_vars(m.id)]
        if m.required or m.id in v.ix.problem.locked:
            if not lits:
                v.infeasible.append(m.id)
            v.model.add_exactly_one(lits)
        elif lits:
            v.model.add_at_most_one(lits)
        v.placed[m.id] = S(lits)


def add_participants(v: Vars) -> None:
    """Rule 1: one meeting per participant and slot (unavailability is in the domains).

    ``busy[p, n]`` exists for those who need it: everyone when the break variables follow, else
    those with a ``max_consecutive``."""
    need_busy = set(v.ix.people) if v.want_breaks else {p for p, q in v.ix.people.items()
                                                         if q.max_consecutive is not None}
    for pid, mids in v.ix.by_person.items():
        for n in range(len(v.ix.slots)):
            lits = [v.x[(mid, n)] for mid in mids if (mid, n) in v.x]
            if pid in need_busy:
                busy = v.model.new_bool_var(f"busy[{pid},{n}]") if lits else 0
                if lits:
                    v.model.add(busy == S(lits))
                v.busy[(pid, n)] = busy
            elif len(lits) > 1:
                v.model.add_at_most_one(lits)


def add_tables(v: Vars) -> None:
    """Rules 2 and 6: table capacity per slot, host and fixed tables once per slot."""
    n_free = len(v.ix.free_tables)
    for n, mids in v.at.items():
        flexible, bound = [], {}
        for mid in mids:
            table = v.doms[mid].table
            if table is None:
                flexible.append(v.x[(mid, n)])
            else:
                bound.setdefault(table, []).append(v.x[(mid, n)])
        on_free = [lit for t, lits in bound.items() if t not in v.ix.host_tables for lit in lits]
        if len(flexible) + len(on_free) > n_free:
            v.model.add(S(flexible + on_free) <= n_free)
        for lits in bound.values():
            if len(lits) > 1:
                v.model.add_at_most_one(lits)


def add_precedences(v: Vars) -> None:
    """Rule 5: every listed meeting that is scheduled lies in an earlier slot."""
    for m in v.ix.problem.meetings:
        for before in m.after:
            for n, lit in v.slot_vars(m.id):
                late = [b for k, b in v.slot_vars(before) if k >= n]
                if late:
                    v.model.add_at_most_one([lit, *late])


def add_max_meetings(v: Vars) -> None:
    """Rule 7a: max_meetings per participant."""
    for pid, q in v.ix.people.items():
        if q.max_meetings is None:
            continue
        lits = [lit for mid in v.ix.by_person[pid] for _, lit in v.slot_vars(mid)]
        if len(lits) > q.max_meetings:
            v.model.add(S(lits) <= q.max_meetings)


def add_max_consecutive(v: Vars) -> None:
    """Rule 7b: no run of more than max_consecutive meetings in back-to-back slots."""
    for pid, q in v.ix.people.items():
        k = q.max_consecutive
        if k is None:
            continue
        for start in range(len(v.ix.slots) - k):
            window = range(start, start + k + 1)
            if all(v.ix.adjacent[n] for n in window[:-1]):
                v.model.add(sum(v.busy[(pid, n)] for n in window) <= k)


def interpreter_classes(ix: Index) -> dict[str, tuple[str, ...]]:
    """Interpreters with the same languages and availability are interchangeable: one class each."""
    groups: dict[tuple, list[str]] = {}
    for i in ix.problem.interpreters:
        groups.setdefault((frozenset(i.languages), i.unavailable), []).append(i.id)
    return {members[0]: tuple(members) for members in groups.values()}


def add_interpreters(v: Vars) -> None:
    """Rule 8: a meeting without a common language gets one free, eligible interpreter.

    One Boolean per (meeting, slot, interpreter class); per class and slot at most as many
    meetings as the class has interpreters (members are interchangeable, so this is exact).
    """
    classes = v.interpreter_classes = interpreter_classes(v.ix)
    load: dict[tuple[str, int], list] = {}
    for m in v.ix.problem.meetings:
        dom = v.doms[m.id]
        if not dom.needs_interpreter:
            continue
        eligible = [c for c, members in classes.items() if members[0] in dom.interpreters]
        for n, lit in v.slot_vars(m.id):
            sid = v.ix.slots[n].id
            choice = []
            for c in eligible:
                if sid in v.ix.interpreters[c].unavailable:
                    continue
                y = v.model.new_bool_var(f"y[{m.id},{n},{c}]")
                v.interp[(m.id, n, c)] = y
                load.setdefault((c, n), []).append(y)
                choice.append(y)
            v.model.add(S(choice) == lit)
    for (c, _n), lits in load.items():
        if len(lits) > len(classes[c]):
            v.model.add(S(lits) <= len(classes[c]))


def pick_interpreters(v: Vars, classes_used: dict[tuple[str, int], str]) -> dict[str, str]:
    """Meeting -> a concrete interpreter, from ``(meeting, slot) -> class`` of a solution."""
    taken: dict[tuple[str, int], int] = {}
    out = {}
    for (mid, n), c in sorted(classes_used.items()):
        k = taken.get((c, n), 0)
        out[mid] = v.interpreter_classes[c][k]
        taken[(c, n)] = k + 1
    return out


def add_implied(v: Vars) -> None:
    """Implied (redundant) counts that help propagation (benchmark README, paper's imp12+):
    per participant, busy slots = scheduled meetings; per slot, busy people = seats used."""
    for pid, mids in v.ix.by_person.items():
        busy = [v.busy[(pid, n)] for n in range(len(v.ix.slots)) if (pid, n) in v.busy]
        if len(busy) == len(v.ix.slots):
            v.model.add(S(busy) == S([v.placed[mid] for mid in mids]))
    seats = 2 * len(v.ix.problem.tables)
    for n, mids in v.at.items():
        busy = [v.busy[(p, n)] for p in v.ix.people if (p, n) in v.busy]
        if len(busy) < len(v.ix.people):
            continue
        v.model.add(S(busy) == W([v.x[(mid, n)] for mid in mids],
                                 [len(v.ix.meetings[mid].participants) for mid in mids]))
        if all(len(v.ix.meetings[mid].participants) == 2 for mid in mids) and len(busy) > seats:
            v.model.add(S(busy) <= seats)
