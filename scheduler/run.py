"""One solver run: time budget, progress callbacks, cooperative stop, level-by-level solves."""

from __future__ import annotations

import threading
import time

from ortools.sat.python import cp_model

from .constraints import Vars
from .model import Status
from .objective import Level

_STATUS = {cp_model.OPTIMAL: Status.OPTIMAL, cp_model.FEASIBLE: Status.FEASIBLE,
           cp_model.INFEASIBLE: Status.INFEASIBLE}


class _Progress(cp_model.CpSolverSolutionCallback):
    def __init__(self, run: Run, phase: str):
        super().__init__()
        self.run, self.phase = run, phase

    def on_solution_callback(self) -> None:
        if self.run.on_progress is None:
            return
        value, bound = self.objective_value, self.best_objective_bound
        gap = abs(value - bound) / max(1.0, abs(value))
        self.run.on_progress({"incumbent": value, "bound": bound, "gap": round(gap, 4),
                              "elapsed_s": round(time.monotonic() - self.run.t0, 2), "phase": self.phase})


class Run:
    def __init__(self, v: Vars, time_limit_s, workers, seed, on_progress, stop, t0):
        self.vars, self.time_limit_s, self.workers, self.seed = v, float(time_limit_s), int(workers), int(seed)
        self.on_progress, self.stop, self.t0 = on_progress, stop, t0
        self.values: dict | None = None
        self.bounds: dict = {}
        self.levels: list[dict] = []

    def remaining(self) -> float:
        return max(0.0, self.time_limit_s - (time.monotonic() - self.t0))

    def stopped(self) -> bool:
        return self.stop is not None and self.stop.is_set()

    def _solver(self, limit: float) -> cp_model.CpSolver:
        solver = cp_model.CpSolver()
        p = solver.parameters
        p.max_time_in_seconds = max(0.05, limit)
        p.num_workers = self.workers
        p.random_seed = self.seed
        return solver

    def _watch(self, solver: cp_model.CpSolver) -> threading.Event:
        done = threading.Event()
        if self.stop is None:
            return done

        def loop():
            while not done.wait(0.05):
                if self.stop.is_set():
                    solver.stop_search()
                    return

        threading.Thread(target=loop, daemon=True).start()
        return done

    def _store(self, solver: cp_model.CpSolver) -> None:
        v = self.vars
        self.values = {"x": {k: solver.boolean_value(lit) for k, lit in v.x.items()},
                       "y": {k: solver.boolean_value(lit) for k, lit in v.interp.items()}}

    def _hint(self) -> None:
        v = self.vars
        v.model.clear_hints()
        for k, lit in v.x.items():
            v.model.add_hint(lit, self.values["x"][k])
        for k, lit in v.interp.items():
            v.model.add_hint(lit, self.values["y"][k])

    def solve_level(self, level: Level, share: float) -> Status:
        """Optimise one level within its share of the remaining time; then fix it."""
        if self.stopped():
            return Status.UNKNOWN
        model = self.vars.model
        if level.maximize:
            model.maximize(level.expr)
        else:
            model.minimize(level.expr)
        solver = self._solver(self.remaining() * share)
        done = self._watch(solver)
        t = time.monotonic()
        code = solver.solve(model, _Progress(self, level.name))
        done.set()
        status = _STATUS.get(code, Status.UNKNOWN)
        self._record(level, solver, status, time.monotonic() - t)
        if status in (Status.OPTIMAL, Status.FEASIBLE):
            self._store(solver)
            self._fix(level, solver)
            self._hint()
        return status

    def _record(self, level: Level, solver, status: Status, seconds: float) -> None:
        has = status in (Status.OPTIMAL, Status.FEASIBLE) and level.name != "feasible"
        if has:
            self.bounds[level.name] = round(solver.best_objective_bound)
        self.levels.append({"level": level.name, "status": status.value, "seconds": round(seconds, 2),
                            "value": round(solver.objective_value) if has else None})

    def _fix(self, level: Level, solver) -> None:
        if level.name == "feasible":
            return
        value = round(solver.objective_value)
        if level.maximize:
            self.vars.model.add(level.expr >= value)
        else:
            self.vars.model.add(level.expr <= value)

    def solver_info(self) -> dict:
        return {"wall_time_s": round(time.monotonic() - self.t0, 2), "workers": self.workers, "seed": self.seed,
                "time_limit_s": self.time_limit_s, "levels": self.levels}
