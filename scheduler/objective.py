"""The soft objective levels as CP-SAT expressions.

Each level is solved lexicographically by ``solver.py`` (solve, then fix the level at the value
found and go on); fairness combines its three sub-goals with weights that keep them in order.
Table changes are not in the model: ``tables.py`` minimises them greedily after the slots are
chosen.
"""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from .constraints import S, Vars, W

SHARE_SCALE = 1000


@dataclass
class Level:
    name: str
    expr: cp_model.LinearExprT
    maximize: bool


def varying(v: Vars) -> list[str]:
    """Meetings whose being scheduled is a decision (not required, not impossible)."""
    locked = v.ix.problem.locked
    return [m.id for m in v.ix.problem.meetings if not m.required and m.id not in locked and v.doms[m.id].slots]


def weight_level(v: Vars) -> Level | None:
    mids = varying(v)
    if not mids:
        return None
    return Level("weight", W([v.placed[mid] for mid in mids], [v.ix.weight(v.ix.meetings[mid]) for mid in mids]),
                 True)


def fairness_people(v: Vars) -> list[str]:
    return [p for p, mids in v.ix.by_person.items() if any(v.doms[x].slots for x in mids)]


def min_share(model: cp_model.CpModel, v: Vars, held: dict) -> cp_model.IntVar:
    """A new variable at most SHARE_SCALE x (weight held) / (weight asked) of every participant who
    asked for weight: the fairness level's last part, and what ``relax.best_share`` bounds.
    ``held`` maps a meeting to its being held (literal, expression or 0/1); others are not held."""
    share = model.new_int_var(0, SHARE_SCALE, "min_share")
    for pid in fairness_people(v):
        asked = v.ix.requested_weight(pid)
        if asked:
            mids = [mid for mid in v.ix.by_person[pid] if mid in held]
            model.add(share * asked <= SHARE_SCALE * W([held[mid] for mid in mids],
                                                       [v.ix.weight(v.ix.meetings[mid]) for mid in mids]))
    return share


def left_out(v: Vars, held) -> set[str]:
    """Participants with a possible meeting of whom none is among the ``held`` meeting ids."""
    met = {p for mid in held for p in v.ix.meetings[mid].participants}
    return {p for p in fairness_people(v) if p not in met}


def _fairness_coefficients(people: list[str]) -> tuple[int, int]:
    """(per person left out, per missing min_meeting): each outweighs everything after it."""
    b = SHARE_SCALE + 1
    return b, b * (len(people) + 1)


def fairness_level(v: Vars) -> Level | None:
    """min_meetings shortfall, then people left without a meeting, then the minimum share."""
    if not varying(v):
        return None
    m, people = v.model, fairness_people(v)
    short, alone = [], []
    share = min_share(m, v, v.placed)
    for pid in people:
        count = S([v.placed[mid] for mid in v.ix.by_person[pid]])
        want = v.ix.people[pid].min_meetings
        if want:
            s = m.new_int_var(0, want, f"short[{pid}]")
            m.add(s >= want - count)
            short.append(s)
        a = m.new_bool_var(f"alone[{pid}]")
        m.add(count + a >= 1)
        alone.append(a)
    b, a_coef = _fairness_coefficients(people)
    return Level("fairness", share - b * S(alone) - a_coef * S(short), True)


def fairness_cap(v: Vars, count: int, share: int = SHARE_SCALE) -> int:
    """An upper bound of the fairness level when every plan left to choose from leaves at least
    ``count`` people without a meeting: no fewer are left out, together they miss at least the
    ``count`` smallest min_meetings, and if everyone asked for some weight, a person left out
    makes the minimum share 0.  ``share`` bounds the minimum share of the plans that leave out
    exactly ``count`` (relax.best_share); one more person left out costs more than any share."""
    people = fairness_people(v)
    b, a_coef = _fairness_coefficients(people)
    share = 0 if count and all(v.ix.requested_weight(p) for p in people) else min(share, SHARE_SCALE)
    short = sum(sorted(v.ix.people[p].min_meetings or 0 for p in people)[:count])
    return share - b * count - a_coef * short


def breaks_level(v: Vars) -> Level | None:
    if not v.breaks:
        return None
    return Level("breaks", S(list(v.breaks.values())), False)


def changes_level(v: Vars) -> Level | None:
    terms = []
    for mid, a in v.ix.previous.items():
        if mid in v.ix.problem.locked:
            continue
        lit = v.x.get((mid, v.ix.pos[a.slot]))
        terms.append(1 - lit if lit is not None else 1)
    if not any(not isinstance(t, int) for t in terms):
        return None
    return Level("changes", sum(terms), False)


BUILDERS = {"weight": weight_level, "fairness": fairness_level, "breaks": breaks_level,
            "changes": changes_level}


def levels(v: Vars, order) -> list[Level]:
    out = []
    for name in order:
        level = BUILDERS[name](v) if name in BUILDERS else None
        if level is not None:
            out.append(level)
    return out
