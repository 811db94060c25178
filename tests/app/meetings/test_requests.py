"""Meeting requests: priorities, answers, automatic mode, mutual wishes, cap, not interested, expiry."""
import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.events.models import RequestMode
from app.i18n import utcnow
from app.meetings import services
from app.meetings.models import MeetingRequest, NotInterested, Priority, RequestStatus
from app.meetings.services import (
    MeetingRequestError,
    expire_requests,
    is_mutual,
    mark_not_interested,
    request_meeting,
    respond,
    withdraw,
)
from app.participants.models import ParticipantStatus


def test_request_is_pending_and_mailed_to_the_target_in_their_language(czech, german, smtp, db):
    req, created = request_meeting(czech, german, Priority.MUST, "Dobrý den, máme zájem o laserování.")
    db.session.commit()
    assert created and req.status == RequestStatus.PENDING and req.priority == Priority.MUST
    assert req.expires_at == req.created_at + timedelta(hours=72)
    [msg] = smtp.to(german.email)
    assert "möchte Sie treffen" in msg["Subject"]
    assert f"http://localhost/e/{czech.event.slug}/requests" in smtp.text(msg)


def test_target_accepts_and_requester_is_told_in_their_language(czech, german, smtp, db):
    req, _ = request_meeting(czech, german)
    respond(req, german, accept=True)
    db.session.commit()
    assert req.status == RequestStatus.ACCEPTED and req.responded_at is not None
    [msg] = smtp.to(czech.email)
    assert "přijal" in msg["Subject"].lower() or "přijala" in msg["Subject"].lower()


def test_only_the_target_answers_and_only_the_requester_withdraws(czech, german, make_participant, db):
    third = make_participant(czech.event)
    req, _ = request_meeting(czech, german)
    for who in (czech, third):
        with pytest.raises(MeetingRequestError):
            respond(req, who, accept=True)
    for who in (german, third):
        with pytest.raises(MeetingRequestError):
            withdraw(req, who)
    withdraw(req, czech)
    assert req.status == RequestStatus.WITHDRAWN


def test_automatic_mode_accepts_at_once(czech, german, db):
    czech.event.request_mode = RequestMode.AUTOMATIC
    req, _ = request_meeting(czech, german)
    assert req.status == RequestStatus.ACCEPTED


def test_mutual_wishes_are_accepted_on_both_sides(czech, german, db):
    first, _ = request_meeting(czech, german)
    second, _ = request_meeting(german, czech)
    assert first.status == second.status == RequestStatus.ACCEPTED
    assert is_mutual(first) and is_mutual(second)


def test_a_repeated_request_returns_the_existing_one(czech, german, db):
    first, created = request_meeting(czech, german, message="one")
    again, created_again = request_meeting(czech, german, message="two")
    assert created and not created_again and again.id == first.id and again.message == "one"


def test_cap_on_open_requests(czech, german, make_participant, db):
    czech.event.max_open_requests = 1
    request_meeting(czech, german)
    with pytest.raises(MeetingRequestError, match="open requests"):
        request_meeting(czech, make_participant(czech.event))


def test_pending_participants_cannot_request_or_be_requested(czech, german, db):
    german.status = ParticipantStatus.PENDING
    with pytest.raises(MeetingRequestError):
        request_meeting(czech, german)
    with pytest.raises(MeetingRequestError):
        request_meeting(german, czech)


def test_no_requests_after_the_deadline(czech, german, db):
    czech.event.request_deadline_at = utcnow() - timedelta(minutes=1)
    with pytest.raises(MeetingRequestError, match="deadline"):
        request_meeting(czech, german)


def test_not_interested_closes_and_blocks_both_directions(czech, german, db):
    req, _ = request_meeting(czech, german)
    mark_not_interested(german, czech)
    assert req.status == RequestStatus.DECLINED
    assert db.session.get(NotInterested, (german.id, czech.id)) is not None
    for a, b in ((czech, german), (german, czech)):
        with pytest.raises(MeetingRequestError, match="not possible"):
            request_meeting(a, b)


def test_expiry_service_and_mail_to_the_requester(czech, german, smtp, db):
    req, _ = request_meeting(german, czech)
    assert expire_requests(utcnow()) == []
    expired = expire_requests(utcnow() + timedelta(hours=73))
    db.session.commit()
    assert expired == [req] and req.status == RequestStatus.EXPIRED
    [msg] = [m for m in smtp.to(german.email) if "abgelaufen" in m["Subject"]]
    assert "Petr Svoboda" in msg["Subject"]
    with pytest.raises(MeetingRequestError):
        respond(req, czech, accept=True)


def test_expiry_cli(czech, german, runner, db):
    req, _ = request_meeting(german, czech)
    req.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    result = runner.invoke(args=["meetings", "expire"])
    assert "Expired 1" in result.output
    db.session.expire_all()
    assert req.status == RequestStatus.EXPIRED


def test_lost_race_on_insert_returns_the_existing_request(czech, german, db, monkeypatch):
    """The unique constraint (requester, target) decides; the loser gets the winner's row."""
    winner = MeetingRequest(event_id=czech.event_id, requester_id=czech.id, target_id=german.id)
    db.session.add(winner)
    db.session.commit()
    real = services.find_request
    calls = {"n": 0}

    def late_find(a, b):  # the first look-up happens "before" the other submit committed
        calls["n"] += 1
        return None if calls["n"] == 1 else real(a, b)
    monkeypatch.setattr(services, "find_request", late_find)
    req, created = request_meeting(czech, german)
    db.session.commit()
    assert not created and req.id == winner.id
    assert db.session.scalar(select(func.count(MeetingRequest.id))) == 1


def test_concurrent_double_submit_creates_one_request(app, czech, german, db):
    ids, errors, barrier = [], [], threading.Barrier(2)
    a_id, b_id = czech.id, german.id  # read here: the threads must not touch this session's objects

    def submit():
        from app.extensions import db as _db
        from app.participants.models import Participant

        with app.app_context():
            try:
                a, b = _db.session.get(Participant, a_id), _db.session.get(Participant, b_id)
                barrier.wait(5)
                req, _ = request_meeting(a, b)
                _db.session.commit()
                ids.append(req.id)
            except Exception as exc:  # noqa: BLE001  (reported below)
                errors.append(exc)
            finally:
                _db.session.remove()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    assert errors == [] and len(ids) == 2 and ids[0] == ids[1]
    assert db.session.scalar(select(func.count(MeetingRequest.id))) == 1


def test_withdrawn_request_can_be_sent_again_but_a_declined_one_cannot(czech, german, db):
    req, _ = request_meeting(czech, german)
    withdraw(req, czech)
    again, created = request_meeting(czech, german, Priority.HIGH)
    assert created and again.id == req.id and again.status == RequestStatus.PENDING
    respond(again, german, accept=False)
    with pytest.raises(MeetingRequestError, match="declined"):
        request_meeting(czech, german)
