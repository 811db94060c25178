"""Run the B2BSP benchmark (Bofill et al., JAIR 2022) against the published results.

    .venv/bin/python bench/b2bsp.py [--only original] [--time-limit 60] [--workers 2] [--seed 0]

Prints one row per instance (instance, variant, published, ours, status, seconds) and a summary;
the last output is kept in ``bench/results/b2bsp-<only>.txt``.
"""

from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

from _common import B2BSP_DATA, Output, header

from scheduler import load_problem, solve, violations
from scheduler.model import Status


def _rows(data: Path, only: str | None, fairness: int, names: list[str]) -> list[dict]:
    with open(data / "published_results.csv", newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if int(r["fairness_d"]) == fairness]
    rows = [r for r in rows if only is None or r["variant"] == only]
    return [r for r in rows if not names or r["instance"] in names]


def _ours(problem, plan) -> str:
    if plan.status == Status.INFEASIBLE:
        return "UNSAT"
    if not plan.has_plan:
        return "-"
    if violations(problem, plan):
        return "INVALID"
    return str(plan.objective["breaks"])


def run_one(data: Path, row: dict, args, fairness: int) -> dict:
    problem = load_problem(data / row["file"], max_breaks=fairness)
    t = time.monotonic()
    plan = solve(problem, time_limit_s=args.time_limit, workers=args.workers, seed=args.seed)
    seconds = time.monotonic() - t
    ours = _ours(problem, plan)
    return {"instance": row["instance"], "variant": row["variant"], "published": row["best_value"],
            "ours": ours, "status": plan.status.value, "seconds": f"{seconds:.1f}",
            "equal": ours == row["best_value"]}


def _summary(results: list[dict]) -> str:
    equal = sum(r["equal"] for r in results)
    wrong_unsat = sum(r["ours"] == "UNSAT" and r["published"] != "UNSAT" for r in results)
    better = sum(r["ours"].isdigit() and r["published"].isdigit() and int(r["ours"]) < int(r["published"])
                 for r in results)
    proven = sum(r["status"] in ("optimal", "infeasible") for r in results)
    return (f"# equal to published: {equal}/{len(results)} | proven (optimal/infeasible): {proven} | "
            f"infeasible where the paper found a plan: {wrong_unsat} | below published: {better}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", help="variant: original, forb0003, forb0007, fixed020-Forb, fixed040-Forb, prec15, "
                    "prec25")
    ap.add_argument("--instance", action="append", default=[], help="instance name (repeatable)")
    ap.add_argument("--time-limit", type=float, default=60.0, help="seconds per instance (default 60)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--fairness", type=int, default=2, help="max breaks per participant d (default 2)")
    ap.add_argument("--name", help="results file name (default b2bsp-<only>)")
    args = ap.parse_args()
    data = B2BSP_DATA
    out = Output(args.name or f"b2bsp-{args.only or 'all'}")
    out.print(header())
    out.print(f"# time limit {args.time_limit:g} s/instance, workers {args.workers}, seed {args.seed}, "
              f"fairness d={args.fairness}")
    out.print(f"{'instance':16} {'variant':14} {'published':>9} {'ours':>7} {'status':10} {'seconds':>7}")
    results = []
    for row in _rows(data, args.only, args.fairness, args.instance):
        r = run_one(data, row, args, args.fairness)
        results.append(r)
        mark = "" if r["equal"] else "  <-- differs"
        out.print(f"{r['instance']:16} {r['variant']:14} {r['published']:>9} {r['ours']:>7} {r['status']:10} "
                  f"{r['seconds']:>7}{mark}")
    out.print(_summary(results))
    out.save()


if __name__ == "__main__":
    main()
