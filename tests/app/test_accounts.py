"""Organiser sign-in, roles per view, CSRF and rate limits."""
import pytest

from tests.conftest import reset_limits
from tests.sessions import sign_in_session


def test_login_with_right_password(client, make_user, login, db):
    make_user()
    db.session.commit()
    res = login()
    assert res.status_code == 302
    assert client.get("/account/organiser").status_code == 200


def test_login_with_wrong_password_keeps_email_and_explains(client, make_user, login, db):
    make_user()
    db.session.commit()
    res = login(password="wrong-one")
    html = res.get_data(as_text=True)
    assert res.status_code == 200
    assert "Unknown e-mail or wrong password." in html
    assert 'value="organiser@example.org"' in html


def test_password_is_hashed(make_user):
    user = make_user()
    assert "organiser-pass-1" not in user.password_hash
    assert user.check_password("organiser-pass-1")


@pytest.mark.parametrize("role,status", [("admin", 200), ("organiser", 200), ("desk", 200)])
def test_organiser_home_per_role(client, make_user, login, db, role, status):
    make_user(email=f"{role}@example.org", role=role)
    db.session.commit()
    login(email=f"{role}@example.org")
    assert client.get("/account/organiser").status_code == status


def test_anonymous_is_sent_to_login(client):
    res = client.get("/account/organiser")
    assert res.status_code == 302 and "/account/login" in res.headers["Location"]


def test_participant_cannot_open_organiser_pages(client, make_event, make_participant, db):
    event = make_event()
    p = make_participant(event)
    db.session.commit()
    with client.session_transaction() as sess:
        sign_in_session(sess, p)
    assert client.get("/account/organiser").status_code == 403


def test_open_redirect_is_refused(client, make_user, login, db):
    make_user()
    db.session.commit()
    res = client.post("/account/login?next=//evil.example/x",
                      data={"email": "organiser@example.org", "password": "organiser-pass-1"})
    assert res.headers["Location"] == "/account/organiser"  # the foreign target is ignored: the dashboard


def test_csrf_is_required_on_forms(make_app):
    app = make_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        client = app.test_client()
        res = client.post("/account/login", data={"email": "a@example.org", "password": "x"})
        assert res.status_code == 400
        assert client.post("/language/de").status_code == 400


def test_login_is_rate_limited(make_app):
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_LOGIN="3 per minute")
    reset_limits()
    with app.app_context():
        client = app.test_client()
        codes = [client.post("/account/login", data={"email": "a@example.org", "password": "x"}).status_code
                 for _ in range(5)]
    reset_limits()
    assert codes[:3] == [200, 200, 200] and codes[3:] == [429, 429]


def test_create_admin_cli(runner, db):
    from app.accounts.models import Role, User

    res = runner.invoke(args=["users", "create-admin", "--email", "Boss@Example.org", "--password", "long-enough-1"])
    assert res.exit_code == 0, res.output
    user = db.session.query(User).filter_by(email="boss@example.org").one()
    assert user.role == Role.ADMIN and user.check_password("long-enough-1")


def test_create_admin_cli_refuses_short_password(runner):
    res = runner.invoke(args=["users", "create-admin", "--email", "x@example.org", "--password", "short"])
    assert res.exit_code == 2
    assert "at least 8 characters" in res.output
