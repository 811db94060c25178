"""The level engine of one solve: the lexicographic objective, one CP-SAT level at a time.

``LevelEngine`` owns what changes while the levels are solved: the current model (``vars``), the
plan at hand (``values`` on the meeting variables, ``full`` on all variables, for hints), the
levels fixed so far, their bounds, and how each level is searched (``caps``, ``descend``,
``default_mix``).  Stages never write into it: they read what they need (the model, the plan at
hand, the ``Context``) and return their results as values, and the pipeline
(``solver._pipeline``) hands those to the engine through the methods below.  The breaks stage
that needs the model with break variables gets a new engine (``moved_to``).
"""

from __future__ import annotations

import time

from ortools.sat.python import cp_model

from . import constraints as c
from .breaks import breaks_by_person, window_channel
from .constraints import Vars, fixed_copy
from .context import Context
from .model import Status
from .objective import Level

_STATUS = {cp_model.OPTIMAL: Status.OPTIMAL, cp_model.FEASIBLE: Status.FEASIBLE,
           cp_model.INFEASIBLE: Status.INFEASIBLE}


class _Progress(cp_model.CpSolverSolutionCallback):
    def __init__(self, engine: LevelEngine, phase: str, decide: tuple[int, int] | None = None):
        super().__init__()
        self.engine, self.phase, self.decide = engine, phase, decide
        self.last, self.bound = time.monotonic(), None  # time of the last solution, its bound

    def on_solution_callback(self) -> None:
        value, bound = self.decide or (self.objective_value, self.best_objective_bound)
        self.last, self.bound = time.monotonic(), bound
        cap = self.engine.caps.get(self.phase)
        if cap is not None and value >= cap:
            self.stop_search()  # at the relaxation's bound: optimal
        if self.engine.ctx.on_progress is None:
            return
        bound = bound if cap is None else min(bound, cap)
        self.engine.ctx.report(value, self.phase, bound, round(abs(value - bound) / max(1.0, abs(value)), 4))


class LevelEngine:
    def __init__(self, v: Vars, ctx: Context):
        self.vars, self.ctx = v, ctx
        self.values: dict | None = None  # the plan at hand on the meeting variables, see ``chosen_of``
        self.full: list[int] = []  # the plan at hand on every variable of the model, for hints
        self.solved: cp_model.CpSolver | None = None  # the solver that found ``full``
        self.fixed_values: dict[str, int] = {}
        self.bounds: dict = {}
        self.levels: list[dict] = []  # one record per level solved: name, status, seconds, value
        self.caps: dict[str, int] = {}  # level -> a bound from elsewhere; reaching it ends the level
        self.default_mix: set[str] = set()  # levels that keep CP-SAT's own worker mix
        self.descend: set[str] = set()  # minimised levels finished by decisions from the bound up

    def stopped(self) -> bool:
        return self.ctx.stopped()

    def remaining(self) -> float:
        return self.ctx.remaining()

    def make_solver(self, limit: float, level: str) -> cp_model.CpSolver:
        return self.ctx.make_solver(limit, level, default_mix=level in self.default_mix)

    def take(self, values: dict) -> None:
        """A plan found outside CP-SAT (a warm start, local moves) becomes the plan at hand."""
        self.values = values

    def adopt(self, solver: cp_model.CpSolver) -> None:
        """The solution of ``solver`` (on a copy of this model) becomes the plan at hand and a
        complete hint."""
        self.store(solver)
        self.hint_all()

    def store(self, solver: cp_model.CpSolver) -> None:
        """Take the solution of ``solver`` (on the current model or a copy of it) as the plan at hand."""
        v = self.vars
        self._take(solver)
        self.values = {"x": {k: bool(self.full[lit.index]) for k, lit in v.x.items()},
                       "y": {k: bool(self.full[lit.index]) for k, lit in v.interp.items()}}

    def _take(self, solver: cp_model.CpSolver) -> None:
        self.full, self.solved = list(solver.response_proto.solution), solver

    def value_of(self, level: Level) -> int:
        """The level's value in the plan at hand (the solution ``full`` came from)."""
        return int(self.solved.value(level.expr))

    def hint_all(self) -> None:
        """Hint every variable with the last solution (a complete hint is taken at once)."""
        model = self.vars.model
        model.clear_hints()
        for index, value in enumerate(self.full):
            model.add_hint(model.get_int_var_from_proto_index(index), value)

    def moved_to(self, v: Vars, fixed: list[Level], values: dict, default_mix: set[str]) -> LevelEngine:
        """A new engine on another model of the same problem (the one with break variables): the
        levels ``fixed`` keep the values found here, ``values`` is its plan at hand and hint, and the
        bounds and records found so far carry over.  This engine is left as it was."""
        other = LevelEngine(v, self.ctx)
        other.bounds, other.levels, other.caps = dict(self.bounds), list(self.levels), dict(self.caps)
        other.descend, other.default_mix = set(self.descend), self.default_mix | default_mix
        for level in fixed:
            if level.name in self.fixed_values:
                other._fix(level, self.fixed_values[level.name])
        other.values = values
        other.hint(values["x"], 0.2)
        return other

    def hint(self, hinted: dict[tuple[str, int], bool], share: float, complete: bool = True) -> None:
        """Hint a plan given on the ``x`` variables: completed to all variables when that works within
        ``share`` of the remaining time (at most 10 s), else on the ``x`` variables alone."""
        if complete and self.complete_hint(hinted, min(10.0, share * self.remaining())):
            return
        for key, lit in self.vars.x.items():
            self.vars.model.add_hint(lit, hinted.get(key, False))

    def complete_hint(self, hinted: dict[tuple[str, int], bool], limit: float) -> bool:
        """Extend a plan given on the ``x`` variables to all variables (fix x, solve a copy)."""
        v = self.vars
        model = fixed_copy(v.model, [lit for key, lit in v.x.items() if hinted.get(key, False)],
                           [lit for key, lit in v.x.items() if not hinted.get(key, False)])
        model.clear_objective()
        solver = self.make_solver(limit, "feasible")
        if solver.solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return False
        self._take(solver)
        self.hint_all()
        return True

    def _cp_solve(self, level: Level, limit: float, decide: tuple[int, int] | None = None, mix: str = "decide",
                  stall: float | None = None,
                  model: cp_model.CpModel | None = None) -> tuple[Status, cp_model.CpSolver]:
        """One CP-SAT call on ``model`` (default: the engine's); ``decide`` = (k, bound) for a decision
        "level <= k" (``model`` is then the decision's copy) with the worker ``mix``.

        With ``stall``, a minimisation whose bound is at most 1 stops when it has found no better
        solution for ``stall`` seconds: the split decision "level <= 1" (``_decide_split``) is faster."""
        solver = self.make_solver(limit, mix if decide else level.name)
        progress = _Progress(self, level.name, decide)
        stalled = None
        if stall is not None:
            def stalled():
                return (progress.bound is not None and progress.bound <= 1
                        and time.monotonic() - progress.last > stall)
        done = self.ctx.watch(solver, stalled)
        code = solver.solve(self.vars.model if model is None else model, progress)
        done.set()
        return _STATUS.get(code, Status.UNKNOWN), solver

    def solve_level(self, level: Level, share: float) -> Status:
        """Optimise one level within its share of the remaining time; then fix it."""
        if self.stopped():
            return Status.UNKNOWN
        model, t, budget = self.vars.model, time.monotonic(), self.remaining() * share
        cap = self.caps.get(level.name)
        if level.maximize and cap is not None and self.full and self.value_of(level) >= cap:
            # the plan at hand reaches the relaxation's bound (stages.weight.timetable): nothing to
            # search, and CP-SAT would take seconds to confirm it on a large event
            self._fix(level, cap)
            self._record(level, Status.OPTIMAL, cap, cap, time.monotonic() - t)
            return Status.OPTIMAL
        if level.maximize:
            model.maximize(level.expr)
        else:
            model.minimize(level.expr)
        descend = level.name in self.descend and not level.maximize
        s = self.ctx.settings
        stall = max(s.stall_min_s, s.stall_share * budget) if descend and level.name == "breaks" else None
        status, solver = self._cp_solve(level, budget * (s.descend_first if descend else 1.0), stall=stall)
        if descend and status == Status.UNKNOWN and not self.stopped():  # no plan yet: keep optimising
            status, solver = self._cp_solve(level, t + budget - time.monotonic())
        value = bound = None
        if status in (Status.OPTIMAL, Status.FEASIBLE):
            self.store(solver)
            value, bound = round(solver.objective_value), round(solver.best_objective_bound)
            if descend and status == Status.FEASIBLE:
                status, value, bound = self._descend(level, value, bound, t + budget)
            if level.name in self.caps and value >= self.caps[level.name]:
                status = Status.OPTIMAL
            self._fix(level, value)
            self.hint_all()
        self._record(level, status, value, bound, time.monotonic() - t)
        return status

    def _descend(self, level: Level, value: int, bound: int, deadline: float) -> tuple[Status, int, int]:
        """Decide "level <= k" for k = bound, bound + 1, ... below the incumbent, each without an objective.

        A tight cap propagates far more than an objective that only has to beat the incumbent.  A refuted k raises
        the bound; an undecided one is skipped for the next (easier) k.  This is linear UNSAT-SAT
        search as MaxSAT solvers do it.
        """
        self.vars.model.clear_objective()
        k = bound
        while k < value and not self.stopped():
            left = deadline - time.monotonic()
            if left < 0.2:
                break
            share = self.ctx.settings.descend_slice
            status, solver = self._decide(level, left if k + 1 == value else max(0.2, share * left), (k, bound))
            if status == Status.INFEASIBLE:
                bound = k + 1
            elif status in (Status.OPTIMAL, Status.FEASIBLE):
                self.store(solver)
                value = k
                break
            k += 1
        return (Status.OPTIMAL if value <= bound else Status.FEASIBLE), value, bound

    def _decide(self, level: Level, limit: float, decide: tuple[int, int]) -> tuple[Status, cp_model.CpSolver]:
        """A decision, first briefly without the LP, then with CP-SAT's default mix for the rest.

        Which one decides fast varies by instance, so both get a turn."""
        t, model = time.monotonic(), self._decision(level, decide[0])
        if level.name == "breaks" and decide[0] == 1:
            status, solver = self._decide_split(level, t + limit, decide, model)
            if status != Status.UNKNOWN or self.stopped():
                return status, solver
            limit -= time.monotonic() - t
            t = time.monotonic()
        s = self.ctx.settings
        status, solver = self._cp_solve(level, min(s.fast_try_max_s, s.fast_try_share * limit), decide, "decide_fast",
                                        model=model)
        if status != Status.UNKNOWN or self.stopped():
            return status, solver
        return self._cp_solve(level, limit - (time.monotonic() - t), decide, model=model)

    def _decision(self, level: Level, k: int) -> cp_model.CpModel:
        """A copy of the engine's model for the decision "level <= k", with the window channel."""
        model = fixed_copy(self.vars.model)
        model.add(level.expr <= k)
        window_channel(self.vars, model)
        return model

    def _alone(self, decision: cp_model.CpModel, pid: str) -> cp_model.CpModel:
        """A copy of ``decision`` where every participant but ``pid`` has no break, without hints."""
        model = decision.clone()
        model.clear_hints()
        for other, expr in self.vars.breaks.items():
            if other != pid:
                model.add(expr <= 0)
        return model

    def _decide_split(self, level: Level, deadline: float, decide: tuple[int, int],
                      decision: cp_model.CpModel) -> tuple[Status, object]:
        """Decide "breaks <= 1" as one decision per participant: only this one may have a break.

        With everyone else's breaks fixed at 0, their busy slots are exact windows and CP-SAT
        propagates far more than under one shared budget; most participants are refuted by
        presolve at once.  Rounds with growing limits (``settings.split_rounds_s``) retry the
        undecided ones; participants with breaks in the incumbent go first, then those with more
        meetings.  The decisions get no hints (the incumbent's point at its breaks).  Every
        participant refuted proves "breaks <= 1" false.
        """
        v = self.vars
        if not v.breaks:
            return Status.UNKNOWN, None
        had = breaks_by_person(v, self.values["x"]) if self.values else {}
        todo = sorted(v.breaks, key=lambda pid: (-had.get(pid, 0), -len(v.ix.by_person[pid])))
        status, solver = Status.UNKNOWN, None
        for per in self.ctx.settings.split_rounds_s:
            undecided = []
            for pid in todo:
                left = deadline - time.monotonic()
                if left < 0.1 or self.stopped():
                    return Status.UNKNOWN, None
                status, solver = self._cp_solve(level, min(per, left), decide, "decide_fast",
                                                model=self._alone(decision, pid))
                if status in (Status.OPTIMAL, Status.FEASIBLE):
                    return status, solver
                if status == Status.UNKNOWN:
                    undecided.append(pid)
            if not undecided:
                return Status.INFEASIBLE, solver
            todo = undecided
        return Status.UNKNOWN, None

    def _record(self, level: Level, status: Status, value, bound, seconds: float) -> None:
        if value is not None and level.name != "feasible":
            self.bounds[level.name] = min(bound, self.caps.get(level.name, bound)) if level.maximize else bound
        elif level.maximize and level.name in self.caps:  # no plan from CP-SAT: the relaxation still bounds it
            self.bounds[level.name] = self.caps[level.name]
        self.levels.append({"level": level.name, "status": status.value, "seconds": round(seconds, 2),
                            "value": value if level.name != "feasible" else None})

    def _fix(self, level: Level, value: int) -> None:
        if level.name == "feasible":
            return
        self.fixed_values[level.name] = value
        if level.maximize:
            self.vars.model.add(level.expr >= value)
        else:
            self.vars.model.add(level.expr <= value)

    def plan_bounds(self) -> dict:
        """The bounds found, the weight's in the units of the plan's weight (``Context.weight_offset``)."""
        bounds = dict(self.bounds)
        if "weight" in bounds:
            bounds["weight"] += self.ctx.weight_offset
        return bounds

    def solver_info(self) -> dict:
        ctx = self.ctx
        return {"wall_time_s": round(time.monotonic() - ctx.t0, 2), "workers": ctx.workers, "seed": ctx.seed,
                "time_limit_s": ctx.time_limit_s, "levels": self.levels}


def chosen_of(v: Vars, values: dict) -> dict[str, tuple[int, str | None]]:
    """{meeting: (slot position, interpreter)} of a plan given as ``LevelEngine.values``."""
    used = {(mid, n): cls for (mid, n, cls), on in values["y"].items() if on}
    interpreters = c.pick_interpreters(v, used)
    return {mid: (n, interpreters.get(mid)) for (mid, n), on in values["x"].items() if on}


def solve_levels(engine: LevelEngine, todo: list[Level], later: list[str], before=None) -> Status:
    """Solve the levels ``todo`` in order, each within its share of the time left (``later``: the names of
    levels another stage solves afterwards, which keep their shares).  ``before``: level name -> a
    function called just before that level (the fairness stage's bound)."""
    shares, status = engine.ctx.settings.level_shares, Status.OPTIMAL
    for k, level in enumerate(todo):
        if before and level.name in before:
            before[level.name]()
        share = shares[level.name] / (sum(shares[x.name] for x in todo[k:]) + sum(shares[x] for x in later))
        got = engine.solve_level(level, share)
        if got == Status.INFEASIBLE or (got == Status.UNKNOWN and engine.values is None):
            return got
        if got in (Status.UNKNOWN, Status.FEASIBLE):
            status = Status.FEASIBLE
        if engine.stopped():
            return status if k == len(todo) - 1 else Status.FEASIBLE
    return status
