"""The events benchmark's target summary names the rows that miss a target (bench/events.py)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import events  # noqa: E402


def _row(n, seed, base, weight, bound, **kw):
    row = {"participants": n, "seed": seed, "base_weight": base, "weight": weight, "bound": bound,
           "gain_%": round(100 * (weight / base - 1), 1), "base_breaks": 100, "breaks": 50, "alone": 0,
           "alone_min": 0, "%bound": round(100 * weight / bound, 2), "first_plan_s": 0.4, "total_s": 104.0,
           "peak_MB": 700, "violations": 0}
    return row | kw


def test_targets_name_the_misses_and_whether_the_optimum_is_below_the_target():
    rows = [_row(60, 1, 100, 104, 104), _row(60, 2, 100, 102, 102), _row(200, 1, 100, 102, 110, breaks=51),
            _row(1500, 1, 100, 104, 104, first_plan_s=12.0, alone=3, alone_min=2)]
    lines = dict(line.split(": ", 1) for line in events.targets(rows)[1:])
    assert lines["# weight >= base + 3 %"] == (
        "2/4 (missed: 60 seed 2 +2.0 %, the proven optimum; 200 seed 1 +2.0 %)")
    assert lines["# breaks <= half of base"] == "3/4 (missed: 200 seed 1)"
    assert lines["# nobody left out who could meet (alone = alone_min)"] == "3/4 (missed: 1500 seed 1 3 vs 2)"
    assert lines["# >= 99 % of the proven bound (up to 600)"] == "2/3 (missed: 200 seed 1)"
    assert lines["# first plan <= 10 s and final <= 120 s (1,500)"] == "0/1 (missed: 1500 seed 1)"
    assert lines["# no violations (plan and base)"] == "4/4"
