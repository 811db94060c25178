"""CLI: ``python -m scheduler solve|check`` (see ``--help``).

Exit codes: 0 ok, 1 the plan violates a hard rule (check) or no plan was found (solve),
2 bad input (one line naming the file, key or id; no traceback).
"""

from __future__ import annotations

import argparse
import json
import sys

from .io import dump_plan, load_plan, load_problem
from .model import ProblemError
from .solver import solve
from .validate import metrics, violations


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m scheduler", description="coopex meeting scheduler")
    sub = ap.add_subparsers(dest="command", required=True)
    s = sub.add_parser("solve", help="solve a problem (.json or .dzn) and write a plan")
    s.add_argument("problem")
    s.add_argument("--time-limit", type=float, default=30.0, help="seconds (default 30)")
    s.add_argument("--workers", type=int, default=2)
    s.add_argument("--seed", type=int, default=0)
    s.add_argument("--max-breaks", type=int, default=None, help="break cap for .dzn files (default 2)")
    s.add_argument("-o", "--output", help="plan file to write (JSON)")
    c = sub.add_parser("check", help="check a plan against a problem")
    c.add_argument("problem")
    c.add_argument("plan")
    return ap


def _progress(info: dict) -> None:
    bound = "-" if info["bound"] is None else f"{info['bound']:g}"
    gap = "-" if info["gap"] is None else f"{100 * info['gap']:.1f}%"
    sys.stderr.write(f"\r[{info['phase']}] incumbent {info['incumbent']:g}  bound {bound}  gap {gap}  "
                     f"{info['elapsed_s']:.1f}s   ")
    sys.stderr.flush()


def _load(path: str, max_breaks: int | None = None):
    if path.endswith(".dzn"):
        return load_problem(path, max_breaks=2 if max_breaks is None else max_breaks)
    return load_problem(path)


def cmd_solve(args) -> int:
    problem = _load(args.problem, args.max_breaks)
    plan = solve(problem, args.time_limit, args.workers, args.seed, on_progress=_progress)
    sys.stderr.write("\n")
    if args.output:
        dump_plan(plan, args.output)
    print(json.dumps({"status": plan.status.value, **plan.objective, "bound": plan.bound,
                      "wall_time_s": plan.solver.get("wall_time_s")}))
    return 0 if plan.has_plan else 1


def cmd_check(args) -> int:
    problem = _load(args.problem)
    plan = load_plan(args.plan)
    found = violations(problem, plan)
    for v in found:
        print(f"{v.rule}: {v.message}")
    print(json.dumps(metrics(problem, plan)))
    return 1 if found else 0


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    try:
        return cmd_solve(args) if args.command == "solve" else cmd_check(args)
    except ProblemError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
