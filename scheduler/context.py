"""What every stage of one solve may read: the time budget, the caller's options, the settings.

A ``Context`` is frozen: no stage changes it.  It answers how much time is left, whether the
caller asked to stop, makes CP-SAT solvers with the caller's workers and seed, and sends progress
reports to the caller.  The state that changes while solving (the model, the plan at hand, the
levels fixed) is the level engine's (``engine.LevelEngine``), and only the pipeline
(``solver._pipeline``) hands a stage's results to it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from ortools.sat.python import cp_model

from .settings import DEFAULT, Settings

WEIGHED_PHASES = ("weight", "warm_start")  # progress phases whose values are the weight level's


@dataclass(frozen=True)
class Context:
    time_limit_s: float
    workers: int
    seed: int
    t0: float  # when this budget started (time.monotonic())
    on_progress: Callable[[dict], None] | None = None
    stop: threading.Event | None = None
    settings: Settings = DEFAULT
    # Progress reports count from here: a day model's budget starts later than the whole solve,
    # but the caller sees one clock.  None: from ``t0``.
    shown_t0: float | None = None
    # The weight level counts only the meetings whose being held is decided; the meetings that
    # must be held (required, locked) add this much to every plan.  Reports add it back, so the
    # bound and the plan's weight are in the same units (``stages.weight.held_weight``).
    weight_offset: int = 0

    @classmethod
    def start(cls, time_limit_s, workers, seed, on_progress=None, stop=None, settings: Settings = DEFAULT,
              t0: float | None = None) -> Context:
        return cls(float(time_limit_s), int(workers), int(seed), time.monotonic() if t0 is None else t0,
                   on_progress, stop, settings)

    def inner(self, budget: float) -> Context:
        """A budget of ``budget`` seconds from now for a model of its own (a day's), with the same
        clock for the caller and no weight offset (a day model has no weight level)."""
        return replace(self, time_limit_s=float(budget), t0=time.monotonic(), shown_t0=self.clock_start,
                       weight_offset=0)

    @property
    def clock_start(self) -> float:
        return self.t0 if self.shown_t0 is None else self.shown_t0

    def remaining(self) -> float:
        """Solving time left: the limit less what has passed and a reserve for what follows the last level
        (tables, metrics, reasons), so the plan is back within ``time_limit_s``."""
        s = self.settings
        reserve = min(s.finish_reserve_max_s, s.finish_reserve_share * self.time_limit_s)
        return max(0.0, self.time_limit_s - reserve - (time.monotonic() - self.t0))

    def stopped(self) -> bool:
        return self.stop is not None and self.stop.is_set()

    def report(self, incumbent, phase: str, bound=None, gap=None) -> None:
        """One progress report to ``on_progress`` (if any); weights in plan units."""
        if self.on_progress is None:
            return
        if phase in WEIGHED_PHASES and self.weight_offset:
            incumbent += self.weight_offset
            bound = None if bound is None else bound + self.weight_offset
            gap = None if gap is None else round(abs(incumbent - bound) / max(1.0, abs(incumbent)), 4)
        self.on_progress({"incumbent": incumbent, "bound": bound, "gap": gap,
                          "elapsed_s": round(time.monotonic() - self.clock_start, 2), "phase": phase})

    def make_solver(self, limit: float, level: str, default_mix: bool = False) -> cp_model.CpSolver:
        """A CP-SAT solver for ``limit`` seconds, tuned for ``level`` (``default_mix``: keep
        CP-SAT's own worker mix)."""
        solver = cp_model.CpSolver()
        p = solver.parameters
        p.max_time_in_seconds = max(0.05, limit)
        p.num_workers = self.workers
        p.random_seed = self.seed
        s = self.settings
        if level in s.fast_presolve:
            # Weight/fairness on events: presolve spends most of the level's time on symmetry
            # detection and probing.  Events only: these levels are skipped when every meeting
            # is required (the B2BSP benchmark).
            p.symmetry_level = 0
            p.cp_model_probing_level = 0
        workers = () if default_mix else s.no_lp_workers.get(level, ())
        if 0 < self.workers <= len(workers):
            # Breaks have a weak, slow LP relaxation: with few cores, search without it, and use
            # core-based (MaxSAT-like) lower bounding next to it.
            alone = (s.one_worker[level],) if level in s.one_worker else workers[-1:]
            for name in workers[: self.workers] if self.workers > 1 else alone:
                p.subsolvers.append(name)
        return solver

    def watch(self, solver: cp_model.CpSolver, stalled=None) -> threading.Event:
        """Stop ``solver`` on the caller's stop event, or when ``stalled()`` says so; set the returned
        event when the solve is over."""
        done = threading.Event()
        if self.stop is None and stalled is None:
            return done

        def loop():
            while not done.wait(0.05):
                if self.stopped() or (stalled is not None and stalled()):
                    solver.stop_search()
                    return

        threading.Thread(target=loop, daemon=True).start()
        return done
