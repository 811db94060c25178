"""CLI: ``python -m scheduler solve|check`` (see ``--help``).

Exit codes: 0 ok, 1 the plan violates a hard rule (check) or no plan was found (solve),
2 bad input (one line naming the file, key or id; no traceback).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from pathlib import Path

from .io import dump_plan, load_plan, load_problem
from .model import ProblemError
from .solver import solve
from .validate import metrics, violations


class _Parser(argparse.ArgumentParser):
    """argparse that reports a bad argument in one line (no usage block), exit 2."""

    def error(self, message: str):
        self.exit(2, f"error: {message}\n")


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not math.isfinite(value) or value <= 0:  # NaN compares false everywhere, so test it explicitly
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, got {text!r}")
    return value


def _at_least(low: int, high: int = 2**31 - 1):  # CP-SAT takes seeds and worker counts as int32
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be from {low} to {high}, got {text}")
        return value
    parse.__name__ = "whole number"
    return parse


def _parser() -> argparse.ArgumentParser:
    ap = _Parser(prog="python -m scheduler", description="coopex meeting scheduler")
    sub = ap.add_subparsers(dest="command", required=True)
    s = sub.add_parser("solve", help="solve a problem (.json or .dzn) and write a plan")
    s.add_argument("problem")
    s.add_argument("--time-limit", type=_seconds, default=30.0, help="seconds (default 30)")
    s.add_argument("--workers", type=_at_least(1, 256), default=2)
    s.add_argument("--seed", type=_at_least(0), default=0)
    s.add_argument("--max-breaks", type=_at_least(0), default=None,
                   help="break cap for .dzn files (default 2)")
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


def _writable(path: str) -> None:
    """Refuse an output path that cannot be written before solving, not after the time limit."""
    target = Path(path)
    if target.is_dir() or not target.parent.is_dir() or not os.access(target.parent, os.W_OK):
        reason = "is a directory" if target.is_dir() else "its folder does not exist or is not writable"
        raise ProblemError(f"{path}: cannot write ({reason})")


def cmd_solve(args) -> int:
    problem = _load(args.problem, args.max_breaks)
    if args.output:
        _writable(args.output)
    plan = solve(problem, args.time_limit, args.workers, args.seed, on_progress=_progress)
    sys.stderr.write("\n")
    if args.output:
        dump_plan(plan, args.output)
    for u in plan.dropped_required:
        sys.stderr.write(f"required meeting {u.meeting} cannot be held ({u.reason}): planned without it\n")
    dropped = [u.meeting for u in plan.dropped_required]
    print(json.dumps({"status": plan.status.value, **plan.objective, "bound": plan.bound,
                      "wall_time_s": plan.solver.get("wall_time_s"), "dropped_required": dropped}))
    return 0 if plan.has_plan and not dropped else 1


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
