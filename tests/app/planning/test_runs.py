"""Runs: queue, claim once, execute with progress, stop, stale heartbeat, a killed worker."""
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest

from app.i18n import utcnow
from app.meetings.models import Meeting
from app.planning import runs
from app.planning.models import RunStatus, ScheduleRun
from app.planning.services import PlanError, apply_run

ROOT = Path(__file__).resolve().parents[3]


def _start_worker(test_config, tmp_path):
    """A real `flask planning worker` process on the test database."""
    env = {**os.environ, "COOPEX_DATABASE_URL": test_config["SQLALCHEMY_DATABASE_URI"],
           "COOPEX_INSTANCE_PATH": str(tmp_path / "worker"), "COOPEX_SECRET_KEY": "test"}
    return subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "planning", "worker", "--poll", "0.2"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _wait_until_claimed(db, run, timeout_s=40):
    """The run as soon as a worker has claimed it (building the model or solving), or as it is at the timeout."""
    deadline = time.monotonic() + timeout_s
    while True:
        db.session.expire_all()
        current = db.session.get(ScheduleRun, run.id)
        if current.status == RunStatus.RUNNING or time.monotonic() >= deadline:
            return current
        time.sleep(0.05)


def test_queue_claim_execute_apply(small_event, db):
    event, _people = small_event
    run = runs.queue_run(event, time_limit_s=2, workers=1)
    db.session.commit()
    claimed = runs.claim_next("w1")
    assert claimed.id == run.id and claimed.status == RunStatus.RUNNING and claimed.worker == "w1"
    assert runs.claim_next("w2") is None
    done = runs.execute_run(claimed, beat_every_s=0.1)
    assert done.status == RunStatus.DONE and done.solver_status in ("optimal", "feasible")
    assert done.problem["meetings"] and done.plan["assignments"] and done.objective["meetings"] > 0
    assert done.heartbeat_at is not None and runs.progress_of(done)["percent"] == 100
    assert runs.progress_of(done)["status_label"] == "finished"  # the page's badge text follows the run
    assert db.session.scalar(db.select(db.func.count(Meeting.id))) == 0  # applying is a separate step
    result = apply_run(done)
    db.session.commit()
    assert result.created == done.objective["meetings"] and done.applied_at is not None


def test_failed_and_capacity_runs_cannot_be_applied(small_event, db):
    event, _people = small_event
    run = runs.queue_run(event, time_limit_s=1, workers=1)
    with pytest.raises(PlanError):
        apply_run(run)
    variant = runs.queue_run(event, time_limit_s=1, workers=1, kind="capacity", extra_tables=2)
    db.session.commit()
    runs.execute_run(runs.claim_next("w"), beat_every_s=0.1)
    runs.execute_run(runs.claim_next("w"), beat_every_s=0.1)
    db.session.refresh(variant)
    assert len(variant.problem["tables"]) == 5
    with pytest.raises(PlanError):
        apply_run(variant)


def test_stop_keeps_the_best_plan(db):
    """A stop requested while the run is running (here: right away) ends it early with a plan."""
    from app.demo import seed_demo

    event = seed_demo(db.session)
    runs.queue_run(event, time_limit_s=60, workers=1)
    db.session.commit()
    claimed = runs.claim_next("w")
    runs.request_stop(claimed)  # running: only the flag is set; the worker passes it on at its next beat
    db.session.commit()
    assert claimed.status == RunStatus.RUNNING
    started = time.monotonic()
    done = runs.execute_run(claimed, beat_every_s=0.1)
    assert time.monotonic() - started < 30
    assert done.status == RunStatus.CANCELLED and done.plan["assignments"]
    assert done.plan["status"] in ("feasible", "optimal")
    with pytest.raises(runs.RunError):
        runs.request_stop(done)


def test_stale_runs_fail_and_leave_meetings_alone(small_event, db):
    event, _people = small_event
    run = runs.queue_run(event, time_limit_s=1, workers=1)
    db.session.commit()
    claimed = runs.claim_next("w")
    claimed.heartbeat_at = utcnow() - timedelta(seconds=120)
    db.session.commit()
    failed = runs.fail_stale_runs(stale_after_s=30)
    assert [r.id for r in failed] == [run.id]
    db.session.refresh(run)
    assert run.status == RunStatus.FAILED and "heartbeat" in run.error


@pytest.mark.skipif(not os.environ.get("COOPEX_TEST_DATABASE_URL"), reason="SKIP LOCKED needs PostgreSQL")
def test_two_workers_never_take_the_same_run(small_event, db, make_app):
    event, _people = small_event
    ids = [runs.queue_run(event, time_limit_s=1, workers=1).id for _ in range(12)]
    db.session.commit()
    taken, barrier = {"a": [], "b": []}, threading.Barrier(2)

    def claim_all(name):
        application = make_app()
        with application.app_context():
            barrier.wait()
            while (run := runs.claim_next(name)) is not None:
                taken[name].append(run.id)
    threads = [threading.Thread(target=claim_all, args=(n,)) for n in taken]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    got = taken["a"] + taken["b"]
    assert sorted(got) == sorted(ids) and len(set(got)) == len(got)


def test_killed_worker_leaves_the_run_failed(db, test_config, tmp_path, small_event):
    """A real `flask planning worker` process, SIGKILLed mid-run: the stale check fails the run."""
    from app.demo import seed_demo

    event = seed_demo(db.session)
    import scheduler
    from app.planning import adapter

    plan = scheduler.first_fit(adapter.to_problem(event))
    adapter.apply_plan(event, plan)
    before = sorted((m.id, m.slot_id, m.table_id) for m in db.session.scalars(db.select(Meeting)))
    run = runs.queue_run(event, time_limit_s=120, workers=1)
    db.session.commit()
    proc = _start_worker(test_config, tmp_path)
    try:
        current = _wait_until_claimed(db, run)
        assert current.status == RunStatus.RUNNING
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(10)
    time.sleep(1.2)
    runs.fail_stale_runs(stale_after_s=1)
    db.session.expire_all()
    current = db.session.get(ScheduleRun, run.id)
    assert current.status == RunStatus.FAILED and current.applied_at is None
    after = sorted((m.id, m.slot_id, m.table_id) for m in db.session.scalars(db.select(Meeting)))
    assert after == before


def test_worker_stops_cleanly_on_sigterm(db, test_config, tmp_path):
    """SIGTERM (as `make run` sends on exit): the current run stops with its best plan, the worker exits."""
    from app.demo import seed_demo

    event = seed_demo(db.session)
    run = runs.queue_run(event, time_limit_s=120, workers=1)
    db.session.commit()
    proc = _start_worker(test_config, tmp_path)
    try:
        _wait_until_claimed(db, run)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) == 0
    finally:
        proc.kill()
        proc.wait(10)
    db.session.expire_all()
    current = db.session.get(ScheduleRun, run.id)
    assert current.status == RunStatus.CANCELLED and current.plan and current.plan["assignments"]


def test_a_failed_run_stays_failed_when_its_paused_worker_resumes(small_event, db):
    """Before: _finish_done wrote DONE over FAILED, so a run shown as failed came back with a plan."""
    import scheduler
    from app.planning import adapter

    event, _people = small_event
    run = runs.queue_run(event, time_limit_s=1, workers=1)
    db.session.commit()
    claimed = runs.claim_next("paused-worker")
    problem = adapter.to_problem(event)
    plan = scheduler.solve(problem, time_limit_s=1, workers=1, seed=0)
    claimed.heartbeat_at = utcnow() - timedelta(seconds=120)
    db.session.commit()
    runs.fail_stale_runs(stale_after_s=30)
    runs._finish_done(claimed, plan, problem)  # the worker wakes up with its finished plan
    db.session.expire_all()
    again = db.session.get(ScheduleRun, run.id)
    assert again.status == RunStatus.FAILED and again.plan is None


def test_the_worker_itself_fails_runs_of_dead_workers(small_event, db):
    from app.jobs.worker import work

    event, _people = small_event
    run = runs.queue_run(event, time_limit_s=1, workers=1)
    db.session.commit()
    claimed = runs.claim_next("dead-worker")
    claimed.heartbeat_at = utcnow() - timedelta(hours=1)
    db.session.commit()
    work(once=True)  # no page polled, only the worker loop
    db.session.expire_all()
    assert db.session.get(ScheduleRun, run.id).status == RunStatus.FAILED
