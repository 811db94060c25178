"""Realistic generated cooperation exchanges: the solver against the first-fit baseline.

    .venv/bin/python bench/events.py [--sizes 60 200 600 1500] [--time-limit 120] [--workers 2]
                                     [--seed 1 | --seeds 1 2 3] [--name events]

Czech/German/Polish participants of multi-person organisations, exhibitors with host tables,
late arrivals and early leavers, language gaps with few interpreters, priority-weighted wishes
biased to cross-border pairs; one day up to 200 participants, two days above.  Each size runs in
its own process so that peak memory (max RSS) is per size.  Output kept in bench/results/events.txt.

Columns on people left without a meeting although one of theirs is possible: ``alone`` in the plan,
``alone_min`` = the fewest any plan of the same weight can have (relaxation bound, relax.fewest_left_out;
``alone`` = ``alone_min`` means nobody is left out who could meet without a loss of weight),
``alone_open`` = those of them the relaxation does not prove, one by one, to need a weight loss.
``table_changes``: switches of table between consecutive meetings of a day, for participants
without a stand (level 5 of the objective); first fit's own tables take the first free table,
preferring one a participant sat at in the slot before.  The table is followed by one line per
target of issue 3 (``targets``).

Scarcity (what makes a real exchange hard; the generator before 2026-11-21 had none of it and first
fit was within 0.65 % of the optimum):
* popularity: every participant has a popularity drawn from a Pareto law (alpha 1.5), times 4 for
  exhibitors and "big buyers" (10 % of the others); a wish picks its partner in proportion to
  popularity, so the popular few get several times more wishes than they have slots;
* wishes: 4-10 per participant, 80 % of partners from another country, weight 1-3 with 3 for
  a wish made by both sides (weights add up);
* tables: one free table per 6 participants besides the exhibitors' host tables, fewer than the
  meetings wanted per slot at peak;
* attendance: 12 % arrive late (miss the first 3-5 slots of the first day), 12 % leave early
  (miss the last 3-5 slots), and on two-day events 15 % come on one day only;
* max_meetings 6 for 20 % of the participants (busy managers);
* team meetings (since 2026-11-22): 30 % of the wishes of a participant whose organisation sent
  colleagues bring one of them along (b2match's "add a team member to the meeting"), so such a
  meeting needs three people free in the same slot.  Before, colleagues only never met each other
  and shared an exhibitor's table; results before that date are for two-person meetings only.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from datetime import datetime, timedelta

from _common import Output, header
from ortools.sat.python import cp_model

from scheduler import Interpreter, Meeting, Options, Participant, Problem, Slot, Table, first_fit, solve
from scheduler import violations as find_violations
from scheduler.constraints import Vars
from scheduler.domains import domains
from scheduler.index import Index
from scheduler.objective import left_out, varying
from scheduler.relax import fewest_left_out, needs_weight_loss

NATIVE = {"CZ": "cs", "DE": "de", "PL": "pl"}
TEAM = 0.3  # share of the wishes of someone with colleagues that brings one of them along
SECOND = {"CZ": [("en", 0.75), ("de", 0.3)], "DE": [("en", 0.85)], "PL": [("en", 0.75), ("de", 0.25)]}


def _slots(days: int, per_day: int = 12) -> tuple[Slot, ...]:
    out = []
    for d in range(days):
        day = datetime(2026, 3, 10 + d, 9, 0)
        for k in range(per_day):
            start = day + timedelta(minutes=30 * k + (60 if k >= per_day // 2 else 0))
            out.append(Slot(f"d{d + 1}-{start:%H:%M}", start, start + timedelta(minutes=25), f"2026-03-{10 + d}",
                            "am" if k < per_day // 2 else "pm"))
    return tuple(out)


def _languages(rng: random.Random, country: str) -> tuple[str, ...]:
    return (NATIVE[country], *[lang for lang, p in SECOND[country] if rng.random() < p])


def _away(rng: random.Random, slots) -> tuple:
    days = sorted({s.day for s in slots})
    away = []
    r = rng.random()
    if r < 0.12:
        away += [s for s in slots if s.day == days[0]][: rng.randint(3, 5)]
    elif r < 0.24:
        away += [s for s in slots if s.day == days[-1]][-rng.randint(3, 5):]
    if len(days) > 1 and rng.random() < 0.15:
        gone = rng.choice(days)
        away += [s for s in slots if s.day == gone]
    return tuple(away)


def _people(rng: random.Random, n: int, slots) -> tuple[list[Participant], dict[str, float]]:
    people, popularity, org = [], {}, 0
    while len(people) < n:
        org += 1
        country = rng.choices(["CZ", "DE", "PL"], [0.45, 0.35, 0.2])[0]
        exhibitor = rng.random() < 0.15
        big = exhibitor or rng.random() < 0.1
        for _ in range(min(n - len(people), rng.choice([1, 1, 1, 2, 2, 3]))):
            pid = f"p{len(people) + 1}"
            popularity[pid] = rng.paretovariate(1.5) * (4 if big else 1)
            people.append(Participant(pid, f"o{org}", country, _languages(rng, country),
                                      frozenset(s.id for s in _away(rng, slots)),
                                      max_meetings=6 if rng.random() < 0.2 else None,
                                      table=f"X{org}" if exhibitor else None))
    return people, popularity


def _wishes(rng: random.Random, people: list[Participant], popularity: dict[str, float]) -> list[Meeting]:
    weights: dict[tuple[str, ...], int] = {}
    foreign = {c: [q for q in people if q.country != c] for c in NATIVE}
    pools = {c: (qs, [popularity[q.id] for q in qs]) for c, qs in foreign.items()}
    everyone = (people, [popularity[q.id] for q in people])
    team: dict[str, list[Participant]] = {}
    for q in people:
        team.setdefault(q.organisation, []).append(q)
    for q in people:
        for _ in range(rng.randint(4, 10)):
            pool, pw = pools[q.country] if rng.random() < 0.8 else everyone
            other = rng.choices(pool, pw)[0]
            if other.organisation == q.organisation:
                continue
            ids = {q.id, other.id}
            mates = [c for c in team[q.organisation] if c is not q]
            if mates and rng.random() < TEAM:
                ids.add(rng.choice(mates).id)
            key = tuple(sorted(ids))
            weights[key] = weights.get(key, 0) + rng.choice([1, 1, 2, 3])
    return [Meeting(f"m{k}", pair, weight=min(w, 5)) for k, (pair, w) in enumerate(sorted(weights.items()), 1)]


def generate(n: int, seed: int = 1) -> Problem:
    rng = random.Random(seed * 100003 + n)
    slots = _slots(1 if n <= 200 else 2)
    people, popularity = _people(rng, n, slots)
    host_tables = sorted({q.table for q in people if q.table})
    tables = tuple(Table(t) for t in host_tables) + tuple(Table(f"T{k}") for k in range(1, n // 6 + 1))
    pairs = [("cs", "de"), ("pl", "de"), ("cs", "pl"), ("cs", "de")]
    interpreters = tuple(Interpreter(f"i{k}", pairs[k % 4]) for k in range(max(2, n // 100)))
    return Problem(slots, tables, tuple(_wishes(rng, people, popularity)), tuple(people), interpreters,
                   options=Options(), name=f"generated-{n}")


def _relax_vars(problem: Problem) -> Vars:
    ix = Index(problem)
    return Vars(cp_model.CpModel(), ix, domains(ix))


def run_one(n: int, args) -> dict:
    problem = generate(n, args.seed)
    base = first_fit(problem)
    first = []
    t = time.monotonic()
    plan = solve(problem, args.time_limit, args.workers, args.seed, on_progress=lambda info: first or first.append(
        time.monotonic() - t))
    seconds = time.monotonic() - t
    bound = plan.bound.get("weight")
    v = _relax_vars(problem)
    alone = left_out(v, (a.meeting for a in plan.assignments))
    proven = needs_weight_loss(v, plan.objective["weight"], alone, 5.0)
    fewest = fewest_left_out(v, varying(v), plan.objective["weight"], 30.0, args.workers, args.seed)[0]
    return {"participants": n, "seed": args.seed, "meetings": len(problem.meetings), "slots": len(problem.slots),
            "base_weight": base.objective["weight"], "weight": plan.objective["weight"],
            "gain_%": round(100 * (plan.objective["weight"] / max(1, base.objective["weight"]) - 1), 1),
            "base_breaks": base.objective["breaks"], "breaks": plan.objective["breaks"],
            "base_table_changes": base.objective["table_changes"], "table_changes": plan.objective["table_changes"],
            "base_alone": base.objective["participants_without_meeting"],
            "alone": plan.objective["participants_without_meeting"], "alone_open": len(alone - proven),
            "alone_min": "-" if fewest is None else fewest,
            "%bound": round(100 * plan.objective["weight"] / bound, 2) if bound else "-",
            "bound": bound or "-", "status": plan.status.value,
            "first_plan_s": round(min(first[0] if first else seconds, seconds), 1), "total_s": round(seconds, 1),
            "violations": len(find_violations(problem, plan)) + len(find_violations(problem, base)),
            "peak_MB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}


def targets(rows: list[dict]) -> list[str]:
    """One line per target of issue 3, with the rows that miss it (a weight gain below +3 % is marked
    when the plan's weight is the proven optimum, i.e. no plan reaches the target there)."""
    def line(name: str, ok, why=lambda r: "", applies=lambda r: True) -> str:
        rows_in = [r for r in rows if applies(r)]
        missed = [f"{r['participants']} seed {r['seed']}{why(r)}" for r in rows_in if not ok(r)]
        return (f"# {name}: {len(rows_in) - len(missed)}/{len(rows_in)}"
                + (f" (missed: {'; '.join(missed)})" if missed else ""))

    def gain(r: dict) -> str:
        return f" {r['gain_%']:+} %" + (", the proven optimum" if r["weight"] == r["bound"] else "")

    return ["# targets (issue 3):",
            line("weight >= base + 3 %", lambda r: r["weight"] >= 1.03 * r["base_weight"], gain),
            line("breaks <= half of base", lambda r: 2 * r["breaks"] <= r["base_breaks"]),
            line("nobody left out who could meet (alone = alone_min)", lambda r: r["alone"] == r["alone_min"],
                 lambda r: f" {r['alone']} vs {r['alone_min']}"),
            line(">= 99 % of the proven bound (up to 600)", lambda r: r["%bound"] != "-" and r["%bound"] >= 99,
                 applies=lambda r: r["participants"] <= 600),
            line("first plan <= 10 s and final <= 120 s (1,500)",
                 lambda r: r["first_plan_s"] <= 10 and r["total_s"] <= 120,
                 applies=lambda r: r["participants"] >= 1500),
            line("peak memory < 4 GB", lambda r: r["peak_MB"] < 4096),
            line("no violations (plan and base)", lambda r: r["violations"] == 0)]


COLUMNS = ["participants", "seed", "meetings", "slots", "base_weight", "weight", "gain_%", "bound", "%bound",
           "base_breaks", "breaks", "base_table_changes", "table_changes", "base_alone", "alone", "alone_min",
           "alone_open", "status", "first_plan_s", "total_s", "peak_MB", "violations"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[60, 200, 600, 1500])
    ap.add_argument("--time-limit", type=float, default=120.0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1, help="generator and solver seed (default 1)")
    ap.add_argument("--seeds", type=int, nargs="+", help="several seeds, one row each (instead of --seed)")
    ap.add_argument("--name", default="events", help="results file name (default events)")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args)))
        return
    from _common import table

    seeds = args.seeds or [args.seed]
    out = Output(args.name)
    out.print(header())
    out.print(f"# time limit {args.time_limit:g} s, workers {args.workers}, seeds {' '.join(map(str, seeds))}; "
              "base = first fit (priority order, earliest slot, first free table)")
    rows = []
    for n in args.sizes:
        for seed in seeds:
            cmd = [sys.executable, __file__, "--one", str(n), "--time-limit", str(args.time_limit), "--workers",
                   str(args.workers), "--seed", str(seed)]
            rows.append(json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout))
            print(f"# {n} seed {seed} done", file=sys.stderr, flush=True)
    out.print(table(rows, COLUMNS))
    for text in targets(rows):
        out.print(text)
    out.save()


if __name__ == "__main__":
    main()
