"""Meeting requests and "not interested" marks. Services flush, never commit."""
from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from ..events.models import RequestMode
from ..extensions import db
from ..i18n import utcnow
from ..participants.models import Participant, ParticipantStatus
from ..participants.notify import notify
from ..participants.services import editing_open
from .models import MeetingRequest, NotInterested, Priority, RequestStatus

OPEN = (RequestStatus.PENDING, RequestStatus.ACCEPTED)


class MeetingRequestError(ValueError):
    pass


def blocked(a_id, b_id):
    """True if either of the two marked the other as 'not interested'."""
    return db.session.scalar(select(func.count()).select_from(NotInterested).where(
        ((NotInterested.participant_id == a_id) & (NotInterested.other_id == b_id))
        | ((NotInterested.participant_id == b_id) & (NotInterested.other_id == a_id)))) > 0


def find_request(requester_id, target_id):
    return db.session.scalar(select(MeetingRequest).where(
        MeetingRequest.requester_id == requester_id, MeetingRequest.target_id == target_id))


def open_request_count(participant):
    return db.session.scalar(select(func.count(MeetingRequest.id)).where(
        MeetingRequest.requester_id == participant.id, MeetingRequest.status == RequestStatus.PENDING))


def request_block_reason(requester, now=None):
    """Why `requester` cannot send meeting requests at the moment, in plain words; None when they can.

    The marketplace, profile cards and suggestions show this instead of a request button, and
    request_meeting refuses with the same words."""
    from flask_babel import format_date

    from ..events.models import EventStatus
    from ..i18n import local_dt

    event = requester.event
    now = now or utcnow()
    if requester.status != ParticipantStatus.APPROVED:
        return _("You can request meetings once the organiser has approved your registration.")
    if event.status == EventStatus.DRAFT:
        return _("Meeting requests open when the organiser opens the event for registration.")
    if not editing_open(event, now):
        if event.request_deadline_at is not None and now >= event.request_deadline_at:
            day = format_date(local_dt(event.request_deadline_at, event.timezone), "medium", rebase=False)
            return _("The deadline for meeting requests passed on %(date)s.", date=day)
        return _("Meeting requests are closed: the meeting plan has been published.")
    if open_request_count(requester) >= event.max_open_requests:
        return _("You have %(n)s open requests, the most this event allows. Wait for answers "
                 "or withdraw one.", n=event.max_open_requests)
    return None


def _check_can_request(requester, target, now):
    if requester.id == target.id:
        raise MeetingRequestError(_("You cannot request a meeting with yourself."))
    if target.event_id != requester.event_id or target.status != ParticipantStatus.APPROVED:
        raise MeetingRequestError(_("This participant cannot be requested."))
    reason = request_block_reason(requester, now)
    if reason:
        raise MeetingRequestError(reason)
    if blocked(requester.id, target.id):
        raise MeetingRequestError(_("A meeting between you and this participant is not possible."))


def request_meeting(requester, target, priority=Priority.NORMAL, message="", now=None):
    """Ask `target` for a meeting. Returns (request, created). Mutual wishes are accepted at once."""
    now = now or utcnow()
    _lock_pair(requester, target)
    existing = find_request(requester.id, target.id)
    if existing is not None and existing.status in OPEN:
        return existing, False
    _check_can_request(requester, target, now)
    if existing is not None and existing.status == RequestStatus.DECLINED:
        raise MeetingRequestError(_("This participant has declined your request."))
    req = existing or MeetingRequest(event_id=requester.event_id, requester_id=requester.id, target_id=target.id)
    req.priority, req.message, req.status = Priority(priority), (message or "").strip(), RequestStatus.PENDING
    req.created_at, req.responded_at = now, None
    req.expires_at = now + timedelta(hours=requester.event.request_expiry_hours)
    if existing is None:
        try:
            with db.session.begin_nested():
                db.session.add(req)
        except IntegrityError:  # a concurrent submit of the same request won
            return find_request(requester.id, target.id), False
    reverse = find_request(target.id, requester.id)
    if reverse is not None and reverse.status in OPEN:  # a mutual wish: both are accepted
        for r in (req, reverse):
            r.status, r.responded_at = RequestStatus.ACCEPTED, now
        db.session.flush()
        notify(target, "request_accepted", other=requester, req=reverse)
        return req, True
    if requester.event.request_mode == RequestMode.AUTOMATIC:
        req.status, req.responded_at = RequestStatus.ACCEPTED, now
    db.session.flush()
    notify(target, "request_new", other=requester, req=req)
    return req, True


def _lock_pair(requester, target):
    """Serialise requests of these two people (PostgreSQL row locks, in id order so two never deadlock):
    the open-request cap and the mutual-wish check then see every request committed before. SQLite ignores
    FOR UPDATE, but it runs one writer at a time anyway."""
    ids = sorted({requester.id, target.id})
    db.session.execute(select(Participant.id).where(Participant.id.in_(ids)).order_by(Participant.id)
                       .with_for_update()).all()


def is_mutual(req):
    reverse = find_request(req.target_id, req.requester_id)
    return reverse is not None and reverse.status == RequestStatus.ACCEPTED and req.status == RequestStatus.ACCEPTED


def respond(req, participant, accept, now=None):
    """The target accepts or declines a pending request: decided once, even against concurrent answers."""
    now = now or utcnow()
    if req.target_id != participant.id:
        raise MeetingRequestError(_("Only the requested participant can answer this request."))
    _expire_one(req, now)
    if req.status != RequestStatus.PENDING:
        raise MeetingRequestError(_("This request is no longer waiting for an answer."))
    if accept and blocked(req.requester_id, req.target_id):
        raise MeetingRequestError(_("A meeting between you and this participant is not possible."))
    new = RequestStatus.ACCEPTED if accept else RequestStatus.DECLINED
    if not _decide(req, (RequestStatus.PENDING,), new, now):
        raise MeetingRequestError(_answered_meanwhile(req))
    notify(req.requester, "request_accepted" if accept else "request_declined", other=participant, req=req)
    return req


def withdraw(req, participant, now=None):
    """The requester takes back a pending or accepted request ("Zrušit žádost" / "Anfrage zurückziehen").
    Deliberately no e-mail to the partner: the request just leaves their list, and a notice for every change
    of mind would be noise (issue 20)."""
    if req.requester_id != participant.id:
        raise MeetingRequestError(_("Only the participant who sent this request can withdraw it."))
    if req.status not in OPEN:
        raise MeetingRequestError(_("This request is no longer open."))
    if not editing_open(participant.event, now):
        raise MeetingRequestError(_("The deadline for meeting requests has passed."))
    if not _decide(req, OPEN, RequestStatus.WITHDRAWN, now or utcnow()):
        raise MeetingRequestError(_answered_meanwhile(req))
    return req


def _decide(req, expected, new, now):
    """Move `req` from one of `expected` to `new` with one conditional UPDATE: of two concurrent answers the
    database lets exactly one through (the other's WHERE no longer matches after the winner's commit).
    Returns False, with `req` refreshed, when someone else decided first."""
    db.session.flush()
    result = db.session.execute(
        update(MeetingRequest).where(MeetingRequest.id == req.id, MeetingRequest.status.in_(expected))
        .values(status=new, responded_at=now).execution_options(synchronize_session=False))
    db.session.refresh(req)
    return result.rowcount == 1


def _answered_meanwhile(req):
    messages = {
        RequestStatus.ACCEPTED: _("This request was accepted a moment ago; nothing was changed."),
        RequestStatus.DECLINED: _("This request was declined a moment ago; nothing was changed."),
        RequestStatus.WITHDRAWN: _("This request was withdrawn a moment ago; nothing was changed."),
    }
    return messages.get(req.status, _("This request is no longer waiting for an answer."))


def _expire_one(req, now):
    if req.status == RequestStatus.PENDING and req.expires_at is not None and req.expires_at <= now:
        if not _decide(req, (RequestStatus.PENDING,), RequestStatus.EXPIRED, now):
            return False  # answered (or expired by another process) meanwhile: one e-mail at most
        notify(req.requester, "request_expired", other=req.target, req=req)
        return True
    return False


def expire_requests(now=None, event=None):
    """Expire every pending request past expires_at (of one event or all); e-mails the requesters."""
    now = now or utcnow()
    stmt = select(MeetingRequest).where(MeetingRequest.status == RequestStatus.PENDING,
                                        MeetingRequest.expires_at.is_not(None), MeetingRequest.expires_at <= now)
    if event is not None:
        stmt = stmt.where(MeetingRequest.event_id == event.id)
    return [r for r in db.session.scalars(stmt.order_by(MeetingRequest.id)).all() if _expire_one(r, now)]


def mark_not_interested(participant, other, now=None):
    """`participant` does not want to meet `other`: open requests between them are closed."""
    now = now or utcnow()
    if other.id == participant.id or other.event_id != participant.event_id:
        raise MeetingRequestError(_("This participant cannot be marked."))
    if db.session.get(NotInterested, (participant.id, other.id)) is None:
        db.session.add(NotInterested(participant_id=participant.id, other_id=other.id, created_at=now))
    for req in (find_request(participant.id, other.id), find_request(other.id, participant.id)):
        if req is not None and req.status in OPEN:
            mine = req.requester_id == participant.id
            req.status = RequestStatus.WITHDRAWN if mine else RequestStatus.DECLINED
            req.responded_at = now
    db.session.flush()


def clear_not_interested(participant, other):
    mark = db.session.get(NotInterested, (participant.id, other.id))
    if mark is not None:
        db.session.delete(mark)
        db.session.flush()


def close_requests_of(participant, now=None):
    """On account deletion: withdraw what they sent, decline what they received (rows stay)."""
    now = now or utcnow()
    reqs = db.session.scalars(select(MeetingRequest).where(
        ((MeetingRequest.requester_id == participant.id) | (MeetingRequest.target_id == participant.id)),
        MeetingRequest.status == RequestStatus.PENDING)).all()
    for req in reqs:
        req.status = RequestStatus.WITHDRAWN if req.requester_id == participant.id else RequestStatus.DECLINED
        req.responded_at = now
    db.session.flush()


def requests_of(participant):
    """(received, sent) requests of a participant, newest first."""
    def q(column):
        return db.session.scalars(select(MeetingRequest).where(column == participant.id)
                                  .order_by(MeetingRequest.created_at.desc(), MeetingRequest.id.desc())).all()
    return q(MeetingRequest.target_id), q(MeetingRequest.requester_id)


def not_interested_ids(participant):
    return set(db.session.scalars(select(NotInterested.other_id).where(
        NotInterested.participant_id == participant.id)).all())
