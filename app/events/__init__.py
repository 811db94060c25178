from flask import Blueprint

from ..extensions import db
from ..security import EVENT_FINDERS
from . import labels  # noqa: F401  (registers this feature's labels before a form needs them)
from .models import Event
from .services import get_event

# roles_required finds the event a URL names through these (app.security imports no feature)
EVENT_FINDERS.update(id=lambda event_id: db.session.get(Event, event_id), slug=get_event)

bp = Blueprint("events", __name__, url_prefix="/e")

from . import branding, integrity  # noqa: E402,F401  (integrity: its flush rules run in the app)
# The public event page counts the participants, so it lives in app.participants (event_views) on this bp.
