"""Solver runs: queue, claim (never twice), execute with progress and stop, detect dead workers.

Services flush, never commit — except the worker side (`claim_next`, `execute_run`, `fail_stale_runs`),
which is a process of its own and must make its progress visible to the web app as it goes.
"""
import os
import socket
import threading
import time
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select, update

from ..events.models import Event
from ..extensions import db
from ..i18n import utcnow
from . import adapter
from .models import RunStatus, ScheduleRun

STALE_AFTER_S = 30
BEAT_EVERY_S = 0.5


class RunError(ValueError):
    pass


def queue_run(event, *, user=None, time_limit_s=None, workers=None, seed=0, kind="solve", **variant):
    """A queued run; the worker builds the problem when it starts, from the data of that moment."""
    limit = float(time_limit_s or current_app.config.get("SOLVER_TIME_LIMIT_S", 30))
    if not 0 < limit <= 3600:
        raise RunError(_("The time limit must be between 1 second and one hour."))
    params = {"time_limit_s": limit, "workers": int(workers or current_app.config.get("SOLVER_WORKERS", 2)),
              "seed": int(seed), "kind": kind, **variant}
    run = ScheduleRun(event_id=event.id, parameters=params, status=RunStatus.QUEUED,
                      created_by_id=getattr(user, "id", None))
    db.session.add(run)
    db.session.flush()
    return run


def request_stop(run):
    if run.status not in (RunStatus.QUEUED, RunStatus.RUNNING):
        raise RunError(_("This run has already finished."))
    if run.status == RunStatus.QUEUED:
        run.status, run.finished_at = RunStatus.CANCELLED, utcnow()
    run.stop_requested = True
    db.session.flush()


def worker_name():
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


def claim_next(name=None, run_id=None):
    """Take the oldest queued run (or run `run_id` if still queued) for this worker, or None. Commits.
    Safe with many workers: SKIP LOCKED on PostgreSQL, an atomic conditional UPDATE on SQLite."""
    name = name or worker_name()
    now = utcnow()
    if db.engine.dialect.name == "postgresql":
        stmt = select(ScheduleRun).where(ScheduleRun.status == RunStatus.QUEUED)
        if run_id is not None:
            stmt = stmt.where(ScheduleRun.id == run_id)
        run = db.session.scalar(stmt.order_by(ScheduleRun.id).limit(1).with_for_update(skip_locked=True))
        if run is None:
            db.session.rollback()
            return None
        run.status, run.worker, run.started_at, run.heartbeat_at = RunStatus.RUNNING, name, now, now
        db.session.commit()
        return run
    return _claim_by_update(name, now, run_id)


def _claim_by_update(name, now, wanted=None):
    """SQLite: an atomic UPDATE … WHERE status = 'queued' decides who gets the run."""
    for _attempt in range(5):
        stmt = select(ScheduleRun.id).where(ScheduleRun.status == RunStatus.QUEUED)
        if wanted is not None:
            stmt = stmt.where(ScheduleRun.id == wanted)
        run_id = db.session.scalar(stmt.order_by(ScheduleRun.id).limit(1))
        if run_id is None:
            db.session.rollback()
            return None
        done = db.session.execute(
            update(ScheduleRun).where(ScheduleRun.id == run_id, ScheduleRun.status == RunStatus.QUEUED)
            .values(status=RunStatus.RUNNING, worker=name, started_at=now, heartbeat_at=now)
            .execution_options(synchronize_session=False))
        db.session.commit()
        if done.rowcount == 1:
            return db.session.get(ScheduleRun, run_id, populate_existing=True)
    return None


def fail_stale_runs(stale_after_s=None):
    """Runs whose worker stopped beating are failed; the applied plan is not touched. Commits."""
    limit = stale_after_s if stale_after_s is not None else current_app.config.get(
        "PLANNING_STALE_AFTER_S", STALE_AFTER_S)
    cutoff = utcnow() - timedelta(seconds=limit)
    runs = db.session.scalars(select(ScheduleRun).where(
        ScheduleRun.status == RunStatus.RUNNING, ScheduleRun.heartbeat_at < cutoff)).all()
    for run in runs:
        run.status, run.finished_at = RunStatus.FAILED, utcnow()
        run.error = "worker stopped responding (no heartbeat)"
    db.session.commit()
    return runs


def build_problem(run):
    event = db.session.get(Event, run.event_id)
    p = run.parameters or {}
    from_slot = adapter.slot_by_code(event, p["from_slot"]) if p.get("from_slot") else None
    return adapter.to_problem(event, from_slot=from_slot, previous=p.get("previous", True),
                              extra_tables=int(p.get("extra_tables", 0)), extra_slots=int(p.get("extra_slots", 0)))


# Other kinds of run than solving, {kind: execute(run, shutdown=None)}; the features above planning add theirs
# (app.agendas: "export"), so planning imports none of them.
RUN_KINDS = {}


def execute_run(run, beat_every_s=BEAT_EVERY_S, shutdown=None):
    """Solve in a thread; this thread saves progress and heartbeats and passes on a stop request
    (from the organiser, or `shutdown` when the worker itself is asked to stop)."""
    kind = (run.parameters or {}).get("kind")
    if kind in RUN_KINDS:  # e.g. "export": all agendas in one PDF or a zip (app.agendas.jobs)
        return RUN_KINDS[kind](run, shutdown=shutdown)
    try:
        problem = build_problem(run)
        run.problem = adapter.problem_to_dict(problem)
        db.session.commit()
    except Exception as exc:  # bad data must not kill the worker
        db.session.rollback()
        return _finish_failed(run, str(exc))
    box, stop, latest = {}, threading.Event(), {}
    p = run.parameters or {}

    def target():
        try:
            box["plan"] = adapter.solve(problem, time_limit_s=p.get("time_limit_s", 30), workers=p.get("workers", 1),
                                        seed=p.get("seed", 0), on_progress=latest.update, stop=stop)
        except Exception as exc:  # reported on the run, not raised in the worker
            box["error"] = str(exc) or type(exc).__name__

    thread = threading.Thread(target=target, name=f"solve-{run.id}", daemon=True)
    started = time.monotonic()
    thread.start()
    while thread.is_alive():
        thread.join(beat_every_s)
        _beat(run, dict(latest), started, stop, shutdown)
    if "error" in box:
        return _finish_failed(run, box["error"])
    return _finish_done(run, box["plan"], problem)


def _claim_holds(run):
    """Still ours? A run failed meanwhile (stale heartbeat while this worker was paused) stays failed: the row
    is locked until our commit (PostgreSQL; SQLite serialises writers), so nobody fails it in between."""
    db.session.refresh(run, ["status", "stop_requested"], with_for_update=True)
    if run.status != RunStatus.RUNNING:
        db.session.rollback()
        return False
    return True


def _beat(run, progress, started, stop, shutdown=None):
    progress["elapsed_s"] = round(time.monotonic() - started, 1)
    if not _claim_holds(run):
        stop.set()
        return
    if shutdown is not None and shutdown.is_set():
        run.stop_requested = True
    if run.stop_requested:
        stop.set()
    run.progress, run.heartbeat_at = progress, utcnow()
    db.session.commit()


def _finish_failed(run, message):
    if not _claim_holds(run):
        return run
    run.status, run.error, run.finished_at = RunStatus.FAILED, message[:2000], utcnow()
    db.session.commit()
    return run


def _finish_done(run, plan, problem):
    if not _claim_holds(run):
        return run
    data = adapter.plan_to_dict(plan)
    run.plan, run.solver_status = data, plan.status.value
    run.objective, run.bound = dict(plan.objective), dict(plan.bound)
    progress = dict(run.progress or {})
    if progress.get("incumbent") is None and plan.has_plan:  # finished before the first progress report
        progress["incumbent"], progress["bound"] = plan.objective.get("weight"), plan.bound.get("weight")
    progress["elapsed_s"] = plan.solver.get("wall_time_s", progress.get("elapsed_s"))
    run.progress = {**progress, "done": True}
    run.status = RunStatus.CANCELLED if run.stop_requested else RunStatus.DONE
    run.finished_at = utcnow()
    db.session.commit()
    return run


def serve_one(name, stop_event=None):
    """The jobs worker's poller for solver runs: fail stale runs, then run one queued run if there is one."""
    fail_stale_runs()
    run = claim_next(name)
    if run is None:
        return False
    _execute_safely(run, stop_event)
    return True


def _execute_safely(run, stop_event):
    """One run; a database hiccup fails this run (if it still can) instead of killing the worker."""
    log = current_app.logger
    log.info("planning worker: run %s (event %s) started", run.id, run.event_id)
    try:
        run = execute_run(run, shutdown=stop_event)
    except Exception:
        log.exception("planning worker: run %s crashed", run.id)
        db.session.rollback()
        try:
            _finish_failed(db.session.get(ScheduleRun, run.id, populate_existing=True), "worker error")
        except Exception:
            db.session.rollback()  # the stale-heartbeat check will fail it later
        return
    log.info("planning worker: run %s finished: %s", run.id, run.status.value)


def progress_of(run):
    """JSON for the progress bar."""
    p, limit = run.progress or {}, (run.parameters or {}).get("time_limit_s", 30) or 30
    finished = run.status not in (RunStatus.QUEUED, RunStatus.RUNNING)
    percent = 100 if finished else min(99, int(100 * float(p.get("elapsed_s", 0)) / float(limit)))
    from ..labels import label

    return {"id": run.id, "status": run.status.value, "status_label": str(label(run.status)), "finished": finished,
            "percent": percent,
            "incumbent": p.get("incumbent"), "bound": p.get("bound"), "gap": p.get("gap"),
            "elapsed_s": p.get("elapsed_s"), "phase": p.get("phase"), "solver_status": run.solver_status,
            "phase_label": _phase_label(p.get("phase")),
            "error": run.error or ""}


def _phase_label(phase):
    """The soft goal the solver works on now, in the viewer's language (the numbers above refer to it)."""
    from .services import metric_label

    return str(metric_label(phase)) if phase else None


def runs_of(event):
    """The event's solver runs (plans, re-plans, capacity checks), newest first. Agenda exports share the table
    (they use the same progress and stop machinery) but are documents, listed on the documents page."""
    rows = db.session.scalars(select(ScheduleRun).where(ScheduleRun.event_id == event.id)
                              .order_by(ScheduleRun.id.desc())).all()
    return [r for r in rows if (r.parameters or {}).get("kind") != "export"]
