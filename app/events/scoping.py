"""Loading the event a URL names, once per blueprint instead of once per view.

Public pages name the event by slug (`/e/<slug>/…`); organiser pages by id (`…/events/<int:event_id>/…`).
Both put it in `g.event`, which the locale chain and the time-zone filters read.
"""
from flask import abort, g

from ..extensions import db
from ..security import roles_required
from .models import Event
from .services import get_event, visible_statuses


def load_public_event(endpoint, values):
    """url_value_preprocessor for `/e/<slug>/…`: only events that are open to the public."""
    slug = (values or {}).get("slug")
    if slug is not None:
        event = get_event(slug)
        if event is None or event.status not in visible_statuses():
            abort(404)
        g.event = event


def organiser_scope(bp, *roles):
    """Every route of `bp` carries <int:event_id>: load g.event (404 when unknown), fill event_id into
    url_for() calls, and admit only organiser accounts with one of `roles` (admin always)."""

    @bp.url_value_preprocessor
    def _load_event(endpoint, values):
        g.event = db.session.get(Event, (values or {}).get("event_id"))
        if g.event is None:
            abort(404)

    @bp.url_defaults
    def _event_id(endpoint, values):
        if "event_id" not in values and g.get("event") is not None:
            values["event_id"] = g.event.id

    @bp.before_request
    @roles_required(*roles)
    def _staff_only():
        return None


def of_event_or_404(model, obj_id):
    """The row `obj_id` of `model`, if it belongs to g.event; 404 otherwise (no probing across events)."""
    obj = db.session.get(model, obj_id)
    if obj is None or obj.event_id != g.event.id:
        abort(404)
    return obj
