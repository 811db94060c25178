"""Every tuning constant of the solver, in one frozen object.

``solve(problem, settings=Settings(...))`` changes them for one run; the defaults are the values
the benchmarks were measured with (bench/RESULTS.md keeps those measurements).  A share is a
fraction of the solving time still left when the stage starts; a ``*_max_s`` caps it in seconds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType


def _frozen(mapping: dict) -> MappingProxyType:
    return MappingProxyType(mapping)


@dataclass(frozen=True)
class Settings:
    # --- time split between the objective levels (engine.solve_levels) --------------------------
    # Relative shares of the time left for each level still to solve: more for one level means a
    # better value there and less time for the levels after it.
    level_shares: MappingProxyType = field(default_factory=lambda: _frozen(
        {"weight": 2.0, "fairness": 1.0, "breaks": 3.0, "changes": 1.0, "tables": 0.0, "feasible": 1.0}))
    # Kept back from the time limit for the tables, reasons and metrics after the last level: too
    # little and the plan comes back late, too much and the last level stops early.
    finish_reserve_share: float = 0.03
    finish_reserve_max_s: float = 5.0

    # --- warm start and weight (stages/weight.py) ---------------------------------------------------
    # The meeting-only relaxation that bounds the weight: a tighter bound proves optimality sooner
    # but costs time the weight level no longer has.
    relax_share: float = 0.15
    relax_max_s: float = 10.0
    # The relaxation-guided greedy warm start: a better first plan against time for CP-SAT.
    grow_share: float = 0.1
    grow_max_s: float = 10.0
    # Timetabling exactly the relaxation's meetings (reaches the weight bound at once when it fits).
    timetable_share: float = 0.08
    timetable_max_s: float = 10.0

    # --- fairness (stages/fairness.py) ---------------------------------------------------------
    # Each relaxation proof of the fairness level (fewest people left out, best minimum share):
    # a proof ends the level at once, a failed try is time lost.
    fair_proof_share: float = 0.1
    fair_proof_max_s: float = 10.0

    # --- breaks (stages/breaks.py) --------------------------------------------------------------
    # Local moves (single moves, swaps, filling in people left alone) before the breaks models:
    # they converge in seconds up to 600 participants and beat CP-SAT per second at 1,500.
    polish_share: float = 0.25
    polish_max_s: float = 20.0
    # A first short try of every day model before the annealing: small days are proven at once.
    quick_share: float = 0.05
    quick_max_s: float = 3.0
    # The annealing of the unfinished days, before the day models go on from its plan; when every
    # day is too large for its model the neighbourhood search gets the rest.
    anneal_share: float = 0.5
    anneal_alone_share: float = 0.8
    # At most this many seconds per meeting, so that a small event is not annealed for half its time.
    anneal_s_per_meeting: float = 0.1
    # A day with more meetings than this skips CP-SAT's day model (too large to improve in time)
    # and is left to the annealing and the neighbourhood search.
    day_model_max: int = 2000
    # Rounds of day models and neighbourhoods while days are unfinished and this much time is left.
    day_rounds: int = 3
    day_round_min_s: float = 5.0
    # The neighbourhood search stops after this long without a better step (share of the time left).
    lns_stall_share: float = 0.1
    lns_stall_min_s: float = 2.0
    # Neighbourhood size and time per step: larger groups find more per step but each step is slower
    # (1,500 participants: 15 people was best, 40 and 80 were too slow per step).
    lns_group: int = 15
    lns_step_s: float = 0.2
    # Annealing temperature from start to end: higher takes more worse moves early on.
    anneal_t_start: float = 0.5
    anneal_t_end: float = 0.01
    # Kempe chains longer than this are skipped: they rarely help and cost time.
    anneal_chain_max: int = 60
    # Progress reports of the annealing at most this often.
    anneal_report_s: float = 1.0

    # --- decisions "breaks <= k" (engine.py, when every meeting's being held is fixed) ----------------
    # Share of the level's budget for plain optimisation before deciding from the bound upwards.
    descend_first: float = 0.5
    # Share of the time left for each decision; the rest goes to the next (easier) k.
    descend_slice: float = 0.75
    # A decision first tries without the LP for this long, then with CP-SAT's default mix.
    fast_try_share: float = 0.2
    fast_try_max_s: float = 3.0
    # Per participant, in the rounds of the split decision "breaks <= 1": short rounds decide the
    # easy participants first, longer ones retry the undecided.
    split_rounds_s: tuple[float, ...] = (0.5, 3.0, 10.0)
    # An optimisation of breaks stops for the decisions after this long without a better plan.
    stall_share: float = 0.1
    stall_min_s: float = 5.0

    # --- CP-SAT workers -----------------------------------------------------------------------
    # Subsolvers per level with few workers (no LP: breaks have a weak, slow LP relaxation; core:
    # MaxSAT-like lower bounds).  Levels not listed keep CP-SAT's default mix.
    no_lp_workers: MappingProxyType = field(default_factory=lambda: _frozen(
        {"breaks": ("core", "no_lp"), "changes": ("core", "no_lp"), "feasible": ("quick_restart_no_lp", "no_lp"),
         "decide_fast": ("no_lp", "default_lp")}))
    # With a single worker, the subsolver to use where it is not the last one listed above.
    one_worker: MappingProxyType = field(default_factory=lambda: _frozen({"decide_fast": "no_lp"}))
    # Levels whose presolve skips symmetry detection and probing: on events they took most of the
    # weight level's time; every-meeting-required problems (B2BSP) never solve these levels.
    fast_presolve: tuple[str, ...] = ("weight", "fairness")

    # --- impossible required meetings (culprits.py) --------------------------------------------
    # Below this much time left an infeasible answer is returned as it is.
    culprit_min_s: float = 1.0
    # Share of the time left for finding the required meetings that cannot be held.
    culprit_share: float = 0.3


DEFAULT = Settings()
