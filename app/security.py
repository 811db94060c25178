"""Login loading for organisers (u:ID) and participants (p:ID), roles, security headers."""
from functools import wraps

from flask import abort, request
from flask_login import current_user

from .extensions import db, login_manager


def init_app(app):
    login_manager.login_view = "accounts.login"
    login_manager.login_message_category = "info"
    from flask_babel import lazy_gettext as _l

    login_manager.login_message = _l("Please sign in to open this page.")

    @app.after_request
    def _headers(response):
        h = response.headers
        h.setdefault("X-Content-Type-Options", "nosniff")
        h.setdefault("X-Frame-Options", "DENY")
        h.setdefault("Referrer-Policy", "same-origin")
        h.setdefault("Content-Security-Policy",
                     "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                     "script-src 'self'; frame-ancestors 'none'; form-action 'self'")
        if request.is_secure or app.config.get("HTTPS"):
            h.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        if _personal(response):
            h["Cache-Control"] = "no-store"
        return response


# Files that carry names, e-mails or agendas: never kept by browsers or shared proxies.
PERSONAL_TYPES = {"application/pdf", "text/calendar", "text/csv", "application/zip", "application/json",
                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _personal(response):
    if request.endpoint == "static" or (request.endpoint or "").startswith("directory_api."):
        return False  # the directory API serves the same public data to everyone (and is cached on purpose)
    return response.mimetype in PERSONAL_TYPES or current_user.is_authenticated


@login_manager.user_loader
def load_user(key):
    from .models import Participant, User

    kind, _, raw = (key or "").partition(":")
    if not raw.isdigit():
        return None
    model = {"u": User, "p": Participant}.get(kind)
    obj = db.session.get(model, int(raw)) if model else None
    return obj if obj is not None and obj.is_active else None


def roles_required(*roles):
    """Organiser accounts with one of `roles` (admin always passes); anyone else gets 403/login."""
    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if getattr(current_user, "is_participant", False) or not current_user.has_role(*roles):
                abort(403)
            return view(*args, **kwargs)
        return wrapped
    return decorator


def participant_required(view):
    """A signed-in participant (organisers are redirected to their own pages by the views)."""
    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        if not getattr(current_user, "is_participant", False):
            abort(403)
        return view(*args, **kwargs)
    return wrapped
