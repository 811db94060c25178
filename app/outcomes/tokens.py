"""Signed single-purpose links in outcome e-mails (itsdangerous): each purpose has its own salt, so a
rating link cannot opt somebody out and a sign-in link cannot open the rating form."""
from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from ..extensions import db
from ..participants.models import Participant

RATING_MAX_AGE = 60 * 24 * 3600       # the issue: valid 60 days
OPT_OUT_MAX_AGE = 400 * 24 * 3600     # surveys come up to 6 months later; the link in them must still work
ATTEND_MAX_AGE = 30 * 24 * 3600       # the "will you come?" link: sent days before, useless after the event
PURPOSES = {"rate": RATING_MAX_AGE, "opt-out": OPT_OUT_MAX_AGE, "follow-up": RATING_MAX_AGE,
            "attend": ATTEND_MAX_AGE}


class LinkError(ValueError):
    """reason: 'expired' or 'invalid'."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def _serializer(purpose):
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"coopex-outcomes-{purpose}")


def make_link_token(participant, purpose, **extra):
    return _serializer(purpose).dumps({"p": participant.id, **extra})


def read_link_token(token, purpose, event=None):
    """(participant, payload) for a valid link of this purpose (and event); LinkError otherwise."""
    try:
        data = _serializer(purpose).loads(token, max_age=PURPOSES[purpose])
    except SignatureExpired as exc:
        raise LinkError("expired") from exc
    except BadSignature as exc:
        raise LinkError("invalid") from exc
    participant = db.session.get(Participant, data.get("p") or 0) if isinstance(data, dict) else None
    if participant is None or participant.anonymised_at is not None or (
            event is not None and participant.event_id != event.id):
        raise LinkError("invalid")
    return participant, data
