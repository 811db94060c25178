"""The worker loop: recurring jobs, stale claims, due jobs, then the other queues (pollers)."""
import time

from flask import current_app

from .queue import claim, execute, requeue_stale, schedule_recurring, worker_name
from .registry import POLLERS

SCHEDULE_EVERY_S = 5.0  # how often the loop checks recurring jobs and stale claims


def work(once=False, poll_s=1.0, name=None, stop_event=None):
    """Serve jobs and pollers until `stop_event` is set; with `once`, until nothing is left to do."""
    name, done, last_check = name or worker_name(), 0, 0.0
    while stop_event is None or not stop_event.is_set():
        if time.monotonic() - last_check >= SCHEDULE_EVERY_S or once:
            _housekeeping()
            last_check = time.monotonic()
        busy = _one_job(name)
        for poll in POLLERS:
            busy = bool(poll(name, stop_event)) or busy
        done += busy
        if not busy:
            if once:
                break
            if stop_event is not None:
                stop_event.wait(poll_s)
            else:
                time.sleep(poll_s)
    return done


def _housekeeping():
    try:
        schedule_recurring()
        requeue_stale()
    except Exception:  # noqa: BLE001 - a database hiccup must not stop the worker
        current_app.logger.exception("jobs worker: housekeeping failed")
        from ..extensions import db

        db.session.rollback()


def _one_job(name):
    job = claim(name)
    if job is None:
        return False
    current_app.logger.info("jobs worker: job %s (%s)", job.id, job.kind)
    execute(job)
    return True
