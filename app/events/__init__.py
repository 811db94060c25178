from flask import Blueprint

bp = Blueprint("events", __name__, url_prefix="/e")

from . import branding, integrity, views  # noqa: E402,F401  (integrity: its flush rules run in the app)
