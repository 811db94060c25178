"""Fairness: bounds that let the fairness level stop as soon as the plan at hand reaches them.

The fairness level is lexicographic: fewest people without a meeting, then the smallest share of
the weight a participant asked for.  Both have relaxation bounds at the weight just fixed
(``relax.fewest_left_out``, ``relax.best_share``); when the plan at hand meets them, CP-SAT need not
prove it, and when the relaxation's fairer choice of meetings fits the slots (``weight.timetable``)
it becomes the plan at hand.
"""

from __future__ import annotations

from ..objective import fairness_cap, left_out, varying
from ..relax import best_share, fewest_left_out
from ..run import Run
from .weight import timetable


def cap_fairness(run: Run, known: dict[int, tuple[int, frozenset[str]]]) -> int | None:
    """The fairness level's bound, or None when the plan at hand cannot reach a proven one.

    ``known``: weight -> (fewest people left out, the meetings that do it), as far as the weight
    stage found it (``weight.WeightStart.fewest``); used when the weight was fixed at that value."""
    v, s, weight = run.vars, run.settings, run.fixed_values.get("weight")
    if weight is None or run.values is None or run.stopped():
        return None
    held, mids = frozenset(mid for (mid, _n), on in run.values["x"].items() if on), varying(v)
    alone = left_out(v, held)
    fewest, fair = known.get(weight, (None, frozenset()))
    if fewest is None:
        limit = min(s.fair_proof_max_s, s.fair_proof_share * run.remaining())
        fewest, fair = fewest_left_out(v, mids, weight, limit, run.workers, run.seed, run.watch, held)
    if fewest is None:
        return None
    if fewest < len(alone):
        if fair and len(left_out(v, fair)) < len(alone):
            timetable(run, fair)
        return None
    cap = fairness_cap(v, len(alone))
    if cap > fairness_cap(v, len(alone), 0):  # the minimum share is not 0 by the people left out: bound it
        limit = min(s.fair_proof_max_s, s.fair_proof_share * run.remaining())
        share, fairest = best_share(v, mids, weight, len(alone), limit, run.workers, run.seed, run.watch, held)
        if share is not None:
            cap = fairness_cap(v, len(alone), share)
            if fairest != held.intersection(mids):  # the fairest choice may fit and reach the bound at once
                timetable(run, fairest)
    return cap
