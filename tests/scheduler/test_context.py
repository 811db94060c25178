"""What every stage reads (context.py): the time budget and progress reports."""

import time
from dataclasses import replace

from scheduler.context import Context


def test_a_day_models_budget_reports_on_the_callers_clock_without_the_weight_offset():
    reports = []
    ctx = Context.start(60, 1, 0, on_progress=reports.append, t0=time.monotonic() - 5)
    ctx = replace(ctx, weight_offset=7)
    ctx.report(10, "weight", 12, 0.2)
    ctx.report(3, "breaks", 1, 0.5)
    inner = ctx.inner(2.0)
    inner.report(4, "weight", 4, 0.0)
    (weight, breaks, day) = reports
    assert (weight["incumbent"], weight["bound"], weight["gap"]) == (17, 19, round(2 / 17, 4))
    assert (breaks["incumbent"], breaks["bound"], breaks["gap"]) == (3, 1, 0.5)  # not a weight: as it came
    assert day["incumbent"] == 4 and day["elapsed_s"] >= 5  # the caller's clock, not the day's
    assert inner.remaining() <= 2.0 < ctx.remaining() and inner.weight_offset == 0


def test_remaining_keeps_a_reserve_for_the_tables_and_stops_at_zero():
    ctx = Context.start(100, 1, 0)
    reserve = min(ctx.settings.finish_reserve_max_s, ctx.settings.finish_reserve_share * 100)
    assert reserve > 0 and 99 - reserve < ctx.remaining() <= 100 - reserve
    assert Context.start(1, 1, 0, t0=time.monotonic() - 2).remaining() == 0.0

