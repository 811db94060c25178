"""The job queue: due times, idempotent scheduling, retries with backoff, claims that hold across workers."""
import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.accounts.models import AuditLog
from app.extensions import db as _db
from app.i18n import utcnow
from app.jobs import enqueue, recurring, register, run_due
from app.jobs import queue as q
from app.jobs.models import Job, JobStatus
from app.jobs.registry import HANDLERS, RECURRING


def _effects(action="test.job"):
    return _db.session.scalar(select(func.count(AuditLog.id)).where(AuditLog.action == action))


@pytest.fixture
def handlers():
    """Test handlers that leave one audit row per run (the job's effect) and can be told to fail."""
    fail = {"times": 0}

    @register("test.job", max_attempts=3)
    def job(payload):
        if fail["times"] > 0:
            fail["times"] -= 1
            raise RuntimeError("SMTP down")
        _db.session.add(AuditLog(action="test.job", details=payload))

    yield fail
    HANDLERS.pop("test.job", None)
    HANDLERS.pop("test.tick", None)
    RECURRING.pop("test.tick", None)


def test_a_job_runs_once_at_its_due_time(db, handlers):
    later = utcnow() + timedelta(hours=3)
    enqueue("test.job", {"n": 1}, due_at=later)
    db.session.commit()
    assert run_due() == 0 and _effects() == 0          # not yet due
    assert run_due(now=later + timedelta(seconds=1)) == 1
    assert run_due(now=later + timedelta(hours=1)) == 0  # a worker started again runs nothing twice
    assert _effects() == 1
    assert db.session.scalars(select(Job)).one().status == JobStatus.DONE


def test_the_same_unique_key_schedules_one_job(db, handlers):
    first = enqueue("test.job", {}, unique_key="survey:7:3m")
    again = enqueue("test.job", {}, unique_key="survey:7:3m")
    db.session.commit()
    assert first.id == again.id and db.session.scalar(select(func.count(Job.id))) == 1


def test_unknown_kind_is_refused(db):
    with pytest.raises(ValueError, match="no handler"):
        enqueue("nobody.handles.this")


def test_failures_retry_with_backoff_then_give_up(db, handlers):
    handlers["times"] = 1
    enqueue("test.job", {})
    db.session.commit()
    now = utcnow()
    assert run_due(now=now) == 0
    job = db.session.scalars(select(Job)).one()
    assert job.status == JobStatus.QUEUED and job.attempts == 1 and "SMTP down" in job.last_error
    assert job.due_at == now + timedelta(seconds=q.BACKOFF_BASE_S)
    assert run_due(now=now + timedelta(seconds=q.BACKOFF_BASE_S)) == 1 and _effects() == 1
    handlers["times"] = 99
    enqueue("test.job", {"b": 1})
    db.session.commit()
    for k in range(3):
        run_due(now=now + timedelta(hours=k + 1))
    failed = db.session.scalars(select(Job).where(Job.status == JobStatus.FAILED)).one()
    assert failed.attempts == 3 and _effects() == 1


def test_a_worker_paused_past_its_claim_commits_nothing(db, handlers):
    """Worker A claims, stalls; the job is taken back and run by B; A's late result is discarded."""
    enqueue("test.job", {})
    db.session.commit()
    job_a = q.claim("worker-a")
    assert q.requeue_stale(now=utcnow() + timedelta(hours=1), stale_after_s=60)
    assert run_due(name="worker-b") == 1
    assert q.execute(job_a) is False
    assert _effects() == 1
    assert db.session.scalars(select(Job)).one().worker == "worker-b"


def test_recurring_jobs_run_once_per_period(db, handlers):
    ticks = []
    recurring("test.tick", every=timedelta(minutes=10))(lambda payload: ticks.append(1))
    now = utcnow()
    q.schedule_recurring(now)
    q.schedule_recurring(now)  # a second worker in the same period adds nothing
    assert run_due(now=now) >= 1 and ticks == [1]
    q.schedule_recurring(now + timedelta(minutes=10))
    run_due(now=now + timedelta(minutes=10))
    assert ticks == [1, 1]


def test_expired_requests_are_a_recurring_job_no_cron(db):
    assert RECURRING["meetings.expire_requests"] == timedelta(minutes=10)


def test_two_workers_racing_run_every_job_exactly_once(app, db, handlers, make_app):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("parallel claims need PostgreSQL (SQLite serialises writers)")
    for n in range(30):
        enqueue("test.job", {"n": n})
    db.session.commit()
    start = threading.Barrier(3)
    done = []

    def worker(name):
        other = make_app()
        with other.app_context():
            start.wait()
            done.append(run_due(name=name))
            _db.session.remove()

    threads = [threading.Thread(target=worker, args=(f"w{k}",)) for k in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    db.session.expire_all()
    assert sum(done) == 30 and _effects() == 30
    payloads = sorted(r.details["n"] for r in db.session.scalars(select(AuditLog).where(AuditLog.action == "test.job")))
    assert payloads == list(range(30))
