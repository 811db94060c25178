"""The demo event seeds cleanly and looks like a real Czech–Saxon cooperation exchange."""
from collections import Counter

import pytest
from sqlalchemy import func, select

from app import create_app
from app.demo import DEMO_LOGIN, seed_demo
from app.extensions import db
from app.models import (
    Event,
    EventStatus,
    Meeting,
    MeetingRequest,
    Opportunity,
    Organisation,
    Participant,
    ParticipantRole,
    RequestStatus,
    Table,
    User,
)


@pytest.fixture
def demo_app():
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "t"})
    with app.app_context():
        db.create_all()
        yield app
        db.session.remove()
        db.drop_all()


@pytest.fixture
def event(demo_app):
    ev = seed_demo(db.session)
    db.session.commit()
    return ev


def test_event_basics(event):
    assert event.slug == "marienberg-2027"
    assert event.status == EventStatus.OPEN
    assert event.timezone == "Europe/Berlin" and event.default_locale == "de"
    assert all(getattr(event, f"{f}_{lang}") for f in ("name", "description", "privacy") for lang in ("cs", "de", "en"))
    assert "Kooperační burza" in event.name_cs and "Kooperationsbörse" in event.name_de
    assert event.registration_deadline_at < event.sessions[0].start_at
    assert len(event.sessions) == 2 and len(event.interpreters) >= 2
    assert any(i.unavailable_slots for i in event.interpreters)


def test_slots_inside_sessions_and_disjoint(event):
    slots = sorted(event.slots, key=lambda s: s.start_at)
    assert len(slots) >= 10
    for a, b in zip(slots, slots[1:], strict=False):
        assert a.end_at <= b.start_at
    for s in slots:
        assert s.session.start_at <= s.start_at and s.end_at <= s.session.end_at
        assert (s.end_at - s.start_at).total_seconds() == s.session.slot_minutes * 60
        for br in s.session.breaks:
            assert not (s.start_at.isoformat() < br["end_at"] and br["start_at"] < s.end_at.isoformat())
    # 13:00 CET is 12:00 UTC
    assert slots[0].start_at.hour == 12 and slots[0].start_at.minute == 0


def test_organisations_and_participants(event):
    orgs = db.session.scalars(select(Organisation)).all()
    assert 70 <= len(orgs) <= 90
    countries = Counter(o.country for o in orgs)
    assert countries["CZ"] >= 30 and countries["DE"] >= 30 and countries["PL"] >= 1
    assert any(c in o.name for o in orgs for c in "ěščřžýáíéůú")
    assert all(o.region and o.city and o.nace_sectors and o.description_en for o in orgs)
    people = db.session.scalars(select(Participant).where(Participant.event_id == event.id)).all()
    emails = [p.email for p in people]
    assert len(emails) == len(set(emails)) >= len(orgs)
    assert all(p.gdpr_consent_at for p in people)
    assert sum(p.role == ParticipantRole.EXHIBITOR for p in people) >= 5
    assert any(p.languages == ["cs"] for p in people) and any(p.languages == ["de"] for p in people)
    assert any(p.unavailable_slots for p in people)


def test_tables_and_hosts(event):
    tables = db.session.scalars(select(Table).where(Table.event_id == event.id)).all()
    assert [t.number for t in sorted(tables, key=lambda t: t.number)] == list(range(1, 25))
    hosted = [t for t in tables if t.host is not None]
    assert hosted and all(t.host.role == ParticipantRole.EXHIBITOR for t in hosted)
    assert {t.zone for t in tables} == {"A", "B", "C"}


def test_requests(event):
    requests = db.session.scalars(select(MeetingRequest).where(MeetingRequest.event_id == event.id)).all()
    assert 150 <= len(requests) <= 200
    pairs = [(r.requester_id, r.target_id) for r in requests]
    assert len(pairs) == len(set(pairs))
    assert all(a != b for a, b in pairs)
    cross = sum(r.requester.organisation.country != r.target.organisation.country for r in requests)
    assert cross / len(requests) > 0.6
    statuses = Counter(r.status for r in requests)
    assert statuses[RequestStatus.ACCEPTED] > statuses[RequestStatus.PENDING] > statuses[RequestStatus.DECLINED] > 0
    assert all(r.expires_at for r in requests if r.status == RequestStatus.PENDING)
    assert db.session.scalar(select(func.count()).select_from(Meeting)) == 0


def test_opportunities(event):
    opps = db.session.scalars(select(Opportunity)).all()
    assert opps
    assert all(o.title_cs or o.title_de or o.title_en for o in opps)
    assert all(o.target_countries and o.sectors for o in opps)


def test_users_and_idempotence(event):
    user = db.session.scalar(select(User).where(User.email == DEMO_LOGIN[0]))
    assert user is not None and user.check_password(DEMO_LOGIN[1]) and user.role == "organiser"
    assert db.session.scalar(select(User).where(User.email == "desk@coopex.example.org")).role == "desk"
    assert seed_demo(db.session) is event
    assert db.session.scalar(select(func.count()).select_from(Event)) == 1
