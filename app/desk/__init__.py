from flask import Blueprint

bp = Blueprint("desk", __name__, url_prefix="/desk/events/<int:event_id>")

from . import checkin_views, views  # noqa: E402,F401
