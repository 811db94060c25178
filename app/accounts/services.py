"""Organiser accounts: sign-in with lockout, passwords, grants. Services flush, never commit."""
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from ..extensions import db
from . import limits
from .models import AuditLog, EventStaff, Role, User

RESET_SALT = "coopex-password-reset"
_dummy = {}


class AccountError(ValueError):
    pass


class AccountLocked(AccountError):
    pass


def find_user(email):
    return db.session.scalar(select(User).where(func.lower(User.email) == (email or "").strip().lower()))


def _dummy_hash():
    """A hash to check against for unknown addresses, so that they take as long as known ones."""
    if "hash" not in _dummy:
        _dummy["hash"] = generate_password_hash("coopex-no-such-account")
    return _dummy["hash"]


def authenticate(email, password, lockout="10 per 15 minutes"):
    """The active user with this e-mail and password; None otherwise (the failure is counted and audited).
    AccountLocked after `lockout` failures for the address, known or not, until the window has passed."""
    email = (email or "").strip().lower()
    user = find_user(email)
    matches = check_password_hash(user.password_hash if user else _dummy_hash(), password or "")
    key = f"login:{email}"
    if limits.exceeded(key, lockout):
        audit("login_failed", user=user, email=email[:254], known=user is not None, locked=True)
        raise AccountLocked(_("Too many failed sign-ins. This account is locked for a while; "
                              "please try again later or reset your password."))
    if user is not None and user.active and matches:
        limits.reset(key)
        return user
    if not limits.hit(key, lockout) or limits.exceeded(key, lockout):
        limits.restart_window(key)  # the lock lasts a whole window from the last failure
    audit("login_failed", user=user, email=email[:254], known=user is not None)
    return None


def create_user(email, password, role=Role.ORGANISER, name=""):
    email = email.strip().lower()
    if db.session.scalar(select(User).where(User.email == email)):
        raise AccountError(f"A user with the e-mail {email} exists already.")
    check_password_rules(password)
    user = User(email=email, role=Role(role), name=name)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def check_password_rules(password):
    if len(password or "") < 8:
        raise AccountError(_("The password needs at least 8 characters."))


def change_password(user, current, new):
    """Needs the current password; ends every other session of the account (the view renews its own)."""
    if not user.check_password(current or ""):
        raise AccountError(_("The current password is not correct."))
    set_new_password(user, new)


def set_new_password(user, new):
    from ..security import end_session

    check_password_rules(new)
    user.set_password(new)
    end_session(user)
    limits.reset(f"login:{user.email.lower()}")
    db.session.flush()


# ------------------------------------------------------------------ password reset by e-mail
def _reset_serializer(secret):
    return URLSafeTimedSerializer(secret, salt=RESET_SALT)


def reset_token(user, secret):
    """Signed and expiring; single use because it names the password hash and the session version,
    which a reset changes."""
    return _reset_serializer(secret).dumps({"u": user.id, "h": user.password_hash[-16:], "v": user.session_version})


def user_for_reset_token(token, secret, max_age):
    try:
        data = _reset_serializer(secret).loads(token, max_age=max_age)
    except SignatureExpired as exc:
        raise AccountError(_("This link has expired. Please request a new one.")) from exc
    except BadSignature as exc:
        raise AccountError(_("This link is not valid. Please request a new one.")) from exc
    user = db.session.get(User, data.get("u") or 0) if isinstance(data, dict) else None
    if user is None or not user.active or data.get("h") != user.password_hash[-16:] \
            or data.get("v") != user.session_version:
        raise AccountError(_("This link has already been used. Please request a new one."))
    return user


# ------------------------------------------------------------------ per-event grants
def grant(user, event, role=Role.ORGANISER):
    """Give `user` the organiser or desk role at `event` (replaces an earlier grant there)."""
    role = Role(role)
    if role == Role.ADMIN:
        raise AccountError(_("Admins see every event; grant the organiser or the desk role."))
    row = db.session.scalar(select(EventStaff).where(EventStaff.user_id == user.id, EventStaff.event_id == event.id))
    if row is None:
        row = EventStaff(user=user, event_id=event.id)
        db.session.add(row)
    row.role = role
    db.session.flush()
    return row


def revoke(user, event):
    row = db.session.scalar(select(EventStaff).where(EventStaff.user_id == user.id, EventStaff.event_id == event.id))
    if row is not None:
        db.session.delete(row)
        db.session.flush()


def landing_endpoint(user):
    """Where an account lands after signing in: desk staff on the desk of their one running event (closed and
    draft events do not count), everyone else on the organiser dashboard (the list of their events)."""
    from ..events.models import Event, EventStatus

    if user.role != Role.ADMIN and user.grants and all(g.role == Role.DESK for g in user.grants):
        running = db.session.scalars(select(Event.id).where(
            Event.id.in_([g.event_id for g in user.grants]),
            Event.status.not_in((EventStatus.DRAFT, EventStatus.CLOSED)))).all()
        if len(running) == 1:
            return "desk.show_desk", {"event_id": running[0]}
    return "accounts.organiser_home", {}


def visible_events(user):
    """Events an organiser account may open: all for admins, the granted ones otherwise."""
    from ..events.models import Event

    stmt = select(Event).order_by(Event.id.desc())
    if user.role != Role.ADMIN:
        stmt = stmt.join(EventStaff, EventStaff.event_id == Event.id).where(EventStaff.user_id == user.id)
    return db.session.scalars(stmt).all()


def audit(action, user=None, event=None, target=None, **details):
    """Record an organiser action in the audit log."""
    entry = AuditLog(action=action, user_id=getattr(user, "id", None) if user and not
                     getattr(user, "is_participant", False) else None,
                     event_id=getattr(event, "id", None), details=details,
                     target_type=type(target).__name__ if target is not None else None,
                     target_id=getattr(target, "id", None))
    db.session.add(entry)
    return entry
