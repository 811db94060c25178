"""The meetings feature's values as people read them (app.labels.label and choices look them up)."""
from flask_babel import lazy_gettext as _l

from ..labels import register
from .models import MeetingStatus, Outcome, Priority, RequestStatus

register({
    Priority.MUST: _l("must meet"), Priority.HIGH: _l("high"), Priority.NORMAL: _l("normal"),
    RequestStatus.PENDING: _l("pending"), RequestStatus.ACCEPTED: _l("accepted"),
    RequestStatus.DECLINED: _l("declined"), RequestStatus.WITHDRAWN: _l("withdrawn"),
    RequestStatus.EXPIRED: _l("expired"),
    MeetingStatus.SCHEDULED: _l("scheduled"), MeetingStatus.HELD: _l("held"),
    MeetingStatus.NO_SHOW: _l("no-show"), MeetingStatus.CANCELLED: _l("cancelled"),
    Outcome.NO_FOLLOW_UP: _l("no follow-up"), Outcome.FURTHER_CONTACT: _l("further contact agreed"),
    Outcome.OFFER_SENT: _l("offer or quote sent"), Outcome.COOPERATION_AGREED: _l("cooperation agreed"),
    Outcome.CONTRACT_SIGNED: _l("contract signed"),
})
