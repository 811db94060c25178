"""A reason for every unscheduled meeting: the first cause found, in the spec's terms."""

from __future__ import annotations

from .agenda import Agenda
from .domains import Domain
from .index import Index
from .model import Assignment, Unscheduled

_ORDER = ("max_meetings", "partner_full", "no_table", "no_interpreter", "lower_priority")


def explain(ix: Index, doms: dict[str, Domain], assignments) -> tuple[Unscheduled, ...]:
    """Reasons for the meetings of the problem that ``assignments`` leaves out."""
    agenda = Agenda(ix, doms)
    for a in assignments:
        agenda.place(a.meeting, ix.pos[a.slot], a.table, a.interpreter)
    out = []
    for m in ix.problem.meetings:
        if m.id in agenda.where:
            continue
        dom = doms[m.id]
        if not dom.slots:
            out.append(Unscheduled(m.id, dom.reason or "no_common_slot"))
            continue
        found = {agenda.why_not(m.id, n) for n in dom.slots}
        # the cause that comes closest to a fit (latest check failed) is the most useful one
        reason = "lower_priority" if None in found else max(found, key=_ORDER.index)
        out.append(Unscheduled(m.id, reason))
    return tuple(out)


def assignment_list(ix: Index, agenda: Agenda) -> tuple[Assignment, ...]:
    rows = sorted(agenda.where.items(), key=lambda kv: (kv[1][0], kv[1][1]))
    return tuple(Assignment(mid, ix.slots[n].id, t, i) for mid, (n, t, i) in rows)
