"""Participants: registration, passwordless sign-in, profile, opportunities, marketplace, GDPR.

`bp` is loaded on first access (PEP 562): importing app.participants.models must not pull in the views.
"""
from ..security import LOGIN_MODELS
from . import labels  # noqa: F401  (registers this feature's labels before a form needs them)
from .models import Participant

LOGIN_MODELS["p"] = Participant  # participant sessions (app.security loads them by this prefix)


def __getattr__(name):
    if name == "bp":
        from . import event_views, views  # noqa: F401  (register the routes; event_views on app.events.bp)
        from .blueprint import bp

        return bp
    raise AttributeError(name)
