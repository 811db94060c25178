"""Issue 17: answering a meeting request is decided once, and the open-request cap holds, under real parallel
requests (PostgreSQL, a served app). Failed before: both of two simultaneous answers won (two e-mails), a
withdrawal could be followed by "accepted", and parallel requests went past the cap."""
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.i18n import utcnow
from app.meetings.models import MeetingRequest, RequestStatus
from app.meetings.services import MeetingRequestError, request_meeting, respond, withdraw
from app.planning.models import EmailRecord

from ..concurrency import fire, served, sign_in_participant  # noqa: F401

ROUNDS = 4
ANSWER_MAILS = ("request_accepted", "request_declined")


def _answer_mails(db, requester):
    return db.session.scalar(select(func.count(EmailRecord.id)).where(
        EmailRecord.participant_id == requester.id, EmailRecord.kind.in_(ANSWER_MAILS)))


def _fresh_request(db, requester, target):
    db.session.execute(MeetingRequest.__table__.delete())
    db.session.execute(EmailRecord.__table__.delete())
    req = MeetingRequest(event_id=requester.event_id, requester_id=requester.id, target_id=target.id,
                         expires_at=utcnow() + timedelta(days=1))
    db.session.add(req)
    db.session.commit()
    return req.id


def _flashes(result):
    return re.findall(r'class="flash flash-(\w+)"[^>]*>([^<]*)<', result[2])


def _won(result):
    status, url, _html = result
    assert status == 200, url  # never a 500: the loser gets the list again with a message
    flashes = _flashes(result)
    assert len(flashes) == 1, flashes
    return flashes[0][0] == "success"


def test_accept_and_decline_at_once_give_one_answer_and_one_mail(served, czech, german, db):  # noqa: F811
    slug = czech.event.slug
    # two browsers of the same person (flash messages live in the session cookie, so one jar would mix them)
    first, second = (sign_in_participant(served.client(), german) for _ in range(2))
    for _ in range(ROUNDS):
        req_id = _fresh_request(db, czech, german)
        url = f"/e/{slug}/requests/{req_id}"
        results = fire(lambda url=url: first.post(f"{url}/accept"), lambda url=url: second.post(f"{url}/decline"))
        assert sum(_won(r) for r in results) == 1, [_flashes(r) for r in results]
        db.session.expire_all()
        assert db.session.get(MeetingRequest, req_id).status in (RequestStatus.ACCEPTED, RequestStatus.DECLINED)
        assert _answer_mails(db, czech) == 1


def test_withdraw_and_accept_at_once_never_end_accepted(served, czech, german, db):  # noqa: F811
    slug = czech.event.slug
    requester = sign_in_participant(served.client(), czech)
    target = sign_in_participant(served.client(), german)
    for _ in range(ROUNDS):
        req_id = _fresh_request(db, czech, german)
        url = f"/e/{slug}/requests/{req_id}"
        withdrawn, accepted = fire(lambda url=url: requester.post(f"{url}/withdraw"),
                                   lambda url=url: target.post(f"{url}/accept"))
        db.session.expire_all()
        final = db.session.get(MeetingRequest, req_id).status
        if _won(withdrawn):
            assert final == RequestStatus.WITHDRAWN
        assert _answer_mails(db, czech) == (1 if _won(accepted) else 0), (_flashes(withdrawn), _flashes(accepted))


def test_open_request_cap_holds_under_parallel_requests(served, make_participant, czech, db):  # noqa: F811
    event = czech.event
    event.max_open_requests = 2
    others = [make_participant(event) for _ in range(5)]
    db.session.commit()
    me, paths = sign_in_participant(served.client(), czech), [f"/e/{event.slug}/participants/{o.id}/request"
                                                              for o in others]
    fire(*[lambda path=path: me.post(path, {"priority": "normal"}) for path in paths])
    assert db.session.scalar(select(func.count(MeetingRequest.id)).where(
        MeetingRequest.requester_id == czech.id, MeetingRequest.status == RequestStatus.PENDING)) == 2


# ---------------------------------------------------------------- the same decisions without threads (both DBs)
def _answered_elsewhere(db, req_id, status):
    """Another process answers the request and commits, while this session still holds the old row."""
    with db.engine.begin() as conn:
        conn.execute(MeetingRequest.__table__.update().where(MeetingRequest.__table__.c.id == req_id)
                     .values(status=status))


@pytest.mark.parametrize("status", [RequestStatus.WITHDRAWN, RequestStatus.DECLINED])
def test_answer_on_a_stale_request_is_refused_with_a_clear_message(czech, german, db, status):
    req, _ = request_meeting(czech, german)
    db.session.commit()
    assert req.status == RequestStatus.PENDING  # loaded: the session now holds a stale copy
    _answered_elsewhere(db, req.id, status)
    with pytest.raises(MeetingRequestError, match="a moment ago"):
        respond(req, german, accept=True)
    assert req.status == status and _answer_mails(db, czech) == 0


def test_withdraw_after_a_decline_elsewhere_is_refused(czech, german, db):
    req, _ = request_meeting(czech, german)
    db.session.commit()
    assert req.status == RequestStatus.PENDING
    _answered_elsewhere(db, req.id, RequestStatus.DECLINED)
    with pytest.raises(MeetingRequestError, match="declined a moment ago"):
        withdraw(req, czech)
