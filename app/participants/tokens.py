"""Signed, expiring, single-use sign-in links for participants (itsdangerous + Participant.login_nonce)."""
from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from ..extensions import db
from ..i18n import utcnow
from .models import Participant

SALT = "coopex-participant-signin"


class SignInError(ValueError):
    """reason: 'expired', 'used' or 'invalid'."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def _serializer():
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def make_token(participant):
    return _serializer().dumps({"p": participant.id, "n": participant.login_nonce})


def check_token(token):
    """The participant the token is for, if it is valid, unexpired and unused; SignInError otherwise."""
    try:
        data = _serializer().loads(token, max_age=int(current_app.config["SIGNIN_TOKEN_MAX_AGE"]))
    except SignatureExpired as exc:
        raise SignInError("expired") from exc
    except BadSignature as exc:
        raise SignInError("invalid") from exc
    if not isinstance(data, dict):
        raise SignInError("invalid")
    participant = db.session.get(Participant, data.get("p") or 0)
    if participant is None or not participant.is_active:
        raise SignInError("invalid")
    if participant.login_nonce != data.get("n"):
        raise SignInError("used")
    return participant


def consume_token(token):
    """Check the token and use it up: every earlier link stops working."""
    participant = check_token(token)
    participant.login_nonce += 1
    participant.last_login_at = utcnow()
    db.session.flush()
    return participant
