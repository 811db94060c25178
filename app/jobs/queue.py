"""Enqueue, claim and run jobs. At most once in effect: a job's database changes and its `done` mark are
committed together, and only while its claim is still the current one — so a worker that was paused past
its heartbeat (and whose job another worker took over) cannot commit a second copy of the effects.
E-mails leave before that commit, so a worker killed between sending and committing may send one twice."""
import os
import socket
import threading
import uuid
from datetime import timedelta

from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..i18n import utcnow
from .models import Job, JobStatus
from .registry import HANDLERS, RECURRING

STALE_AFTER_S = 15 * 60   # a running job without a heartbeat for this long is taken back
BACKOFF_BASE_S = 30       # retry n waits BACKOFF_BASE_S * 2**(n-1): 30 s, 1 min, 2 min, …


def enqueue(kind, payload=None, *, due_at=None, unique_key=None):
    """A queued job (flushed, not committed). With `unique_key`, enqueueing again returns the first job."""
    if kind not in HANDLERS:
        raise ValueError(f"no handler registered for job kind {kind!r}")
    if unique_key is not None:
        existing = db.session.scalar(select(Job).where(Job.unique_key == unique_key))
        if existing is not None:
            return existing
    job = Job(kind=kind, payload=dict(payload or {}), due_at=due_at or utcnow(), unique_key=unique_key,
              max_attempts=HANDLERS[kind].max_attempts)
    try:
        with db.session.begin_nested():
            db.session.add(job)
    except IntegrityError:  # another process enqueued the same key a moment ago
        return db.session.scalar(select(Job).where(Job.unique_key == unique_key))
    return job


def worker_name():
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


def claim(name, now=None):
    """The oldest due job, now RUNNING under a fresh claim token, or None. Commits the claim."""
    now = now or utcnow()
    due = (select(Job.id).where(Job.status == JobStatus.QUEUED, Job.due_at <= now)
           .order_by(Job.due_at, Job.id).limit(1))
    if db.engine.dialect.name == "postgresql":
        due = due.with_for_update(skip_locked=True)
    for _attempt in range(5):
        job_id = db.session.scalar(due)
        if job_id is None:
            db.session.rollback()
            return None
        token = uuid.uuid4().hex
        won = db.session.execute(
            update(Job).where(Job.id == job_id, Job.status == JobStatus.QUEUED)
            .values(status=JobStatus.RUNNING, worker=name, claim_token=token, started_at=now, heartbeat_at=now,
                    attempts=Job.attempts + 1)
            .execution_options(synchronize_session=False)).rowcount
        db.session.commit()
        if won == 1:
            return db.session.get(Job, job_id, populate_existing=True)
    return None


def execute(job, now=None):
    """Run one claimed job; its changes and its DONE mark commit together, if the claim still holds."""
    token, job_id = job.claim_token, job.id
    handler = HANDLERS.get(job.kind)
    try:
        if handler is None:
            raise LookupError(f"no handler registered for job kind {job.kind!r}")
        handler.run(dict(job.payload or {}))
        done = db.session.execute(
            update(Job).where(Job.id == job_id, Job.claim_token == token, Job.status == JobStatus.RUNNING)
            .values(status=JobStatus.DONE, finished_at=utcnow(), last_error="")
            .execution_options(synchronize_session=False)).rowcount
        if done != 1:  # taken back as stale while we ran: its new owner's run counts, not ours
            db.session.rollback()
            return False
        db.session.commit()
        return True
    except Exception as exc:  # noqa: BLE001 - any handler failure is recorded on the job and retried
        db.session.rollback()
        current_app.logger.warning("job %s (%s) failed: %s", job_id, job.kind, exc)
        _retry_or_fail(job_id, token, f"{type(exc).__name__}: {exc}"[:2000], now)
        return False


def _retry_or_fail(job_id, token, error, now=None):
    job = db.session.get(Job, job_id, populate_existing=True)
    if job is None or job.claim_token != token:
        return
    now = now or utcnow()
    if job.attempts >= job.max_attempts:
        job.status, job.finished_at = JobStatus.FAILED, now
    else:
        job.status, job.due_at = JobStatus.QUEUED, now + timedelta(seconds=BACKOFF_BASE_S * 2 ** (job.attempts - 1))
    job.last_error = error
    db.session.commit()


def requeue_stale(now=None, stale_after_s=None):
    """Jobs whose worker stopped beating go back to the queue (or fail after their last attempt)."""
    now = now or utcnow()
    limit = stale_after_s if stale_after_s is not None else current_app.config.get("JOB_STALE_AFTER_S",
                                                                                   STALE_AFTER_S)
    stale = db.session.scalars(select(Job).where(Job.status == JobStatus.RUNNING,
                                                 Job.heartbeat_at < now - timedelta(seconds=limit))).all()
    for job in stale:
        job.claim_token, job.last_error = "", "worker stopped responding (no heartbeat)"
        job.status = JobStatus.FAILED if job.attempts >= job.max_attempts else JobStatus.QUEUED
    db.session.commit()
    return stale


def schedule_recurring(now=None):
    """One job per recurring kind and period; the period in the unique key makes workers agree."""
    now = now or utcnow()
    for kind, every in RECURRING.items():
        period = int(now.timestamp() // every.total_seconds())
        enqueue(kind, {}, due_at=now, unique_key=f"recurring:{kind}:{period}")
    db.session.commit()


def run_due(now=None, name=None):
    """Run every job that is due, once, in this process (tests, CLI); returns how many ran successfully."""
    name, count = name or worker_name(), 0
    while (job := claim(name, now)) is not None:
        count += execute(job, now)
    return count
