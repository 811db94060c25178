from flask import Blueprint

from ..security import LOGIN_MODELS
from . import labels  # noqa: F401  (registers this feature's labels before a form needs them)
from .models import User

LOGIN_MODELS["u"] = User  # organiser sessions (app.security loads them by this prefix)

bp = Blueprint("accounts", __name__, url_prefix="/account")

from . import views  # noqa: E402,F401
