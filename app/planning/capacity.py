"""Capacity planning: how many extra tables (or slots) would schedule N % of the accepted wishes?

Variants are ordinary runs (kind "capacity") with `extra_tables` or `extra_slots`, solved by the
worker with a short time limit; they can be compared but never applied.
"""
from sqlalchemy import select

from ..extensions import db
from .models import RunStatus, ScheduleRun
from .runs import queue_run


def variant_steps(max_extra):
    steps = sorted({0, max(1, max_extra // 3), max(1, (2 * max_extra) // 3), max_extra})
    return steps


def queue_capacity_runs(event, target_percent, max_extra, time_limit_s, user=None):
    batch = (db.session.scalar(select(ScheduleRun.id).order_by(ScheduleRun.id.desc()).limit(1)) or 0) + 1
    made = []
    for what in ("extra_tables", "extra_slots"):
        for n in variant_steps(max_extra):
            if n == 0 and what == "extra_slots":
                continue  # the base case is solved once
            made.append(queue_run(event, user=user, time_limit_s=time_limit_s, workers=1, kind="capacity",
                                  batch=batch, target_percent=target_percent, **{what: n}))
    return made


def capacity_table(event):
    """Rows of the latest batch: (kind, extra, run, scheduled, wishes, share, reaches target)."""
    runs = db.session.scalars(select(ScheduleRun).where(ScheduleRun.event_id == event.id)
                              .order_by(ScheduleRun.id.desc())).all()
    runs = [r for r in runs if (r.parameters or {}).get("kind") == "capacity"]
    if not runs:
        return []
    batch = runs[0].parameters.get("batch")
    rows = []
    for r in sorted((r for r in runs if r.parameters.get("batch") == batch), key=lambda r: r.id):
        p = r.parameters
        what = "slots" if p.get("extra_slots") else "tables"
        extra = p.get("extra_slots") or p.get("extra_tables") or 0
        wishes = len((r.problem or {}).get("meetings", [])) or None
        done = r.status in (RunStatus.DONE, RunStatus.CANCELLED) and r.plan
        scheduled = len(r.plan.get("assignments", [])) if done else None
        share = scheduled / wishes if done and wishes else None
        reaches = share is not None and share * 100 >= float(p.get("target_percent", 100))
        rows.append({"what": what, "extra": extra, "run": r, "scheduled": scheduled, "wishes": wishes,
                     "share": share, "reaches": reaches, "target": p.get("target_percent")})
    return rows


def smallest_reaching(rows):
    """{"tables": n, "slots": n}: the fewest extra tables / slots that reach the target (None: not reached)."""
    out = {}
    for what in ("tables", "slots"):
        ok = [r["extra"] for r in rows if r["reaches"] and (r["what"] == what or r["extra"] == 0)]
        out[what] = min(ok) if ok else None
    return out
