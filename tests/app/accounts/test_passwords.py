"""Organiser sign-in: lockout in the database, failed sign-ins audited, the same work for unknown addresses,
password reset by e-mailed single-use link (issue 17)."""
import re

import pytest
from flask import g
from sqlalchemy import select

from app.accounts.models import AuditLog
from tests.conftest import DEFAULT_PASSWORD

from ..participants.fixtures import outbox


def _login(client, email="organiser@example.org", password=DEFAULT_PASSWORD):
    g.pop("_login_user", None)
    return client.post("/account/login", data={"email": email, "password": password})


@pytest.fixture
def organiser(make_user, db):
    user = make_user()
    db.session.commit()
    return user


def test_ten_failures_lock_the_account_in_every_process(app, make_app, organiser, db):
    first = app.test_client()
    for _ in range(10):
        assert _login(first, password="wrong-password").status_code == 200
    res = _login(first)  # the right password no longer helps
    assert res.status_code == 429 and "locked" in res.get_data(as_text=True)
    failed = db.session.scalars(select(AuditLog).where(AuditLog.action == "login_failed")).all()
    assert len(failed) == 11 and [r.details.get("locked") for r in failed].count(True) == 1
    other_process = make_app().test_client()  # its own per-IP limiter memory, the same database
    res = other_process.post("/account/login", data={"email": "organiser@example.org", "password": DEFAULT_PASSWORD})
    assert res.status_code == 429


def test_the_lock_message_is_translated(app, organiser):
    c = app.test_client()
    c.post("/language/de")
    for _ in range(10):
        _login(c, password="wrong-password")
    assert "gesperrt" in _login(c).get_data(as_text=True)


def test_unknown_addresses_lock_alike(app, db):
    """Locking only real accounts would tell an attacker which addresses exist."""
    c = app.test_client()
    for _ in range(10):
        _login(c, email="nobody@example.org", password="x")
    assert _login(c, email="nobody@example.org", password="x").status_code == 429


def test_a_success_clears_the_failures(app, organiser):
    c = app.test_client()
    for _ in range(9):
        _login(c, password="wrong-password")
    assert _login(c).status_code == 302
    g.pop("_login_user", None)
    c.post("/account/logout")
    for _ in range(9):
        _login(c, password="wrong-password")
    assert _login(c).status_code == 302


def test_failed_logins_are_audited(app, organiser, db):
    c = app.test_client()
    _login(c, password="wrong-password")
    _login(c, email="ghost@example.org", password="x")
    rows = db.session.scalars(select(AuditLog).where(AuditLog.action == "login_failed").order_by(AuditLog.id)).all()
    assert [(r.user_id, r.details["email"], r.details["known"]) for r in rows] == [
        (organiser.id, "organiser@example.org", True), (None, "ghost@example.org", False)]


def test_unknown_and_known_addresses_cost_one_password_hash_each(app, organiser, monkeypatch):
    import app.accounts.services as services

    calls = []
    real = services.check_password_hash
    monkeypatch.setattr(services, "check_password_hash", lambda h, p: calls.append(h) or real(h, p))
    c = app.test_client()
    _login(c, email="ghost@example.org", password="x")
    _login(c, password="wrong-password")
    assert len(calls) == 2 and calls[0].startswith(("scrypt:", "pbkdf2:"))


def _reset_link(app):
    body = outbox(app)[-1].get_body(preferencelist=("plain",)).get_content()
    return re.search(r"http://localhost(/account/password/reset/\S+)", body).group(1)


def test_password_reset_by_mail_is_single_use(app, organiser, db):
    c = app.test_client()
    page = c.post("/account/password/reset", data={"email": "organiser@example.org"}).get_data(as_text=True)
    assert "is on its way" in page
    link = _reset_link(app)
    assert c.post(link, data={"new_password": "reset-pass-22", "confirm": "reset-pass-22"}).status_code == 302
    assert _login(c, password="reset-pass-22").status_code == 302
    again = c.post(link, data={"new_password": "another-pass-3", "confirm": "another-pass-3"})
    assert again.status_code == 410 and "already been used" in again.get_data(as_text=True)


def test_password_reset_links_expire(app, organiser):
    c = app.test_client()
    c.post("/account/password/reset", data={"email": "organiser@example.org"})
    app.config.update(PASSWORD_RESET_MAX_AGE=-1)
    assert c.get(_reset_link(app)).status_code == 410


def test_reset_for_an_unknown_address_answers_the_same_and_sends_nothing(app, organiser):
    c = app.test_client()
    known = c.post("/account/password/reset", data={"email": "organiser@example.org"}).get_data(as_text=True)
    unknown = c.post("/account/password/reset", data={"email": "ghost@example.org"}).get_data(as_text=True)
    assert known.replace("organiser@example.org", "X") == unknown.replace("ghost@example.org", "X")
    assert [m["To"] for m in outbox(app)] == ["organiser@example.org"]
