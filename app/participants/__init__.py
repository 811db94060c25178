"""Participants: registration, passwordless sign-in, profile, opportunities, marketplace, GDPR.

`bp` is loaded on first access (PEP 562): importing app.participants.models must not pull in the views,
whose forms import app.labels, which imports every model package.
"""


def __getattr__(name):
    if name == "bp":
        from . import views  # noqa: F401  (registers the routes)
        from .blueprint import bp

        return bp
    raise AttributeError(name)
