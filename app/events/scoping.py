"""Loading the event a URL names, once per blueprint instead of once per view.

Public pages name the event by slug (`/e/<slug>/…`); organiser pages by id (`…/events/<int:event_id>/…`).
Both put it in `g.event`, which the locale chain and the time-zone filters read.
"""
from flask import abort, current_app, g

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
    """Routes of `bp` that carry <int:event_id> get g.event (404 when unknown) and have event_id filled into
    url_for() calls; every route admits only organiser accounts with one of `roles` (admin always)."""

    @bp.url_value_preprocessor
    def _load_event(endpoint, values):
        if values and "event_id" in values:
            g.event = db.session.get(Event, values["event_id"])
            if g.event is None:
                abort(404)

    @bp.url_defaults
    def _event_id(endpoint, values):
        if ("event_id" not in values and g.get("event") is not None
                and current_app.url_map.is_endpoint_expecting(endpoint, "event_id")):
            values["event_id"] = g.event.id

    @bp.before_request
    @roles_required(*roles)
    def _staff_only():
        return None


def of_event_or_404(model, obj_id, event=None):
    """The row `obj_id` of `model`, if it belongs to `event` (default g.event); 404 otherwise
    (no probing across events)."""
    obj = db.session.get(model, obj_id)
    if obj is None or obj.event_id != (event or g.event).id:
        abort(404)
    return obj
