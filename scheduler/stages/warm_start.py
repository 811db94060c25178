"""Warm start: a valid plan before any model is solved, to hint CP-SAT and to report at once.

The previous plan where it still holds (re-planning keeps what it can), completed by first fit;
later, when the weight relaxation has chosen its meetings, a greedy plan guided by them
(``improve.relaxed_agenda``) replaces it if it holds more weight.
"""

from __future__ import annotations

import time

from ..agenda import Agenda
from ..baseline import first_fit_agenda
from ..context import Context
from ..improve import relaxed_agenda
from ..index import Index


def hint_agenda(ix: Index, doms) -> Agenda:
    """The previous plan where it is still possible, completed by first fit."""
    agenda = Agenda(ix, doms)
    for a in ix.problem.previous_plan:
        n = ix.pos[a.slot]
        if n in doms[a.meeting].slots and agenda.why_not(a.meeting, n) is None:
            agenda.try_place(a.meeting, [n])
    if not agenda.where:
        return first_fit_agenda(ix, doms)
    for m in ix.problem.meetings:
        if m.id not in agenda.where:
            agenda.try_place(m.id, doms[m.id].slots)
    return agenda


def report_hint(agenda: Agenda, on_progress, t0: float, phase: str = "first_fit") -> None:
    """Tell the caller early that a valid plan exists (the warm start), before the model is built."""
    if on_progress is None or not agenda.holds_required():
        return
    on_progress({"incumbent": agenda.weight(), "bound": None, "gap": None, "elapsed_s": round(time.monotonic() - t0, 2),
                 "phase": phase})


def better_hint(ctx: Context, hint: Agenda, chosen: frozenset[str]) -> Agenda:
    """The relaxation-guided greedy plan when it holds more weight than ``hint``, else ``hint``."""
    s = ctx.settings
    deadline = time.monotonic() + min(s.grow_max_s, s.grow_share * ctx.remaining())
    other = relaxed_agenda(hint.ix, hint.doms, chosen, deadline)
    if other is None or other.weight() <= hint.weight():
        return hint
    report_hint(other, ctx.on_progress, ctx.t0, "warm_start")
    return other


def placed(agenda: Agenda) -> dict[tuple[str, int], bool]:
    """The plan of ``agenda`` as a hint on the ``x`` variables: (meeting, slot position) -> True."""
    return {(mid, n): True for mid, (n, _t, _i) in agenda.where.items()}


def values_of(v, agenda: Agenda) -> dict:
    """The plan of ``agenda`` in the form of ``LevelEngine.values``."""
    cls = {i: c_id for c_id, members in v.interpreter_classes.items() for i in members}
    values = {"x": {(mid, n): agenda.where.get(mid, (None,))[0] == n for (mid, n) in v.x},
              "y": {(mid, n, k): False for (mid, n, k) in v.interp}}
    for mid, (n, _table, interpreter) in agenda.where.items():
        if interpreter is not None:
            values["y"][(mid, n, cls[interpreter])] = True
    return values
