"""The badge sheet of a whole event is rendered by the worker, never in a web request: measured on the demo,
87 badges take 20 s and 38 take 4 s on one core, so a large event would hold a request for minutes.

The desk queues a job (`desk.badge_sheet`); the worker writes instance/exports/<event id>/badges.pdf (a path
made of an integer and a fixed name, never of anything a user sends) and replaces the previous sheet at once,
so a download never gets half a file. One badge alone stays a direct download (one page, well under a second).
`queue_sheet` flushes, never commits; the handler runs in the worker, which commits.
"""
from datetime import UTC, datetime
from pathlib import Path

from flask import current_app
from sqlalchemy import select

from ..events.models import Event
from ..extensions import db
from ..jobs import enqueue, register
from ..jobs.models import Job, JobStatus
from .badges import BadgeError, no_one_message, sheet_pdf
from .checkin import approved_people

KIND = "desk.badge_sheet"


def sheet_path(event_id) -> Path:
    return Path(current_app.instance_path) / "exports" / str(int(event_id)) / "badges.pdf"


def sheet_ready_at(event_id) -> datetime | None:
    """When the sheet on disk was written (naive UTC), None when there is none."""
    path = sheet_path(event_id)
    return datetime.fromtimestamp(path.stat().st_mtime, UTC).replace(tzinfo=None) if path.is_file() else None


def latest_job(event_id):
    """The newest badge job of the event (the kind is indexed; the event id lives in the payload)."""
    rows = db.session.scalars(select(Job).where(Job.kind == KIND).order_by(Job.id.desc()).limit(50))
    return next((j for j in rows if (j.payload or {}).get("event_id") == event_id), None)


def pending(event_id) -> bool:
    job = latest_job(event_id)
    return job is not None and job.status in (JobStatus.QUEUED, JobStatus.RUNNING)


def queue_sheet(event):
    """Queue the sheet (once: while a job of this event waits or runs, that job is returned)."""
    if not approved_people(event):
        raise BadgeError(no_one_message())
    job = latest_job(event.id)
    if job is not None and job.status in (JobStatus.QUEUED, JobStatus.RUNNING):
        return job
    return enqueue(KIND, {"event_id": event.id})


@register(KIND, max_attempts=2)
def render_sheet(payload):
    event = db.session.get(Event, int(payload["event_id"]))
    if event is None or not approved_people(event):
        return  # the event was deleted, or nobody is left: nothing to print
    path = sheet_path(event.id)
    part = path.with_name(path.name + ".part")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        part.write_bytes(sheet_pdf(event))
        part.replace(path)
    finally:
        part.unlink(missing_ok=True)
