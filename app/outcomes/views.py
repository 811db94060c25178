"""The organiser's outcome pages: dashboard of an event or a series, marks in conflict."""
from flask import abort, render_template

from ..events.models import Event
from ..extensions import db
from ..security import roles_required
from . import bp
from .attendance import conflicting_meetings
from .confirmations import confirmations
from .dashboard import build
from .export_views import series_or_404
from .forms import ExportRequestForm
from .web_exports import exports_of


@bp.before_request
@roles_required("organiser")
def _organisers_only():
    return None


@bp.route("/events/<int:event_id>")
def show_event(event_id):
    event = db.session.get(Event, event_id) or abort(404)
    return render_template("outcomes/show_dashboard.html", event=event, series=None,
                           board=build(event.name, [event]), conflicts=conflicting_meetings(event),
                           confirmations=confirmations(event), exports=exports_of("event", event.id),
                           export_form=ExportRequestForm())


@bp.route("/series/<int:series_id>")
def show_series(series_id):
    series = series_or_404(series_id)
    conflicts = [m for e in series.events for m in conflicting_meetings(e)]
    return render_template("outcomes/show_dashboard.html", event=None, series=series,
                           board=build(series.name, list(series.events)), conflicts=conflicts,
                           exports=exports_of("series", series.id), export_form=ExportRequestForm())
