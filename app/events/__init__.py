from flask import Blueprint

bp = Blueprint("events", __name__, url_prefix="/e")

from . import views  # noqa: E402,F401
