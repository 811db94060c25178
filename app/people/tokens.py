"""Signed, expiring links of series invitations: one to register again, one to stop the invitations."""
from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from ..extensions import db
from .models import Person

PURPOSES = {"return": "SERIES_INVITATION_MAX_AGE", "opt-out": "SERIES_OPT_OUT_MAX_AGE"}


class InvitationLinkError(ValueError):
    """reason: 'expired' or 'invalid'."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def _serializer(purpose):
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"coopex-series-{purpose}")


def make_token(person, purpose, event=None):
    return _serializer(purpose).dumps({"q": person.id, "e": getattr(event, "id", None)})


def read_token(token, purpose, event=None):
    """The person a valid link of this purpose (and event) is for; InvitationLinkError otherwise."""
    try:
        data = _serializer(purpose).loads(token, max_age=int(current_app.config[PURPOSES[purpose]]))
    except SignatureExpired as exc:
        raise InvitationLinkError("expired") from exc
    except BadSignature as exc:
        raise InvitationLinkError("invalid") from exc
    person = db.session.get(Person, data.get("q") or 0) if isinstance(data, dict) else None
    if person is None or (event is not None and data.get("e") != event.id):
        raise InvitationLinkError("invalid")
    return person
