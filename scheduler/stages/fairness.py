"""Fairness: bounds that let the fairness level stop as soon as the plan at hand reaches them.

The fairness level is lexicographic: fewest people without a meeting, then the smallest share of
the weight a participant asked for.  Both have relaxation bounds at the weight just fixed
(``relax.fewest_left_out``, ``relax.best_share``); when the plan at hand meets them, CP-SAT need not
prove it, and when the relaxation's fairer choice of meetings fits the slots (``weight.timetable``)
it becomes the plan at hand.
"""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from ..constraints import Vars
from ..context import Context
from ..objective import fairness_cap, left_out, varying
from ..relax import best_share, fewest_left_out
from .weight import timetable


@dataclass(frozen=True)
class FairnessStart:
    cap: int | None = None  # the fairness level's bound; None when the plan at hand cannot reach a proven one
    solved: cp_model.CpSolver | None = None  # a fairer plan of the same weight to start from, if one fits


def cap_fairness(ctx: Context, v: Vars, values: dict | None, weight: int | None,
                 known: dict[int, tuple[int, frozenset[str]]], weight_cap: int | None = None) -> FairnessStart:
    """The fairness level's bound and a fairer plan, on the model ``v`` with the weight fixed at
    ``weight``, from the plan at hand ``values``.

    ``known``: weight -> (fewest people left out, the meetings that do it), as far as the weight
    stage found it (``weight.WeightStart.fewest``); used when the weight was fixed at that value.
    ``weight_cap``: the weight's bound, for progress reports."""
    s = ctx.settings
    if weight is None or values is None or ctx.stopped():
        return FairnessStart()
    held, mids = frozenset(mid for (mid, _n), on in values["x"].items() if on), varying(v)
    alone = left_out(v, held)
    fewest, fair = known.get(weight, (None, frozenset()))
    if fewest is None:
        limit = min(s.fair_proof_max_s, s.fair_proof_share * ctx.remaining())
        fewest, fair = fewest_left_out(v, mids, weight, limit, ctx.workers, ctx.seed, ctx.watch, held)
    if fewest is None:
        return FairnessStart()
    if fewest < len(alone):
        solved = None
        if fair and len(left_out(v, fair)) < len(alone):
            solved = timetable(ctx, v, fair, bound=weight_cap)
        return FairnessStart(None, solved)
    cap, solved = fairness_cap(v, len(alone)), None
    if cap > fairness_cap(v, len(alone), 0):  # the minimum share is not 0 by the people left out: bound it
        limit = min(s.fair_proof_max_s, s.fair_proof_share * ctx.remaining())
        share, fairest = best_share(v, mids, weight, len(alone), limit, ctx.workers, ctx.seed, ctx.watch, held)
        if share is not None:
            cap = fairness_cap(v, len(alone), share)
            if fairest != held.intersection(mids):  # the fairest choice may fit and reach the bound at once
                solved = timetable(ctx, v, fairest, bound=weight_cap)
    return FairnessStart(cap, solved)
