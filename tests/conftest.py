"""Shared fixtures. The database is SQLite by default, PostgreSQL when COOPEX_TEST_DATABASE_URL is set."""
import os
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from app import create_app
from app.extensions import db as _db
from app.extensions import limiter

DEFAULT_PASSWORD = "organiser-pass-1"
ROOT = Path(__file__).resolve().parent.parent


def process_env(instance_path, secret="test-secret-not-the-default", **extra):
    """The environment of a coopex process a test starts (wsgi, flask, gunicorn): none of the caller's
    COOPEX_*/DATABASE_URL/FLASK_* settings, its own instance folder; `secret=None` leaves the committed
    default key in force (which the app refuses)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COOPEX_", "DATABASE_URL", "FLASK_"))}
    env.update({"COOPEX_INSTANCE_PATH": str(instance_path), "PYTHONPATH": str(ROOT)}, **extra)
    if secret is not None:
        env["COOPEX_SECRET_KEY"] = secret
    return env


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    return os.environ.get("COOPEX_TEST_DATABASE_URL") or (
        "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.sqlite3"))


@pytest.fixture(scope="session")
def test_config(database_url, tmp_path_factory):
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "SERVER_NAME_FOR_LINKS": "http://localhost",
        "INSTANCE_FOR_TESTS": str(tmp_path_factory.mktemp("instance")),
    }


@pytest.fixture(scope="session")
def _schema(test_config):
    app = create_app(dict(test_config))
    with app.app_context():
        _db.drop_all()
        _db.create_all()
    yield
    with app.app_context():
        _db.session.remove()
        _db.engine.dispose()


@pytest.fixture
def app(test_config, _schema, tmp_path, monkeypatch):
    monkeypatch.setenv("COOPEX_INSTANCE_PATH", str(tmp_path / "instance"))
    application = create_app(dict(test_config))
    reset_limits()
    with application.app_context():
        yield application
        _db.session.rollback()
        _wipe()
        _db.session.remove()
        _db.engine.dispose()


@pytest.fixture
def make_app(test_config, _schema, tmp_path, monkeypatch):
    """Another app on the test database with config overrides; its engine is disposed afterwards."""
    monkeypatch.setenv("COOPEX_INSTANCE_PATH", str(tmp_path / "instance2"))
    made = []

    def make(**overrides):
        application = create_app({**test_config, **overrides})
        made.append(application)
        return application
    yield make
    for application in made:
        with application.app_context():
            _db.session.remove()
            _db.engine.dispose()
    reset_limits()


def reset_limits():
    if getattr(limiter, "_storage", None) is not None:
        limiter.reset()


def _wipe():
    for table in reversed(_db.metadata.sorted_tables):
        _db.session.execute(table.delete())
    _db.session.commit()


@pytest.fixture
def db(app):
    return _db


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


# ---------------------------------------------------------------- factories (take overrides)
@pytest.fixture
def staff_everywhere():
    """Users made by make_user() without events=…: granted to every event of the test, made before or after
    them (organiser and desk accounts work per event; tests about that pass events=[…])."""
    return []


@pytest.fixture
def make_event(db, staff_everywhere):
    from app.accounts.services import grant
    from app.events.models import Event, EventSession, EventStatus
    from app.events.services import generate_slots

    def make(slug="test-event", sessions=1, status=EventStatus.OPEN, **kw):
        event = Event(slug=slug, name_cs="Kooperační burza", name_de="Kooperationsbörse",
                      name_en="Cooperation exchange", venue="Marienberg", timezone="Europe/Berlin",
                      status=status, **kw)
        db.session.add(event)
        db.session.flush()
        for user in staff_everywhere:
            grant(user, event, user.role)
        for i in range(sessions):
            day = date(2027, 3, 10) + timedelta(days=i)
            start = datetime.combine(day, datetime.min.time()) + timedelta(hours=8)  # 09:00 CET in UTC
            sess = EventSession(event=event, code=f"s{i + 1}", day=day, start_at=start,
                                end_at=start + timedelta(hours=2), slot_minutes=25, gap_minutes=5)
            db.session.add(sess)
            db.session.flush()
            generate_slots(sess)
        return event
    return make


@pytest.fixture
def make_organisation(db):
    from app.participants.models import Organisation

    def make(name="Strojírny Jizera s.r.o.", country="CZ", **kw):
        org = Organisation(name=name, country=country, **kw)
        db.session.add(org)
        db.session.flush()
        return org
    return make


@pytest.fixture
def make_participant(db, make_organisation):
    from app.participants.models import Participant, ParticipantStatus

    counter = {"n": 0}

    def make(event, email=None, organisation=None, **kw):
        counter["n"] += 1
        kw.setdefault("status", ParticipantStatus.APPROVED)
        kw.setdefault("languages", ["cs", "en"])
        p = Participant(event=event, event_id=event.id, first_name=kw.pop("first_name", "Jana"),
                        last_name=kw.pop("last_name", f"Nováková {counter['n']}"),
                        email=email or f"person{counter['n']}@example.cz",
                        organisation=organisation or make_organisation(name=f"Firma {counter['n']} s.r.o."), **kw)
        db.session.add(p)
        db.session.flush()
        return p
    return make


@pytest.fixture
def make_user(db, staff_everywhere):
    from sqlalchemy import select

    from app.accounts.models import Role
    from app.accounts.services import create_user, grant
    from app.events.models import Event

    def make(email="organiser@example.org", role="organiser", password=DEFAULT_PASSWORD, events=None):
        """events=None: the account works at every event of the test; else only at the given ones."""
        user = create_user(email, password, role=role)
        if user.role != Role.ADMIN:
            if events is None:
                staff_everywhere.append(user)
                events = db.session.scalars(select(Event)).all()
            for event in events:
                grant(user, event, user.role)
        return user
    return make


@pytest.fixture
def login(client):
    def do(email="organiser@example.org", password=DEFAULT_PASSWORD):
        return client.post("/account/login", data={"email": email, "password": password})
    return do
