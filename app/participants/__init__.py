"""Participants: registration, passwordless sign-in, profile, opportunities, organisations, GDPR."""
from ..security import LOGIN_MODELS
from . import labels  # noqa: F401  (registers this feature's labels before a form needs them)
from .models import Participant

LOGIN_MODELS["p"] = Participant  # participant sessions (app.security loads them by this prefix)

from . import event_views, views  # noqa: E402,F401  (the routes; event_views on app.events.bp)
from .blueprint import bp  # noqa: E402,F401
