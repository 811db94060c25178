"""Outcome exports requested on the dashboard and produced by the worker (never inside the request).

A request queues an `outcomes.export` job; its payload names the scope (one event or a series), the format
(xlsx, csv as one zip, or the funder's pdf) and a random token. The worker writes the file to
instance/exports/outcomes/<token>/<fixed name>: the path is built from a hex token and a fixed name, never from
anything a user sends. The dashboard lists the latest exports of its scope from the job rows themselves.
"""
import io
import secrets
import zipfile
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from ..events.models import Event
from ..extensions import db
from ..jobs import enqueue, register
from ..jobs.models import Job, JobStatus
from .exports import SHEETS, to_csv, to_xlsx
from .models import Series

KIND = "outcomes.export"
FORMATS = {"xlsx": ("outcomes.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
           "csv": ("outcomes-csv.zip", "application/zip"),
           "pdf": ("outcomes-report.pdf", "application/pdf")}
SCOPES = ("event", "series")
KEEP = 6   # exports listed per event or series


class ExportError(ValueError):
    pass


def request_export(scope, scope_id, fmt):
    """Queue the export (flush, no commit); the worker produces the file."""
    if scope not in SCOPES or fmt not in FORMATS:
        raise ExportError(_("This export is not available."))
    return enqueue(KIND, {"scope": scope, "id": int(scope_id), "format": fmt, "token": secrets.token_hex(16)})


def export_path(payload) -> Path:
    token = str((payload or {}).get("token") or "")
    if len(token) != 32 or any(c not in "0123456789abcdef" for c in token):
        raise ExportError("bad export token")
    return Path(current_app.instance_path) / "exports" / "outcomes" / token / FORMATS[payload["format"]][0]


@dataclass
class ExportRow:
    job: Job
    fmt: str
    ready: bool
    failed: bool


def exports_of(scope, scope_id, limit=KEEP):
    """The latest export jobs of one event or series, newest first."""
    jobs = db.session.scalars(select(Job).where(
        Job.kind == KIND, Job.payload["scope"].as_string() == scope,
        Job.payload["id"].as_integer() == int(scope_id)).order_by(Job.id.desc()).limit(limit))
    return [ExportRow(job, job.payload["format"], job.status == JobStatus.DONE and export_path(job.payload).is_file(),
                      job.status == JobStatus.FAILED) for job in jobs]


def export_of(scope, scope_id, job_id):
    """The finished export `job_id` of this scope (never another event's), or None."""
    job = db.session.get(Job, job_id)
    if job is None or job.kind != KIND or (job.payload or {}).get("scope") != scope \
            or int(job.payload.get("id") or 0) != int(scope_id) or job.status != JobStatus.DONE:
        return None
    path = export_path(job.payload)
    return (job, path) if path.is_file() else None


# ------------------------------------------------------------------ the worker side
def _events(payload):
    if payload["scope"] == "event":
        event = db.session.get(Event, payload["id"])
        return ([event], None) if event is not None else ([], None)
    series = db.session.get(Series, payload["id"])
    return (list(series.events), series) if series is not None else ([], None)


def _render(fmt, events, series):
    if fmt == "xlsx":
        return to_xlsx(events)
    if fmt == "pdf":
        from .report_pdf import to_pdf

        return to_pdf(events, series)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for sheet in SHEETS:
            archive.writestr(f"{sheet}.csv", to_csv(events, sheet))
    return buffer.getvalue()


def produce_export(payload):
    """Job handler: write the file (via a .part file, so a half-written file is never offered)."""
    events, series = _events(payload)
    if not events:
        return  # the event or series was deleted meanwhile: nothing to produce
    path = export_path(payload)
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + ".part")
    part.write_bytes(_render(payload["format"], events, series))
    part.replace(path)


register(KIND, max_attempts=2)(produce_export)
