"""Outcome exports from the dashboard: request one (a job makes the file), then download it.

Organisers of the event only; for a series, organisers of every event in it (admins always)."""
from flask import abort, flash, redirect, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..events.models import Event
from ..extensions import db
from ..transactions import change
from . import bp
from .forms import ExportRequestForm
from .models import Series
from .web_exports import FORMATS, ExportError, export_of, request_export


def event_or_404(event_id):
    event = db.session.get(Event, event_id)
    if event is None or not current_user.can_staff(event, "organiser"):
        abort(404)
    return event


def series_or_404(series_id):
    """A series whose every event the account organises (an organiser of one event sees no other's data)."""
    series = db.session.get(Series, series_id)
    if series is None or not all(current_user.can_staff(e, "organiser") for e in series.events):
        abort(404)
    return series


def _request(scope, scope_id, back):
    form = ExportRequestForm()
    if form.validate_on_submit():
        with change(ExportError) as result:
            request_export(scope, scope_id, form.format.data)
        if result.failed:
            flash(result.message, "error")
        else:
            flash(_("The export is being prepared. Its download link appears below when it is ready."), "success")
    else:
        flash(_("This export is not available."), "error")
    return redirect(back + "#exports")


def _download(scope, scope_id, job_id, stem):
    found = export_of(scope, scope_id, job_id)
    if found is None:
        abort(404)
    job, path = found
    name, mimetype = FORMATS[job.payload["format"]]
    return send_file(path, mimetype=mimetype, as_attachment=True, download_name=f"{stem}-{job.id}-{name}")


@bp.route("/events/<int:event_id>/exports", methods=["POST"])
def request_event_export(event_id):
    event = event_or_404(event_id)
    return _request("event", event.id, url_for(".show_event", event_id=event.id))


@bp.route("/events/<int:event_id>/exports/<int:job_id>")
def download_event_export(event_id, job_id):
    event = event_or_404(event_id)
    return _download("event", event.id, job_id, event.slug)


@bp.route("/series/<int:series_id>/exports", methods=["POST"])
def request_series_export(series_id):
    series = series_or_404(series_id)
    return _request("series", series.id, url_for(".show_series", series_id=series.id))


@bp.route("/series/<int:series_id>/exports/<int:job_id>")
def download_series_export(series_id, job_id):
    series = series_or_404(series_id)
    return _download("series", series.id, job_id, f"series-{series.id}")
