"""Organiser accounts. Services flush, never commit."""
from sqlalchemy import func, select

from ..extensions import db
from .models import AuditLog, Role, User


class AccountError(ValueError):
    pass


def authenticate(email, password):
    user = db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))
    if user is None or not user.active or not user.check_password(password):
        return None
    return user


def create_user(email, password, role=Role.ORGANISER, name=""):
    email = email.strip().lower()
    if db.session.scalar(select(User).where(User.email == email)):
        raise AccountError(f"A user with the e-mail {email} exists already.")
    if len(password) < 8:
        raise AccountError("The password needs at least 8 characters.")
    user = User(email=email, role=Role(role), name=name)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def audit(action, user=None, event=None, target=None, **details):
    """Record an organiser action in the audit log."""
    entry = AuditLog(action=action, user_id=getattr(user, "id", None) if user and not
                     getattr(user, "is_participant", False) else None,
                     event_id=getattr(event, "id", None), details=details,
                     target_type=type(target).__name__ if target is not None else None,
                     target_id=getattr(target, "id", None))
    db.session.add(entry)
    return entry
