"""Login loading for organisers (u:ID) and participants (p:ID), roles, security headers.

A session is accepted only while it carries the account's current session_version (logout and password
change bump it, which ends every session of the account, in every process) and while it is younger than the
absolute timeout and was used within the idle timeout."""
import time
from functools import wraps

from flask import abort, current_app, request, session
from flask_login import current_user, user_logged_in

from .extensions import db, login_manager


def init_app(app):
    login_manager.login_view = "accounts.login"
    login_manager.login_message_category = "info"
    from flask_babel import lazy_gettext as _l

    login_manager.login_message = _l("Please sign in to open this page.")
    user_logged_in.connect(_session_started, app)

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


# The features above plug in here, so this base module imports none of them: accounts adds "u" (User) and
# participants "p" (Participant) to LOGIN_MODELS, events sets EVENT_FINDERS (by id, by slug).
LOGIN_MODELS = {}
EVENT_FINDERS = {}


@login_manager.user_loader
def load_user(key):
    kind, _, raw = (key or "").partition(":")
    if not raw.isdigit():
        return None
    model = LOGIN_MODELS.get(kind)
    obj = db.session.get(model, int(raw)) if model else None
    if obj is None or not obj.is_active or not _session_current(obj):
        return None
    session["seen_at"] = int(time.time())
    return obj


def _session_started(sender, user, **extra):
    now = int(time.time())
    session["sv"], session["auth_at"], session["seen_at"] = user.session_version, now, now


def _session_current(obj):
    """Same session version, within the idle and the absolute timeout (longer for participants, who sign in
    by e-mailed link)."""
    cfg = current_app.config
    prefix = "PARTICIPANT_" if obj.is_participant else ""
    now = int(time.time())
    return (session.get("sv") == obj.session_version
            and now - int(session.get("seen_at") or 0) <= cfg[f"{prefix}SESSION_IDLE_MINUTES"] * 60
            and now - int(session.get("auth_at") or 0) <= cfg[f"{prefix}SESSION_ABSOLUTE_HOURS"] * 3600)


def end_session(user):
    """Bump the account's session version (the view commits): this and every other session of it ends."""
    user.session_version = (user.session_version or 0) + 1


def renew_session(user):
    """Keep the current browser signed in after a password change ended the account's other sessions."""
    session["sv"] = user.session_version


def roles_required(*roles):
    """Organiser accounts with one of `roles` (admin always passes); anyone else gets 403/login.
    On an event's pages (g.event, or the <slug> of the URL) the account needs a grant for that event
    (EventStaff) with one of `roles`; admins see every event."""
    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if getattr(current_user, "is_participant", False):
                abort(403)
            event = _event_in_url(kwargs)
            allowed = current_user.can_staff(event, *roles) if event is not None else current_user.has_role(*roles)
            if not allowed:
                abort(403)
            return view(*args, **kwargs)
        return wrapped
    return decorator


def _event_in_url(kwargs):
    """The event this request's URL names (<int:event_id> or <slug>), None for pages of no event."""
    args = request.view_args or {}
    if "event_id" in args:
        event = EVENT_FINDERS["id"](args["event_id"])
    elif args.get("slug"):
        event = EVENT_FINDERS["slug"](args["slug"])
    else:
        return None
    if event is None:
        abort(404)
    return event


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
