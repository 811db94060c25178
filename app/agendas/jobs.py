"""All agendas as a background job: the organiser queues an export, the planning worker renders it.

An export is a `ScheduleRun` with `parameters.kind == "export"` (`what`: "pdf" for all agendas in one file or
"zip" for single files; `lang`: a document language or "" for each participant's own). The worker
(`flask planning worker` → `app.planning.runs.execute_run` → `execute_export`) saves progress after every chunk
of agendas and writes the file to `instance/exports/<event id>/<run id>/`; the path is built from those two
numbers and a fixed file name, never from anything a user sends. `queue_export` flushes, never commits;
`execute_export` commits because it runs in the worker process.
"""
import shutil
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import load_only

from ..events.models import Event
from ..extensions import db
from ..i18n import utcnow
from ..planning import runs
from ..planning.models import RunStatus, ScheduleRun
from . import exports
from .pdf import DOC_LANGS
from .services import AgendaError
from .viewmodels import load_plan

KIND = "export"
FILES = {"pdf": ("agendas.pdf", "application/pdf"), "zip": ("agendas.zip", "application/zip")}


class ExportStopped(Exception):
    """The organiser (or the worker's shutdown) asked the export to stop."""


def queue_export(event, what, lang="", user=None) -> ScheduleRun:
    if what not in FILES or (lang and lang not in DOC_LANGS):
        raise AgendaError(_("This export is not available."))
    return runs.queue_run(event, user=user, time_limit_s=1, workers=None, kind=KIND, what=what, lang=lang or "")


def export_runs(event, limit=10):
    """The latest exports of `event` (not the solver runs with their large problem and plan columns)."""
    return db.session.scalars(
        select(ScheduleRun).where(ScheduleRun.event_id == event.id,
                                  ScheduleRun.parameters["kind"].as_string() == KIND)
        .options(load_only(ScheduleRun.id, ScheduleRun.event_id, ScheduleRun.status, ScheduleRun.parameters,
                           ScheduleRun.progress, ScheduleRun.error, ScheduleRun.created_at))
        .order_by(ScheduleRun.id.desc()).limit(limit)).all()


def is_export(run) -> bool:
    return (run.parameters or {}).get("kind") == KIND and (run.parameters or {}).get("what") in FILES


def export_path(run) -> Path:
    """instance/exports/<event id>/<run id>/agendas.pdf|zip — integers and a fixed name only."""
    name = FILES[run.parameters["what"]][0]
    return Path(current_app.instance_path) / "exports" / str(int(run.event_id)) / str(int(run.id)) / name


def download_name(run, event) -> str:
    what, lang = run.parameters["what"], run.parameters.get("lang") or "each"
    return f"{event.slug}-agendas-{lang}-{run.id}.{what}"


def finished_file(run):
    """The written file of a finished export, or None."""
    if not is_export(run) or run.status != RunStatus.DONE:
        return None
    path = export_path(run)
    return path if path.is_file() else None


def progress(run) -> dict:
    p = run.progress or {}
    done, total = int(p.get("done", 0)), int(p.get("total", 0))
    finished = run.status not in (RunStatus.QUEUED, RunStatus.RUNNING)
    percent = 100 if run.status == RunStatus.DONE else (100 * done // total if total else 0)
    return {"done": done, "total": total, "percent": percent, "finished": finished}


# ------------------------------------------------------------------ the worker side
def execute_export(run, shutdown=None):
    """Render the export of `run` into its file; progress and heartbeat after each chunk. Commits."""
    p = run.parameters or {}
    event = db.session.get(Event, run.event_id)
    if event is None or not is_export(run) or (p.get("lang") and p["lang"] not in DOC_LANGS):
        return runs._finish_failed(run, "unknown export")
    path = export_path(run)
    part = path.with_name(path.name + ".part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        total = _render(event, p["what"], p.get("lang") or None, part, _beat(run, shutdown))
        part.replace(path)
    except ExportStopped:
        part.unlink(missing_ok=True)
        run.status, run.finished_at = RunStatus.CANCELLED, utcnow()
        db.session.commit()
        return run
    except Exception as exc:  # reported on the run, never raised in the worker
        db.session.rollback()
        part.unlink(missing_ok=True)
        return runs._finish_failed(run, str(exc) or type(exc).__name__)
    run.status, run.finished_at, run.objective = RunStatus.DONE, utcnow(), {"agendas": total}
    run.progress = {"done": total, "total": total}
    db.session.commit()
    prune_exports(run.event_id)
    return run


KEEP_EXPORTS = 3


def prune_exports(event_id, keep=KEEP_EXPORTS):
    """Delete the export folders of an event but the newest `keep` (a large event's zip runs to
    hundreds of MB); returns the run ids whose files were removed. Their download link disappears."""
    root = Path(current_app.instance_path) / "exports" / str(int(event_id))
    if not root.is_dir():
        return []
    folders = sorted((d for d in root.iterdir() if d.is_dir() and d.name.isdigit()),
                     key=lambda d: int(d.name), reverse=True)
    for old in folders[keep:]:
        shutil.rmtree(old, ignore_errors=True)
    return sorted(int(d.name) for d in folders[keep:])


def _render(event, what, lang, target, on_progress) -> int:
    plan = load_plan(event)
    db.session.commit()  # end the read transaction before the long rendering
    if what == "pdf":
        target.write_bytes(exports.all_agendas_pdf(event, lang, plan=plan, on_progress=on_progress))
    else:
        exports.write_agendas_zip(event, target, lang, plan=plan, on_progress=on_progress)
    return len(exports.agenda_participants(plan))


def _beat(run, shutdown):
    def on_progress(done, total):
        db.session.refresh(run, ["stop_requested"])
        run.progress, run.heartbeat_at = {"done": done, "total": total}, utcnow()
        db.session.commit()
        if run.stop_requested or (shutdown is not None and shutdown.is_set()):
            raise ExportStopped
    return on_progress
