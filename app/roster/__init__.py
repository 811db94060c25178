from flask import Blueprint

bp = Blueprint("roster", __name__, url_prefix="/organiser/events/<int:event_id>/participants")

from . import views  # noqa: E402,F401
