"""coopex scheduler: pure Python + OR-Tools CP-SAT, no web framework.

    from scheduler import solve, load_problem
    plan = solve(load_problem("event.json"), time_limit_s=30, workers=2, seed=0)
"""

from .baseline import first_fit
from .io import (
    dump_plan,
    dump_problem,
    load_plan,
    load_problem,
    plan_from_dict,
    plan_to_dict,
    problem_from_dict,
    problem_to_dict,
)
from .model import (
    Assignment,
    Interpreter,
    Meeting,
    Options,
    Participant,
    Plan,
    Problem,
    ProblemError,
    Slot,
    Status,
    Table,
    Unscheduled,
)
from .solver import solve
from .validate import Violation, metrics, violations

__all__ = [
    "Assignment", "Interpreter", "Meeting", "Options", "Participant", "Plan", "Problem", "ProblemError",
    "Slot", "Status", "Table", "Unscheduled", "Violation", "dump_plan", "dump_problem", "first_fit",
    "load_plan", "load_problem", "metrics", "plan_from_dict", "plan_to_dict", "problem_from_dict",
    "problem_to_dict", "solve", "violations",
]
