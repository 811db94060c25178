"""Organiser documents and bulk exports: master plan, table sheets, desk list, change sheet,
all agendas in one PDF, a zip of single files, an export folder, and the venue board. Services flush,
never commit.
"""
import io
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from flask_babel import gettext as _
from sqlalchemy import select

from ..extensions import db
from ..participants.models import Participant
from ..planning.models import Publication
from . import documents, pdf
from .services import AgendaError, agenda_filename, agenda_view
from .viewmodels import PlanData, agenda_participants, latest_publication, load_plan

ORGANISER_LANG = "bilingual"  # organiser documents are printed in Czech and German


def require_plan(plan: PlanData):
    if not plan.slots:
        raise AgendaError(_("This event has no time slots yet, so there is no plan to print."))
    if not plan.has_plan:
        raise AgendaError(_("There is no plan to print yet: no meeting has been placed in a slot."))


def master_plan_pdf(event, plan=None) -> bytes:
    plan = plan or load_plan(event)
    require_plan(plan)
    return pdf.render_pdf("pdf/master_plan.html", ORGANISER_LANG, plan=plan, days=documents.master_plan(plan))


def table_sheets_pdf(event, plan=None) -> bytes:
    plan = plan or load_plan(event)
    require_plan(plan)
    return pdf.render_pdf("pdf/table_sheets.html", ORGANISER_LANG, plan=plan, sheets=documents.table_sheets(plan))


def desk_list_pdf(event, plan=None) -> bytes:
    plan = plan or load_plan(event)
    require_plan(plan)
    return pdf.render_pdf("pdf/desk_list.html", ORGANISER_LANG, plan=plan, rows=documents.desk_list(plan))


def baseline_publication(event, since_version=None):
    """The publication a change sheet compares with: `since_version`, else the one before the latest."""
    query = select(Publication).where(Publication.event_id == event.id)
    if since_version is not None:
        return db.session.scalar(query.where(Publication.version == since_version))
    latest = latest_publication(event.id)
    if latest is None:
        return None
    return db.session.scalar(query.where(Publication.version < latest.version)
                             .order_by(Publication.version.desc()).limit(1))


def change_sheet_pdf(event, since_version=None, plan=None) -> bytes:
    plan = plan or load_plan(event)
    require_plan(plan)
    base = baseline_publication(event, since_version)
    if base is None:
        raise AgendaError(_("There is no earlier published version to compare with."))
    changes = documents.changes_since(plan, base.snapshot or {})
    return pdf.render_pdf("pdf/change_sheet.html", ORGANISER_LANG, plan=plan, changes=changes, base=base)


# ------------------------------------------------------------------ all agendas
def _views(event, plan):
    require_plan(plan)
    return [agenda_view(plan, p.id) for p in agenda_participants(plan)]


def all_agendas_pdf(event, lang=None, plan=None, workers=None, on_progress=None) -> bytes:
    """Every participant's agenda in one PDF for printing (each in its own language unless `lang`)."""
    plan = plan or load_plan(event)
    return pdf.agendas_in_one(_views(event, plan), lang, workers=workers, on_progress=on_progress)


def agendas_zip(event, lang=None, plan=None, workers=None, on_progress=None) -> bytes:
    """A zip with one agenda PDF per participant."""
    buffer = io.BytesIO()
    write_agendas_zip(event, buffer, lang, plan, workers, on_progress)
    return buffer.getvalue()


def write_agendas_zip(event, target, lang=None, plan=None, workers=None, on_progress=None):
    """Write the zip of single agenda PDFs to `target` (a path or a binary file)."""
    plan = plan or load_plan(event)
    views = _views(event, plan)
    _write_zip(target, _names(plan, views), pdf.render_agendas(views, lang, workers=workers,
                                                               on_progress=on_progress))


def _names(plan, views):
    people = _participants(plan)
    return [agenda_filename(people[view.participant.id], "pdf") for view in views]


def _write_zip(target, names, files):
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in zip(names, files, strict=True):
            zf.writestr(name, data)


def _participants(plan):
    return {p.id: p for p in db.session.scalars(select(Participant).where(Participant.id.in_(list(plan.people))))}


def export_event(event, out_dir, lang=None, workers=None) -> list[Path]:
    """Write every printable document of `event` into `out_dir`; returns the written paths.

    Each agenda is laid out once: the single files, the zip and the all-in-one PDF come from the same layout.
    """
    plan = load_plan(event)
    require_plan(plan)
    out = Path(out_dir)
    (out / "agendas").mkdir(parents=True, exist_ok=True)
    views = _views(event, plan)
    batch = pdf.render_batch(views, lang, workers=workers)
    names = _names(plan, views)
    for name, data in zip(names, batch.files, strict=True):
        (out / "agendas" / name).write_bytes(data)
    _write_zip(out / "agendas.zip", names, batch.files)
    written = [out / "agendas.zip"]
    written += _write(out, "agendas-all.pdf", batch.combined)
    written += _write(out, "master-plan.pdf", master_plan_pdf(event, plan))
    written += _write(out, "table-sheets.pdf", table_sheets_pdf(event, plan))
    written += _write(out, "desk-list.pdf", desk_list_pdf(event, plan))
    if baseline_publication(event) is not None:
        written += _write(out, "changes.pdf", change_sheet_pdf(event, plan=plan))
    return written


def _write(out, name, data):
    path = out / name
    path.write_bytes(data)
    return [path]


# ------------------------------------------------------------------ venue board
@dataclass(frozen=True)
class BoardSlot:
    start: datetime
    end: datetime
    rows: tuple  # (table label, organisation a, organisation b)


@dataclass(frozen=True)
class BoardView:
    event_name: str
    zone: str
    published: bool
    current: BoardSlot | None
    next: BoardSlot | None


def board_view(event, zone, now, lang="en") -> BoardView | None:
    """The current and the next slot of `zone` (or 'all'): table numbers and organisation names only.
    None for a zone the event does not have."""
    plan = load_plan(event)
    if zone != "all" and zone not in zones(plan):
        return None
    published = plan.mark.kind != "draft"
    current = next((s for s in plan.slots if s.start_utc <= now < s.end_utc), None)
    later = [s for s in plan.slots if s.start_utc > now]
    upcoming = later[0] if later else None
    return BoardView(plan.event.name(lang), zone, published,
                     _board_slot(plan, current, zone) if published and current else None,
                     _board_slot(plan, upcoming, zone) if published and upcoming else None)


def _board_slot(plan, slot, zone):
    rows = [(m.table.label, m.a.organisation, m.b.organisation) for m in plan.meetings
            if m.slot.id == slot.id and not m.cancelled and m.table is not None
            and (zone == "all" or m.table.zone == zone)]
    return BoardSlot(slot.start, slot.end, tuple(rows))


def zones(plan):
    return sorted({t.zone for t in plan.tables if t.zone})
